package dev.veloera.contracts.pricing;

import java.util.Map;

/**
 * Ratios and prices as kept in the {@code options} table under {@link #MODEL_RATIO},
 * {@link #COMPLETION_RATIO}, {@link #GROUP_RATIO} and {@link #MODEL_PRICE} (each a JSON object
 * from name to number). A model listed in {@code modelPrice} is billed per call.
 */
public record PricingTable(Map<String, Double> modelRatio, Map<String, Double> completionRatio,
                           Map<String, Double> groupRatio, Map<String, Double> modelPrice) {

    public static final String MODEL_RATIO = "ModelRatio";
    public static final String COMPLETION_RATIO = "CompletionRatio";
    public static final String GROUP_RATIO = "GroupRatio";
    public static final String MODEL_PRICE = "ModelPrice";

    /**
     * Ratio for a model nobody priced. High on purpose, as in one-api: an operator who forgot to
     * price a model overcharges rather than gives it away.
     */
    public static final double UNKNOWN_MODEL_RATIO = 30;

    public PricingTable {
        modelRatio = Map.copyOf(modelRatio);
        completionRatio = Map.copyOf(completionRatio);
        groupRatio = Map.copyOf(groupRatio);
        modelPrice = Map.copyOf(modelPrice);
    }

    /** One ratio unit is 0.002 USD per 1K tokens, so {@code gpt-4o-mini} at 0.15 USD/M is 0.075. */
    public static PricingTable defaults() {
        return new PricingTable(
                Map.ofEntries(
                        Map.entry("gpt-3.5-turbo", 0.25),
                        Map.entry("gpt-4", 15.0),
                        Map.entry("gpt-4-turbo", 5.0),
                        Map.entry("gpt-4o", 1.25),
                        Map.entry("gpt-4o-mini", 0.075),
                        Map.entry("gpt-4.1", 1.0),
                        Map.entry("gpt-4.1-mini", 0.2),
                        Map.entry("o3-mini", 0.55),
                        Map.entry("text-embedding-3-small", 0.01),
                        Map.entry("text-embedding-3-large", 0.065),
                        Map.entry("claude-3-5-haiku-20241022", 0.4),
                        Map.entry("claude-3-5-sonnet-20241022", 1.5),
                        Map.entry("claude-3-7-sonnet-20250219", 1.5),
                        Map.entry("claude-sonnet-4-20250514", 1.5),
                        Map.entry("claude-opus-4-20250514", 7.5)),
                Map.ofEntries(
                        Map.entry("gpt-3.5-turbo", 3.0),
                        Map.entry("gpt-4", 2.0),
                        Map.entry("gpt-4-turbo", 3.0),
                        Map.entry("gpt-4o", 4.0),
                        Map.entry("gpt-4o-mini", 4.0),
                        Map.entry("gpt-4.1", 4.0),
                        Map.entry("gpt-4.1-mini", 4.0),
                        Map.entry("o3-mini", 4.0),
                        Map.entry("claude-3-5-haiku-20241022", 5.0),
                        Map.entry("claude-3-5-sonnet-20241022", 5.0),
                        Map.entry("claude-3-7-sonnet-20250219", 5.0),
                        Map.entry("claude-sonnet-4-20250514", 5.0),
                        Map.entry("claude-opus-4-20250514", 5.0)),
                Map.of("default", 1.0, "vip", 1.0, "svip", 1.0),
                Map.of());
    }

    /** The price of {@code model} for {@code group}; unknown groups pay ratio 1, unknown completion ratio is 1. */
    public ModelPrice priceFor(String model, String group) {
        double groupRatioValue = groupRatio.getOrDefault(group, 1.0);
        Double perCall = modelPrice.get(model);
        if (perCall != null) {
            return new ModelPrice(model, group, true, perCall, 0, 1, groupRatioValue);
        }
        return new ModelPrice(model, group, false, 0,
                modelRatio.getOrDefault(model, UNKNOWN_MODEL_RATIO),
                completionRatio.getOrDefault(model, 1.0),
                groupRatioValue);
    }

    /** This table with the maps that are non-null in {@code overrides} replacing its own. */
    public PricingTable overriddenBy(Map<String, Double> modelRatioOverride, Map<String, Double> completionRatioOverride,
                                     Map<String, Double> groupRatioOverride, Map<String, Double> modelPriceOverride) {
        return new PricingTable(
                modelRatioOverride != null ? modelRatioOverride : modelRatio,
                completionRatioOverride != null ? completionRatioOverride : completionRatio,
                groupRatioOverride != null ? groupRatioOverride : groupRatio,
                modelPriceOverride != null ? modelPriceOverride : modelPrice);
    }
}
