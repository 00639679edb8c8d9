package dev.veloera.query.axon;

import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;

/**
 * Axon's JDBC token store, except that a processor's first start reads the events already in the store as live ones,
 * not as a replay. Since Axon 4.6 a new processor's initial token is a {@link ReplayToken} up to the head of the store,
 * so the handlers that skip replays, the catalog publications ({@code @DisallowReplay}), never published what was
 * appended before this service's processors first claimed their segments, and relays never learnt of it. Found in CI:
 * on MariaDB a deadlock while the processors created their segments held one back by a second, a test's new channel
 * was appended meanwhile, and no relay ever offered it. An explicit reset ({@code resetTokens}) still replays.
 */
class LiveCatchUpTokenStore extends JdbcTokenStore {

    LiveCatchUpTokenStore(JdbcTokenStore.Builder builder) {
        super(builder);
    }

    @Override
    public void initializeTokenSegments(String processorName, int segmentCount, TrackingToken initialToken)
            throws UnableToClaimTokenException {
        super.initializeTokenSegments(processorName, segmentCount,
                initialToken instanceof ReplayToken replay ? replay.getCurrentToken() : initialToken);
    }
}
