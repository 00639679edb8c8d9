package dev.veloera.query.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.veloera.contracts.common.Actor;
import dev.veloera.contracts.user.QuotaCreditedEvent;
import dev.veloera.contracts.user.UserQuotaSetEvent;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class AuditTrailTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void balanceFoldKeepsTheQuotaThroughEventsThatDoNotChangeIt() {
        BalanceFold fold = new BalanceFold();
        assertThat(fold.apply(new UserQuotaSetEvent("1", 0, 100, Actor.SYSTEM))).isEqualTo(100);
        assertThat(fold.apply("an event that holds no balance")).isEqualTo(100);
        assertThat(fold.apply(new QuotaCreditedEvent("1", 50, 150, "topup", "t", "", 0, Actor.SYSTEM))).isEqualTo(150);
        assertThat(fold.current()).isEqualTo(150);
    }

    @Test
    void secretsAreLeftOut() {
        JsonNode option = AuditTrail.withoutSecrets("OptionChangedEvent", json.valueToTree(Map.of("key", "EpayKey",
                "value", "s3cret", "previousValue", "old", "actor", Map.of("userId", 1))));
        assertThat(option.path("key").asText()).isEqualTo("EpayKey");
        assertThat(option.has("value")).isFalse();
        assertThat(option.has("previousValue")).isFalse();
        assertThat(option.has("actor")).isFalse();
        JsonNode price = AuditTrail.withoutSecrets("OptionChangedEvent", json.valueToTree(Map.of("key", "Price",
                "value", "7.3")));
        assertThat(price.path("value").asText()).isEqualTo("7.3");
        assertThat(AuditTrail.withoutSecrets("ChannelCreatedEvent", json.valueToTree(Map.of("key", "sk-upstream")))
                .has("key")).isFalse();
        assertThat(AuditTrail.withoutSecrets("UserRegisteredEvent", json.valueToTree(Map.of("passwordHash", "$2a$",
                "username", "u"))).has("passwordHash")).isFalse();
        assertThat(AuditTrail.withoutSecrets("RedemptionCreatedEvent", json.valueToTree(Map.of("key", "code")))
                .path("key").asText()).isEqualTo("code");
    }

    @Test
    void aTokensTrailIsTheEventsThatNameIt() {
        assertThat(AuditTrail.concernsToken(5).test(json.valueToTree(Map.of("tokenId", 5)))).isTrue();
        assertThat(AuditTrail.concernsToken(5).test(json.valueToTree(Map.of("tokenId", 6)))).isFalse();
        assertThat(AuditTrail.concernsToken(5).test(json.valueToTree(Map.of("tokens", java.util.List.of(
                Map.of("tokenId", 5)))))).isTrue();
        assertThat(AuditTrail.concernsToken(5).test(json.valueToTree(Map.of("quota", 1)))).isFalse();
    }
}
