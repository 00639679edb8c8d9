package dev.veloera.query.pricing;

import dev.veloera.contracts.pricing.PricingTable;
import dev.veloera.query.auth.AccessTokenDirectory;
import dev.veloera.query.support.WebTestSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.springframework.http.HttpHeaders.AUTHORIZATION;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@WebMvcTest(PricingController.class)
class PricingControllerTest {

    @Autowired
    MockMvc mvc;
    @MockitoBean
    AccessTokenDirectory directory;
    @MockitoBean
    StoredPricing pricing;
    @MockitoBean(answers = org.mockito.Answers.RETURNS_DEEP_STUBS)
    JdbcClient jdbc;

    @BeforeEach
    void setUp() {
        WebTestSupport.knownTokens(directory);
        PricingTable table = PricingTable.defaults().overriddenBy(null, null,
                Map.of("default", 1.0, "vip", 1.5, "svip", 2.0), Map.of("dall-e-3", 0.04));
        given(pricing.table()).willReturn(table);
        Map<String, List<String>> models = new TreeMap<>(Map.of("gpt-4o", List.of("default", "vip"),
                "dall-e-3", List.of("default")));
        given(pricing.enabledGroupsByModel()).willReturn(models);
        given(pricing.usableGroups(any())).willReturn(new TreeMap<>(Map.of("default", "默认分组", "vip", "vip分组")));
    }

    @Test
    void pricingListsEnabledModelsByRatioOrPerCallWithTheUsableGroupsRatios() throws Exception {
        mvc.perform(get("/api/pricing"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.success").value(true))
                .andExpect(jsonPath("$.data[0].model_name").value("dall-e-3"))
                .andExpect(jsonPath("$.data[0].quota_type").value(1))
                .andExpect(jsonPath("$.data[0].model_price").value(0.04))
                .andExpect(jsonPath("$.data[1].model_name").value("gpt-4o"))
                .andExpect(jsonPath("$.data[1].quota_type").value(0))
                .andExpect(jsonPath("$.data[1].model_ratio").value(1.25))
                .andExpect(jsonPath("$.data[1].completion_ratio").value(4.0))
                .andExpect(jsonPath("$.data[1].enable_groups[1]").value("vip"))
                .andExpect(jsonPath("$.group_ratio.vip").value(1.5))
                .andExpect(jsonPath("$.group_ratio.svip").doesNotExist())
                .andExpect(jsonPath("$.usable_group.default").value("默认分组"));
    }

    @Test
    void groupsAreTheGroupRatioKeysForAdminsOnly() throws Exception {
        mvc.perform(get("/api/group/").header(AUTHORIZATION, WebTestSupport.ADMIN))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.data[0]").value("default"))
                .andExpect(jsonPath("$.data[2]").value("vip"));
        mvc.perform(get("/api/group/").header(AUTHORIZATION, WebTestSupport.USER)).andExpect(status().isForbidden());
        mvc.perform(get("/api/models")).andExpect(status().isUnauthorized());
    }
}
