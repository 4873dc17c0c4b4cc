package io.cutplan.service.authoring;

import static io.cutplan.service.authoring.AuthoringErrors.guarded;

import io.cutplan.domain.Caller;
import io.cutplan.domain.DomainException;
import io.cutplan.domain.EventType;
import io.cutplan.domain.IterationLifecycle;
import io.cutplan.domain.IterationStatus;
import io.cutplan.service.spi.EventListener;
import io.cutplan.service.iteration.InstantiationService;
import io.cutplan.service.iteration.IterationChange;
import io.cutplan.service.iteration.NewIteration;
import io.cutplan.service.authoring.AuthoringInputs.IterationInput;
import io.cutplan.service.authoring.AuthoringInputs.IterationUpdate;
import io.cutplan.service.authoring.AuthoringInputs.MigrationInput;
import io.cutplan.store.Database;
import io.cutplan.store.Ids;
import io.cutplan.store.IterationDao;
import io.cutplan.store.authoring.IterationAdminDao;
import io.cutplan.store.authoring.IterationAdminDao.IterationRow;
import io.cutplan.store.authoring.MigrationDao;
import io.cutplan.store.authoring.MigrationDao.MigrationRow;
import io.cutplan.store.authoring.Page;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Migrations and their iterations' metadata. Creating an iteration instantiates the plan (through
 * {@link InstantiationService}); updating one goes through {@link IterationChange}, so its change version rises
 * and pollers see the new name, window or status.
 */
public final class MigrationService {
    private final Database database;
    private final List<EventListener> listeners;

    public MigrationService(Database database, List<EventListener> listeners) {
        this.database = database;
        this.listeners = List.copyOf(listeners);
    }

    // ------------------------------------------------------------------ migrations

    public Page<MigrationRow> list(Integer offset, Integer limit) {
        int[] p = InputChecks.paging(offset, limit, 100, 1000);
        return database.transactor().readOnly(c -> MigrationDao.page(c, p[0], p[1]));
    }

    public MigrationRow get(UUID id) {
        return database.transactor().readOnly(c -> find(c, id));
    }

    public MigrationRow create(Caller caller, MigrationInput in) {
        caller.requireAdmin("manage migrations");
        String code = InputChecks.code(in.code(), "code");
        String name = InputChecks.required(in.name(), "name", 200);
        String description = InputChecks.optional(in.description(), "description", InputChecks.MAX_DESCRIPTION);
        return guarded(() -> database.transactor().inTransaction(c -> {
            if (MigrationDao.codeTaken(c, code, null)) {
                throw AuthoringErrors.duplicate("code", "A migration with code '" + code + "' already exists");
            }
            UUID id = Ids.newId();
            MigrationDao.insert(c, id, code, name, description);
            DirectoryService.audit(c, caller, "migration", "created", id, code, null);
            return find(c, id);
        }));
    }

    public MigrationRow update(Caller caller, UUID id, MigrationInput in) {
        caller.requireAdmin("manage migrations");
        String code = InputChecks.code(in.code(), "code");
        String name = InputChecks.required(in.name(), "name", 200);
        String description = InputChecks.optional(in.description(), "description", InputChecks.MAX_DESCRIPTION);
        return guarded(() -> database.transactor().inTransaction(c -> {
            MigrationRow before = MigrationDao.lock(c, id).orElseThrow(() -> DomainException.notFound("Migration", id));
            if (MigrationDao.codeTaken(c, code, id)) {
                throw AuthoringErrors.duplicate("code", "A migration with code '" + code + "' already exists");
            }
            MigrationDao.update(c, id, code, name, description);
            DirectoryService.audit(c, caller, "migration", "updated", id, code, new AuditChanges().compare("code", before.code(), code)
                    .compare("name", before.name(), name).compare("description", before.description(), description).asMap());
            return find(c, id);
        }));
    }

    /** Only a migration without iterations may be deleted (deleting it would take their whole history along). */
    public void delete(Caller caller, UUID id) {
        caller.requireAdmin("manage migrations");
        guarded(() -> database.transactor().inTransaction(c -> {
            MigrationRow m = MigrationDao.lock(c, id).orElseThrow(() -> DomainException.notFound("Migration", id));
            if (m.iterationCount() > 0) {
                throw AuthoringErrors.inUse("Migration " + m.code() + " has " + m.iterationCount()
                        + " iteration(s); delete them first", Map.of("iterations", m.iterationCount()));
            }
            MigrationDao.delete(c, id);
            DirectoryService.audit(c, caller, "migration", "deleted", id, m.code(), null);
            return null;
        }));
    }

