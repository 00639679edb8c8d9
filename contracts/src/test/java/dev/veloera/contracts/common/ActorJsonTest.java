package dev.veloera.contracts.common;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Events carry an {@link Actor}; whatever mapper stores them must see only its two components. */
class ActorJsonTest {

    private final ObjectMapper plainMapper = new ObjectMapper();

    @Test
    void canSerializeWithoutTheDerivedProperties() throws Exception {
        assertThat(plainMapper.writeValueAsString(Actor.SYSTEM)).isEqualTo("{\"userId\":0,\"role\":1000}");
        assertThat(plainMapper.writeValueAsString(new Actor(7, Roles.ADMIN))).isEqualTo("{\"userId\":7,\"role\":10}");
    }

    @Test
    void canReadActorsStoredWithTheDerivedPropertiesOrUnknownOnes() throws Exception {
        assertThat(plainMapper.readValue("{\"userId\":0,\"role\":1000,\"system\":true,\"admin\":true}", Actor.class))
                .isEqualTo(Actor.SYSTEM);
        assertThat(plainMapper.readValue("{\"userId\":7,\"role\":1,\"via\":\"web\"}", Actor.class))
                .isEqualTo(new Actor(7, Roles.COMMON));
    }
}
