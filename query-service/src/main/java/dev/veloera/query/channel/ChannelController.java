package dev.veloera.query.channel;

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

/** Veloera's channel reads (admin): the list, {@code /search} (a plain array), {@code /{id}} with its key, models. */
@RestController
@RequestMapping("/api/channel")
class ChannelController {

    private final ChannelQueries channels;

    ChannelController(ChannelQueries channels) {
        this.channels = channels;
    }

    @GetMapping({"", "/"})
    ApiResponse<Page<ChannelView>> list(Caller caller, @RequestParam(name = "p", required = false) Integer p,
                                        @RequestParam(name = "page_size", required = false) Integer pageSize,
                                        @RequestParam(name = "id_sort", required = false) String idSort) {
        caller.requireAdmin();
        PageRequest page = PageRequest.of(p, pageSize);
        return ApiResponse.ok(Page.of(channels.page(page, flag(idSort)), channels.count(), page));
    }

    @GetMapping("/search")
    ApiResponse<List<ChannelView>> search(Caller caller, @RequestParam(name = "keyword", required = false) String keyword,
                                          @RequestParam(name = "group", required = false) String group,
                                          @RequestParam(name = "model", required = false) String model,
                                          @RequestParam(name = "id_sort", required = false) String idSort) {
        caller.requireAdmin();
        return ApiResponse.ok(channels.search(keyword, group, model, flag(idSort)));
    }

    /** Every model a channel lists (Veloera answers its adaptors' model list; ours are the channels'). */
    @GetMapping("/models")
    ApiResponse<List<ModelEntry>> models(Caller caller) {
        caller.requireAdmin();
        return ApiResponse.ok(channels.models(false).stream().map(ModelEntry::of).toList());
    }

    @GetMapping("/models_enabled")
    ApiResponse<List<String>> enabledModels(Caller caller) {
        caller.requireAdmin();
        return ApiResponse.ok(channels.models(true));
    }

    @GetMapping("/{id}")
    ApiResponse<ChannelView> one(Caller caller, @PathVariable("id") String id) {
        caller.requireAdmin();
        long channelId;
        try {
            channelId = Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("the channel id must be a number");
        }
        return ApiResponse.ok(channels.withKey(channelId)
                .orElseThrow(() -> ApiException.notFound("no channel " + channelId)));
    }

    /** OpenAI's model object, as Veloera's {@code /api/channel/models} lists them. */
    record ModelEntry(String id, String object, long created, String owned_by) {
        static ModelEntry of(String model) {
            return new ModelEntry(model, "model", 1626777600L, "veloera");
        }
    }

    /** Veloera parses booleans with Go's ParseBool; anything else counts as false. */
    private static boolean flag(String value) {
        return value != null && (value.equals("1") || value.equalsIgnoreCase("true") || value.equalsIgnoreCase("t"));
    }
}
