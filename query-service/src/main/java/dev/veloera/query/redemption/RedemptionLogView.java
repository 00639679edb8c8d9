package dev.veloera.query.redemption;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** One use of a code, Veloera's {@code RedemptionLog} fields plus the user's name. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record RedemptionLogView(long id, long redemptionId, long userId, String username, long usedTime) {
}
