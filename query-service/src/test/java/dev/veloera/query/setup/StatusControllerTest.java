package dev.veloera.query.setup;

import dev.veloera.query.QueryProperties;
import dev.veloera.query.auth.AccessTokenDirectory;
import dev.veloera.query.db.DatabaseEngine;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import static org.mockito.BDDMockito.given;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@WebMvcTest(StatusController.class)
@Import(StatusControllerTest.Engine.class)
class StatusControllerTest {

    @Autowired
    MockMvc mvc;
    @MockitoBean
    AccessTokenDirectory directory;
    @MockitoBean
    SetupQueries setup;
    @MockitoBean
    dev.veloera.query.option.OptionQueries options;

    @Test
    void statusAndSetupArePublic() throws Exception {
        given(setup.isSetUp()).willReturn(true);
        given(setup.rootExists()).willReturn(true);
        java.util.Map<String, String> values = new java.util.TreeMap<>(dev.veloera.contracts.option.SystemOptions.defaults());
        values.put("CheckInEnabled", "true");
        values.put("Chats", "[{\"Lobe\":\"https://example.com\"}]");
        given(options.all()).willReturn(values);
        given(options.value("Notice")).willReturn("maintenance at noon");

        mvc.perform(get("/api/status"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.data.quota_per_unit").value(500000))
                .andExpect(jsonPath("$.data.setup").value(true))
                .andExpect(jsonPath("$.data.version").isString())
                .andExpect(jsonPath("$.data.check_in_enabled").value(true))
                .andExpect(jsonPath("$.data.price").value(7.3))
                .andExpect(jsonPath("$.data.register_enabled").value(true))
                .andExpect(jsonPath("$.data.chats[0].Lobe").value("https://example.com"))
                .andExpect(jsonPath("$.data.enable_online_topup").value(false));
        mvc.perform(get("/api/notice"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.data").value("maintenance at noon"));
        mvc.perform(get("/api/setup"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.data.status").value(true))
                .andExpect(jsonPath("$.data.root_init").value(true))
                .andExpect(jsonPath("$.data.database_type").value("sqlite"));
    }

    @TestConfiguration
    @EnableConfigurationProperties(QueryProperties.class)
    static class Engine {
        @Bean
        DatabaseEngine databaseEngine() {
            return DatabaseEngine.SQLITE;
        }
    }
}
