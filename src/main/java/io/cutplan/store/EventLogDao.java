package io.cutplan.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.cutplan.domain.EventType;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Appends to and reads the append-only {@code event_log}. */
public final class EventLogDao {
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static final TypeReference<Map<String, Object>> DETAILS = new TypeReference<>() {
    };
    static final String COLUMNS = "id, occurred_at, event_type, actor_id, actor_name, iteration_id, step_instance_id, "
            + "task_instance_id, control_id, comment_id, change_version, details::text AS details";

    private EventLogDao() {
    }

    /** Inserts the event and returns it with the database's timestamp. */
    public static EventRecord append(Connection c, EventRecord e) throws SQLException {
        return Jdbc.one(c, "INSERT INTO event_log (id, event_type, actor_id, actor_name, iteration_id, step_instance_id, "
                        + "task_instance_id, control_id, comment_id, change_version, details) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING " + COLUMNS,
                EventLogDao::map, e.id(), e.type(), e.actorId(), e.actorName(), e.iterationId(), e.stepInstanceId(),
                e.taskInstanceId(), e.controlId(), e.commentId(), e.changeVersion(), new Jdbc.Json(toJson(e.details())))
                .orElseThrow();
    }

    /** Events of an iteration with a change version above {@code afterVersion}, oldest first. */
    public static List<EventRecord> afterVersion(Connection c, UUID iterationId, long afterVersion, int limit) throws SQLException {
        return Jdbc.list(c, "SELECT " + COLUMNS + " FROM event_log WHERE iteration_id = ? AND change_version > ? "
                + "ORDER BY change_version, occurred_at, id LIMIT ?", EventLogDao::map, iterationId, afterVersion, limit);
    }

    public static EventRecord map(ResultSet rs) throws SQLException {
        return new EventRecord(Jdbc.uuid(rs, "id"), Jdbc.instant(rs, "occurred_at"),
                EventType.valueOf(rs.getString("event_type")), Jdbc.uuid(rs, "actor_id"), rs.getString("actor_name"),
                Jdbc.uuid(rs, "iteration_id"), Jdbc.uuid(rs, "step_instance_id"), Jdbc.uuid(rs, "task_instance_id"),
                Jdbc.uuid(rs, "control_id"), Jdbc.uuid(rs, "comment_id"),
                (Long) rs.getObject("change_version"), fromJson(rs.getString("details")));
    }

    static String toJson(Map<String, Object> details) {
        try {
            return JSON.writeValueAsString(details);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Event details are not serialisable: " + e.getOriginalMessage(), e);
        }
    }

    static Map<String, Object> fromJson(String json) {
        try {
            return JSON.readValue(json, DETAILS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event_log.details is not a JSON object", e);
        }
    }
}
