package dev.veloera.query.token;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import dev.veloera.contracts.api.ApiResponse;
import dev.veloera.contracts.usage.ReserveQuotaRequest;
import dev.veloera.contracts.usage.BillingBalance;
import dev.veloera.query.web.ApiException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * A token's and its user's balance for the relay's {@code /dashboard/billing/*} ({@link BillingBalance}), behind the
 * internal secret the relay shares with command-service.
 */
@RestController
class InternalBillingController {

    private final JdbcClient jdbc;
    private final byte[] secret;

    InternalBillingController(JdbcClient jdbc,
                              @Value("${veloera.internal-secret:veloera-dev-secret}") String secret) {
        this.jdbc = jdbc;
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
    }

    @GetMapping(BillingBalance.PATH + "{tokenId}")
    ApiResponse<BillingBalance> balance(@RequestHeader(value = ReserveQuotaRequest.SECRET_HEADER, required = false)
                                      String presented, @PathVariable long tokenId) {
        if (presented == null || !MessageDigest.isEqual(secret, presented.getBytes(StandardCharsets.UTF_8))) {
            throw ApiException.unauthorized("wrong or missing " + ReserveQuotaRequest.SECRET_HEADER);
        }
        return ApiResponse.ok(jdbc.sql("""
                        SELECT t.id, t.remain_quota, t.used_quota, t.unlimited_quota, t.expired_time,
                               u.quota, u.used_quota AS user_used_quota
                        FROM tokens t JOIN users u ON u.id = t.user_id
                        WHERE t.id = ? AND t.deleted_at IS NULL""")
                .param(tokenId)
                .query((rs, n) -> new BillingBalance(rs.getLong("id"), rs.getLong("remain_quota"),
                        rs.getLong("used_quota"), rs.getBoolean("unlimited_quota"), rs.getLong("expired_time"),
                        rs.getLong("quota"), rs.getLong("user_used_quota")))
                .optional()
                .orElseThrow(() -> ApiException.notFound("no token " + tokenId)));
    }
}
