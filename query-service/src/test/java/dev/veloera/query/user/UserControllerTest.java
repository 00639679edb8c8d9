package dev.veloera.query.user;

import dev.veloera.query.auth.AccessTokenDirectory;
import dev.veloera.query.support.WebTestSupport;
import dev.veloera.query.web.PageRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import java.util.List;
import java.util.Optional;

import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verify;
import static org.springframework.http.HttpHeaders.AUTHORIZATION;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@WebMvcTest(UserController.class)
class UserControllerTest {

    private static final UserView ALICE = new UserView(42, "alice", "Alice", 1, 1, null, 9_750, 250, 1, "vip",
            "AFF1", 0, 0, 0, null, null);

    @Autowired
    MockMvc mvc;
    @MockitoBean
    AccessTokenDirectory directory;
    @MockitoBean
    UserQueries users;

    @BeforeEach
    void tokens() {
        WebTestSupport.knownTokens(directory);
    }

    @Test
    void selfShowsTheCallerInSnakeCase() throws Exception {
        given(users.findById(42)).willReturn(Optional.of(ALICE));

        mvc.perform(get("/api/user/self").header(AUTHORIZATION, WebTestSupport.USER))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.success").value(true))
                .andExpect(jsonPath("$.data.id").value(42))
                .andExpect(jsonPath("$.data.display_name").value("Alice"))
                .andExpect(jsonPath("$.data.used_quota").value(250))
                .andExpect(jsonPath("$.data.request_count").value(1))
                .andExpect(jsonPath("$.data.group").value("vip"))
                .andExpect(jsonPath("$.data.aff_code").value("AFF1"))
                .andExpect(jsonPath("$.data.password").doesNotExist())
                .andExpect(jsonPath("$.data.access_token").doesNotExist());
    }

    @Test
    void cannotReadSelfWithoutAValidBearer() throws Exception {
        mvc.perform(get("/api/user/self"))
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.success").value(false))
                .andExpect(jsonPath("$.data.code").value("unauthorized"));
        mvc.perform(get("/api/user/self").header(AUTHORIZATION, "Bearer nope"))
                .andExpect(status().isUnauthorized());
        mvc.perform(get("/api/user/self").header(AUTHORIZATION, WebTestSupport.DISABLED))
                .andExpect(status().isForbidden());
    }

    @Test
    void canAcceptTheTokenWithoutBearerPrefix() throws Exception {
        given(users.findById(42)).willReturn(Optional.of(ALICE));
        mvc.perform(get("/api/user/self").header(AUTHORIZATION, "user-token")).andExpect(status().isOk());
    }

    @Test
    void adminListsUsersPagedWithClampedPageSize() throws Exception {
        given(users.search(null, null, new PageRequest(2, 100))).willReturn(List.of(ALICE));
        given(users.countSearch(null, null)).willReturn(101L);

        mvc.perform(get("/api/user/").param("p", "2").param("page_size", "500").header(AUTHORIZATION, WebTestSupport.ADMIN))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.data.items[0].username").value("alice"))
                .andExpect(jsonPath("$.data.total").value(101))
                .andExpect(jsonPath("$.data.page").value(2))
                .andExpect(jsonPath("$.data.page_size").value(100));
        verify(users).search(null, null, new PageRequest(2, 100));
    }

    @Test
    void cannotListUsersAsACommonUser() throws Exception {
        mvc.perform(get("/api/user/").header(AUTHORIZATION, WebTestSupport.USER))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.data.code").value("forbidden"));
    }

    @Test
    void adminReadsOneUserAndGets404ForAnUnknownOne() throws Exception {
        given(users.findById(42)).willReturn(Optional.of(ALICE));
        given(users.findById(99)).willReturn(Optional.empty());

        mvc.perform(get("/api/user/42").header(AUTHORIZATION, WebTestSupport.ADMIN))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.data.username").value("alice"));
        mvc.perform(get("/api/user/99").header(AUTHORIZATION, WebTestSupport.ADMIN))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.data.code").value("not_found"));
        mvc.perform(get("/api/user/abc").header(AUTHORIZATION, WebTestSupport.ADMIN))
                .andExpect(status().isBadRequest());
    }

    @Test
    void answersMvcRefusalsInTheEnvelope() throws Exception {
        mvc.perform(post("/api/user/self").header(AUTHORIZATION, WebTestSupport.USER))
                .andExpect(status().isMethodNotAllowed())
                .andExpect(jsonPath("$.success").value(false))
                .andExpect(jsonPath("$.data.code").value("method_not_allowed"));
        mvc.perform(get("/api/nothing-here"))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.data.code").value("not_found"));
    }
}
