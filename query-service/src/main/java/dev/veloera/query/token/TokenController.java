package dev.veloera.query.token;

import dev.veloera.contracts.api.ApiResponse;
import dev.veloera.query.auth.Caller;
import dev.veloera.query.web.Page;
import dev.veloera.query.web.PageRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The caller's own API tokens; admins too see only their own here, as in Veloera. */
@RestController
@RequestMapping("/api/token")
class TokenController {

    private final TokenQueries tokens;

    TokenController(TokenQueries tokens) {
        this.tokens = tokens;
    }

    @GetMapping({"", "/"})
    ApiResponse<Page<TokenView>> mine(Caller caller, @RequestParam(name = "p", required = false) Integer p,
                                      @RequestParam(name = "page_size", required = false) Integer pageSize) {
        PageRequest page = PageRequest.of(p, pageSize);
        return ApiResponse.ok(Page.of(tokens.pageOfUser(caller.id(), page), tokens.countOfUser(caller.id()), page));
    }
}
