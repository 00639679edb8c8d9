package dev.veloera.query.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * An aggregate's events, in order, from the event store itself (never from a projection): read from sequence 0,
 * so no snapshot stands in for the events it summarises. Secrets (password hashes, access tokens, API and
 * channel keys) are left out of the payloads.
 */
@Component
class AuditTrail {

    private static final Set<String> SECRETS = Set.of("password", "passwordHash", "accessToken",
            "candidateAccessToken", "keyHash");

    private final EventStore eventStore;
    private final ObjectMapper json;

    AuditTrail(EventStore eventStore) {
        this.eventStore = eventStore;
        this.json = new ObjectMapper().findAndRegisterModules();
    }

    /** Every event of {@code aggregateId}, balances folded when {@code balances}. */
    List<AuditEntry> of(String aggregateId, boolean balances) {
        return of(aggregateId, balances, payload -> true);
    }

    /** The events of {@code aggregateId} whose payload {@code concerns} accepts; balances folded over all of them. */
    List<AuditEntry> of(String aggregateId, boolean balances, Predicate<JsonNode> concerns) {
        List<AuditEntry> entries = new ArrayList<>();
        BalanceFold fold = new BalanceFold();
        DomainEventStream events = eventStore.readEvents(aggregateId, 0);
        while (events.hasNext()) {
            DomainEventMessage<?> message = events.next();
            Object event = message.getPayload();
            long before = fold.current();
            long after = fold.apply(event);
            JsonNode payload = json.valueToTree(event);
            if (!concerns.test(payload)) {
                continue;
            }
            entries.add(new AuditEntry(message.getSequenceNumber(), message.getTimestamp().toEpochMilli(),
                    actor(payload), message.getPayloadType().getSimpleName(),
                    withoutSecrets(message.getPayloadType().getSimpleName(), payload),
                    balances ? before : null, balances ? after : null));
        }
        return entries;
    }

    /** Whether an event concerns token {@code tokenId}: its own {@code tokenId}, or one of its lists names it. */
    static Predicate<JsonNode> concernsToken(long tokenId) {
        return payload -> {
            if (payload.path("tokenId").asLong(-1) == tokenId) {
                return true;
            }
            for (JsonNode list : List.of(payload.path("tokens"), payload.path("settled"))) {
                for (JsonNode item : list) {
                    if (item.path("tokenId").asLong(-1) == tokenId) {
                        return true;
                    }
                }
            }
            return false;
        };
    }

    private static AuditEntry.Who actor(JsonNode payload) {
        JsonNode actor = payload.path("actor");
        if (actor.isMissingNode() || actor.isNull()) {
            return null;
        }
        long userId = actor.path("userId").asLong();
        int role = actor.path("role").asInt();
        return new AuditEntry.Who(userId, role, userId == 0 && role == dev.veloera.contracts.common.Roles.SYSTEM);
    }

    /**
     * Leaves out what no API answers: password hashes, access tokens, key hashes, a channel's upstream key, and the
     * values of options whose name ends in Token, Secret or Key (as {@code GET /api/option/} never returns them).
     * A redemption code's key stays: admins list codes with their keys.
     */
    static JsonNode withoutSecrets(String eventType, JsonNode payload) {
        if (payload instanceof ObjectNode object) {
            object.remove(SECRETS);
            object.remove("actor");
            if (eventType.startsWith("Channel")) {
                object.remove("key");
            }
            String option = object.path("key").asText("");
            if (object.has("value") && (option.endsWith("Token") || option.endsWith("Secret") || option.endsWith("Key"))) {
                object.remove(List.of("value", "previousValue"));
            }
        }
        return payload;
    }
}
