package dev.veloera.command.user;

import dev.veloera.command.catalog.CatalogProperties;
import dev.veloera.command.catalog.TokenCatalog;
import dev.veloera.command.config.CommandRunner;
import dev.veloera.command.config.CommandServiceProperties;
import dev.veloera.command.config.LookupTables;
import dev.veloera.command.web.ApiException;
import dev.veloera.command.web.Authenticator;
import dev.veloera.command.web.RandomKeys;
import dev.veloera.contracts.api.GatewayError;
import dev.veloera.contracts.channel.CreateChannelCommand;
import dev.veloera.contracts.common.Actor;
import dev.veloera.contracts.common.Roles;
import dev.veloera.contracts.usage.ReserveQuotaResponse;
import dev.veloera.contracts.user.CreateApiTokenCommand;
import dev.veloera.contracts.user.ReserveQuotaCommand;
import dev.veloera.contracts.user.SetUserQuotaCommand;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.axonframework.modelling.command.AggregateNotFoundException;
import dev.veloera.contracts.lease.GrantQuotaLeaseCommand;
import dev.veloera.contracts.lease.LeaseGrant;
import dev.veloera.contracts.lease.ReturnQuotaLeaseCommand;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.*;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The HTTP mapping of every write endpoint: snake_case bodies, the envelope, and the status of each failure. */
/*
 * The channel batch and upstream controllers (tests, balances, model lists) are covered by ChannelApiIntegrationTest
 * on a real event store and a fake upstream; their collaborators are package-private to the channel package.
 */
@WebMvcTest(excludeFilters = @org.springframework.context.annotation.ComponentScan.Filter(
        type = org.springframework.context.annotation.FilterType.REGEX,
        pattern = "dev\\.veloera\\.command\\.channel\\.Channel(Batch|Upstream)Controller"))
@org.springframework.context.annotation.Import({AccountCreation.class, ProfileChanges.class,
        dev.veloera.command.web.InternalSecret.class})
class ManagementApiTest {

    private static final String ADMIN_BEARER = "Bearer " + "a".repeat(32);
    private static final Actor ADMIN = new Actor(1, Roles.ROOT);
    private static final Actor ALICE = new Actor(7, Roles.COMMON);

    @TestConfiguration
    static class Beans {
        @Bean
        CommandServiceProperties commandServiceProperties() {
            return new CommandServiceProperties("s3cret", Duration.ofMinutes(15), Duration.ofMinutes(2), 250,
                    Duration.ofSeconds(5), 3);
        }

        @Bean
        CatalogProperties catalogProperties() {
            return new CatalogProperties(Duration.ofSeconds(5));
        }

        @Bean
        PasswordEncoder passwordEncoder() {
            return new BCryptPasswordEncoder(4);
        }
    }

    @Autowired
    MockMvc mvc;
    /** The money controllers' collaborators, which this slice does not scan. */
    @MockitoBean
    dev.veloera.command.redemption.RedemptionKeys redemptionKeys;
    @MockitoBean
    dev.veloera.command.topup.PaymentSettings paymentSettings;
    @MockitoBean
    dev.veloera.command.topup.UserGroups userGroups;
    @MockitoBean
    dev.veloera.command.topup.TopUpOrders topUpOrders;
    @MockitoBean
    dev.veloera.command.topup.InviterRebate inviterRebate;
    @MockitoBean
    dev.veloera.command.topup.TopUpProperties topUpProperties;
    @MockitoBean
    CommandGateway commands;
    @MockitoBean
    CommandRunner runner;
    @MockitoBean
    UserDirectory directory;
    @MockitoBean
    Authenticator authenticator;
    @MockitoBean
    LookupTables tables;
    @MockitoBean
    JdbcTemplate jdbc;
    @MockitoBean
    TokenCatalog tokenCatalog;
    @org.springframework.test.context.bean.override.mockito.MockitoSpyBean
    PasswordEncoder passwordEncoder;
    @MockitoBean
    dev.veloera.command.option.CommandOptions options;

