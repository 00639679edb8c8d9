package dev.veloera.relay.pricing;

import dev.veloera.contracts.pricing.ModelPrice;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BillingTest {

    private static final ModelPrice CLAUDE = new ModelPrice("claude", "default", false, 0, 3, 5, 1);

    @Test
    void billsCacheReadsAtTheCacheRatioAndCacheWritesAt125() {
        // Claude: 15 fresh input, 3 read, 2 written, 9 output: (15 + 0.3 + 2.5 + 45) × 3
        TokenUsage usage = TokenUsage.ofClaude(15, 9, 3, 2);
        assertThat(usage.promptTokens()).isEqualTo(20);
        assertThat(Billing.quota(CLAUDE, usage, 0.1)).isEqualTo(188);
        // OpenAI: 20 prompt of which 8 cached at 0.5, 7 completion at 4, ratio 2: (12 + 4 + 28) × 2
        ModelPrice mini = new ModelPrice("gpt-4o-mini", "default", false, 0, 2, 4, 1);
        assertThat(Billing.quota(mini, new TokenUsage(20, 7, 8, 0), 0.5)).isEqualTo(88);
        // without cache tokens, the contract's own rule
        assertThat(Billing.quota(mini, new TokenUsage(20, 7, 0, 0), 0.5)).isEqualTo(mini.quotaFor(20, 7));
        // per call, whatever the tokens
        ModelPrice perCall = new ModelPrice("dall-e-3", "default", true, 0.04, 0, 1, 1.5);
        assertThat(Billing.quota(perCall, new TokenUsage(100, 100, 50, 0), 0.5)).isEqualTo(30_000);
    }
}
