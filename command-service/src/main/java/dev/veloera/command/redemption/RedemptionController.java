package dev.veloera.command.redemption;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.veloera.command.config.CommandRunner;
import dev.veloera.command.web.ApiException;
import dev.veloera.command.web.Authenticator;
import dev.veloera.command.web.Requests;
import dev.veloera.contracts.api.ApiResponse;
import dev.veloera.contracts.common.Actor;
import dev.veloera.contracts.redemption.ChangeRedemptionStatusCommand;
import dev.veloera.contracts.redemption.CreateRedemptionCommand;
import dev.veloera.contracts.redemption.DeleteRedemptionCommand;
import dev.veloera.contracts.redemption.RedemptionIds;
import dev.veloera.contracts.redemption.RedemptionStatus;
import dev.veloera.contracts.redemption.UpdateRedemptionCommand;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Veloera's admin routes for redemption codes that write: create N codes at once (all or none), update,
 * enable/disable, delete, and the bulk routes. Each change is one transaction over the codes' events and
 * {@code cmd_redemption}.
 */
@RestController
@RequestMapping("/api/redemption")
class RedemptionController {

    static final int MAX_BATCH = 100;

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record CreateRequest(String name, String key, Long quota, Integer count, Integer maxUses, Long validFrom,
                         Long validUntil, Boolean isGift) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record UpdateRequest(Long id, String name, Long quota, Long validFrom, Long validUntil, Integer status) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Updated(long id, String name, Long quota, Long validFrom, Long validUntil, Integer status) {
    }

    record BatchRequest(List<Long> ids) {
    }

    private final CommandGateway commands;
    private final CommandRunner runner;
    private final RedemptionKeys keys;
    private final Authenticator authenticator;

    RedemptionController(CommandGateway commands, CommandRunner runner, RedemptionKeys keys,
                         Authenticator authenticator) {
        this.commands = commands;
        this.runner = runner;
        this.keys = keys;
        this.authenticator = authenticator;
    }

