package dev.veloera.query.option;

import dev.veloera.contracts.api.ApiResponse;
import dev.veloera.contracts.option.OptionDefinition;
import dev.veloera.query.auth.Caller;
import dev.veloera.query.web.ApiException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** {@code GET /api/option/} (root): every option as {@code [{key, value}]}, credentials left out as in Veloera. */
@RestController
class OptionController {

    record OptionView(String key, String value) {
    }

    private final OptionQueries options;

    OptionController(OptionQueries options) {
        this.options = options;
    }

    @GetMapping({"/api/option", "/api/option/"})
    ApiResponse<List<OptionView>> all(Caller caller) {
        if (!caller.isRoot()) {
            throw ApiException.forbidden("this needs root");
        }
        return ApiResponse.ok(options.all().entrySet().stream()
                .filter(e -> !OptionDefinition.isSecretKey(e.getKey()))
                .map(e -> new OptionView(e.getKey(), e.getValue()))
                .toList());
    }
}
