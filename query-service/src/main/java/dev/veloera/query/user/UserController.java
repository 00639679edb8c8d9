package dev.veloera.query.user;

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

@RestController
@RequestMapping("/api/user")
class UserController {

    private final UserQueries users;

    UserController(UserQueries users) {
        this.users = users;
    }

    @GetMapping("/self")
    ApiResponse<UserView> self(Caller caller) {
        return ApiResponse.ok(users.findById(caller.id())
                .orElseThrow(() -> ApiException.unauthorized("the account behind this token no longer exists")));
    }

    @GetMapping({"", "/"})
    ApiResponse<Page<UserView>> list(Caller caller, @RequestParam(name = "p", required = false) Integer p,
                                     @RequestParam(name = "page_size", required = false) Integer pageSize,
                                     @RequestParam(name = "keyword", required = false) String keyword,
                                     @RequestParam(name = "group", required = false) String group) {
        return search(caller, keyword, group, p, pageSize);
    }

    /** By id (a numeric keyword), or a part of username, display name or email; optionally within a group. */
    @GetMapping("/search")
    ApiResponse<Page<UserView>> search(Caller caller, @RequestParam(name = "keyword", required = false) String keyword,
                                       @RequestParam(name = "group", required = false) String group,
                                       @RequestParam(name = "p", required = false) Integer p,
                                       @RequestParam(name = "page_size", required = false) Integer pageSize) {
        caller.requireAdmin();
        PageRequest page = PageRequest.of(p, pageSize);
        return ApiResponse.ok(Page.of(users.search(keyword, group, page), users.countSearch(keyword, group), page));
    }

    /** As in Veloera, an admin sees users below their own role (and themselves); root sees everyone. */
    @GetMapping("/{id}")
    ApiResponse<UserView> one(Caller caller, @PathVariable("id") long id) {
        caller.requireAdmin();
        UserView user = users.findById(id).orElseThrow(() -> ApiException.notFound("no user " + id));
        if (!caller.isRoot() && user.id() != caller.id() && user.role() >= caller.role()) {
            throw ApiException.forbidden("no permission to view a user of equal or higher role");
        }
        return ApiResponse.ok(user);
    }
}
