package dev.veloera.query.logs;

import dev.veloera.contracts.common.LogTypes;
import dev.veloera.query.web.ApiException;
import dev.veloera.query.web.PageRequest;

/**
 * The log routes' query parameters, named as Veloera names them, taken as text and checked here so that a bad value
 * is a 400 naming the parameter, never a 500. As in Veloera, 0 (or absent) means "no filter" for {@code type},
 * the timestamps and {@code channel}.
 */
record LogParameters(String type, String start_timestamp, String end_timestamp, String username, String token_name,
                     String model_name, String channel, String group, String p, String page_size) {

    LogFilter filter() {
        Integer logType = zeroIsNone(integer("type", type, 0, LogTypes.ERROR));
        Long start = zeroIsNone(number("start_timestamp", start_timestamp));
        Long end = zeroIsNone(number("end_timestamp", end_timestamp));
        if (start != null && end != null && end < start) {
            throw ApiException.badRequest("end_timestamp must not be before start_timestamp");
        }
        return new LogFilter(logType, start, end, blankIsNone(username), blankIsNone(token_name),
                blankIsNone(model_name), zeroIsNone(number("channel", channel)), blankIsNone(group), null);
    }

    PageRequest page() {
        return PageRequest.of(integer("p", p, 0, Integer.MAX_VALUE), integer("page_size", page_size, 0, 10_000));
    }

    /** A log type from a search keyword (Veloera's search matches the type), or a 400. */
    static int type(String keyword) {
        Integer value = integer("keyword", keyword == null ? null : keyword.strip(), 0, LogTypes.ERROR);
        if (value == null) {
            throw ApiException.badRequest("keyword is required: a log type from 1 to " + LogTypes.ERROR);
        }
        return value;
    }

    static Integer integer(String name, String value, int min, int max) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            int parsed = Integer.parseInt(value.strip());
            if (parsed < min || parsed > max) {
                throw ApiException.badRequest(name + " must be between " + min + " and " + max);
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw ApiException.badRequest(name + " must be a whole number");
        }
    }

    private static Long number(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            long parsed = Long.parseLong(value.strip());
            if (parsed < 0) {
                throw ApiException.badRequest(name + " must not be negative");
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw ApiException.badRequest(name + " must be a whole number (epoch seconds for timestamps)");
        }
    }

    private static <T extends Number> T zeroIsNone(T value) {
        return value == null || value.longValue() == 0 ? null : value;
    }

    private static String blankIsNone(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
