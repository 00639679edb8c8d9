package dev.veloera.query.web;

/**
 * Paging as Veloera's API: {@code p} starts at 1, {@code page_size} defaults to 10 and is capped
 * at 100. Out-of-range values are clamped rather than refused, as the Go gateways do.
 */
public record PageRequest(int page, int pageSize) {

    public static final int DEFAULT_PAGE_SIZE = 10;
    public static final int MAX_PAGE_SIZE = 100;

    public static PageRequest of(Integer p, Integer pageSize) {
        int page = p == null || p < 1 ? 1 : p;
        int size = pageSize == null || pageSize < 1 ? DEFAULT_PAGE_SIZE : Math.min(pageSize, MAX_PAGE_SIZE);
        return new PageRequest(page, size);
    }

    public long offset() {
        return (long) (page - 1) * pageSize;
    }
}