    @BeforeEach
    @SuppressWarnings("unchecked")
    void runInline() {
        when(runner.inTransaction(any())).thenAnswer(call -> ((Supplier<Object>) call.getArgument(0)).get());
        when(runner.send(any())).thenAnswer(call -> ((Supplier<Object>) call.getArgument(0)).get());
        doAnswer(call -> {
            ((Runnable) call.getArgument(0)).run();
            return null;
        }).when(runner).run(any());
        when(options.enabled(anyString())).thenReturn(true);
        when(directory.actorOf(7L)).thenReturn(Optional.of(ALICE));
        when(authenticator.admin(ADMIN_BEARER)).thenReturn(ADMIN);
        when(authenticator.user("Bearer alice")).thenReturn(ALICE);
        when(authenticator.admin(null)).thenThrow(ApiException.unauthorized("missing Authorization"));
        when(authenticator.admin("Bearer alice")).thenThrow(ApiException.forbidden("admin role required"));
    }

    private ResultActions postJson(String path, String json, String... bearer) throws Exception {
        var request = post(path).contentType(MediaType.APPLICATION_JSON).content(json);
        if (bearer.length > 0) {
            request.header("Authorization", bearer[0]);
        }
        return mvc.perform(request);
    }

    @Test
    void canRegisterWithSnakeCaseFields() throws Exception {
        when(directory.claimUsername(eq("alice"), anyString())).thenReturn(7L);
        postJson("/api/user/register", "{\"username\":\"alice\",\"password\":\"long-enough\",\"display_name\":\"Alice\"}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.success").value(true))
                .andExpect(jsonPath("$.data.id").value(7));
    }

    @Test
    void cannotRegisterWithAShortPassword() throws Exception {
        postJson("/api/user/register", "{\"username\":\"alice\",\"password\":\"short\"}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.success").value(false))
                .andExpect(jsonPath("$.message").value("password must be 8 to 72 bytes"))
                .andExpect(jsonPath("$.data.code").value("invalid_request"));
        verifyNoInteractions(commands);
    }

    @Test
    void cannotRegisterATakenUsername() throws Exception {
        when(directory.claimUsername(eq("alice"), anyString()))
                .thenThrow(ApiException.conflict("username_taken", "the username alice is already taken"));
        postJson("/api/user/register", "{\"username\":\"alice\",\"password\":\"long-enough\"}")
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.data.code").value("username_taken"));
    }

    @Test
    void cannotSendMalformedJson() throws Exception {
        postJson("/api/user/register", "{\"username\":")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.data.code").value("invalid_request"));
    }

    @Test
    void canLogInAndGetTheAccessToken() throws Exception {
        when(directory.actorOf("alice")).thenReturn(Optional.of(ALICE));
        when(commands.sendAndWait(any(LogInCommand.class)))
                .thenReturn(new LoginResult(7, "alice", Roles.COMMON, "default", "t".repeat(32)));
        postJson("/api/user/login", "{\"username\":\"alice\",\"password\":\"long-enough\"}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.data.access_token").value("t".repeat(32)))
                .andExpect(jsonPath("$.data.id").value(7))
                .andExpect(jsonPath("$.data.role").value(1))
                .andExpect(jsonPath("$.data.group").value("default"));
    }

    @Test
    void cannotLogInAsAnUnknownUser() throws Exception {
        when(directory.actorOf("nobody")).thenReturn(Optional.empty());
        postJson("/api/user/login", "{\"username\":\"nobody\",\"password\":\"long-enough\"}")
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.data.code").value("unauthorized"));
        // the same BCrypt work as a wrong password, against a decoy hash: an unknown name is not faster
        verify(passwordEncoder).matches(eq("long-enough"), anyString());
    }

    @Test
    void canSetAUsersQuotaAsAdmin() throws Exception {
        mvc.perform(put("/api/user/").header("Authorization", ADMIN_BEARER).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"id\":7,\"quota\":5000,\"username\":\"alice\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.data.quota").value(5000));
        verify(commands).sendAndWait(new SetUserQuotaCommand("7", 5000, ADMIN));
    }

    @Test
    void cannotSetQuotaWithoutABearer() throws Exception {
        mvc.perform(put("/api/user/").contentType(MediaType.APPLICATION_JSON).content("{\"id\":7,\"quota\":5}"))
                .andExpect(status().isUnauthorized());
    }

    @Test
    void cannotSetQuotaAsACommonUser() throws Exception {
        mvc.perform(put("/api/user/").header("Authorization", "Bearer alice").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"id\":7,\"quota\":5}"))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.data.code").value("forbidden"));
    }

    @Test
    void cannotSetANegativeQuota() throws Exception {
        mvc.perform(put("/api/user/").header("Authorization", ADMIN_BEARER).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"id\":7,\"quota\":-5}"))
                .andExpect(status().isBadRequest());
    }

    @Test
    void canCreateATokenAndSeeTheFullKeyOnce() throws Exception {
        when(directory.claimTokenKey(anyString(), eq(7L))).thenReturn(42L);
        String body = postJson("/api/token/", "{\"name\":\"ci\",\"remain_quota\":100,\"model_limits_enabled\":true,"
                + "\"model_limits\":\"gpt-4o, gpt-4o-mini\"}", "Bearer alice")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.data.id").value(42))
                .andReturn().getResponse().getContentAsString();
        String key = com.jayway.jsonpath.JsonPath.read(body, "$.data.key");
        assertThat(key).startsWith("sk-").hasSize(51);
        ArgumentCaptor<CreateApiTokenCommand> sent = ArgumentCaptor.forClass(CreateApiTokenCommand.class);
        verify(commands).sendAndWait(sent.capture());
        assertThat(sent.getValue().keyHash()).isEqualTo(RandomKeys.keyHash(key)).hasSize(44);
        verify(tokenCatalog).awaitToken(42L, RandomKeys.keyHash(key), Duration.ofSeconds(5));
        assertThat(sent.getValue().modelLimits()).containsExactly("gpt-4o", "gpt-4o-mini");
        assertThat(sent.getValue().expiredTime()).isEqualTo(-1);
        assertThat(body).doesNotContain("key_hash");
    }

    @Test
    void canCreateAChannelFromVeloerasShape() throws Exception {
        when(tables.insertReturningId(anyString(), eq("channel_id"), any())).thenReturn(3L);
        postJson("/api/channel/", "{\"type\":0,\"name\":\"openai\",\"key\":\"sk-up\",\"base_url\":\"http://up\","
                + "\"models\":\"gpt-4o,gpt-4o-mini\",\"priority\":2,\"weight\":5,"
                + "\"model_mapping\":\"{\\\"gpt-4o\\\":\\\"gpt-4o-2024\\\"}\"}", ADMIN_BEARER)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.data.id").value(3));
        verify(commands).sendAndWait(new CreateChannelCommand("channel-3", 0, "openai", "sk-up", "http://up",
                List.of("gpt-4o", "gpt-4o-mini"), List.of("default"), 2, 5, Map.of("gpt-4o", "gpt-4o-2024"), null,
                ADMIN));
    }

    @Test
    void cannotCreateAChannelWithAnInvalidModelMapping() throws Exception {
        postJson("/api/channel/", "{\"name\":\"x\",\"key\":\"k\",\"models\":\"m\",\"model_mapping\":\"not json\"}",
                ADMIN_BEARER)
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.message").value("model_mapping must be a JSON object of model name to model name"));
    }

    @Test
    void cannotSetUpTwice() throws Exception {
        when(jdbc.queryForObject(anyString(), eq(Integer.class), any())).thenReturn(1);
        postJson("/api/setup", "{\"username\":\"root\",\"password\":\"long-enough\"}")
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.data.code").value("setup_completed"));
    }

    @Test
    void canReserveQuotaWithTheInternalSecret() throws Exception {
        when(commands.sendAndWait(any(ReserveQuotaCommand.class))).thenReturn(new ReserveQuotaResponse("r1", 100, 9));
        mvc.perform(post("/internal/quota/reservations").header("X-Veloera-Internal-Secret", "s3cret")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"requestId\":\"r1\",\"userId\":7,\"tokenId\":1,\"model\":\"gpt-4o\",\"amount\":100}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.data.reservationId").value("r1"))
                .andExpect(jsonPath("$.data.expiresAt").value(9));
    }

    @Test
    void cannotReserveWithoutTheSecret() throws Exception {
        mvc.perform(post("/internal/quota/reservations").header("X-Veloera-Internal-Secret", "wrong")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"requestId\":\"r1\",\"userId\":7,\"tokenId\":1,\"model\":\"gpt-4o\",\"amount\":100}"))
                .andExpect(status().isUnauthorized());
        verifyNoInteractions(commands);
    }

    @Test
    void cannotReserveBeyondTheQuotaAndGetsTheGatewayErrorStatus() throws Exception {
        when(commands.sendAndWait(any(ReserveQuotaCommand.class)))
                .thenThrow(UserAccountException.refused(GatewayError.INSUFFICIENT_USER_QUOTA, "insufficient"));
        mvc.perform(post("/internal/quota/reservations").header("X-Veloera-Internal-Secret", "s3cret")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"requestId\":\"r1\",\"userId\":7,\"tokenId\":1,\"model\":\"gpt-4o\",\"amount\":100}"))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.success").value(false))
                .andExpect(jsonPath("$.data.code").value("insufficient_user_quota"));
    }

    private ResultActions internal(String path, String secret, String json) throws Exception {
        return mvc.perform(post(path).header("X-Veloera-Internal-Secret", secret)
                .contentType(MediaType.APPLICATION_JSON).content(json));
    }

    @Test
    void canGrantALeaseWithTheInternalSecret() throws Exception {
        when(commands.sendAndWait(any(GrantQuotaLeaseCommand.class))).thenReturn(new LeaseGrant("l1", 300, 9));
        internal("/internal/quota/leases", "s3cret", """
                {"leaseId":"l1","userId":7,"tokenId":1,"relayInstance":"relay-a","minimum":100,"wanted":500}""")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.data.leaseId").value("l1"))
                .andExpect(jsonPath("$.data.amount").value(300))
                .andExpect(jsonPath("$.data.expiresAt").value(9));
        verify(commands).sendAndWait(new GrantQuotaLeaseCommand("7", 1, "l1", "relay-a", 100, 500, Actor.SYSTEM));
    }

    @Test
    void cannotGrantALeaseWithoutTheSecret() throws Exception {
        internal("/internal/quota/leases", "wrong", """
                {"leaseId":"l1","userId":7,"tokenId":1,"relayInstance":"relay-a","minimum":100,"wanted":500}""")
                .andExpect(status().isUnauthorized());
        verifyNoInteractions(commands);
    }

    @Test
    void cannotGrantALeaseWantingNothing() throws Exception {
        internal("/internal/quota/leases", "s3cret", """
                {"leaseId":"l1","userId":7,"tokenId":1,"relayInstance":"relay-a","minimum":0,"wanted":0}""")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.data.code").value("invalid_request"));
    }

    @Test
    void cannotGrantALeaseToAUserWhoDoesNotExist() throws Exception {
        when(commands.sendAndWait(any(GrantQuotaLeaseCommand.class)))
                .thenThrow(new AggregateNotFoundException("7", "no such aggregate"));
        internal("/internal/quota/leases", "s3cret", """
                {"leaseId":"l1","userId":7,"tokenId":1,"relayInstance":"relay-a","minimum":100,"wanted":500}""")
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.data.code").value("invalid_api_key"));
    }

    @Test
    void cannotGrantALeaseBeyondTheQuotaAndGetsTheGatewayErrorStatus() throws Exception {
        when(commands.sendAndWait(any(GrantQuotaLeaseCommand.class)))
                .thenThrow(UserAccountException.refused(GatewayError.TOKEN_QUOTA_EXHAUSTED, "exhausted"));
        internal("/internal/quota/leases", "s3cret", """
                {"leaseId":"l1","userId":7,"tokenId":1,"relayInstance":"relay-a","minimum":100,"wanted":500}""")
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.data.code").value("token_quota_exhausted"));
    }

    @Test
    void canReturnALease() throws Exception {
        internal("/internal/quota/leases/return", "s3cret", """
                {"leaseId":"l1","userId":7,"tokenId":1,"consumed":120}""")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.success").value(true));
        verify(commands).sendAndWait(new ReturnQuotaLeaseCommand("7", "l1", 120, Actor.SYSTEM));
    }
}
