package dev.veloera.command.channel;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.veloera.command.config.LookupTables;
import org.springframework.stereotype.Component;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a test, a balance query or a model listing needs of a channel, read from the read model's {@code channels}
 * row: calling an upstream decides nothing about the channel's state, the result goes back as a command.
 */
record ChannelRow(long id, int type, String key, String baseUrl, String testModel, List<String> models,
                  Map<String, String> modelMapping, int status, int autoBan) {

    /** The first credential: a channel may hold several, one per line (or comma-separated) used in turn. */
    String firstKey() {
        return key.strip().split("[\\r\\n,]+")[0].strip();
    }

    /** The model a test asks for: {@code requested}, else the test model, else the first model; then mapped. */
    String testModel(String requested) {
        String model = requested != null && !requested.isBlank() ? requested.strip()
                : !testModel.isBlank() ? testModel : models.isEmpty() ? "gpt-4o-mini" : models.getFirst();
        return modelMapping.getOrDefault(model, model);
    }

    @Component
    static class Reader {

        private static final ObjectMapper JSON = new ObjectMapper();

        private final LookupTables tables;

        Reader(LookupTables tables) {
            this.tables = tables;
        }

        Optional<ChannelRow> find(long id) {
            return tables.jdbc().query("""
                            SELECT id, type, key_value, base_url, test_model, models, model_mapping, status, auto_ban
                            FROM channels WHERE id = ?""",
                    (rs, n) -> new ChannelRow(rs.getLong("id"), rs.getInt("type"), orEmpty(rs.getString("key_value")),
                            orEmpty(rs.getString("base_url")), orEmpty(rs.getString("test_model")),
                            list(rs.getString("models")), mapping(rs.getString("model_mapping")), rs.getInt("status"),
                            rs.getInt("auto_ban")), id).stream().findFirst();
        }

        private static List<String> list(String csv) {
            return csv == null || csv.isBlank() ? List.of()
                    : Arrays.stream(csv.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
        }

        private static Map<String, String> mapping(String text) {
            try {
                return text == null || text.isBlank() ? Map.of() : JSON.readValue(text, new TypeReference<>() {
                });
            } catch (Exception e) {
                return Map.of();
            }
        }

        private static String orEmpty(String value) {
            return value == null ? "" : value;
        }
    }
}
