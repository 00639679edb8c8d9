package dev.veloera.relay.billing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.veloera.contracts.api.GatewayError;
import dev.veloera.contracts.pricing.QuotaMath;
import dev.veloera.contracts.usage.ReserveQuotaRequest;
import dev.veloera.contracts.usage.BillingBalance;
import dev.veloera.relay.RelayProperties;
import dev.veloera.relay.auth.ApiKey;
import dev.veloera.relay.auth.ApiKeyAuthenticator;
import dev.veloera.relay.catalog.Catalog;
import dev.veloera.relay.catalog.RelayOptions;
import dev.veloera.relay.web.RelayException;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Veloera's OpenAI-shaped balance for the key ({@code /dashboard/billing/subscription} and {@code /usage}, also under
 * {@code /v1}): the token's balance (DisplayTokenStatEnabled) or its user's, in USD (DisplayInCurrencyEnabled) or
 * quota units; an unlimited token shows 100,000,000. The balance is read from query-service ({@link BillingBalance}):
 * these two endpoints are not on the request path, which reads no remote balance.
 */
@RestController
class BillingController {

    record Subscription(String object, @JsonProperty("has_payment_method") boolean hasPaymentMethod,
                        @JsonProperty("soft_limit_usd") double softLimitUsd,
                        @JsonProperty("hard_limit_usd") double hardLimitUsd,
                        @JsonProperty("system_hard_limit_usd") double systemHardLimitUsd,
                        @JsonProperty("access_until") long accessUntil) {
    }

    record Usage(String object, @JsonProperty("total_usage") double totalUsage) {
    }

    private static final double UNLIMITED = 100_000_000;

    private final ApiKeyAuthenticator authenticator;
    private final Catalog catalog;
    private final HttpClient http;
    private final RelayProperties properties;
    private final ObjectMapper json;

    BillingController(ApiKeyAuthenticator authenticator, Catalog catalog, HttpClient relayHttpClient,
                      RelayProperties properties, ObjectMapper json) {
        this.authenticator = authenticator;
        this.catalog = catalog;
        this.http = relayHttpClient;
        this.properties = properties;
        this.json = json;
    }

    @GetMapping({"/dashboard/billing/subscription", "/v1/dashboard/billing/subscription"})
    Subscription subscription(@RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
        ApiKey key = authenticator.authenticate(authorization);
        BillingBalance balance = balance(key);
        RelayOptions options = catalog.options();
        long remain = options.displayTokenStat() ? balance.tokenRemainQuota() : balance.userQuota();
        long used = options.displayTokenStat() ? balance.tokenUsedQuota() : balance.userUsedQuota();
        double amount = options.displayInCurrency() ? (remain + used) / (double) QuotaMath.QUOTA_PER_UNIT
                : remain + used;
        if (options.displayTokenStat() && balance.unlimitedQuota()) {
            amount = UNLIMITED;
        }
        long until = options.displayTokenStat() && balance.expiredTime() > 0 ? balance.expiredTime() : 0;
        return new Subscription("billing_subscription", true, amount, amount, amount, until);
    }

    @GetMapping({"/dashboard/billing/usage", "/v1/dashboard/billing/usage"})
    Usage usage(@RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
        ApiKey key = authenticator.authenticate(authorization);
        BillingBalance balance = balance(key);
        RelayOptions options = catalog.options();
        long used = options.displayTokenStat() ? balance.tokenUsedQuota() : balance.userUsedQuota();
        double amount = options.displayInCurrency() ? used / (double) QuotaMath.QUOTA_PER_UNIT : used;
        // Veloera reports cents, as OpenAI did
        return new Usage("list", amount * 100);
    }

    private BillingBalance balance(ApiKey key) {
        String base = properties.queryUrl().toString();
        URI uri = URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + BillingBalance.PATH
                + key.tokenId());
        try {
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(uri)
                    .timeout(properties.upstream().forwardTimeout())
                    .header(ReserveQuotaRequest.SECRET_HEADER, properties.internalSecret()).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            JsonNode data = json.readTree(response.body()).path("data");
            if (response.statusCode() != 200 || !data.isObject()) {
                throw new RelayException(GatewayError.INTERNAL_ERROR, 503, "the balance is unavailable, retry later");
            }
            return json.treeToValue(data, BillingBalance.class);
        } catch (IOException e) {
            throw new RelayException(GatewayError.INTERNAL_ERROR, 503, "the balance is unavailable, retry later");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RelayException(GatewayError.INTERNAL_ERROR, 503, "the balance is unavailable, retry later");
        }
    }
}
