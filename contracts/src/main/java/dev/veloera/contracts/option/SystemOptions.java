package dev.veloera.contracts.option;

import dev.veloera.contracts.pricing.PricingTable;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import static dev.veloera.contracts.option.OptionKind.*;

/**
 * Every option key this gateway accepts, with Veloera's default (its {@code model/option.go} InitOptionMap and
 * the {@code common}/{@code setting} variables behind it). A key not listed here is refused. The pricing maps
 * default to {@link PricingTable#defaults()}, the table the relay bills with when no option overrides it, so
 * what {@code GET /api/option/} shows is what is charged.
 */
public final class SystemOptions {

    /** The identifier of the one SystemSettings aggregate. */
    public static final String SETTINGS_ID = "system-settings";

    public static final String QUOTA_PER_UNIT = "QuotaPerUnit";
    public static final String QUOTA_FOR_NEW_USER = "QuotaForNewUser";
    public static final String QUOTA_FOR_INVITER = "QuotaForInviter";
    public static final String QUOTA_FOR_INVITEE = "QuotaForInvitee";
    public static final String CHECK_IN_ENABLED = "CheckInEnabled";
    public static final String CHECK_IN_QUOTA = "CheckInQuota";
    public static final String CHECK_IN_MAX_QUOTA = "CheckInMaxQuota";
    public static final String REGISTER_ENABLED = "RegisterEnabled";
    public static final String PASSWORD_REGISTER_ENABLED = "PasswordRegisterEnabled";
    public static final String PASSWORD_LOGIN_ENABLED = "PasswordLoginEnabled";
    public static final String USER_USABLE_GROUPS = "UserUsableGroups";

    private static final Map<String, OptionDefinition> DEFINITIONS = new LinkedHashMap<>();

