package dev.veloera.query.logs;

import dev.veloera.query.auth.AccessTokenDirectory;
import dev.veloera.query.maintenance.LogHistory;
import dev.veloera.query.support.WebTestSupport;
import dev.veloera.query.web.PageRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import java.util.List;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verify;
import static org.springframework.http.HttpHeaders.AUTHORIZATION;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@WebMvcTest(LogController.class)
class LogControllerTest {

    private static final LogView LOG = new LogView(7, 42, 1_767_225_600L, 2, "", "alice", "main", "gpt-4o", 250, 10, 20,
            1200, true, 3, 5, "vip", "{}", "req-1");

    @Autowired
    MockMvc mvc;
    @MockitoBean
    AccessTokenDirectory directory;
    @MockitoBean
    LogQueries logs;
    @MockitoBean
    LogHistory history;

    @BeforeEach
    void tokens() {
        WebTestSupport.knownTokens(directory);
    }

    @Test
    void adminFiltersLogsWithVeloerasParameterNames() throws Exception {
        LogFilter expected = new LogFilter(2, 100L, 200L, "alice", "main", "gpt-4o", 3L, "vip", null);
        given(logs.page(expected, new PageRequest(1, 10))).willReturn(List.of(LOG));
        given(logs.count(expected)).willReturn(1L);

        mvc.perform(get("/api/log/").header(AUTHORIZATION, WebTestSupport.ADMIN)
                        .param("type", "2").param("start_timestamp", "100").param("end_timestamp", "200")
                        .param("username", "alice").param("token_name", "main").param("model_name", "gpt-4o")
                        .param("channel", "3").param("group", "vip"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.data.items[0].model_name").value("gpt-4o"))
                .andExpect(jsonPath("$.data.items[0].is_stream").value(true))
                .andExpect(jsonPath("$.data.items[0].channel").value(3))
                .andExpect(jsonPath("$.data.items[0].group").value("vip"))
                .andExpect(jsonPath("$.data.items[0].use_time").value(1200))
                .andExpect(jsonPath("$.data.total").value(1))
                .andExpect(jsonPath("$.data.page_size").value(10));
    }

    @Test
    void selfIsForcedToTheCallerWhateverUsernameIsSent() throws Exception {
        LogFilter forced = new LogFilter(null, null, null, null, null, null, null, null, 42L);
        given(logs.page(forced, new PageRequest(3, 5))).willReturn(List.of());
        given(logs.count(forced)).willReturn(0L);

        mvc.perform(get("/api/log/self").header(AUTHORIZATION, WebTestSupport.USER)
                        .param("username", "someone-else").param("p", "3").param("page_size", "5"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.data.items").isEmpty())
                .andExpect(jsonPath("$.data.page").value(3));
        verify(logs).page(forced, new PageRequest(3, 5));
    }

    @Test
    void statSumsConsumeLogsByDefault() throws Exception {
        given(logs.sumQuota(any())).willReturn(1234L);
        given(logs.requestsAndTokens(any())).willReturn(new long[] {7, 900});

        mvc.perform(get("/api/log/stat").header(AUTHORIZATION, WebTestSupport.ADMIN).param("model_name", "gpt-4o"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.data.quota").value(1234))
                .andExpect(jsonPath("$.data.rpm").value(7))
                .andExpect(jsonPath("$.data.tpm").value(900));
        verify(logs).sumQuota(new LogFilter(2, null, null, null, null, "gpt-4o", null, null, null));
    }

    @Test
    void cannotReadAllLogsOrTheirStatAsACommonUser() throws Exception {
        mvc.perform(get("/api/log/").header(AUTHORIZATION, WebTestSupport.USER)).andExpect(status().isForbidden());
        mvc.perform(get("/api/log/stat").header(AUTHORIZATION, WebTestSupport.USER)).andExpect(status().isForbidden());
        mvc.perform(get("/api/log/self")).andExpect(status().isUnauthorized());
    }

    @Test
    void badFilterValuesAre400NeverA500() throws Exception {
        String[][] bad = {{"type", "abc"}, {"type", "9"}, {"type", "-1"}, {"start_timestamp", "yesterday"},
                {"end_timestamp", "-5"}, {"channel", "x"}, {"p", "one"}, {"page_size", "1e3"},
                {"start_timestamp", "99999999999999999999"}};
        for (String[] parameter : bad) {
            boolean paging = parameter[0].equals("p") || parameter[0].equals("page_size");
            for (String path : paging ? new String[] {"/api/log/"} : new String[] {"/api/log/", "/api/log/stat"}) {
                mvc.perform(get(path).header(AUTHORIZATION, WebTestSupport.ADMIN).param(parameter[0], parameter[1]))
                        .andExpect(status().isBadRequest())
                        .andExpect(jsonPath("$.success").value(false))
                        .andExpect(jsonPath("$.message").value(org.hamcrest.Matchers.containsString(parameter[0])));
            }
            mvc.perform(get(paging ? "/api/log/self" : "/api/log/self/stat").header(AUTHORIZATION, WebTestSupport.USER)
                    .param(parameter[0], parameter[1])).andExpect(status().isBadRequest());
        }
        mvc.perform(get("/api/log/").header(AUTHORIZATION, WebTestSupport.ADMIN)
                        .param("start_timestamp", "200").param("end_timestamp", "100"))
                .andExpect(status().isBadRequest());
        mvc.perform(get("/api/log/self/search").header(AUTHORIZATION, WebTestSupport.USER).param("keyword", "x"))
                .andExpect(status().isBadRequest());
        mvc.perform(get("/api/log/token").header(AUTHORIZATION, WebTestSupport.USER))
                .andExpect(status().isBadRequest());
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete("/api/log/")
                        .header(AUTHORIZATION, WebTestSupport.ADMIN).param("target_timestamp", "soon"))
                .andExpect(status().isBadRequest());
    }

    @Test
    void zeroMeansNoFilterAsInVeloera() throws Exception {
        LogFilter none = new LogFilter(null, null, null, null, null, null, null, null, null);
        given(logs.page(none, new PageRequest(1, 10))).willReturn(List.of());
        mvc.perform(get("/api/log/").header(AUTHORIZATION, WebTestSupport.ADMIN).param("type", "0")
                        .param("start_timestamp", "0").param("channel", "0"))
                .andExpect(status().isOk());
        verify(logs).page(none, new PageRequest(1, 10));
    }

    @Test
    void searchesAnswerPlainArraysAndSelfSearchStaysWithTheCaller() throws Exception {
        given(logs.search(2, "2", null, 100)).willReturn(List.of(LOG));
        given(logs.search(2, null, 42L, 100)).willReturn(List.of(LOG));
        given(logs.ofKey(42, "sk-abc", 100)).willReturn(List.of(LOG));

        mvc.perform(get("/api/log/search").header(AUTHORIZATION, WebTestSupport.ADMIN).param("keyword", "2"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.data[0].id").value(7));
        mvc.perform(get("/api/log/self/search").header(AUTHORIZATION, WebTestSupport.USER).param("keyword", "2"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.data[0].id").value(7));
        mvc.perform(get("/api/log/token").header(AUTHORIZATION, WebTestSupport.USER).param("key", "sk-abc"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.data[0].id").value(7));
        mvc.perform(get("/api/log/search").header(AUTHORIZATION, WebTestSupport.USER).param("keyword", "2"))
                .andExpect(status().isForbidden());
    }

    @Test
    void deletingHistoryLogsIsForAdminsAndAnswersTheCount() throws Exception {
        given(history.deleteBefore(1_700_000_000L)).willReturn(new LogHistory.Deleted(12, List.of(), true));
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete("/api/log/")
                        .header(AUTHORIZATION, WebTestSupport.ADMIN).param("target_timestamp", "1700000000"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.data").value(12));
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete("/api/log/")
                        .header(AUTHORIZATION, WebTestSupport.USER).param("target_timestamp", "1700000000"))
                .andExpect(status().isForbidden());
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete("/api/log/")
                        .header(AUTHORIZATION, WebTestSupport.ADMIN))
                .andExpect(status().isBadRequest());
    }
}
