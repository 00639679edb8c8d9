package dev.veloera.relay.chat;

import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.veloera.contracts.pricing.ModelPrice;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PriceRuleTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void imagesArePricedPerImageBySizeAndQualityWithTheFractionDroppedAsVeloeraDoes() {
        ModelPrice dallE3 = new ModelPrice("dall-e-3", "default", true, 0.04, 0, 1, 1);
        // 0.04 USD × 2 images × 500,000; 0.04 × size 2 × hd 1.5 at 1792
        assertThat(images(dallE3, "{\"n\":2}")).isEqualTo(40_000);
        assertThat(images(dallE3, "{\"size\":\"1792x1024\",\"quality\":\"hd\"}")).isEqualTo(60_000);
        assertThat(images(dallE3, "{\"size\":\"1024x1024\",\"quality\":\"hd\"}")).isEqualTo(40_000);
        // by ratio: 0.0025 USD × 7.5 × size 0.45 × 500,000 = 4,218.75, of which Veloera bills 4,218 (relay-image.go)
        ModelPrice byRatio = new ModelPrice("some-image-model", "default", false, 0, 7.5, 1, 1);
        assertThat(images(byRatio, "{\"size\":\"512x512\"}")).isEqualTo(4_218);
    }

    private static long images(ModelPrice price, String body) {
        try {
            ObjectNode request = (ObjectNode) JSON.readTree(body);
            request.put("model", price.model());
            return PriceRule.IMAGES.quota(price, null, 1, new ChatRequest(ClientFormat.OPENAI, request, request,
                    price.model(), false, Map.of(), "127.0.0.1", null));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
