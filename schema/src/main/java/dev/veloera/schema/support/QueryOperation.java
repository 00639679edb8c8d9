package dev.veloera.schema.support;

import java.util.Locale;

/** The kind of an SQL statement, as the {@code operation} tag of {@code veloera.db.queries} names it. */
public enum QueryOperation {
    SELECT, INSERT, UPDATE, DELETE, OTHER;

    /** The tag value: {@code select}, {@code insert}, {@code update}, {@code delete}, {@code other}. */
    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The operation of a statement by its first keyword, skipping comments and parentheses; a {@code WITH} statement
     * counts as the statement that follows its common table expressions ({@code WITH … SELECT} is a select).
     * {@code REPLACE} (MySQL) is an insert; anything else (DDL, {@code PRAGMA}, {@code BEGIN}, …) is other.
     */
    public static QueryOperation of(String sql) {
        if (sql == null) {
            return OTHER;
        }
        int depth = 0;
        boolean first = true;
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                int end = sql.indexOf('\n', i);
                i = end < 0 ? n : end + 1;
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int end = sql.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
            } else if (c == '\'' || c == '"' || c == '`') {
                int end = sql.indexOf(c, i + 1);
                i = end < 0 ? n : end + 1;
            } else if (c == '(') {
                depth++;
                i++;
            } else if (c == ')') {
                depth = Math.max(0, depth - 1);
                i++;
            } else if (Character.isLetter(c) || c == '_') {
                int start = i;
                while (i < n && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_')) {
                    i++;
                }
                // the first word may sit inside parentheses: "(SELECT …) UNION (SELECT …)"
                if (depth == 0 || first) {
                    String word = sql.substring(start, i).toUpperCase(Locale.ROOT);
                    QueryOperation operation = keyword(word);
                    if (operation != null) {
                        return operation;
                    }
                    if (first && !word.equals("WITH")) {
                        return OTHER;
                    }
                    first = false;
                }
            } else {
                i++;
            }
        }
        return OTHER;
    }

    private static QueryOperation keyword(String word) {
        return switch (word) {
            case "SELECT", "VALUES" -> SELECT;
            case "INSERT", "REPLACE" -> INSERT;
            case "UPDATE" -> UPDATE;
            case "DELETE" -> DELETE;
            default -> null;
        };
    }
}
