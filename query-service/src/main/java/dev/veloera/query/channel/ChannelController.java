package dev.veloera.query.channel;

import dev.veloera.contracts.api.ApiResponse;
import dev.veloera.query.auth.Caller;
import dev.veloera.query.web.Page;
import dev.veloera.query.web.PageRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/channel")
class ChannelController {

    private final ChannelQueries channels;

    ChannelController(ChannelQueries channels) {
        this.channels = channels;
    }

    @GetMapping({"", "/"})
    ApiResponse<Page<ChannelView>> list(Caller caller, @RequestParam(name = "p", required = false) Integer p,
                                        @RequestParam(name = "page_size", required = false) Integer pageSize) {
        caller.requireAdmin();
        PageRequest page = PageRequest.of(p, pageSize);
        return ApiResponse.ok(Page.of(channels.page(page), channels.count(), page));
    }
}
