package io.cutplan.service.mail;

import io.cutplan.domain.Caller;
import io.cutplan.domain.ControlStatus;
import io.cutplan.domain.EventType;
import io.cutplan.domain.StepStatus;
import io.cutplan.service.spi.EventListener;
import io.cutplan.service.iteration.IterationChange;
import io.cutplan.store.Database;
import io.cutplan.store.EventRecord;
import io.cutplan.store.Ids;
import io.cutplan.store.Jdbc;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Produces real runbook events the way the engine does (it is built in parallel): one transaction that
 * begins an {@link IterationChange}, updates the instance row stamped with the change's version, and records
 * the event with the contract's details keys, so the listeners run inside that same transaction.
 */
final class RunbookEvents {
    private final Database db;
    private final List<EventListener> listeners;
    private final Caller actor;

    RunbookEvents(Database db, List<EventListener> listeners, Caller actor) {
        this.db = db;
        this.listeners = List.copyOf(listeners);
        this.actor = actor;
    }

    /** Moves a step instance to {@code to}: STEP_STATUS_CHANGED {"stepCode","from","to","automatic","override"}. */
    EventRecord step(UUID iterationId, UUID stepInstanceId, StepStatus to) {
        return db.transactor().inTransaction(c -> {
            IterationChange change = IterationChange.begin(c, iterationId, actor, listeners);
            Map<String, Object> row = Jdbc.one(c, "SELECT si.status, s.code FROM step_instances si JOIN steps s ON s.id = si.step_id "
                    + "WHERE si.id = ? AND si.iteration_id = ? FOR UPDATE", rs -> Map.<String, Object>of("status",
                    rs.getString("status"), "code", rs.getString("code")), stepInstanceId, iterationId).orElseThrow();
            String from = (String) row.get("status");
            String heldFrom = to == StepStatus.ON_HOLD ? ("IN_PROGRESS".equals(from) ? "IN_PROGRESS" : "READY") : null;
            Jdbc.update(c, """
                    UPDATE step_instances
                       SET status = ?, held_from = ?,
                           ready_at = CASE WHEN ? THEN coalesce(ready_at, now()) ELSE ready_at END,
                           started_at = CASE WHEN ? THEN coalesce(started_at, now()) ELSE started_at END,
                           finished_at = CASE WHEN ? THEN now() ELSE finished_at END,
                           last_actor_id = ?, version = version + 1, changed_in_version = ?
                     WHERE id = ?""", to, heldFrom, to == StepStatus.READY, to == StepStatus.IN_PROGRESS,
                    to == StepStatus.DONE || to == StepStatus.FAILED || to == StepStatus.SKIPPED || to == StepStatus.CANCELLED,
                    actor.userId(), change.version(), stepInstanceId);
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("stepCode", row.get("code"));
            details.put("from", from);
            details.put("to", to.name());
            details.put("automatic", false);
            details.put("override", false);
            return change.event(EventType.STEP_STATUS_CHANGED).step(stepInstanceId).details(details).record();
        });
    }

    /** CONTROL_STATUS_CHANGED {"controlCode","from","to","note","critical"}. */
    EventRecord control(UUID iterationId, UUID controlId, ControlStatus to, String note) {
        return db.transactor().inTransaction(c -> {
            IterationChange change = IterationChange.begin(c, iterationId, actor, listeners);
            Map<String, Object> row = Jdbc.one(c, "SELECT cis.status, k.code, k.critical FROM control_iteration_status cis "
                    + "JOIN controls k ON k.id = cis.control_id WHERE cis.iteration_id = ? AND cis.control_id = ? FOR UPDATE",
                    rs -> Map.<String, Object>of("status", rs.getString("status"), "code", rs.getString("code"),
                            "critical", rs.getBoolean("critical")), iterationId, controlId).orElseThrow();
            Jdbc.update(c, "UPDATE control_iteration_status SET status = ?, note = ?, set_by = ?, set_at = now(), "
                    + "version = version + 1, changed_in_version = ? WHERE iteration_id = ? AND control_id = ?",
                    to, note, actor.userId(), change.version(), iterationId, controlId);
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("controlCode", row.get("code"));
            details.put("from", row.get("status"));
            details.put("to", to.name());
            if (note != null) {
                details.put("note", note);
            }
            details.put("critical", row.get("critical"));
            return change.event(EventType.CONTROL_STATUS_CHANGED).control(controlId).details(details).record();
        });
    }

    /** COMMENT_ADDED .step(..).comment(..) {"stepCode","excerpt"}. */
    EventRecord comment(UUID iterationId, UUID stepInstanceId, String body) {
        return db.transactor().inTransaction(c -> {
            IterationChange change = IterationChange.begin(c, iterationId, actor, listeners);
            UUID commentId = Ids.newId();
            String code = Jdbc.one(c, "SELECT s.code FROM step_instances si JOIN steps s ON s.id = si.step_id WHERE si.id = ?",
                    rs -> rs.getString(1), stepInstanceId).orElseThrow();
            Jdbc.update(c, "INSERT INTO comments (id, iteration_id, step_instance_id, author_id, author_name, body, changed_in_version) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?)", commentId, iterationId, stepInstanceId, actor.userId(), actor.displayName(),
                    body, change.version());
            return change.event(EventType.COMMENT_ADDED).step(stepInstanceId).comment(commentId)
                    .details(Map.of("stepCode", code, "excerpt", body.length() > 140 ? body.substring(0, 140) : body)).record();
        });
    }
}
