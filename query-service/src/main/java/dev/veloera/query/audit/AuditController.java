package dev.veloera.query.audit;

import dev.veloera.contracts.api.ApiResponse;
import dev.veloera.query.auth.Caller;
import dev.veloera.query.web.ApiException;
import dev.veloera.query.web.Page;
import dev.veloera.query.web.PageRequest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/**
 * {@code GET /api/audit/{type}/{id}} (admin): an aggregate's events in order, oldest first, paged as the other
 * lists ({@code p}, {@code page_size}). Users and tokens carry the user's quota before and after each event; a
 * token's trail is its user's events that concern it.
 */
@RestController
class AuditController {

    private final AuditTrail trail;
    private final JdbcClient jdbc;

    AuditController(AuditTrail trail, JdbcClient jdbc) {
        this.trail = trail;
        this.jdbc = jdbc;
    }

    @GetMapping("/api/audit/{type}/{id}")
    ApiResponse<Page<AuditEntry>> audit(Caller caller, @PathVariable("type") String type,
                                        @PathVariable("id") String id,
                                        @RequestParam(name = "p", required = false) Integer p,
                                        @RequestParam(name = "page_size", required = false) Integer pageSize) {
        caller.requireAdmin();
        List<AuditEntry> entries;
        if (type.equals("token")) {
            long tokenId = AuditTargets.number(id);
            long userId = jdbc.sql("SELECT user_id FROM tokens WHERE id = ?").param(tokenId).query(Long.class)
                    .optional().orElseThrow(() -> ApiException.notFound("no token " + tokenId));
            entries = trail.of(String.valueOf(userId), true, AuditTrail.concernsToken(tokenId));
        } else {
            entries = trail.of(AuditTargets.aggregateId(type, id), type.equals("user"));
        }
        if (entries.isEmpty() && !type.equals("options")) {
            throw ApiException.notFound("no " + type + " " + id);
        }
        PageRequest page = PageRequest.of(p, pageSize);
        int from = (int) Math.min(entries.size(), page.offset());
        int to = Math.min(entries.size(), from + page.pageSize());
        return ApiResponse.ok(Page.of(entries.subList(from, to), entries.size(), page));
    }
}
