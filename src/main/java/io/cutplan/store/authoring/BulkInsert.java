package io.cutplan.store.authoring;

import io.cutplan.store.Jdbc;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

/**
 * Inserts many rows with ONE statement: each column travels as one array parameter and the server unnests them
 * ({@code INSERT ... SELECT * FROM unnest(?::uuid[], ?::text[], ...)}). Thousands of rows cost one round trip and
 * one statement instead of thousands. Table, column and type names are literals of the calling code, never input.
 */
public final class BulkInsert {
    private BulkInsert() {
    }

    /** A column's SQL name and element type: uuid, text, int or boolean. */
    public record Col(String name, String type) {
    }

    public static int rows(Connection c, String table, List<Col> columns, List<Object[]> rows) throws SQLException {
        if (rows.isEmpty()) {
            return 0;
        }
        StringBuilder sql = new StringBuilder("INSERT INTO ").append(table).append(" (");
        StringBuilder unnest = new StringBuilder();
        Object[] params = new Object[columns.size()];
        for (int i = 0; i < columns.size(); i++) {
            Col col = columns.get(i);
            sql.append(i == 0 ? "" : ", ").append(col.name());
            unnest.append(i == 0 ? "" : ", ").append("?::").append(col.type()).append("[]");
            params[i] = column(rows, i, col.type());
        }
        sql.append(") SELECT * FROM unnest(").append(unnest).append(")");
        return Jdbc.update(c, sql.toString(), params);
    }

    private static Object column(List<Object[]> rows, int index, String type) {
        Object[] values = switch (type) {
            case "uuid" -> new UUID[rows.size()];
            case "text" -> new String[rows.size()];
            case "int" -> new Integer[rows.size()];
            case "boolean" -> new Boolean[rows.size()];
            default -> throw new IllegalArgumentException("Unsupported column type " + type);
        };
        for (int r = 0; r < rows.size(); r++) {
            values[r] = rows.get(r)[index];
        }
        return values;
    }
}
