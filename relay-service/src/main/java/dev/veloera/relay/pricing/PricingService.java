package dev.veloera.relay.pricing;

import dev.veloera.contracts.pricing.ModelPrice;
import dev.veloera.contracts.pricing.PricingTable;
import dev.veloera.relay.catalog.Catalog;
import org.springframework.stereotype.Component;

/**
 * Prices from the catalog's option entries ({@code ModelRatio}, {@code CompletionRatio}, {@code GroupRatio},
 * {@code ModelPrice}) over {@link PricingTable#defaults()}; the table is rebuilt by the catalog when an option
 * changes, so pricing a request is a map lookup.
 */
@Component
public class PricingService {

    private final Catalog catalog;

    PricingService(Catalog catalog) {
        this.catalog = catalog;
    }

    public ModelPrice priceFor(String model, String group) {
        return table().priceFor(model, group);
    }

    public PricingTable table() {
        return catalog.pricing();
    }
}
