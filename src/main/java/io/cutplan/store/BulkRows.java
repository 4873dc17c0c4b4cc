package io.cutplan.store;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Writes many rows of one table in a single statement: each column travels as one text array and is
 * unnested and cast on the server ({@code INSERT … SELECT … FROM unnest(?::text[], …)}). Thousands of rows
 * cost one round trip, which is what makes loading the demo runbooks fast. Values are always bound as
 * parameters; table and column names come from the calling code (checked against a strict pattern), never input.
 */
public final class BulkRows {
    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    private static final Pattern SQL_TYPE = Pattern.compile("[a-z]+( [a-z]+)?");

    private final String table;
    private final List<String> names = new ArrayList<>();
    private final List<String> types = new ArrayList<>();
    private final List<String[]> rows = new ArrayList<>();

    private BulkRows(String table) {
        this.table = checked(table);
    }

    /** Rows for {@code table}; declare its columns with {@link #column} in the order rows give their values. */
    public static BulkRows into(String table) {
        return new BulkRows(table);
    }

    /** A column and its SQL type (uuid, text, integer, bigint, boolean, timestamptz, jsonb). */
    public BulkRows column(String name, String sqlType) {
        if (!rows.isEmpty()) {
            throw new IllegalStateException("declare every column before adding rows");
        }
        names.add(checked(name));
        if (!SQL_TYPE.matcher(sqlType).matches()) {
            throw new IllegalArgumentException("not a plain SQL type: " + sqlType);
        }
        types.add(sqlType);
        return this;
    }

    /** One row; values are UUID, String, Number, Boolean, Instant, Enum, {@link Jdbc.Json} or null. */
    public BulkRows row(Object... values) {
        if (values.length != names.size()) {
            throw new IllegalArgumentException(table + ": expected " + names.size() + " values, got " + values.length);
        }
        String[] text = new String[values.length];
        for (int i = 0; i < values.length; i++) {
            text[i] = asText(values[i]);
        }
        rows.add(text);
        return this;
    }

    public int size() {
        return rows.size();
    }

    /** Inserts every row. */
    public int insert(Connection c) throws SQLException {
        return insert(c, "");
    }

    /** Inserts every row, skipping rows that clash with an existing one on the named unique columns. */
    public int insertSkippingConflicts(Connection c, String... conflictColumns) throws SQLException {
        StringJoiner target = new StringJoiner(", ", "(", ")");
        for (String column : conflictColumns) {
            target.add(checked(column));
        }
        return insert(c, "ON CONFLICT " + (conflictColumns.length == 0 ? "" : target + " ") + "DO NOTHING");
    }

    private int insert(Connection c, String onConflict) throws SQLException {
        if (rows.isEmpty()) {
            return 0;
        }
        StringJoiner select = new StringJoiner(", ");
        for (int i = 0; i < names.size(); i++) {
            select.add("u." + names.get(i) + "::" + types.get(i));
        }
        String sql = "INSERT INTO " + table + " (" + String.join(", ", names) + ") SELECT " + select
                + " FROM " + unnest() + " " + onConflict;
        return execute(c, sql);
    }

    /**
     * Updates existing rows: the first {@code keyColumns} declared columns identify the row, every other column
     * is set from the row's values.
     */
    public int update(Connection c, int keyColumns) throws SQLException {
        if (rows.isEmpty()) {
            return 0;
        }
        if (keyColumns < 1 || keyColumns >= names.size()) {
            throw new IllegalArgumentException("need at least one key column and one column to set");
        }
        StringJoiner set = new StringJoiner(", ");
        for (int i = keyColumns; i < names.size(); i++) {
            set.add(names.get(i) + " = u." + names.get(i) + "::" + types.get(i));
        }
        StringJoiner where = new StringJoiner(" AND ");
        for (int i = 0; i < keyColumns; i++) {
            where.add("t." + names.get(i) + " = u." + names.get(i) + "::" + types.get(i));
        }
        String sql = "UPDATE " + table + " t SET " + set + " FROM " + unnest() + " WHERE " + where;
        return execute(c, sql);
    }

    private String unnest() {
        StringJoiner args = new StringJoiner(", ");
        for (int i = 0; i < names.size(); i++) {
            args.add("?::text[]");
        }
        return "unnest(" + args + ") AS u(" + String.join(", ", names) + ")";
    }

    private int execute(Connection c, String sql) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            List<Array> arrays = new ArrayList<>();
            for (int col = 0; col < names.size(); col++) {
                String[] values = new String[rows.size()];
                for (int r = 0; r < rows.size(); r++) {
                    values[r] = rows.get(r)[col];
                }
                Array a = c.createArrayOf("text", values);
                arrays.add(a);
                ps.setArray(col + 1, a);
            }
            try {
                return ps.executeUpdate();
            } finally {
                for (Array a : arrays) {
                    a.free();
                }
            }
        }
    }

    private static String asText(Object v) {
        if (v == null) {
            return null;
        }
        if (v instanceof Enum<?> e) {
            return e.name();
        }
        if (v instanceof Jdbc.Json json) {
            return json.value();
        }
        if (v instanceof Instant || v instanceof UUID || v instanceof Number || v instanceof Boolean || v instanceof String) {
            return v.toString();
        }
        throw new IllegalArgumentException("unsupported bulk value type " + v.getClass().getName());
    }

    private static String checked(String identifier) {
        if (!IDENTIFIER.matcher(identifier).matches()) {
            throw new IllegalArgumentException("not a plain SQL identifier: " + identifier);
        }
        return identifier;
    }
}
