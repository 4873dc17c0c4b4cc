package io.cutplan.store.authoring;

import io.cutplan.store.Jdbc;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The macro-phases of a plan, in order. */
public final class MacroPhaseDao {
    private static final String COLUMNS = "id, plan_id, position, name, "
            + "(SELECT count(*) FROM chapters ch WHERE ch.macro_phase_id = mp.id) AS chapter_count";

    private MacroPhaseDao() {
    }

    public record MacroPhaseRow(UUID id, UUID planId, int position, String name, int chapterCount) {
    }

    public static List<MacroPhaseRow> list(Connection c, UUID planId) throws SQLException {
        return Jdbc.list(c, "SELECT " + COLUMNS + " FROM macro_phases mp WHERE plan_id = ? ORDER BY position", MacroPhaseDao::map, planId);
    }

    public static Optional<MacroPhaseRow> find(Connection c, UUID planId, UUID id) throws SQLException {
        return Jdbc.one(c, "SELECT " + COLUMNS + " FROM macro_phases mp WHERE plan_id = ? AND id = ?", MacroPhaseDao::map, planId, id);
    }

    public static void insert(Connection c, UUID id, UUID planId, int position, String name) throws SQLException {
        Jdbc.update(c, "INSERT INTO macro_phases (id, plan_id, position, name) VALUES (?, ?, ?, ?)", id, planId, position, name);
    }

    public static void rename(Connection c, UUID id, String name) throws SQLException {
        Jdbc.update(c, "UPDATE macro_phases SET name = ? WHERE id = ?", name, id);
    }

    public static void delete(Connection c, UUID id) throws SQLException {
        Jdbc.update(c, "DELETE FROM macro_phases WHERE id = ?", id);
    }

    private static MacroPhaseRow map(ResultSet rs) throws SQLException {
        return new MacroPhaseRow(Jdbc.uuid(rs, "id"), Jdbc.uuid(rs, "plan_id"), rs.getInt("position"), rs.getString("name"),
                rs.getInt("chapter_count"));
    }
}
