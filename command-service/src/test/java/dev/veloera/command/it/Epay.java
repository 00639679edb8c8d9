package dev.veloera.command.it;

import dev.veloera.contracts.common.Actor;
import dev.veloera.contracts.common.Roles;
import dev.veloera.contracts.option.ChangeOptionCommand;
import dev.veloera.contracts.option.SystemOptions;
import org.axonframework.commandhandling.gateway.CommandGateway;
import dev.veloera.command.topup.EpaySignature;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** The payment provider as the tests play it: its options stored, its notifications signed as Epay signs them. */
final class Epay {

    static final String PID = "1001";
    static final String KEY = "epay-merchant-key";

    private Epay() {
    }

    /** Sets the options a payment needs, as root would through {@code PUT /api/option/}. */
    static void configure(CommandGateway commands, Map<String, String> extra) {
        Map<String, String> options = new LinkedHashMap<>(Map.of("EpayId", PID, "EpayKey", KEY,
                "PayAddress", "https://pay.example.com/", "ServerAddress", "https://veloera.example.com"));
        options.putAll(extra);
        options.forEach((key, value) -> commands.sendAndWait(
                new ChangeOptionCommand(SystemOptions.SETTINGS_ID, key, value, new Actor(1, Roles.ROOT))));
    }

    /** Puts every option {@link #configure} may have set back to its default (no payment configured). */
    static void reset(CommandGateway commands) {
        for (String key : new String[] {"EpayId", "EpayKey", "PayAddress", "ServerAddress", "MinTopUp",
                "TopupGroupRatio", "Price", "RebateEnabled", "RebatePercentage"}) {
            commands.sendAndWait(new ChangeOptionCommand(SystemOptions.SETTINGS_ID, key,
                    SystemOptions.definition(key).orElseThrow().defaultValue(), new Actor(1, Roles.ROOT)));
        }
    }

    /** The query string of Epay's notification that {@code tradeNo} was paid {@code money}, signed with {@code key}. */
    static String notification(String tradeNo, String money, String status, String key) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("pid", PID);
        params.put("trade_no", "2026112900001" + Math.abs(tradeNo.hashCode()));
        params.put("out_trade_no", tradeNo);
        params.put("type", "alipay");
        params.put("name", "TUC10");
        params.put("money", money);
        params.put("trade_status", status);
        params.put("sign", EpaySignature.sign(params, key));
        params.put("sign_type", "MD5");
        return "/api/user/epay/notify?" + params.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
