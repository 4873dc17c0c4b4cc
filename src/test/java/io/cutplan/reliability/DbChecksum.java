package io.cutplan.reliability;

import io.cutplan.store.Database;
import io.cutplan.store.Jdbc;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * A fingerprint of every table in the public schema: the md5 of all its rows (as PostgreSQL's own row text),
 * in a fixed order. Two equal fingerprints mean no row was added, removed or changed. Tables are read in one
 * REPEATABLE READ snapshot, so a fingerprint is never torn by a concurrent commit.
 *
 * <p>Rows written by background workers that run regardless of the request under test (the mail dispatcher
 * delivering another test's messages) can be left out with {@link #ignoring}, so the comparison stays about
 * the request and is not flaky.
 */
public final class DbChecksum {
    /** Tables whose rows only background workers change. */
    private final Predicate<String> ignoredTable;
    /** A SQL condition on {@code t} (the row) for event_log rows recorded by background workers. */
    private final String ignoredEvents;

    private DbChecksum(Predicate<String> ignoredTable, String ignoredEvents) {
        this.ignoredTable = ignoredTable;
        this.ignoredEvents = ignoredEvents;
    }

    /** Every table, every row. */
    public static DbChecksum strict() {
        return new DbChecksum(t -> false, null);
    }

    /**
     * Leaves out tables matching {@code tables} and event_log rows whose event type matches the SQL LIKE
     * pattern {@code eventTypeLike} (null: none).
     */
    public static DbChecksum ignoring(Predicate<String> tables, String eventTypeLike) {
        return new DbChecksum(tables,
                eventTypeLike == null ? null : "t.event_type NOT LIKE '" + eventTypeLike.replace("'", "''") + "'");
    }

    /** The usual filter for the shared test host: mail and outbox bookkeeping is background work. */
    public static DbChecksum forSharedHost() {
        return ignoring(t -> t.contains("outbox") || t.contains("mail") || t.startsWith("flyway"), "EMAIL%");
    }

    /** Table name to md5 of its rows, sorted by name. */
    public Map<String, String> take(Database db) {
        return db.transactor().readOnly(this::take);
    }

    public Map<String, String> take(Connection c) throws SQLException {
        List<String> tables = new ArrayList<>(Jdbc.list(c,
                "SELECT quote_ident(table_name) FROM information_schema.tables "
                        + "WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name",
                rs -> rs.getString(1)));
        Map<String, String> out = new TreeMap<>();
        try (Statement s = c.createStatement()) {
            for (String table : tables) {
                if (ignoredTable.test(table)) {
                    continue;
                }
                String where = table.equals("event_log") && ignoredEvents != null ? " WHERE " + ignoredEvents : "";
                // Table names come from the catalogue and are quoted by PostgreSQL itself.
                try (ResultSet rs = s.executeQuery("SELECT count(*) || ':' || coalesce(md5(string_agg(t::text, E'\\n' "
                        + "ORDER BY t::text)), '-') FROM " + table + " t" + where)) {
                    rs.next();
                    out.put(table, rs.getString(1));
                }
            }
        }
        return out;
    }

    /**
     * A cheap change detector for every table: row count and the newest row version ({@code xmin}). Any
     * committed insert, update or delete changes one of them; a rolled-back write changes neither. Used per
     * request in the hostile-input suite, with the full {@link #take} md5 around each endpoint.
     */
    public Map<String, String> quick(Database db) {
        return db.transactor().readOnly(c -> {
            List<String> tables = Jdbc.list(c, "SELECT quote_ident(table_name) FROM information_schema.tables "
                    + "WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name", rs -> rs.getString(1));
            StringBuilder sql = new StringBuilder();
            for (String table : tables) {
                if (ignoredTable.test(table)) {
                    continue;
                }
                String where = table.equals("event_log") && ignoredEvents != null ? " WHERE " + ignoredEvents : "";
                if (sql.length() > 0) {
                    sql.append(" UNION ALL ");
                }
                sql.append("SELECT '").append(table.replace("'", "''")).append("', count(*) || ':' || coalesce(max(t.xmin::text::bigint), 0) FROM ")
                        .append(table).append(" t").append(where);
            }
            Map<String, String> out = new TreeMap<>();
            for (String[] row : Jdbc.list(c, sql.toString(), rs -> new String[] {rs.getString(1), rs.getString(2)})) {
                out.put(row[0], row[1]);
            }
            return out;
        });
    }

    /** The tables whose fingerprints differ, for a readable failure message. */
    public static List<String> differences(Map<String, String> before, Map<String, String> after) {
        List<String> out = new ArrayList<>();
        for (String t : new java.util.TreeSet<>(before.keySet())) {
            if (!before.get(t).equals(after.get(t))) {
                out.add(t + " (" + before.get(t).split(":")[0] + " -> " + (after.get(t) == null ? "gone" : after.get(t).split(":")[0]) + " rows)");
            }
        }
        for (String t : after.keySet()) {
            if (!before.containsKey(t)) {
                out.add(t + " (new table)");
            }
        }
        return out;
    }

    /** True when some row of some table holds exactly {@code text} in one of its columns. */
    public static boolean storedVerbatim(Database db, String text) {
        return db.transactor().readOnly(c -> {
            List<String> tables = Jdbc.list(c, "SELECT quote_ident(table_name) FROM information_schema.tables "
                    + "WHERE table_schema = 'public' AND table_type = 'BASE TABLE'", rs -> rs.getString(1));
            for (String table : tables) {
                if (Jdbc.one(c, "SELECT 1 FROM " + table + " t, jsonb_each_text(to_jsonb(t)) e WHERE e.value = ? LIMIT 1",
                        rs -> true, text).isPresent()) {
                    return true;
                }
            }
            return false;
        });
    }
}
