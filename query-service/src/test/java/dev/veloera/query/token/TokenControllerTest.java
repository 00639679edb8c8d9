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
}
