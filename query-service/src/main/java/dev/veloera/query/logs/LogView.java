package dev.veloera.query.logs;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** One {@code logs} row as Veloera shows it ({@code channel} is the channel id, {@code other} a JSON string). */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record LogView(long id, long userId, long createdAt, int type, String content, String username, String tokenName,
               String modelName, long quota, long promptTokens, long completionTokens, long useTime,
               @JsonProperty("is_stream") boolean isStream, long channel, long tokenId, String group, String other,
               String requestId) {
}
