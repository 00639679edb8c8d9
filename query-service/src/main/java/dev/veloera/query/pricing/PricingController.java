package dev.veloera.query.pricing;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.veloera.contracts.api.ApiResponse;
import dev.veloera.contracts.pricing.ModelPrice;
import dev.veloera.contracts.pricing.PricingTable;
import dev.veloera.query.auth.AccessTokenDirectory;
import dev.veloera.query.auth.Caller;
import org.springframework.http.HttpHeaders;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code GET /api/pricing} (public; a logged-in caller sees their usable groups), {@code GET /api/models}
 * (channel type → models, for a user) and {@code GET /api/group/} (admin: the groups with a ratio), in Veloera's
 * shapes. Prices are what the relay charges: the same options over the same defaults.
 */
@RestController
class PricingController {

    /** Veloera's Pricing entry: {@code quota_type} 0 by ratio, 1 per call. */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    record Pricing(String model_name, int quota_type, double model_ratio, double model_price, String owner_by,
                   double completion_ratio, List<String> enable_groups) {
    }

    private final StoredPricing pricing;
    private final AccessTokenDirectory directory;
    private final JdbcClient jdbc;

    PricingController(StoredPricing pricing, AccessTokenDirectory directory, JdbcClient jdbc) {
        this.pricing = pricing;
        this.directory = directory;
        this.jdbc = jdbc;
    }

    @GetMapping("/api/pricing")
    Map<String, Object> prices(@RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
        PricingTable table = pricing.table();
        List<Pricing> entries = new ArrayList<>();
        pricing.enabledGroupsByModel().forEach((model, groups) -> {
            ModelPrice price = table.priceFor(model, "default");
            entries.add(price.perCall()
                    ? new Pricing(model, 1, 0, price.modelPrice(), "", 0, groups)
                    : new Pricing(model, 0, price.modelRatio(), 0, "", price.completionRatio(), groups));
        });
        Map<String, String> usable = pricing.usableGroups(userGroup(authorization));
        Map<String, Double> groupRatio = new TreeMap<>(table.groupRatio());
        groupRatio.keySet().retainAll(usable.keySet());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("success", true);
        body.put("data", entries);
        body.put("group_ratio", groupRatio);
        body.put("usable_group", usable);
        return body;
    }

    /** Veloera's dashboard list: channel type → the models its enabled channels serve. */
    @GetMapping("/api/models")
    ApiResponse<Map<Integer, List<String>>> models(Caller caller) {
        Map<Integer, List<String>> byType = new TreeMap<>();
        jdbc.sql("SELECT type, models FROM channels WHERE status = 1 ORDER BY id")
                .query((rs, n) -> {
                    List<String> models = byType.computeIfAbsent(rs.getInt(1), t -> new ArrayList<>());
                    String csv = rs.getString(2);
                    if (csv != null) {
                        for (String model : csv.split(",")) {
                            if (!model.isBlank() && !models.contains(model.strip())) {
                                models.add(model.strip());
                            }
                        }
                    }
                    return null;
                }).list();
        return ApiResponse.ok(byType);
    }

    @GetMapping({"/api/group", "/api/group/"})
    ApiResponse<List<String>> groups(Caller caller) {
        caller.requireAdmin();
        return ApiResponse.ok(new ArrayList<>(new TreeMap<>(pricing.table().groupRatio()).keySet()));
    }

    private String userGroup(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            return null;
        }
        String token = authorization.strip().regionMatches(true, 0, "Bearer ", 0, 7)
                ? authorization.strip().substring(7).strip() : authorization.strip();
        return directory.findByAccessToken(token)
                .map(holder -> jdbc.sql("SELECT group_name FROM users WHERE id = ?").param(holder.caller().id())
                        .query(String.class).optional().orElse(null))
                .orElse(null);
    }
}
