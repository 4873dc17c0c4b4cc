package io.cutplan.store.authoring;

import io.cutplan.store.Jdbc;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Keeps the ordered children of a parent numbered 0..n-1 without gaps. The schema's (parent, position) unique
 * constraints are DEFERRABLE INITIALLY DEFERRED, so renumbering inside one transaction never trips them.
 */
public final class Positions {
    private Positions() {
    }

    /** The ordered kinds of row and their parent column (literals only: these names go into SQL text). */
    public enum Ordered {
        MACRO_PHASES("macro_phases", "plan_id"),
        CHAPTERS("chapters", "macro_phase_id"),
        STEPS("steps", "chapter_id"),
        TASKS("tasks", "step_id");

        private final String table;
        private final String parent;

        Ordered(String table, String parent) {
            this.table = table;
            this.parent = parent;
        }
    }

    public static List<UUID> ids(Connection c, Ordered kind, UUID parentId) throws SQLException {
        return Jdbc.list(c, "SELECT id FROM " + kind.table + " WHERE " + kind.parent + " = ? ORDER BY position, id",
                rs -> Jdbc.uuid(rs, "id"), parentId);
    }

    public static int count(Connection c, Ordered kind, UUID parentId) throws SQLException {
        return Jdbc.one(c, "SELECT count(*) FROM " + kind.table + " WHERE " + kind.parent + " = ?",
                rs -> rs.getInt(1), parentId).orElse(0);
    }

    /** Moves {@code id} (already a child of the parent) to {@code index} (null: the end) and renumbers. */
    public static void place(Connection c, Ordered kind, UUID parentId, UUID id, Integer index) throws SQLException {
        List<UUID> ids = new ArrayList<>(ids(c, kind, parentId));
        ids.remove(id);
        int at = index == null ? ids.size() : Math.min(index, ids.size());
        ids.add(at, id);
        write(c, kind, ids);
    }

    /** Renumbers the parent's children 0..n-1 in their current order (after a delete or a move away). */
    public static void compact(Connection c, Ordered kind, UUID parentId) throws SQLException {
        write(c, kind, ids(c, kind, parentId));
    }

    private static void write(Connection c, Ordered kind, List<UUID> ids) throws SQLException {
        List<Object[]> rows = new ArrayList<>(ids.size());
        for (int i = 0; i < ids.size(); i++) {
            rows.add(new Object[] {i, ids.get(i), i});
        }
        Jdbc.batch(c, "UPDATE " + kind.table + " SET position = ? WHERE id = ? AND position <> ?", rows);
    }
}
