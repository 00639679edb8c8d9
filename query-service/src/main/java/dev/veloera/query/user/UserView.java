package dev.veloera.query.user;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** A user as Veloera's API shows one; never the password hash nor the access token. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record UserView(long id, String username, String displayName, int role, int status, String email, long quota,
                long usedQuota, long requestCount, String group, String affCode, long affCount, long affQuota,
                long affHistoryQuota, Long inviterId, String remark) {
}
