package dev.veloera.relay.providers;

import java.time.Duration;

import com.openai.client.OpenAIClient;
import com.openai.core.http.HttpResponseFor;
import com.openai.errors.OpenAIServiceException;
import com.openai.models.chat.completions.ChatCompletion;
import dev.veloera.contracts.common.Status;
import dev.veloera.contracts.usage.UsageRecorded;
import org.junit.jupiter.api.Test;

import static dev.veloera.relay.providers.ProviderSdkTest.chat;
import static dev.veloera.relay.providers.ProviderTestSupport.KEY;
import static dev.veloera.relay.providers.ProviderTestSupport.KEY_ADMIN;
import static dev.veloera.relay.providers.ProviderTestSupport.mock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Retries and channel health, with OpenAI's SDK as the client (RetryTimes 2, AutomaticDisableChannelEnabled): a
 * channel answering 429 is passed over for the next priority level within the request; a channel whose key was
 * revoked upstream is reported auto-disabled after its first such answer and not chosen again; a bad key of a
 * two-key channel is set aside alone; an admin's {@code sk-KEY-<channelId>} pins a channel.
 */
class ChannelHealthTest extends ProviderTestBase {

    @Test
    void aRateLimitedChannelIsPassedOverForTheNextOneWithinTheRequest() {
        OpenAIClient client = ProviderTestSupport.openAi(port, KEY);
        int busyBefore = calls("sk-429");
        HttpResponseFor<ChatCompletion> raw = client.chat().completions().withRawResponse().create(chat("busy-model"));

        assertThat(raw.statusCode()).isEqualTo(200);
        assertThat(raw.parse().choices().getFirst().message().content()).hasValue(MockOpenAiUpstream.ANSWER);
        assertThat(calls("sk-429")).isEqualTo(busyBefore + 1);
        UsageRecorded record = usage.only(requestId(raw));
        assertThat(record.status()).isEqualTo(UsageRecorded.SUCCESS);
        assertThat(record.channelId()).isEqualTo(61);
        assertThat(record.other().get("channels_tried")).isEqualTo(java.util.List.of(60, 61));
        // (12 + 8 × 1 [no CacheRatio] + 7 × 1) × 1
        assertThat(record.quota()).isEqualTo(27);
        assertThat(mock.statusReports).noneMatch(report -> report.path("channelId").asLong() == 60);
    }

    @Test
    void aChannelWhoseKeyWasRevokedIsDisabledAfterItsFirstSuchAnswer() throws Exception {
        OpenAIClient client = ProviderTestSupport.openAi(port, KEY);
        HttpResponseFor<ChatCompletion> first = client.chat().completions().withRawResponse()
                .create(chat("revoked-model"));
        assertThat(first.statusCode()).isEqualTo(200);
        UsageRecorded record = usage.only(requestId(first));
        assertThat(record.channelId()).isEqualTo(71);
        assertThat(record.other().get("channels_tried")).isEqualTo(java.util.List.of(70, 71));

        await(() -> mock.statusReports.stream().anyMatch(report -> report.path("channelId").asLong() == 70
                && report.path("status").asInt() == Status.AUTO_DISABLED
                && report.path("reason").asText().contains("401")), Duration.ofSeconds(5));

        int revokedCalls = calls("sk-revoked");
        for (int i = 0; i < 3; i++) {
            HttpResponseFor<ChatCompletion> next = client.chat().completions().withRawResponse()
                    .create(chat("revoked-model"));
            assertThat(usage.only(requestId(next)).other().get("channels_tried")).isEqualTo(java.util.List.of(71));
        }
        assertThat(calls("sk-revoked")).as("the disabled channel is set aside at once").isEqualTo(revokedCalls);
    }

    @Test
    void aBadKeyOfAMultiKeyChannelIsSetAsideAlone() {
        OpenAIClient client = ProviderTestSupport.openAi(port, KEY);
        for (int i = 0; i < 4; i++) {
            HttpResponseFor<ChatCompletion> raw = client.chat().completions().withRawResponse()
                    .create(chat("multikey-model"));
            assertThat(raw.statusCode()).isEqualTo(200);
            assertThat(usage.only(requestId(raw)).channelId()).isEqualTo(80);
        }
        assertThat(calls("sk-revoked-80")).isEqualTo(1);
        assertThat(calls("sk-good-80")).isEqualTo(4);
        assertThat(mock.statusReports).noneMatch(report -> report.path("channelId").asLong() == 80);
    }

    @Test
    void anAdminPinsAChannelWithSkKeyDashChannelId() {
        OpenAIClient admin = ProviderTestSupport.openAi(port, KEY_ADMIN + "-60");
        assertThatThrownBy(() -> admin.chat().completions().create(chat("busy-model")))
                .isInstanceOfSatisfying(OpenAIServiceException.class,
                        e -> assertThat(e.statusCode()).as("the pinned channel alone, no retry").isEqualTo(429));

        OpenAIClient user = ProviderTestSupport.openAi(port, KEY + "-61");
        assertThatThrownBy(() -> user.chat().completions().create(chat("busy-model")))
                .isInstanceOfSatisfying(OpenAIServiceException.class, e -> assertThat(e.statusCode()).isEqualTo(403));
    }

    @Test
    void paramOverrideModelMappingAndStatusCodeMappingApply() {
        OpenAIClient client = ProviderTestSupport.openAi(port, KEY);
        HttpResponseFor<ChatCompletion> raw = client.chat().completions().withRawResponse().create(
                ProviderSdkTest.chatBuilder("override-model").temperature(0.9).build());
        assertThat(raw.statusCode()).isEqualTo(200);
        var body = mock.lastCall().body();
        assertThat(body.path("model").asText()).isEqualTo("upstream-override");
        assertThat(body.path("temperature").asDouble()).isEqualTo(0.2);
        assertThat(body.path("user").asText()).isEqualTo("relay");
        UsageRecorded record = usage.only(requestId(raw));
        assertThat(record.model()).isEqualTo("override-model");
        assertThat(record.upstreamModel()).isEqualTo("upstream-override");

        // the channel's 429 reaches the client as 503; no other channel serves the model
        assertThatThrownBy(() -> client.chat().completions().create(chat("mapped-status-model")))
                .isInstanceOfSatisfying(OpenAIServiceException.class, e -> assertThat(e.statusCode()).isEqualTo(503));
    }

    private static int calls(String key) {
        var count = mock.callsByKey.get(key);
        return count == null ? 0 : count.get();
    }

    interface Condition {
        boolean holds() throws Exception;
    }

    static void await(Condition condition, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.holds()) {
            assertThat(System.nanoTime()).as("condition not met within %s", timeout).isLessThan(deadline);
            Thread.sleep(10);
        }
    }
}
