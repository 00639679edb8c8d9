package dev.veloera.query.channel;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * A channel as Veloera's channel JSON has it. The upstream {@code key} is only in {@code GET /api/channel/{id}}
 * (null, hence absent, in lists and searches): it is read back one channel at a time, by an admin.
 * {@code models} and {@code group} are comma-separated; the JSON-valued fields are JSON object strings.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
record ChannelView(long id, int type, String key, String openaiOrganization, String testModel, int status,
                   String name, int weight, long createdTime, long testTime, int responseTime, String baseUrl,
                   String other, double balance, long balanceUpdatedTime, String models, String group,
                   long usedQuota, String modelMapping, String statusCodeMapping, long priority, int autoBan,
                   String otherInfo, String tag, String setting, String paramOverride, String modelPrefix) {
}
