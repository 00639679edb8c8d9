package dev.veloera.query.web;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A {@code WHERE} clause built from optional filters, every value a bound parameter: user input
 * never becomes SQL text.
 */
public final class SqlFilter {

    private final List<String> conditions = new ArrayList<>();
    private final List<Object> parameters = new ArrayList<>();

    /** Adds {@code condition} (with one {@code ?}) when {@code value} is present. */
    public SqlFilter and(String condition, Object value) {
        if (value != null && !(value instanceof String s && s.isBlank())) {
            conditions.add(condition);
            parameters.add(value);
        }
        return this;
    }

    public String where() {
        return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    }

    public List<Object> parameters() {
        return Collections.unmodifiableList(parameters);
    }

    /** The parameters followed by {@code extra} (e.g. LIMIT and OFFSET). */
    public Object[] parametersWith(Object... extra) {
        List<Object> all = new ArrayList<>(parameters);
        Collections.addAll(all, extra);
        return all.toArray();
    }
}
