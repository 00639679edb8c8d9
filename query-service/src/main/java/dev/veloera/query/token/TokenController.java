package dev.veloera.query.token;

import dev.veloera.contracts.api.ApiResponse;
import dev.veloera.query.auth.Caller;
import dev.veloera.query.web.ApiException;
import dev.veloera.query.web.Page;
import dev.veloera.query.web.PageRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

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

    /** Veloera's {@code /api/token/search?keyword=&token=}: a plain array of the caller's matching tokens. */
    @GetMapping("/search")
    ApiResponse<List<TokenView>> search(Caller caller, @RequestParam(name = "keyword", required = false) String keyword,
                                        @RequestParam(name = "token", required = false) String token) {
        return ApiResponse.ok(tokens.search(caller.id(), keyword, token));
    }

    /** One of the caller's tokens; another user's token id is 404, as is a deleted one. */
    @GetMapping("/{id}")
    ApiResponse<TokenView> one(Caller caller, @PathVariable("id") String id) {
        long tokenId;
        try {
            tokenId = Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("the token id must be a number");
        }
        return ApiResponse.ok(tokens.ofUser(caller.id(), tokenId)
                .orElseThrow(() -> ApiException.notFound("token " + tokenId + " not found")));
    }
}
