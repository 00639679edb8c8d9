package dev.veloera.schema;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
        for (String table : tables(md, catalog, schema)) {
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
                    lines.add("column " + key + " " + family(engine, key, rs.getString("TYPE_NAME"), expectedTypes.get(key))
                            + (notNull ? " notnull" : " null"));
                }
            }
            indexes(md, catalog, schema, table, pk, lines);
            foreignKeys(md, catalog, schema, table, lines);
        }
        return lines;
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

    /** Folds an engine's type name into the model's families; the substitutions are those docs/schema.md lists. */
    static String family(Engine engine, String column, String typeName, String expected) {
        String t = typeName.toLowerCase(Locale.ROOT).replaceAll("\\(.*", "").replace(" unsigned", "").trim();
        String family = switch (t) {
            case "int", "int4", "serial", "mediumint" -> "int";
            case "integer" -> engine == Engine.SQLITE && "bigint".equals(expected) ? "bigint" : "int";
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
