package dev.veloera.command.channel;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import dev.veloera.contracts.common.Actor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;

/**
 * The periodic channel test ({@code VELOERA_CHANNEL_TEST_INTERVAL}, default every 10 minutes; 0 turns it off): a
 * db-scheduler recurring task, so with several command-service replicas one of them runs it per interval. It tests
 * the auto-disabled channels, which {@link ChannelTests} enables again when they pass and
 * {@code AutomaticEnableChannelEnabled} is on; enabled channels are not called (a test costs upstream quota), the
 * relay's own failures disable them.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${veloera.channel-test-interval:PT10M}' != '0' and '${veloera.channel-test-interval:PT10M}' != 'PT0S'")
class ChannelTestSchedule {

    static final String TASK = "channel-test";
    private static final Logger log = LoggerFactory.getLogger(ChannelTestSchedule.class);

    @Bean
    RecurringTask<Void> channelTestTask(@Value("${veloera.channel-test-interval:PT10M}") Duration interval,
                                        ChannelSelection selection, ChannelTests tests) {
        return Tasks.recurring(TASK, FixedDelay.of(interval)).execute((instance, context) -> {
            int passed = 0;
            var ids = selection.autoDisabled();
            for (long id : ids) {
                try {
                    if (tests.test(id, null, Actor.SYSTEM).map(ChannelUpstream.TestResult::passed).orElse(false)) {
                        passed++;
                    }
                } catch (RuntimeException e) {
                    log.warn("Periodic test of channel {} failed to run: {}", id, e.toString());
                }
            }
            if (!ids.isEmpty()) {
                log.info("Periodic channel test: {} auto-disabled channel(s) tested, {} passed", ids.size(), passed);
            }
        });
    }
}
