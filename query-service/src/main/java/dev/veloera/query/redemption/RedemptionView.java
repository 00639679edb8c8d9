package dev.veloera.query.redemption;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** A redemption code in Veloera's JSON field names. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record RedemptionView(long id, long userId, String key, int status, String name, long quota,
                             long createdTime, long redeemedTime, long validFrom, long validUntil, long usedUserId,
                             boolean isGift, int maxUses, int usedCount) {
}
