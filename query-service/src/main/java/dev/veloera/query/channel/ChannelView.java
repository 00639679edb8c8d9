package dev.veloera.query.channel;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * A channel as listed to admins. The upstream key is left out on purpose, as Veloera's list
 * does: it is only ever written, never read back through the API. {@code models} and
 * {@code group} are comma-separated, {@code model_mapping} a JSON object string.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record ChannelView(long id, int type, String name, int status, String baseUrl, String models, String group,
                   long priority, int weight, String modelMapping, String testModel, long createdTime,
                   long testTime, int responseTime, double balance, long usedQuota, int autoBan) {
}
