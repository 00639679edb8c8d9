package dev.veloera.command.topup;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.veloera.command.config.CommandRunner;
import dev.veloera.command.web.ApiException;
import dev.veloera.command.web.Authenticator;
import dev.veloera.command.web.RandomKeys;
import dev.veloera.contracts.api.ApiResponse;
import dev.veloera.contracts.common.Actor;
import dev.veloera.contracts.topup.PlaceTopUpOrderCommand;
import dev.veloera.contracts.topup.TopUpIds;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Veloera's online top-up: {@code POST /api/user/amount} quotes, {@code POST /api/user/pay} places a pending
 * order under a new trade number and answers the Epay form (URL and signed parameters) the browser submits.
 */
@RestController
class TopUpController {

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record AmountRequest(Long amount, String topUpCode) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record PayRequest(Long amount, String paymentMethod, String topUpCode) {
    }

    /** Veloera's answer to {@code /pay}: the envelope plus {@code url} beside {@code data}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record PayResponse(boolean success, String message, Map<String, String> data, String url) {
    }

    private final CommandGateway commands;
    private final CommandRunner runner;
    private final Authenticator authenticator;
    private final PaymentSettings settings;
    private final UserGroups groups;
    private final TopUpOrders orders;
    private final TopUpProperties properties;

    TopUpController(CommandGateway commands, CommandRunner runner, Authenticator authenticator,
                    PaymentSettings settings, UserGroups groups, TopUpOrders orders, TopUpProperties properties) {
        this.commands = commands;
        this.runner = runner;
        this.authenticator = authenticator;
        this.settings = settings;
        this.groups = groups;
        this.orders = orders;
        this.properties = properties;
    }

    @PostMapping("/api/user/amount")
    ApiResponse<String> amount(@RequestHeader(value = "Authorization", required = false) String authorization,
                               @RequestBody AmountRequest request) {
        Actor user = authenticator.user(authorization);
        TopUpQuote quote = TopUpQuote.of(request.amount(), groups.of(user.userId()), settings.current());
        return new ApiResponse<>(true, "success", quote.money().toPlainString());
    }

    @PostMapping("/api/user/pay")
    PayResponse pay(@RequestHeader(value = "Authorization", required = false) String authorization,
                    @RequestBody PayRequest request) {
        Actor user = authenticator.user(authorization);
        PaymentSettings.Values values = settings.current();
        TopUpQuote quote = TopUpQuote.of(request.amount(), groups.of(user.userId()), values);
        if (!values.epayConfigured()) {
            throw new ApiException("payment_not_configured", 503, "当前管理员未配置支付信息");
        }
        String payType = "zfb".equals(request.paymentMethod()) || "alipay".equals(request.paymentMethod())
                ? "alipay" : "wxpay";
        String tradeNo = "USR" + user.userId() + "NO" + RandomKeys.alphanumeric(6) + Instant.now().getEpochSecond();
        long expiresAt = Instant.now().plus(properties.orderTtl()).toEpochMilli();
        runner.inTransaction(() -> {
            long id = orders.claim(tradeNo, user.userId());
            commands.sendAndWait(new PlaceTopUpOrderCommand(TopUpIds.aggregateId(id), user.userId(), tradeNo,
                    quote.amount(), quote.money(), quote.quota(), payType, expiresAt, user));
            return id;
        });
        Map<String, String> params = new LinkedHashMap<>();
        params.put("pid", values.epayId());
        params.put("type", payType);
        params.put("out_trade_no", tradeNo);
        params.put("notify_url", stripSlash(values.callbackAddress()) + "/api/user/epay/notify");
        params.put("name", "TUC" + quote.amount());
        params.put("money", quote.money().toPlainString());
        params.put("device", "pc");
        params.put("return_url", stripSlash(values.serverAddress()) + "/log");
        params.put("sign", EpaySignature.sign(params, values.epayKey()));
        params.put("sign_type", "MD5");
        return new PayResponse(true, "success", params, stripSlash(values.payAddress()) + "/submit.php");
    }

    private static String stripSlash(String address) {
        return address.endsWith("/") ? address.substring(0, address.length() - 1) : address;
    }
}
