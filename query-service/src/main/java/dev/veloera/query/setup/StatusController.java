package dev.veloera.query.setup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.veloera.contracts.api.ApiResponse;
import dev.veloera.query.QueryProperties;
import dev.veloera.query.db.DatabaseEngine;
import dev.veloera.query.option.OptionQueries;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Public, unauthenticated: what a front end needs before anyone logs in, from the current options. */
@RestController
class StatusController {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final SetupQueries setup;
    private final OptionQueries options;
    private final QueryProperties properties;
    private final DatabaseEngine engine;
    private final long startTime = Instant.now().getEpochSecond();

    StatusController(SetupQueries setup, OptionQueries options, QueryProperties properties, DatabaseEngine engine) {
        this.setup = setup;
        this.options = options;
        this.properties = properties;
        this.engine = engine;
    }

    /** Veloera's {@code GetStatus} fields (the OAuth providers this gateway does not offer answer false / empty). */
    @GetMapping("/api/status")
    ApiResponse<Map<String, Object>> status() {
        Map<String, String> o = options.all();
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("version", properties.version());
        status.put("start_time", startTime);
        status.put("email_verification", bool(o, "EmailVerificationEnabled"));
        status.put("github_oauth", bool(o, "GitHubOAuthEnabled"));
        status.put("github_client_id", o.getOrDefault("GitHubClientId", ""));
        status.put("linuxdo_oauth", bool(o, "LinuxDOOAuthEnabled"));
        status.put("telegram_oauth", bool(o, "TelegramOAuthEnabled"));
        status.put("telegram_bot_name", o.getOrDefault("TelegramBotName", ""));
        status.put("system_name", systemName(o));
        status.put("logo", o.getOrDefault("Logo", ""));
        status.put("footer_html", o.getOrDefault("Footer", ""));
        status.put("wechat_qrcode", o.getOrDefault("WeChatAccountQRCodeImageURL", ""));
        status.put("wechat_login", bool(o, "WeChatAuthEnabled"));
        status.put("server_address", o.getOrDefault("ServerAddress", ""));
        status.put("price", number(o, "Price"));
        status.put("min_topup", number(o, "MinTopUp"));
        status.put("turnstile_check", bool(o, "TurnstileCheckEnabled"));
        status.put("top_up_link", o.getOrDefault("TopUpLink", ""));
        status.put("docs_link", o.getOrDefault("general_setting.docs_link", ""));
        status.put("quota_per_unit", number(o, "QuotaPerUnit"));
        status.put("display_in_currency", bool(o, "DisplayInCurrencyEnabled"));
        status.put("enable_drawing", bool(o, "DrawingEnabled"));
        status.put("enable_task", bool(o, "TaskEnabled"));
        status.put("enable_data_export", bool(o, "DataExportEnabled"));
        status.put("data_export_default_time", o.getOrDefault("DataExportDefaultTime", "hour"));
        status.put("default_collapse_sidebar", bool(o, "DefaultCollapseSidebar"));
        status.put("enable_online_topup", !o.getOrDefault("PayAddress", "").isBlank()
                && !o.getOrDefault("EpayId", "").isBlank() && !o.getOrDefault("EpayKey", "").isBlank());
        status.put("mj_notify_enabled", bool(o, "MjNotifyEnabled"));
        status.put("chats", json(o.getOrDefault("Chats", "[]")));
        status.put("demo_site_enabled", bool(o, "DemoSiteEnabled"));
        status.put("self_use_mode_enabled", bool(o, "SelfUseModeEnabled"));
        status.put("oidc_enabled", false);
        status.put("setup", setup.isSetUp());
        status.put("check_in_enabled", bool(o, "CheckInEnabled"));
        status.put("register_enabled", bool(o, "RegisterEnabled"));
        status.put("password_login_enabled", bool(o, "PasswordLoginEnabled"));
        status.put("password_register_enabled", bool(o, "PasswordRegisterEnabled"));
        return ApiResponse.ok(status);
    }

    @GetMapping("/api/notice")
    ApiResponse<String> notice() {
        return ApiResponse.ok(options.value("Notice"));
    }

    @GetMapping("/api/about")
    ApiResponse<String> about() {
        return ApiResponse.ok(options.value("About"));
    }

    @GetMapping("/api/home_page_content")
    ApiResponse<String> homePageContent() {
        return ApiResponse.ok(options.value("HomePageContent"));
    }

    @GetMapping("/api/setup")
    ApiResponse<SetupState> setupState() {
        return ApiResponse.ok(new SetupState(setup.isSetUp(), setup.rootExists(),
                engine.name().toLowerCase(Locale.ROOT)));
    }

    /** The SystemName option once set; before that the service's configured name. */
    private String systemName(Map<String, String> o) {
        String name = o.get("SystemName");
        return name == null || name.isBlank() || name.equals("Veloera") ? properties.systemName() : name;
    }

    private static boolean bool(Map<String, String> o, String key) {
        return "true".equals(o.get(key));
    }

    private static Number number(Map<String, String> o, String key) {
        try {
            double value = Double.parseDouble(o.getOrDefault(key, "0"));
            return value == Math.rint(value) ? (Number) (long) value : (Number) value;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static JsonNode json(String value) {
        try {
            return JSON.readTree(value);
        } catch (Exception e) {
            return JSON.createArrayNode();
        }
    }

    /** {@code status}: setup completed; {@code root_init}: a root user exists. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record SetupState(boolean status, boolean rootInit, String databaseType) {
    }
}
