package dev.veloera.platform;

import java.time.Duration;

/**
 * What the platform promises (DESIGN.md), as the platform tests wait for it: a test waits for one of these plus
 * {@link #MARGIN}, a stated allowance for a busy 2-core machine, and prints the figure it measured, so a slow run
 * shows as a figure rather than a red build. A test with a bound of its own declares it beside these.
 */
final class Promises {

    /** A change is in every relay's catalog within 1 s (DESIGN, "Request path"). */
    static final Duration RELAY_SEES = Duration.ofSeconds(1);
    /** An event is in the read model. */
    static final Duration PROJECTED = Duration.ofSeconds(5);
    /** A request is settled from Kafka and its balance projected. */
    static final Duration BILLED = Duration.ofSeconds(5);
    /** A request is a log row: a Streams commit (100 ms), then the sink's batch. */
    static final Duration LOGGED = Duration.ofSeconds(5);
    /** Setting an installation up: its first commands meet read models that are still starting. */
    static final Duration SETUP = Duration.ofSeconds(30);
    static final Duration MARGIN = Duration.ofSeconds(10);

    private Promises() {
    }
}
