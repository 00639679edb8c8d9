package dev.veloera.query.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * One event of an audit trail: when (epoch ms), who ({@code actor}: user id and role, or the system), what
 * (the event type and its payload, secrets left out) and, for user balances, the quota before and after it.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AuditEntry(long sequence, long time, Who actor, String event, JsonNode payload, Long quotaBefore,
                         Long quotaAfter) {

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Who(long userId, int role, boolean system) {
    }
}
