package dev.veloera.command.topup;

import dev.veloera.command.DomainException;
import dev.veloera.command.config.CommandRunner;
import dev.veloera.contracts.common.Actor;
import dev.veloera.contracts.common.QuotaText;
import dev.veloera.contracts.topup.ConfirmTopUpPaymentCommand;
import dev.veloera.contracts.topup.TopUpIds;
import dev.veloera.contracts.topup.TopUpPaidEvent;
import dev.veloera.contracts.user.CreditQuotaCommand;
import dev.veloera.contracts.user.CreditSource;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.util.Map;

/**
 * Epay's payment notification, {@code GET /api/user/epay/notify?…&sign=…}. Answered in Epay's words:
 * {@code success} stops the provider's resending, {@code fail} (with a 4xx) asks it to resend or shows the
 * refusal. A signed TRADE_SUCCESS pays the order, credits its user and the inviter's rebate in one
 * transaction; the order's aggregate makes every later notification of it a no-op.
 */
@RestController
class EpayNotifyController {

    private static final Logger log = LoggerFactory.getLogger(EpayNotifyController.class);
    static final String TRADE_SUCCESS = "TRADE_SUCCESS";

    private final CommandGateway commands;
    private final CommandRunner runner;
    private final PaymentSettings settings;
    private final TopUpOrders orders;
    private final InviterRebate rebate;

    EpayNotifyController(CommandGateway commands, CommandRunner runner, PaymentSettings settings, TopUpOrders orders,
                         InviterRebate rebate) {
        this.commands = commands;
        this.runner = runner;
        this.settings = settings;
        this.orders = orders;
        this.rebate = rebate;
    }

    @GetMapping("/api/user/epay/notify")
    ResponseEntity<String> notify(@RequestParam Map<String, String> params) {
        PaymentSettings.Values values = settings.current();
        if (!values.epayConfigured()) {
            log.error("Epay notification for {} refused: EpayId, EpayKey and PayAddress are not all set (PUT /api/option/)",
                    params.get("out_trade_no"));
            return answer(503, "fail");
        }
        if (!EpaySignature.verify(params, values.epayKey())) {
            log.warn("Epay notification with a bad signature refused (out_trade_no {}, trade_no {}): check EpayKey, or"
                    + " someone is forging payments", params.get("out_trade_no"), params.get("trade_no"));
            return answer(400, "fail");
        }
        String tradeNo = params.getOrDefault("out_trade_no", "");
        if (!TRADE_SUCCESS.equals(params.get("trade_status"))) {
            log.info("Epay notification for {} with trade_status {}: nothing to do", tradeNo, params.get("trade_status"));
            return answer(200, "success");
        }
        TopUpOrders.Order order = orders.byTradeNo(tradeNo).orElse(null);
        if (order == null) {
            log.warn("Epay notification for unknown order {} refused", tradeNo);
            return answer(404, "fail");
        }
        BigDecimal money;
        try {
            money = new BigDecimal(params.getOrDefault("money", ""));
        } catch (NumberFormatException e) {
            log.warn("Epay notification for {} refused: money '{}' is not a number", tradeNo, params.get("money"));
            return answer(400, "fail");
        }
        try {
            runner.inTransaction(() -> pay(order, money, params.get("trade_no")));
        } catch (RuntimeException e) {
            DomainException refused = refusal(e);
            if (refused == null) {
                throw e;
            }
            log.error("Epay notification for {} refused: {}", tradeNo, refused.getMessage());
            return answer(refused.httpStatus(), "fail");
        }
        return answer(200, "success");
    }

    private TopUpPaidEvent pay(TopUpOrders.Order order, BigDecimal money, String providerTradeNo) {
        TopUpPaidEvent paid = commands.sendAndWait(new ConfirmTopUpPaymentCommand(TopUpIds.aggregateId(order.id()),
                money, providerTradeNo, Actor.SYSTEM));
        if (paid == null) {
            return null;
        }
        commands.sendAndWait(new CreditQuotaCommand(String.valueOf(paid.userId()), paid.quota(), CreditSource.TOP_UP,
                paid.tradeNo(), "使用在线充值成功，充值金额: " + QuotaText.logQuota(paid.quota()) + "，支付金额："
                + paid.money().setScale(6).toPlainString(), Actor.SYSTEM));
        rebate.credit(paid.userId(), paid.quota(), paid.tradeNo());
        return paid;
    }

    /** The aggregate's refusal, however the command bus wrapped it; null for any other failure. */
    private static DomainException refusal(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof DomainException refused) {
                return refused;
            }
        }
        return null;
    }

    private static ResponseEntity<String> answer(int status, String body) {
        return ResponseEntity.status(status).contentType(MediaType.TEXT_PLAIN).body(body);
    }
}
