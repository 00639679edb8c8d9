package dev.veloera.query.token;

import dev.veloera.query.auth.AccessTokenDirectory;
import dev.veloera.query.support.WebTestSupport;
import dev.veloera.query.web.PageRequest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import java.util.List;
import java.util.Optional;

import static org.mockito.BDDMockito.given;
import static org.springframework.http.HttpHeaders.AUTHORIZATION;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@WebMvcTest(TokenController.class)
class TokenControllerTest {

    @Autowired
    MockMvc mvc;
    @MockitoBean
    AccessTokenDirectory directory;
    @MockitoBean
    TokenQueries tokens;

    @Test
    void listsTheCallersTokensWithTheMaskedKeyOnly() throws Exception {
        WebTestSupport.knownTokens(directory);
        given(tokens.pageOfUser(42, new PageRequest(1, 10))).willReturn(List.of(new TokenView(5, 42, "main",
                "sk-abcd…wxyz", 1, 100, 100, -1, 4_750, false, 250, true, "gpt-4o", "", "vip")));
        given(tokens.countOfUser(42)).willReturn(1L);

        mvc.perform(get("/api/token/").header(AUTHORIZATION, WebTestSupport.USER))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.data.items[0].key").value("sk-abcd…wxyz"))
                .andExpect(jsonPath("$.data.items[0].remain_quota").value(4750))
                .andExpect(jsonPath("$.data.items[0].unlimited_quota").value(false))
                .andExpect(jsonPath("$.data.items[0].expired_time").value(-1))
                .andExpect(jsonPath("$.data.items[0].model_limits").value("gpt-4o"))
                .andExpect(jsonPath("$.data.items[0].key_hash").doesNotExist())
                .andExpect(jsonPath("$.data.total").value(1));
    }

    @Test
    void anotherUsersTokenIdIs404() throws Exception {
        WebTestSupport.knownTokens(directory);
        given(tokens.ofUser(42, 9)).willReturn(Optional.empty());

        mvc.perform(get("/api/token/9").header(AUTHORIZATION, WebTestSupport.USER))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.success").value(false));
    }

    @Test
    void anOwnTokenIsReturnedById() throws Exception {
        WebTestSupport.knownTokens(directory);
        given(tokens.ofUser(42, 5)).willReturn(Optional.of(new TokenView(5, 42, "main", "sk-abcd…wxyz", 1, 100, 100,
                -1, 4_750, false, 250, false, "", "10.0.0.0/8", "")));

        mvc.perform(get("/api/token/5").header(AUTHORIZATION, WebTestSupport.USER))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.data.id").value(5))
                .andExpect(jsonPath("$.data.allow_ips").value("10.0.0.0/8"));
    }

    @Test
    void aTokenIdThatIsNotANumberIs400() throws Exception {
        WebTestSupport.knownTokens(directory);
        mvc.perform(get("/api/token/abc").header(AUTHORIZATION, WebTestSupport.USER))
                .andExpect(status().isBadRequest());
    }

    @Test
    void searchAnswersAPlainArray() throws Exception {
        WebTestSupport.knownTokens(directory);
        given(tokens.search(42, "ma", null)).willReturn(List.of(new TokenView(5, 42, "main", "sk-abcd…wxyz", 1, 100,
                100, -1, 4_750, false, 250, false, "", "", "")));

        mvc.perform(get("/api/token/search").param("keyword", "ma").header(AUTHORIZATION, WebTestSupport.USER))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.data[0].name").value("main"));
    }
}