    static {
        PricingTable pricing = PricingTable.defaults();
        // pricing
        define(QUOTA_PER_UNIT, AMOUNT, "500000");
        define(PricingTable.MODEL_RATIO, RATIO_MAP, json(pricing.modelRatio()));
        define(PricingTable.COMPLETION_RATIO, RATIO_MAP, json(pricing.completionRatio()));
        define(PricingTable.GROUP_RATIO, RATIO_MAP, json(pricing.groupRatio()));
        define(PricingTable.MODEL_PRICE, RATIO_MAP, json(pricing.modelPrice()));
        define("CacheRatio", RATIO_MAP, "{}");
        define("PreConsumedQuota", COUNT, "500");
        define("SelfUseModeEnabled", BOOLEAN, "false");
        define("QuotaRemindThreshold", COUNT, "1000");
        define("DisplayInCurrencyEnabled", BOOLEAN, "true");
        define("DisplayTokenStatEnabled", BOOLEAN, "true");
        // free quota
        define(QUOTA_FOR_NEW_USER, COUNT, "0");
        define(QUOTA_FOR_INVITER, COUNT, "0");
        define(QUOTA_FOR_INVITEE, COUNT, "0");
        define(CHECK_IN_ENABLED, BOOLEAN, "false");
        define(CHECK_IN_QUOTA, COUNT, "1000");
        define(CHECK_IN_MAX_QUOTA, COUNT, "0");
        define("RebateEnabled", BOOLEAN, "false");
        define("RebatePercentage", AMOUNT, "0");
        // payment
        define("PayAddress", TEXT, "");
        define("CustomCallbackAddress", TEXT, "");
        define("EpayId", TEXT, "");
        define("EpayKey", TEXT, "");
        define("Price", AMOUNT, "7.3");
        define("MinTopUp", COUNT, "1");
        define("TopupGroupRatio", RATIO_MAP, "{\"default\":1,\"svip\":1,\"vip\":1}");
        define("TopUpLink", TEXT, "");
        // routing
        define("RetryTimes", COUNT, "0");
        define("AutomaticDisableChannelEnabled", BOOLEAN, "false");
        define("AutomaticEnableChannelEnabled", BOOLEAN, "false");
        define("ChannelDisableThreshold", AMOUNT, "5");
        define("AutomaticDisableKeywords", TEXT, String.join("\n", "Your credit balance is too low",
                "This organization has been disabled.", "You exceeded your current quota", "Permission denied",
                "The security token included in the request is invalid", "Operation not allowed",
                "Your account is not authorized"));
        define(USER_USABLE_GROUPS, NAME_MAP, "{\"default\":\"默认分组\",\"vip\":\"vip分组\"}");
        // limits and filters
        define("ModelRequestRateLimitEnabled", BOOLEAN, "false");
        define("ModelRequestRateLimitCount", COUNT, "0");
        define("ModelRequestRateLimitSuccessCount", COUNT, "1000");
        define("ModelRequestRateLimitDurationMinutes", COUNT, "1");
        define("CheckSensitiveEnabled", BOOLEAN, "true");
        define("CheckSensitiveOnPromptEnabled", BOOLEAN, "true");
        define("StopOnSensitiveEnabled", BOOLEAN, "true");
        define("SensitiveWords", TEXT, "test_sensitive");
        define("StreamCacheQueueLength", COUNT, "0");
        define("LogConsumeEnabled", BOOLEAN, "true");
        define("LogChatContentEnabled", BOOLEAN, "false");
        // tasks
        define("DrawingEnabled", BOOLEAN, "true");
        define("TaskEnabled", BOOLEAN, "true");
        define("MjNotifyEnabled", BOOLEAN, "false");
        define("MjAccountFilterEnabled", BOOLEAN, "false");
        define("MjModeClearEnabled", BOOLEAN, "false");
        define("MjForwardUrlEnabled", BOOLEAN, "true");
        define("MjActionCheckSuccessEnabled", BOOLEAN, "true");
        // auth
        define(PASSWORD_LOGIN_ENABLED, BOOLEAN, "true");
        define(PASSWORD_REGISTER_ENABLED, BOOLEAN, "true");
        define(REGISTER_ENABLED, BOOLEAN, "true");
        define("EmailVerificationEnabled", BOOLEAN, "false");
        define("EmailDomainRestrictionEnabled", BOOLEAN, "false");
        define("EmailAliasRestrictionEnabled", BOOLEAN, "false");
        define("EmailDomainWhitelist", TEXT, "gmail.com,163.com,126.com,qq.com,outlook.com,hotmail.com,icloud.com,"
                + "yahoo.com,foxmail.com");
        define("GitHubOAuthEnabled", BOOLEAN, "false");
        define("GitHubClientId", TEXT, "");
        define("GitHubClientSecret", TEXT, "");
        define("LinuxDOOAuthEnabled", BOOLEAN, "false");
        define("TelegramOAuthEnabled", BOOLEAN, "false");
        define("TelegramBotToken", TEXT, "");
        define("TelegramBotName", TEXT, "");
        define("WeChatAuthEnabled", BOOLEAN, "false");
        define("WeChatServerAddress", TEXT, "");
        define("WeChatServerToken", TEXT, "");
        define("WeChatAccountQRCodeImageURL", TEXT, "");
        define("TurnstileCheckEnabled", BOOLEAN, "false");
        define("TurnstileSiteKey", TEXT, "");
        define("TurnstileSecretKey", TEXT, "");
        define("SMTPServer", TEXT, "");
        define("SMTPPort", COUNT, "587");
        define("SMTPAccount", TEXT, "");
        define("SMTPFrom", TEXT, "");
        define("SMTPToken", TEXT, "");
        define("SMTPSSLEnabled", BOOLEAN, "false");
        // site
        define("SystemName", TEXT, "Veloera");
        define("Logo", TEXT, "");
        define("Footer", TEXT, "");
        define("Notice", TEXT, "");
        define("About", TEXT, "");
        define("HomePageContent", TEXT, "");
        define("ServerAddress", TEXT, "");
        define("Chats", JSON, "[]");
        define("DefaultCollapseSidebar", BOOLEAN, "false");
        define("DemoSiteEnabled", BOOLEAN, "false");
        define("DataExportEnabled", BOOLEAN, "true");
        define("DataExportInterval", COUNT, "5");
        define("DataExportDefaultTime", TEXT, "hour");
        // dotted settings
        define("global.pass_through_request_enabled", BOOLEAN, "false");
        define("global.hide_upstream_error_enabled", BOOLEAN, "false");
        define("global.block_browser_extension_enabled", BOOLEAN, "false");
        define("general_setting.ping_interval_enabled", BOOLEAN, "false");
        define("general_setting.ping_interval_seconds", COUNT, "60");
        define("general_setting.docs_link", TEXT, "");
        define("claude.default_max_tokens", JSON, "{}");
        define("claude.thinking_adapter_enabled", BOOLEAN, "true");
        define("claude.thinking_adapter_budget_tokens_percentage", AMOUNT, "0.8");
    }

    private SystemOptions() {
    }

    private static void define(String key, OptionKind kind, String defaultValue) {
        DEFINITIONS.put(key, new OptionDefinition(key, kind, defaultValue));
    }

    public static Optional<OptionDefinition> definition(String key) {
        return Optional.ofNullable(key == null ? null : DEFINITIONS.get(key));
    }

    public static Collection<OptionDefinition> definitions() {
        return DEFINITIONS.values();
    }

    /** Every key with its default, in key order. */
    public static Map<String, String> defaults() {
        Map<String, String> values = new TreeMap<>();
        DEFINITIONS.values().forEach(d -> values.put(d.key(), d.defaultValue()));
        return values;
    }

    /** {@code {"a":1.5,...}} in key order; numbers as Go's JSON writes them (no {@code .0} on whole numbers). */
    static String json(Map<String, Double> map) {
        StringBuilder sb = new StringBuilder("{");
        new TreeMap<>(map).forEach((k, v) -> {
            if (sb.length() > 1) {
                sb.append(',');
            }
            sb.append('"').append(k.replace("\\", "\\\\").replace("\"", "\\\"")).append("\":").append(number(v));
        });
        return sb.append('}').toString();
    }

    private static String number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15
                ? String.valueOf((long) value) : String.valueOf(value).toLowerCase(Locale.ROOT);
    }
}
