package dev.veloera.relay.forward;

import java.util.List;

/**
 * Which service answers a management request. Reads (GET, HEAD) go to query-service and writes to
 * command-service, except: the GETs that Veloera's API defines with a side effect (a new access token,
 * a logout, Epay's payment notification, channel tests and balance updates that call the upstream and
 * save what they learn), which go to command-service; and {@code /api/maintenance/**}, query-service's
 * read-model maintenance, and {@code DELETE /api/log/}, which go to query-service.
 */
final class ApiRoutes {

    /** GET paths (exact, or a prefix when ending in '/') that change state, so command-service serves them. */
    private static final List<String> COMMAND_SIDE_GETS = List.of(
            "/api/user/token",
            "/api/user/logout",
            "/api/user/epay/notify",
            "/api/channel/test", "/api/channel/test/",
            "/api/channel/update_balance", "/api/channel/update_balance/",
            "/api/channel/fetch_models/");

    private ApiRoutes() {
    }

    /** Whether {@code method path} goes to query-service (else to command-service). */
    static boolean toQueryService(String method, String path) {
        if (path.equals("/api/maintenance") || path.startsWith("/api/maintenance/")) {
            return true;
        }
        if (method.equals("DELETE") && (path.equals("/api/log") || path.equals("/api/log/"))) {
            return true; // Veloera's history-log deletion: the logs are query-service's read model
        }
        if (!method.equals("GET") && !method.equals("HEAD")) {
            return false;
        }
        return COMMAND_SIDE_GETS.stream().noneMatch(route -> route.endsWith("/") ? path.startsWith(route)
                : path.equals(route));
    }
}
