package dev.veloera.relay.chat;

import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A chat request as the client sent it, validated.
 *
 * @param body          the client's body, in its own format
 * @param openAiBody    the same request in OpenAI's format (the body itself for OpenAI clients)
 * @param passHeaders   headers passed on to a native upstream ({@code anthropic-version}, {@code anthropic-beta})
 * @param pinnedChannel the channel an admin named with {@code sk-KEY-<channelId>}, or null
 */
record ChatRequest(ClientFormat format, ObjectNode body, ObjectNode openAiBody, String model, boolean stream,
                   Map<String, String> passHeaders, String clientIp, Long pinnedChannel) {
}
