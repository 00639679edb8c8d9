package dev.veloera.query.redemption;

import dev.veloera.contracts.api.ApiResponse;
import dev.veloera.query.auth.Caller;
import dev.veloera.query.web.ApiException;
import dev.veloera.query.web.Page;
import dev.veloera.query.web.PageRequest;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Veloera's admin reads of redemption codes, and the uses of one code ({@code redemption_logs}). */
@RestController
@RequestMapping("/api/redemption")
class RedemptionController {

    private final RedemptionQueries redemptions;

    RedemptionController(RedemptionQueries redemptions) {
        this.redemptions = redemptions;
    }

    @GetMapping({"", "/"})
    ApiResponse<Page<RedemptionView>> list(Caller caller, @RequestParam(name = "p", required = false) Integer p,
                                           @RequestParam(name = "page_size", required = false) Integer pageSize) {
        return search(caller, null, p, pageSize);
    }

    @GetMapping("/search")
    ApiResponse<Page<RedemptionView>> search(Caller caller,
                                             @RequestParam(name = "keyword", required = false) String keyword,
                                             @RequestParam(name = "p", required = false) Integer p,
                                             @RequestParam(name = "page_size", required = false) Integer pageSize) {
        caller.requireAdmin();
        PageRequest page = PageRequest.of(p, pageSize);
        RedemptionQueries.Search filter = RedemptionQueries.search(keyword);
        return ApiResponse.ok(Page.of(redemptions.page(filter, page), redemptions.count(filter), page));
    }

    @GetMapping("/count-by-name")
    ApiResponse<Long> countByName(Caller caller, @RequestParam(name = "name", required = false) String name) {
        caller.requireAdmin();
        if (name == null || name.isBlank()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "invalid_request", "名称不能为空");
        }
        return ApiResponse.ok(redemptions.countByName(name.strip()));
    }

    @GetMapping("/{id}")
    ApiResponse<RedemptionView> one(Caller caller, @PathVariable("id") long id) {
        caller.requireAdmin();
        return ApiResponse.ok(redemptions.findById(id)
                .orElseThrow(() -> ApiException.notFound("no redemption code " + id)));
    }

    @GetMapping("/{id}/logs")
    ApiResponse<Page<RedemptionLogView>> uses(Caller caller, @PathVariable("id") long id,
                                              @RequestParam(name = "p", required = false) Integer p,
                                              @RequestParam(name = "page_size", required = false) Integer pageSize) {
        caller.requireAdmin();
        PageRequest page = PageRequest.of(p, pageSize);
        return ApiResponse.ok(Page.of(redemptions.uses(id, page), redemptions.countUses(id), page));
    }
}
