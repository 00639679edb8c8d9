package dev.veloera.relay.catalog;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.veloera.contracts.catalog.CatalogChannel;
import dev.veloera.contracts.catalog.CatalogOption;
import dev.veloera.contracts.catalog.CatalogToken;
import dev.veloera.contracts.catalog.CatalogUser;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CatalogTest {

    static final ObjectMapper JSON = new ObjectMapper();
    final Catalog catalog = new Catalog();

    @Test
    void canKeepTheLastValuePerKeyAndDropTombstones() throws Exception {
        catalog.apply("token:1", json(token(1, "hash-a", 1)));
        catalog.apply("token:1", json(token(1, "hash-a", 2)));
        catalog.apply("token:2", json(token(2, "hash-b", 1)));
        catalog.apply("token:2", null);
        catalog.apply("user:7", json(new CatalogUser(7, "alice", 1, "vip", 1)));
        catalog.markLoaded();

        assertThat(catalog.tokenByKeyHash("hash-a").status()).isEqualTo(2);
        assertThat(catalog.tokenByKeyHash("hash-b")).isNull();
        assertThat(catalog.user(7).group()).isEqualTo("vip");
        catalog.apply("user:7", null);
        assertThat(catalog.user(7)).isNull();
    }

    @Test
    void canForgetAnOldKeyHashWhenATokensKeyChanges() throws Exception {
        catalog.apply("token:1", json(token(1, "old", 1)));
        catalog.apply("token:1", json(token(1, "new", 1)));
        assertThat(catalog.tokenByKeyHash("old")).isNull();
        assertThat(catalog.tokenByKeyHash("new").id()).isEqualTo(1);
    }

    @Test
    void canIndexEnabledChannelsByPriorityThenWeight() throws Exception {
        catalog.apply("channel:1", json(channel(1, 1, 0, 5, List.of("default"))));
        catalog.apply("channel:2", json(channel(2, 1, 10, 1, List.of("default", "vip"))));
        catalog.apply("channel:3", json(channel(3, 1, 0, 50, List.of("default"))));
        catalog.apply("channel:4", json(channel(4, 2, 99, 1, List.of("default"))));
        assertThat(catalog.channelsFor("default", "gpt-4o")).as("built when loaded, not per record").isEmpty();
        catalog.markLoaded();

        assertThat(catalog.channelsFor("default", "gpt-4o")).extracting(CatalogChannel::id).containsExactly(2L, 3L, 1L);
        assertThat(catalog.channelsFor("vip", "gpt-4o")).extracting(CatalogChannel::id).containsExactly(2L);
        assertThat(catalog.modelsOf("default").keySet()).containsExactly("gpt-4o", "o1");
        catalog.apply("channel:2", null);
        assertThat(catalog.channelsFor("default", "gpt-4o")).extracting(CatalogChannel::id).containsExactly(3L, 1L);
        assertThat(catalog.channelsFor("vip", "gpt-4o")).isEmpty();
    }

    @Test
    void canPriceFromOptionsOverTheDefaults() throws Exception {
        catalog.markLoaded();
        catalog.apply("option:ModelRatio", json(new CatalogOption("ModelRatio", "{\"my-model\":3}")));
        catalog.apply("option:GroupRatio", json(new CatalogOption("GroupRatio", "not json")));
        assertThat(catalog.pricing().priceFor("my-model", "default").modelRatio()).isEqualTo(3.0);
        assertThat(catalog.pricing().priceFor("my-model", "default").groupRatio()).isEqualTo(1.0);
        catalog.apply("option:ModelRatio", null);
        assertThat(catalog.pricing().priceFor("my-model", "default").modelRatio()).isNotEqualTo(3.0);
    }

    @Test
    void canSkipWhatItCannotReadAndKeepGoing() throws Exception {
        catalog.apply("token:x", json(token(1, "h", 1)));
        catalog.apply("token:1", "{not json");
        catalog.apply("lease:1", "{}");
        catalog.apply("token:1", "{\"id\":1,\"userId\":7,\"keyHash\":\"h\",\"status\":1,\"expiredTime\":-1,\"future\":true}");
        assertThat(catalog.tokenByKeyHash("h").userId()).isEqualTo(7);
    }

    private static CatalogToken token(long id, String hash, int status) {
        return new CatalogToken(id, 7, "t", hash, status, -1, false, false, List.of(), "", "");
    }

    private static CatalogChannel channel(long id, int status, long priority, int weight, List<String> groups) {
        return new CatalogChannel(id, "c" + id, 0, "sk", "", status, List.of("gpt-4o", "o1"), groups, priority, weight,
                Map.of());
    }

    private static String json(Object value) throws Exception {
        return JSON.writeValueAsString(value);
    }
}
