package dev.veloera.contracts.common;

import java.net.InetAddress;
import java.util.UUID;

/**
 * The stable name of one running service instance ({@code VELOERA_INSTANCE_ID}). Kafka's static group
 * membership keys a consumer by it ({@code group.instance.id}), so a restarted instance takes its
 * partitions back at once instead of waiting for its old membership to time out; relay leases will
 * name their holder by it.
 *
 * <p>Two live instances must never share a name: the broker fences the older one. Without a
 * configured name the default is {@code <host>-<port>}, unique on a host and the same after a restart
 * on it; a service on a random port (tests) gets a random name, since nothing can restart as it.
 */
public final class InstanceName {

    private InstanceName() {
    }

    /**
     * @param configured the operator's name, used as it is when not blank
     * @param port       the service's HTTP port as configured; {@code 0} or blank for a random one
     */
    public static String resolve(String configured, String port) {
        if (configured != null && !configured.isBlank()) {
            return configured.strip();
        }
        if (port == null || port.isBlank() || port.strip().equals("0")) {
            return host() + "-" + UUID.randomUUID().toString().substring(0, 8);
        }
        return host() + "-" + port.strip();
    }

    private static String host() {
        String fromEnvironment = System.getenv("HOSTNAME");
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return fromEnvironment.strip();
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception unknown) {
            return "localhost";
        }
    }
}
