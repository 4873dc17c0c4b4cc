package io.cutplan.service.authoring;

import io.cutplan.domain.Caller;
import io.cutplan.domain.DomainException;
import io.cutplan.domain.ErrorKind;
import io.cutplan.domain.EventType;
import io.cutplan.store.EventLogDao;
import io.cutplan.store.EventRecord;
import io.cutplan.store.Ids;
import io.cutplan.store.authoring.PlanDao;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * One committed edit of a canonical plan. Begun first in the transaction: it locks the plan row (edits to one
 * plan serialise, so two concurrent dependency inserts cannot close a cycle together), refuses a stale
 * {@code If-Match} revision with 409, and raises the plan's revision once. Each change is recorded as a
 * {@code PLAN_CHANGED} event (no iteration) with the fields' old and new values, so a later edit never erases
 * an earlier one without trace.
 */
final class PlanEdit {
    private final Connection connection;
    private final Caller actor;
    private final UUID planId;
    private final long revision;

    private PlanEdit(Connection connection, Caller actor, UUID planId, long revision) {
        this.connection = connection;
        this.actor = actor;
        this.planId = planId;
        this.revision = revision;
    }

    static PlanEdit begin(Connection c, Caller actor, UUID planId, Long expectedRevision) throws SQLException {
        return begin(c, actor, planId, expectedRevision, "If-Match");
    }

    /** As {@link #begin(Connection, Caller, UUID, Long)}; a stale revision's 409 names {@code field}. */
    static PlanEdit begin(Connection c, Caller actor, UUID planId, Long expectedRevision, String field) throws SQLException {
        long current = PlanDao.lock(c, planId).orElseThrow(() -> DomainException.notFound("Plan", planId));
        if (expectedRevision != null && expectedRevision != current) {
            throw new DomainException(ErrorKind.CONFLICT, "stale_revision", "The plan is at revision " + current
                    + ", not " + expectedRevision + ": someone else changed it; reload and try again", field,
                    Map.of("revision", current));
        }
        return new PlanEdit(c, actor, planId, PlanDao.bumpRevision(c, planId));
    }

    long revision() {
        return revision;
    }

    UUID planId() {
        return planId;
    }

    void record(String entity, String action, UUID id, String label, Map<String, Object> changes) throws SQLException {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("planId", planId.toString());
        details.put("revision", revision);
        details.put("entity", entity);
        details.put("action", action);
        if (id != null) {
            details.put("id", id.toString());
        }
        if (label != null) {
            details.put("label", label);
        }
        if (changes != null && !changes.isEmpty()) {
            details.put("changes", changes);
        }
        Audit.append(connection, actor, EventType.PLAN_CHANGED, null, details);
    }

    /** Appends an audit event outside any iteration change. */
    static final class Audit {
        private Audit() {
        }

        static void append(Connection c, Caller actor, EventType type, UUID iterationId, Map<String, Object> details)
                throws SQLException {
            EventLogDao.append(c, new EventRecord(Ids.newId(), null, type, actor.userId(), actor.username(), iterationId,
                    null, null, null, null, null, details));
        }
    }
}
