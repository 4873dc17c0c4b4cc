package io.cutplan.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** What the forecast reads beyond the dashboard's rows: durations learned from a migration's past iterations. */
public final class ForecastDao {
    private ForecastDao() {
    }

    /**
     * Per canonical step, its actual durations in seconds (finishedAt - startedAt of its DONE instances) over the
     * migration's COMPLETED iterations. A step never completed there is absent. The figure drawn from them is
     * {@code domain.DurationStatistic}'s job, not SQL's, so the forecast and the calibration agree.
     */
    public static Map<UUID, List<Long>> learnedSeconds(Connection c, UUID migrationId) throws SQLException {
        Map<UUID, List<Long>> out = new HashMap<>();
        Jdbc.list(c, """
                SELECT si.step_id, extract(epoch FROM si.finished_at - si.started_at)::bigint AS seconds
                  FROM iterations i
                  JOIN step_instances si ON si.iteration_id = i.id
                 WHERE i.migration_id = ? AND i.status = 'COMPLETED' AND si.status = 'DONE'
                   AND si.started_at IS NOT NULL AND si.finished_at >= si.started_at""",
                rs -> out.computeIfAbsent(Jdbc.uuid(rs, "step_id"), k -> new ArrayList<>()).add(rs.getLong("seconds")),
                migrationId);
        return out;
    }
}