    private static MigrationRow find(Connection c, UUID id) throws SQLException {
        return MigrationDao.find(c, id).orElseThrow(() -> DomainException.notFound("Migration", id));
    }

    // ------------------------------------------------------------------ iterations

    public List<IterationRow> iterations(UUID migrationId) {
        return database.transactor().readOnly(c -> {
            find(c, migrationId);
            return IterationAdminDao.listByMigration(c, migrationId);
        });
    }

    public IterationRow iteration(UUID migrationId, UUID iterationId) {
        return database.transactor().readOnly(c -> findIteration(c, migrationId, iterationId));
    }

    /** Creates the iteration and instantiates its scope of the plan, in one transaction. */
    public IterationRow createIteration(Caller caller, UUID migrationId, IterationInput in) {
        caller.requireAdmin("create iterations");
        if (in.scope() != null) {
            InputChecks.ids(in.scope(), "scope");
        }
        NewIteration spec = new NewIteration(migrationId, in.planId(), in.code(), in.name(), in.type(), in.plannedStart(),
                in.plannedEnd(), in.scope() == null ? null : new LinkedHashSet<>(in.scope()));
        IterationRow created = guarded(() -> database.transactor().inTransaction(c -> {
            find(c, migrationId);
            InstantiationService.Created instance = InstantiationService.createIteration(c, caller, spec, listeners);
            return findIteration(c, migrationId, instance.iterationId());
        }));
        InstantiationService.refreshPlannerStatistics(database);
        return created;
    }

    /** Replaces name, planned window and status; an {@code ITERATION_UPDATED} event records what changed. */
    public IterationRow updateIteration(Caller caller, UUID migrationId, UUID iterationId, IterationUpdate in) {
        caller.requireAdmin("edit iterations");
        String name = InputChecks.required(in.name(), "name", 200);
        Instant start = InputChecks.present(in.plannedStart(), "plannedStart");
        Instant end = InputChecks.present(in.plannedEnd(), "plannedEnd");
        if (!end.isAfter(start)) {
            throw DomainException.invalid("plannedEnd", "plannedEnd must be after plannedStart");
        }
        IterationStatus status = InputChecks.present(in.status(), "status");
        return guarded(() -> database.transactor().inTransaction(c -> {
            findIteration(c, migrationId, iterationId);
            IterationChange change = IterationChange.begin(c, iterationId, caller, listeners);
            IterationRow before = findIteration(c, migrationId, iterationId);
            IterationLifecycle.requireMove(before.status(), status);
            IterationAdminDao.update(c, iterationId, name, start, end, status);
            AuditChanges changes = new AuditChanges().compare("name", before.name(), name)
                    .compare("plannedStart", before.plannedStart(), start).compare("plannedEnd", before.plannedEnd(), end)
                    .compare("status", before.status(), status);
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("code", before.code());
            details.put("changes", changes.asMap());
            change.event(EventType.ITERATION_UPDATED).details(details).record();
            return findIteration(c, migrationId, iterationId);
        }));
    }

    /** Deletes a PLANNED or CANCELLED iteration with everything executed in it; the audit trail stays. */
    public void deleteIteration(Caller caller, UUID migrationId, UUID iterationId) {
        caller.requireAdmin("delete iterations");
        guarded(() -> database.transactor().inTransaction(c -> {
            findIteration(c, migrationId, iterationId);
            IterationDao.bumpVersion(c, iterationId); // locks the row against concurrent writers
            IterationRow it = findIteration(c, migrationId, iterationId);
            if (!IterationLifecycle.deletable(it.status())) {
                throw DomainException.rule("iteration_not_deletable", "Iteration " + it.code() + " is " + it.status()
                        + "; only PLANNED or CANCELLED iterations can be deleted (cancel it first)");
            }
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("code", it.code());
            details.put("action", "deleted");
            // Listeners are not told: nothing may be queued for an iteration that is about to disappear.
            PlanEdit.Audit.append(c, caller, EventType.ITERATION_UPDATED, iterationId, details);
            IterationAdminDao.delete(c, iterationId);
            return null;
        }));
    }

    private static IterationRow findIteration(Connection c, UUID migrationId, UUID iterationId) throws SQLException {
        return IterationAdminDao.find(c, migrationId, iterationId)
                .orElseThrow(() -> DomainException.notFound("Iteration", iterationId));
    }
}