    /** Answers the keys, as Veloera does: the only moment an admin sees them besides the list. */
    @PostMapping({"", "/"})
    ApiResponse<List<String>> create(@RequestHeader(value = "Authorization", required = false) String authorization,
                                     @RequestBody CreateRequest request) {
        Actor admin = authenticator.admin(authorization);
        String name = request.name() == null ? "" : request.name().strip();
        long quota = Requests.required(request.quota(), "quota");
        int maxUses = request.maxUses() == null || request.maxUses() == 0 ? Redemption.UNLIMITED : request.maxUses();
        long validFrom = request.validFrom() == null ? 0 : request.validFrom();
        long validUntil = request.validUntil() == null ? 0 : request.validUntil();
        boolean gift = Boolean.TRUE.equals(request.isGift());
        Redemption.requireFields(name, quota, validFrom, validUntil);
        Requests.check(maxUses == Redemption.UNLIMITED || maxUses >= 1, "max_uses must be -1 (unlimited) or at least 1");
        String fixedKey = request.key() == null || request.key().isBlank() ? null : request.key().strip();
        int count = fixedKey != null ? 1 : request.count() == null ? 0 : request.count();
        Requests.check(count > 0, "兑换码个数必须大于0");
        Requests.check(count <= MAX_BATCH, "一次兑换码批量生成的个数不能大于 " + MAX_BATCH);
        Requests.check(fixedKey == null || fixedKey.length() <= 32, "兑换码内容长度必须在1-32之间");
        List<String> created = runner.inTransaction(() -> {
            List<String> made = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String key = fixedKey != null ? fixedKey : UUID.randomUUID().toString().replace("-", "");
                long id = keys.claim(key, name);
                commands.sendAndWait(new CreateRedemptionCommand(RedemptionIds.aggregateId(id), name, key, quota,
                        maxUses, validFrom, validUntil, gift, admin));
                made.add(key);
            }
            return made;
        });
        return ApiResponse.ok(created);
    }

    /** {@code ?status_only=…} changes the status alone (1 enable, 2 disable), else name, quota and window. */
    @PutMapping({"", "/"})
    ApiResponse<Updated> update(@RequestHeader(value = "Authorization", required = false) String authorization,
                                @RequestParam(name = "status_only", required = false) String statusOnly,
                                @RequestBody UpdateRequest request) {
        Actor admin = authenticator.admin(authorization);
        long id = requireExisting(Requests.required(request.id(), "id"));
        String aggregateId = RedemptionIds.aggregateId(id);
        if (statusOnly != null && !statusOnly.isEmpty()) {
            int status = Requests.required(request.status(), "status");
            runner.inTransaction(() -> {
                commands.sendAndWait(new ChangeRedemptionStatusCommand(aggregateId, status, admin));
                keys.statusChanged(id, status);
                return null;
            });
            return ApiResponse.ok(new Updated(id, null, null, null, null, status));
        }
        String name = request.name() == null ? "" : request.name().strip();
        long quota = Requests.required(request.quota(), "quota");
        long validFrom = request.validFrom() == null ? 0 : request.validFrom();
        long validUntil = request.validUntil() == null ? 0 : request.validUntil();
        runner.inTransaction(() -> {
            commands.sendAndWait(new UpdateRedemptionCommand(aggregateId, name, quota, validFrom, validUntil, admin));
            keys.renamed(id, name);
            return null;
        });
        return ApiResponse.ok(new Updated(id, name, quota, validFrom, validUntil, null));
    }

    @DeleteMapping("/{id}")
    ApiResponse<Void> delete(@RequestHeader(value = "Authorization", required = false) String authorization,
                             @PathVariable("id") String id) {
        Actor admin = authenticator.admin(authorization);
        long redemptionId = requireExisting(parseId(id));
        runner.inTransaction(() -> delete(redemptionId, admin));
        return ApiResponse.ok(null);
    }

    @DeleteMapping("/delete-by-name")
    ApiResponse<Integer> deleteByName(@RequestHeader(value = "Authorization", required = false) String authorization,
                                      @RequestParam(name = "name", required = false) String name) {
        Actor admin = authenticator.admin(authorization);
        String checked = Requests.required(name, "名称不能为空");
        return ApiResponse.ok(runner.inTransaction(() -> deleteAll(keys.idsNamed(checked), admin)));
    }

    @DeleteMapping("/delete-disabled")
    ApiResponse<Integer> deleteDisabled(@RequestHeader(value = "Authorization", required = false) String authorization) {
        Actor admin = authenticator.admin(authorization);
        return ApiResponse.ok(runner.inTransaction(() -> deleteAll(keys.disabledIds(), admin)));
    }

    /** Disables the listed codes that exist; answers how many that was. */
    @PutMapping("/batch-disable")
    ApiResponse<Integer> batchDisable(@RequestHeader(value = "Authorization", required = false) String authorization,
                                      @RequestBody BatchRequest request) {
        Actor admin = authenticator.admin(authorization);
        Requests.check(request.ids() != null && !request.ids().isEmpty(), "ID列表不能为空");
        Requests.check(request.ids().size() <= 1000, "at most 1000 ids at once");
        List<Long> ids = request.ids().stream().filter(id -> id != null && keys.exists(id)).distinct().toList();
        return ApiResponse.ok(runner.inTransaction(() -> {
            for (long id : ids) {
                commands.sendAndWait(new ChangeRedemptionStatusCommand(RedemptionIds.aggregateId(id),
                        RedemptionStatus.DISABLED, admin));
                keys.statusChanged(id, RedemptionStatus.DISABLED);
            }
            return ids.size();
        }));
    }

    private int deleteAll(List<Long> ids, Actor admin) {
        ids.forEach(id -> delete(id, admin));
        return ids.size();
    }

    private Void delete(long id, Actor admin) {
        commands.sendAndWait(new DeleteRedemptionCommand(RedemptionIds.aggregateId(id), admin));
        keys.deleted(id);
        return null;
    }

    private long requireExisting(long id) {
        if (!keys.exists(id)) {
            throw ApiException.notFound("no redemption code " + id);
        }
        return id;
    }

    static long parseId(String id) {
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("id must be a number");
        }
    }
}
