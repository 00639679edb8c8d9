package dev.veloera.query.catalog;

import java.util.List;

import dev.veloera.query.user.UserProjection;

/**
 * Where catalog publication runs inside a processing group. Axon 4.13 invokes the event handler beans of one
 * processing group in the order of their Spring {@code @Order} (an un-annotated bean counts as
 * {@code Ordered.LOWEST_PRECEDENCE}, ties in no defined order), each event passing through all of them in one unit
 * of work and one transaction. The catalog handlers read the rows the projections of their group wrote, so every
 * projection of {@link #GROUPS} carries {@code @Order(CatalogOrder.PROJECTION)} and the catalog handlers
 * {@code @Order(CatalogOrder.PUBLICATION)}; {@code CatalogOrderingTest} fails when a bean of these groups has no
 * order below publication.
 */
public final class CatalogOrder {

    /** The processing groups whose rows are published: users and tokens, channels, options. */
    public static final List<String> GROUPS = List.of(UserProjection.GROUP, "channels", "options");

    public static final int PROJECTION = 0;
    public static final int PUBLICATION = 1000;

    private CatalogOrder() {
    }
}
