package dev.veloera.command.user;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.veloera.command.option.CommandOptions;
import dev.veloera.contracts.option.SystemOptions;
import org.springframework.stereotype.Component;

import java.util.Map;

/**
 * Which groups a user may give a token, as Veloera decides it: the {@code UserUsableGroups} option plus the user's
 * own group, and the group must still have a ratio in {@code GroupRatio} (else it is retired). Without this any user
 * could pick any group, and the group picks both the channels and the price.
 */
@Component
class TokenGroups {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final CommandOptions options;

    TokenGroups(CommandOptions options) {
        this.options = options;
    }

    /** Refuses {@code tokenGroup} (blank means the user's own and is always allowed) when the user may not use it. */
    void requireUsable(String tokenGroup, String userGroup) {
        if (tokenGroup == null || tokenGroup.isBlank()) {
            return;
        }
        Map<String, Object> usable = map(SystemOptions.USER_USABLE_GROUPS);
        boolean mayUse = usable.containsKey(tokenGroup) || tokenGroup.equals(userGroup)
                || ((userGroup == null || userGroup.isBlank()) && "default".equals(tokenGroup));
        if (!mayUse) {
            throw UserAccountException.forbidden("无权访问 " + tokenGroup + " 分组 (group " + tokenGroup
                    + " is not one of your usable groups)");
        }
        if (!map("GroupRatio").containsKey(tokenGroup)) {
            throw UserAccountException.forbidden("分组 " + tokenGroup + " 已被弃用 (group " + tokenGroup
                    + " has no ratio in GroupRatio)");
        }
    }

    private Map<String, Object> map(String key) {
        try {
            Map<String, Object> parsed = JSON.readValue(options.value(key), new TypeReference<>() {
            });
            return parsed == null ? Map.of() : parsed;
        } catch (Exception e) {
            throw new IllegalStateException("the option " + key + " is not a JSON object; fix it in the settings", e);
        }
    }
}
