package dev.veloera.query.user;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.veloera.contracts.api.ApiResponse;
import dev.veloera.contracts.option.SystemOptions;
import dev.veloera.contracts.pricing.PricingTable;
import dev.veloera.query.auth.Caller;
import dev.veloera.query.option.OptionQueries;
import dev.veloera.query.web.ApiException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A user's own reads: check-in status, affiliate code, usable groups and models (Veloera's self routes). */
@RestController
@RequestMapping("/api/user")
class UserSelfController {

    private static final ObjectMapper JSON = new ObjectMapper();

    record CheckInStatus(boolean can_check_in) {
    }

    record GroupView(double ratio, String desc) {
    }

    private final UserQueries users;
    private final OptionQueries options;

    UserSelfController(UserQueries users, OptionQueries options) {
        this.users = users;
        this.options = options;
    }

    /** Whether today (UTC) is still open; the account is what refuses a second check-in. */
    @GetMapping("/check_in_status")
    ApiResponse<CheckInStatus> checkInStatus(Caller caller) {
        requireExists(caller);
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        return ApiResponse.ok(new CheckInStatus(users.lastCheckInDay(caller.id()).map(d -> d.isBefore(today))
                .orElse(true)));
    }

    @GetMapping("/aff")
    ApiResponse<String> affCode(Caller caller) {
        return ApiResponse.ok(users.affCode(caller.id()).orElseThrow(
                () -> ApiException.unauthorized("the account behind this token no longer exists")));
    }

    /** Public in Veloera: the usable groups of a user in no particular group (UserUsableGroups ∩ GroupRatio). */
    @GetMapping("/groups")
    ApiResponse<Map<String, GroupView>> groups() {
        return ApiResponse.ok(usableGroups(""));
    }

    @GetMapping("/self/groups")
    ApiResponse<Map<String, GroupView>> selfGroups(Caller caller) {
        return ApiResponse.ok(usableGroups(requireExists(caller)));
    }

    /** The models of enabled channels in the groups this user may use. */
    @GetMapping("/models")
    ApiResponse<List<String>> models(Caller caller) {
        String group = requireExists(caller);
        return ApiResponse.ok(users.modelsOfGroups(usableGroupNames(group).keySet()));
    }

    private String requireExists(Caller caller) {
        return users.group(caller.id()).orElseThrow(
                () -> ApiException.unauthorized("the account behind this token no longer exists"));
    }

    /** Veloera's GetUserUsableGroups: UserUsableGroups, plus the user's own group when it is not listed. */
    private Map<String, String> usableGroupNames(String userGroup) {
        Map<String, String> groups = new TreeMap<>(read(options.value(SystemOptions.USER_USABLE_GROUPS),
                new TypeReference<Map<String, String>>() {
                }));
        if (userGroup.isEmpty()) {
            groups.putIfAbsent("default", "default");
        } else {
            groups.putIfAbsent(userGroup, "用户分组");
        }
        return groups;
    }

    private Map<String, GroupView> usableGroups(String userGroup) {
        Map<String, String> usable = usableGroupNames(userGroup);
        Map<String, Double> ratios = read(options.value(PricingTable.GROUP_RATIO),
                new TypeReference<Map<String, Double>>() {
                });
        Map<String, GroupView> groups = new LinkedHashMap<>();
        new TreeMap<>(ratios).forEach((name, ratio) -> {
            if (usable.containsKey(name) && ratio != null) {
                groups.put(name, new GroupView(ratio, usable.get(name)));
            }
        });
        return groups;
    }

    private static <T> T read(String json, TypeReference<T> type) {
        try {
            T value = JSON.readValue(json, type);
            if (value == null) {
                throw new IllegalStateException("empty");
            }
            return value;
        } catch (Exception e) {
            throw new IllegalStateException("an option is not the JSON object it must be: " + json, e);
        }
    }
}
