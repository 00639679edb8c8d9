package dev.veloera.query.logs;

import dev.veloera.contracts.api.ApiResponse;
import dev.veloera.query.auth.Caller;
import dev.veloera.query.web.Page;
import dev.veloera.query.web.PageRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/log")
class LogController {

    /** Veloera's log type 2: a billed request. */
    static final int CONSUME = 2;

    private final LogQueries logs;

    LogController(LogQueries logs) {
        this.logs = logs;
    }

    @GetMapping({"", "/"})
    ApiResponse<Page<LogView>> all(Caller caller, LogParameters parameters) {
        caller.requireAdmin();
        return page(parameters.filter(), parameters);
    }

    @GetMapping("/self")
    ApiResponse<Page<LogView>> self(Caller caller, LogParameters parameters) {
        return page(parameters.filter().forUser(caller.id()), parameters);
    }

    /** Sums consume logs unless {@code type} says otherwise, as Veloera's statistic does. */
    @GetMapping("/stat")
    ApiResponse<LogStat> stat(Caller caller, LogParameters parameters) {
        caller.requireAdmin();
        return ApiResponse.ok(new LogStat(logs.sumQuota(parameters.filter().withDefaultType(CONSUME))));
    }

    @GetMapping("/self/stat")
    ApiResponse<LogStat> selfStat(Caller caller, LogParameters parameters) {
        return ApiResponse.ok(new LogStat(
                logs.sumQuota(parameters.filter().forUser(caller.id()).withDefaultType(CONSUME))));
    }

    private ApiResponse<Page<LogView>> page(LogFilter filter, LogParameters parameters) {
        PageRequest page = PageRequest.of(parameters.p(), parameters.page_size());
        return ApiResponse.ok(Page.of(logs.page(filter, page), logs.count(filter), page));
    }

    /** Query parameters, named as Veloera names them. */
    record LogParameters(Integer type, Long start_timestamp, Long end_timestamp, String username, String token_name,
                         String model_name, Long channel, String group, Integer p, Integer page_size) {
        LogFilter filter() {
            return new LogFilter(type, start_timestamp, end_timestamp, username, token_name, model_name, channel,
                    group, null);
        }
    }
}
