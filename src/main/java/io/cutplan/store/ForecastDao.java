package io.cutplan.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** What the forecast reads beyond the dashboard's rows: durations learned from a migration's past iterations. */
public final class ForecastDao {
    private ForecastDao() {
    }

    /**
     * Per canonical step, the median actual duration in whole minutes (finishedAt - startedAt of its DONE
     * instances) over the migration's COMPLETED iterations. A step never completed there is absent.
     */
    public static Map<UUID, Integer> learnedMinutes(Connection c, UUID migrationId) throws SQLException {
        Map<UUID, Integer> out = new HashMap<>();
        Jdbc.list(c, """
                SELECT si.step_id,
                       round(percentile_cont(0.5) WITHIN GROUP (
                           ORDER BY extract(epoch FROM si.finished_at - si.started_at)) / 60.0) AS minutes
                  FROM iterations i
                  JOIN step_instances si ON si.iteration_id = i.id
                 WHERE i.migration_id = ? AND i.status = 'COMPLETED' AND si.status = 'DONE'
                   AND si.started_at IS NOT NULL AND si.finished_at >= si.started_at
                 GROUP BY si.step_id""",
                rs -> out.put(Jdbc.uuid(rs, "step_id"), (int) Math.min(Integer.MAX_VALUE, rs.getLong("minutes"))), migrationId);
        return out;
    }
}
