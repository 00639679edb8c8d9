package dev.veloera.query.token;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** An API token as listed to its owner: {@code key} is the masked key, the only form kept after creation. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record TokenView(long id, long userId, String name, String key, int status, long createdTime, long accessedTime,
                 long expiredTime, long remainQuota, boolean unlimitedQuota, long usedQuota,
                 boolean modelLimitsEnabled, String modelLimits, String allowIps, String group) {
}
