package dev.veloera.schema.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;

import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.kafka.KafkaAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/** The {@code kafka} health component on a real single-node KRaft broker, and on an address nobody answers. */
class KafkaHealthAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(KafkaAutoConfiguration.class, KafkaHealthAutoConfiguration.class))
            .withPropertyValues("veloera.health.kafka.timeout=1s");

    @Test
    void upWhileTheBrokerAnswers() {
        EmbeddedKafkaBroker broker = new EmbeddedKafkaKraftBroker(1, 1);
        broker.afterPropertiesSet();
        try {
            runner.withPropertyValues("spring.kafka.bootstrap-servers=" + broker.getBrokersAsString()).run(context -> {
                var health = context.getBean("kafkaHealthIndicator", HealthIndicator.class).health();
                assertThat(health.getStatus()).isEqualTo(Status.UP);
                assertThat(health.getDetails()).containsEntry("brokers", 1);
            });
        } finally {
            broker.destroy();
        }
    }

    @Test
    void downWithinItsTimeoutWhenNoBrokerAnswers() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        runner.withPropertyValues("spring.kafka.bootstrap-servers=127.0.0.1:" + closed).run(context -> {
            long started = System.nanoTime();
            var health = context.getBean("kafkaHealthIndicator", HealthIndicator.class).health();
            assertThat(health.getStatus()).isEqualTo(Status.DOWN);
            // the check is bounded by its timeout (1 s here), with room for a busy machine
            assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(10_000);
        });
    }

    @Test
    void absentWithoutSpringKafka() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(KafkaHealthAutoConfiguration.class))
                .run(context -> assertThat(context).doesNotHaveBean("kafkaHealthIndicator"));
    }
}
