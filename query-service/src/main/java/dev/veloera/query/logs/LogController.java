package dev.veloera.query.logs;

import dev.veloera.contracts.api.ApiResponse;
import dev.veloera.contracts.common.LogTypes;
import dev.veloera.query.auth.Caller;
import dev.veloera.query.maintenance.LogHistory;
import dev.veloera.query.web.ApiException;
import dev.veloera.query.web.Page;
import dev.veloera.query.web.PageRequest;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.util.List;

/**
 * Veloera's log routes: the lists ({@code items}, {@code total}, {@code page}, {@code page_size}; {@code p} from 1),
 * the searches and {@code /token?key=} (plain arrays of the newest 100), the statistics and
 * {@code DELETE /api/log/?target_timestamp=} (admin; the relay routes it here). A user sees only their own logs.
 */
@RestController
@RequestMapping("/api/log")
class LogController {

    /** Veloera's MaxRecentItems: what a search answers at most. */
    static final int RECENT = 100;

    private final LogQueries logs;
    private final LogHistory history;
    private final Clock clock = Clock.systemUTC();

    LogController(LogQueries logs, LogHistory history) {
        this.logs = logs;
        this.history = history;
    }

    @GetMapping({"", "/"})
    ApiResponse<Page<LogView>> all(Caller caller, LogParameters parameters) {
        caller.requireAdmin();
        return page(parameters.filter(), parameters.page());
    }

    @GetMapping("/self")
    ApiResponse<Page<LogView>> self(Caller caller, LogParameters parameters) {
        return page(parameters.filter().forUser(caller.id()), parameters.page());
    }

    /** Veloera's admin search: logs of the type {@code keyword}, or whose content starts with it. */
    @GetMapping("/search")
    ApiResponse<List<LogView>> search(Caller caller, @RequestParam(name = "keyword", required = false) String keyword) {
        caller.requireAdmin();
        if (keyword == null || keyword.isBlank()) {
            throw ApiException.badRequest("keyword is required");
        }
        Integer type = keyword.strip().matches("\\d{1,2}") ? Integer.parseInt(keyword.strip()) : null;
        return ApiResponse.ok(logs.search(type, keyword.strip(), null, RECENT));
    }

    /** Veloera's user search: the caller's logs of the type {@code keyword}. */
    @GetMapping("/self/search")
    ApiResponse<List<LogView>> selfSearch(Caller caller, @RequestParam(name = "keyword", required = false) String keyword) {
        return ApiResponse.ok(logs.search(LogParameters.type(keyword), null, caller.id(), RECENT));
    }

    /** The logs of one of the caller's own keys (the full {@code sk-} key, or without its prefix). */
    @GetMapping("/token")
    ApiResponse<List<LogView>> byKey(Caller caller, @RequestParam(name = "key", required = false) String key) {
        if (key == null || key.isBlank()) {
            throw ApiException.badRequest("key is required");
        }
        return ApiResponse.ok(logs.ofKey(caller.id(), key.strip(), RECENT));
    }

    @GetMapping("/stat")
    ApiResponse<LogStat> stat(Caller caller, LogParameters parameters) {
        caller.requireAdmin();
        return ApiResponse.ok(stat(parameters.filter()));
    }

    @GetMapping("/self/stat")
    ApiResponse<LogStat> selfStat(Caller caller, LogParameters parameters) {
        return ApiResponse.ok(stat(parameters.filter().forUser(caller.id())));
    }

    /** Deletes every log older than {@code target_timestamp}; {@code data} is how many (partitions by estimate). */
    @DeleteMapping({"", "/"})
    ApiResponse<Long> deleteHistory(Caller caller,
                                    @RequestParam(name = "target_timestamp", required = false) String targetTimestamp) {
        caller.requireAdmin();
        long target;
        try {
            target = targetTimestamp == null || targetTimestamp.isBlank() ? 0 : Long.parseLong(targetTimestamp.strip());
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("target_timestamp must be epoch seconds");
        }
        if (target <= 0) {
            throw ApiException.badRequest("target timestamp is required");
        }
        return ApiResponse.ok(history.deleteBefore(target).rows());
    }

    /** Quota over the filter (consume logs unless a type is given); rpm and tpm over the last 60 s, consume only. */
    private LogStat stat(LogFilter filter) {
        long quota = logs.sumQuota(filter.withDefaultType(LogTypes.CONSUME));
        long since = clock.instant().getEpochSecond() - 60;
        LogFilter recent = new LogFilter(LogTypes.CONSUME, since, null, filter.username(), filter.tokenName(),
                filter.modelName(), filter.channel(), filter.group(), filter.userId());
        long[] requestsAndTokens = logs.requestsAndTokens(recent);
        return new LogStat(quota, requestsAndTokens[0], requestsAndTokens[1]);
    }

    private ApiResponse<Page<LogView>> page(LogFilter filter, PageRequest page) {
        return ApiResponse.ok(Page.of(logs.page(filter, page), logs.count(filter), page));
    }
}
