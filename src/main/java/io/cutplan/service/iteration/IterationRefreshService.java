package io.cutplan.service.iteration;

import io.cutplan.domain.BaselineDiff;
import io.cutplan.domain.Caller;
import io.cutplan.domain.DomainException;
import io.cutplan.domain.ErrorKind;
import io.cutplan.domain.EventType;
import io.cutplan.domain.IterationStatus;
import io.cutplan.service.spi.EventListener;
import io.cutplan.store.BaselineDao;
import io.cutplan.store.Database;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Plan changes reach iterations that have not started. Every iteration runs its own copy of the plan (its baseline,
 * taken at instantiation); an edit of the plan changes no iteration. A PLANNED iteration can be refreshed: the preview
 * lists what would change (the baseline against the plan now), the refresh applies exactly that, named by the plan
 * revision the preview showed. A running, finished or cancelled iteration is never refreshed. Pilots and
 * administrators may preview and refresh (they prepare the rehearsals); the check is here, not only in the page.
 */
public final class IterationRefreshService {
    private final Database database;
    private final List<EventListener> listeners;

    public IterationRefreshService(Database database, List<EventListener> listeners) {
        this.database = database;
        this.listeners = List.copyOf(listeners);
    }

    /**
     * What a refresh would change. {@code refreshable} is false (with {@code reason} "iteration_started") for an
     * iteration that is not PLANNED; its changes are still listed, as how far it is from the plan.
     */
    public record Preview(UUID iterationId, String iterationCode, IterationStatus status, boolean refreshable, String reason,
                          UUID planId, long baselineRevision, long planRevision, BaselineDiff.Preview changes) {
    }

    /** A refresh that was applied: the iteration's new version, the plan revision it now runs, what changed. */
    public record Refreshed(UUID iterationId, long version, long planRevision, BaselineDiff.Preview changes) {
    }

    public Preview preview(Caller caller, UUID iterationId) {
        caller.requirePilot("refresh iterations from their plan");
        return database.transactor().readOnly(c -> {
            BaselineDao.Head head = BaselineDao.head(c, iterationId)
                    .orElseThrow(() -> DomainException.notFound("Iteration", iterationId));
            long revision = BaselineDao.planRevision(c, head.planId(), false);
            BaselineDiff.Preview changes = diff(c, head);
            boolean planned = IterationStatus.PLANNED.name().equals(head.status());
            return new Preview(head.id(), head.code(), IterationStatus.valueOf(head.status()), planned,
                    planned ? null : "iteration_started", head.planId(), head.baselineRevision(), revision, changes);
        });
    }

    /**
     * Applies the plan at {@code expectedPlanRevision} (the preview's {@code planRevision}) to a PLANNED iteration, in
     * one transaction: 409 {@code iteration_started} if it is not PLANNED, 409 {@code plan_changed} if the plan moved
     * since the preview. Raises the iteration's version once and records one {@code ITERATION_REFRESHED} event.
     */
    public Refreshed refresh(Caller caller, UUID iterationId, Long expectedPlanRevision) {
        caller.requirePilot("refresh iterations from their plan");
        if (expectedPlanRevision == null || expectedPlanRevision < 0) {
            throw DomainException.invalid("planRevision", "planRevision is required: the planRevision of the refresh preview");
        }
        return database.transactor().inTransaction(c -> {
            BaselineDao.Head head = BaselineDao.lockHead(c, iterationId)
                    .orElseThrow(() -> DomainException.notFound("Iteration", iterationId));
            if (!IterationStatus.PLANNED.name().equals(head.status())) {
                throw new DomainException(ErrorKind.CONFLICT, "iteration_started", "Iteration " + head.code() + " is "
                        + head.status() + ": plan changes reach only iterations that have not started", null,
                        Map.of("status", head.status()));
            }
            // FOR SHARE: no plan edit commits between this check and the end of the refresh.
            long revision = BaselineDao.planRevision(c, head.planId(), true);
            if (revision != expectedPlanRevision) {
                throw new DomainException(ErrorKind.CONFLICT, "plan_changed", "The plan changed since the preview (revision "
                        + expectedPlanRevision + ", now " + revision + "); preview again", "planRevision",
                        Map.of("planRevision", revision));
            }
            BaselineDiff.Preview changes = diff(c, head);
            boolean wholeScope = BaselineDao.scopesWholeBaseline(c, iterationId);
            IterationChange change = IterationChange.begin(c, iterationId, caller, listeners);
            BaselineDao.refresh(c, iterationId, head.planId(), change.version(), wholeScope);
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("planId", head.planId().toString());
            details.put("planRevision", revision);
            details.put("previousRevision", head.baselineRevision());
            details.put("counts", changes.counts());
            details.put("reorderedSteps", changes.reorderedSteps());
            details.put("reorderedTasks", changes.reorderedTasks());
            change.event(EventType.ITERATION_REFRESHED).details(details).record();
            return new Refreshed(iterationId, change.version(), revision, changes);
        });
    }

    private static BaselineDiff.Preview diff(Connection c, BaselineDao.Head head) throws SQLException {
        return BaselineDiff.between(BaselineDao.baseline(c, head.id()), BaselineDao.plan(c, head.planId()));
    }
}
