package dev.veloera.schema;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

import dev.veloera.schema.testing.TestDatabases.Engine;

/**
 * The live catalog of a database in the engine-neutral line format of {@code expected-schema.txt}: what JDBC
 * metadata reports, with each engine's type names folded into the model's type families.
 */
final class Catalog {

    private Catalog() {}

    /**
     * @param expectedTypes column ({@code table.column}) to expected type family; used only where an engine
     *                      legitimately stores a family as another type (see {@link #family})
     */
    static SortedSet<String> read(Connection c, Engine engine, Map<String, String> expectedTypes) throws SQLException {
        DatabaseMetaData md = c.getMetaData();
        String catalog = engine == Engine.MYSQL ? c.getCatalog() : null;
        String schema = engine == Engine.POSTGRESQL ? "public" : null;
        SortedSet<String> lines = new TreeSet<>();
        Set<String> partitions = engine == Engine.POSTGRESQL
                ? strings(c, "SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid"
                        + " WHERE c.relkind IN ('r', 'p')") : Set.of();
        partitioning(c, engine, lines);
        for (String table : tables(md, catalog, schema)) {
            if (partitions.contains(table)) {
                continue;
            }
            List<String> pk = new ArrayList<>();
            try (ResultSet rs = md.getPrimaryKeys(catalog, schema, table)) {
                Map<Integer, String> ordered = new TreeMap<>();
                while (rs.next()) {
                    ordered.put(rs.getInt("KEY_SEQ"), rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT));
                }
                pk.addAll(ordered.values());
            }
            lines.add("pk " + table + " (" + String.join(", ", pk) + ")");
            try (ResultSet rs = md.getColumns(catalog, schema, table, "%")) {
                while (rs.next()) {
                    String column = rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT);
                    String key = table + "." + column;
                    boolean notNull = rs.getInt("NULLABLE") == DatabaseMetaData.columnNoNulls || pk.contains(column);
                    String def = columnDefault(rs.getString("COLUMN_DEF"));
                    lines.add("column " + key + " " + family(engine, key, rs.getString("TYPE_NAME"), expectedTypes.get(key))
                            + (notNull ? " notnull" : " null") + (def == null ? "" : " default=" + def));
                }
            }
            indexes(md, catalog, schema, table, pk, lines);
            foreignKeys(md, catalog, schema, table, lines);
        }
        return lines;
    }

    /**
     * How logs and quota_data are partitioned: method and key, whether a catch-all partition exists, and whether
     * monthly partitions ({@code pYYYYMM}, UTC) cover the current month and the third month ahead.
     */
    private static void partitioning(Connection c, Engine engine, SortedSet<String> lines) throws SQLException {
        Map<String, Set<String>> names = new TreeMap<>();
        Map<String, String> catchAll = new TreeMap<>();
        if (engine == Engine.POSTGRESQL) {
            for (String row : strings(c, "SELECT p.relname || '|' || lower(pg_get_partkeydef(p.oid)) FROM pg_class p"
                    + " WHERE p.relkind = 'p'")) {
                String[] parts = row.split("\\|");
                lines.add("partitioned " + parts[0] + " " + parts[1]);
            }
            for (String row : strings(c, "SELECT parent.relname || '|' || child.relname || '|'"
                    + " || pg_get_expr(child.relpartbound, child.oid) FROM pg_inherits i"
                    + " JOIN pg_class parent ON parent.oid = i.inhparent JOIN pg_class child ON child.oid = i.inhrelid"
                    + " WHERE child.relkind IN ('r', 'p')")) {
                String[] parts = row.split("\\|");
                names.computeIfAbsent(parts[0], t -> new TreeSet<>()).add(parts[1].substring(parts[0].length() + 1));
                if (parts[2].equals("DEFAULT")) {
                    catchAll.put(parts[0], parts[1]);
                }
            }
        } else if (engine == Engine.MYSQL) {
            for (String row : strings(c, "SELECT CONCAT(TABLE_NAME, '|', PARTITION_NAME, '|', PARTITION_METHOD, '|',"
                    + " REPLACE(PARTITION_EXPRESSION, '`', ''), '|', PARTITION_DESCRIPTION) FROM information_schema.PARTITIONS"
                    + " WHERE TABLE_SCHEMA = DATABASE() AND PARTITION_NAME IS NOT NULL")) {
                String[] parts = row.split("\\|");
                lines.add("partitioned " + parts[0] + " " + parts[2].toLowerCase(Locale.ROOT) + " (" + parts[3] + ")");
                names.computeIfAbsent(parts[0], t -> new TreeSet<>()).add(parts[1]);
                if (parts[4].equalsIgnoreCase("MAXVALUE")) {
                    catchAll.put(parts[0], parts[1]);
                }
            }
        }
        YearMonth now = YearMonth.now(ZoneOffset.UTC);
        String thisMonth = "p" + now.format(DateTimeFormatter.ofPattern("yyyyMM"));
        String ahead = "p" + now.plusMonths(3).format(DateTimeFormatter.ofPattern("yyyyMM"));
        names.forEach((table, parts) -> {
            if (catchAll.containsKey(table)) {
                lines.add("partition " + table + " catch-all");
            }
            if (parts.contains(thisMonth)) {
                lines.add("partition " + table + " current-month");
            }
            if (parts.contains(ahead)) {
                lines.add("partition " + table + " 3-months-ahead");
            }
        });
    }

    private static Set<String> strings(Connection c, String sql) throws SQLException {
        Set<String> values = new TreeSet<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }

    private static List<String> tables(DatabaseMetaData md, String catalog, String schema) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (ResultSet rs = md.getTables(catalog, schema, "%", new String[] {"TABLE", "PARTITIONED TABLE"})) {
            while (rs.next()) {
                String name = rs.getString("TABLE_NAME").toLowerCase(Locale.ROOT);
                if (!name.equals("flyway_schema_history") && !name.startsWith("sqlite_")) {
                    tables.add(name);
                }
            }
        }
        return tables;
    }

    private static void indexes(DatabaseMetaData md, String catalog, String schema, String table, List<String> pk,
                                SortedSet<String> lines) throws SQLException {
        Map<String, TreeMap<Integer, String>> columns = new TreeMap<>();
        Map<String, Boolean> unique = new TreeMap<>();
        try (ResultSet rs = md.getIndexInfo(catalog, schema, table, false, true)) {
            while (rs.next()) {
                String name = rs.getString("INDEX_NAME");
                if (name == null || rs.getShort("TYPE") == DatabaseMetaData.tableIndexStatistic) {
                    continue;
                }
                name = name.toLowerCase(Locale.ROOT);
                columns.computeIfAbsent(name, n -> new TreeMap<>())
                        .put(rs.getInt("ORDINAL_POSITION"), rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT));
                unique.put(name, !rs.getBoolean("NON_UNIQUE"));
            }
        }
        columns.forEach((name, cols) -> {
            boolean primary = name.equals("primary") || name.equals("pk_" + table)
                    || name.startsWith("sqlite_autoindex") || name.equals(table + "_pkey");
            if (!(primary && List.copyOf(cols.values()).equals(pk))) {
                lines.add((unique.get(name) ? "unique " : "index ") + table + "." + name
                        + " (" + String.join(", ", cols.values()) + ")");
            }
        });
    }

    private static void foreignKeys(DatabaseMetaData md, String catalog, String schema, String table,
                                    SortedSet<String> lines) throws SQLException {
        try (ResultSet rs = md.getImportedKeys(catalog, schema, table)) {
            while (rs.next()) {
                String name = rs.getString("FK_NAME");
                String rule = rs.getShort("DELETE_RULE") == DatabaseMetaData.importedKeyCascade
                        ? "cascade" : "rule" + rs.getShort("DELETE_RULE");
                lines.add("fk " + table + "." + (name == null || name.isBlank() ? "?" : name.toLowerCase(Locale.ROOT))
                        + " (" + rs.getString("FKCOLUMN_NAME").toLowerCase(Locale.ROOT) + ") -> "
                        + rs.getString("PKTABLE_NAME").toLowerCase(Locale.ROOT)
                        + " (" + rs.getString("PKCOLUMN_NAME").toLowerCase(Locale.ROOT) + ") " + rule);
            }
        }
    }

    /**
     * A column default as the model writes it: numbers plain ({@code 0}, not {@code 0.00}), booleans 0/1, strings
     * quoted, {@code current_timestamp}; none for no default, MariaDB's {@code NULL} and PostgreSQL's sequences.
     */
    static String columnDefault(String raw) {
        if (raw == null) {
            return null;
        }
        String d = raw.strip();
        if (d.equalsIgnoreCase("NULL") || d.startsWith("nextval(")) {
            return null;
        }
        d = d.replaceAll("::[a-z ]+(\\(\\d+\\))?$", "");
        if (d.toLowerCase(Locale.ROOT).matches("current_timestamp(\\(\\d*\\))?")) {
            return "current_timestamp";
        }
        if (d.equalsIgnoreCase("true") || d.equalsIgnoreCase("false")) {
            return d.equalsIgnoreCase("true") ? "1" : "0";
        }
        if (d.length() >= 2 && d.startsWith("'") && d.endsWith("'")) {
            d = d.substring(1, d.length() - 1);
        }
        try {
            return new java.math.BigDecimal(d).stripTrailingZeros().toPlainString();
        } catch (NumberFormatException notANumber) {
            return "'" + d + "'";
        }
    }

    /** Folds an engine's type name into the model's families; the substitutions are those docs/schema.md lists. */
    static String family(Engine engine, String column, String typeName, String expected) {
        String t = typeName.toLowerCase(Locale.ROOT).replaceAll("\\(.*", "").replace(" unsigned", "").trim();
        String family = switch (t) {
            // SQLite: INT and INTEGER both give INTEGER affinity, stored in up to 64 bits (see V8)
            case "int", "integer" -> engine == Engine.SQLITE && "bigint".equals(expected) ? "bigint" : "int";
            case "int4", "serial", "mediumint" -> "int";
            case "bigint", "int8", "bigserial" -> "bigint";
            case "smallint", "int2" -> "smallint";
            case "varchar", "character varying" -> "varchar";
            case "char", "bpchar", "character" -> "char";
            case "text", "longtext", "mediumtext" -> "text";
            case "timestamp", "timestamptz", "timestamp with time zone", "datetime" -> "timestamp";
            case "bool", "boolean", "bit", "tinyint" -> "boolean";
            case "numeric", "decimal" -> "decimal";
            case "json", "jsonb" -> "json";
            case "blob", "longblob", "bytea" -> "blob";
            default -> t;
        };
        if (engine == Engine.POSTGRESQL && family.equals("varchar") && "char".equals(expected)) {
            return "char"; // CHAR(n) is VARCHAR(n) on PostgreSQL
        }
        if (engine == Engine.POSTGRESQL && family.equals("text") && "varchar".equals(expected)
                && column.startsWith("scheduled_tasks.")) {
            return "varchar"; // db-scheduler's documented PostgreSQL table uses TEXT for its names
        }
        if (engine != Engine.POSTGRESQL && family.equals("text") && "json".equals(expected)) {
            return "json"; // TEXT on SQLite; MariaDB's JSON is LONGTEXT
        }
        return family;
    }
}
