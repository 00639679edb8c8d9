package dev.veloera.query.quotadata;

import dev.veloera.contracts.api.ApiResponse;
import dev.veloera.query.auth.Caller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** Usage buckets for the dashboard; a plain array as Veloera's charts expect, not a page. */
@RestController
@RequestMapping("/api/data")
class QuotaDataController {

    private final QuotaDataQueries quotaData;

    QuotaDataController(QuotaDataQueries quotaData) {
        this.quotaData = quotaData;
    }

    @GetMapping({"", "/"})
    ApiResponse<List<QuotaDataView>> all(Caller caller,
                                         @RequestParam(name = "start_timestamp", required = false) Long start,
                                         @RequestParam(name = "end_timestamp", required = false) Long end,
                                         @RequestParam(name = "username", required = false) String username) {
        caller.requireAdmin();
        return ApiResponse.ok(quotaData.find(null, username, start, end));
    }

    @GetMapping("/self")
    ApiResponse<List<QuotaDataView>> self(Caller caller,
                                          @RequestParam(name = "start_timestamp", required = false) Long start,
                                          @RequestParam(name = "end_timestamp", required = false) Long end) {
        return ApiResponse.ok(quotaData.find(caller.id(), null, start, end));
    }
}
