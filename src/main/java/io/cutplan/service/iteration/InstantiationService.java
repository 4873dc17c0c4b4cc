package io.cutplan.service.iteration;

import io.cutplan.service.spi.EventListener;
import io.cutplan.domain.Caller;
import io.cutplan.domain.DomainException;
import io.cutplan.domain.ErrorKind;
import io.cutplan.domain.EventType;
import io.cutplan.store.Database;
import io.cutplan.store.Ids;
import io.cutplan.store.InstantiationDao;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Creates an iteration and its executable instance of a canonical plan in one transaction: the scope,
 * the plan, step, task and control instances, initial statuses (READY without an in-scope predecessor,
 * PENDING otherwise) and an {@code ITERATION_CREATED} event.
 */
public final class InstantiationService {
    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9_.-]{1,32}");

    private final Database database;
    private final List<EventListener> listeners;

    public InstantiationService(Database database, List<EventListener> listeners) {
        this.database = database;
        this.listeners = List.copyOf(listeners);
    }

    public record Created(UUID iterationId, long version, InstantiationDao.Counts counts) {
    }

    public Created createIteration(Caller caller, NewIteration spec) {
        caller.requireAdmin("create iterations");
        validate(spec);
        Created created = database.transactor().inTransaction(c -> createIteration(c, caller, spec, listeners));
        refreshPlannerStatistics(database);
        return created;
    }

    /**
     * A new iteration adds thousands of instance rows at once; until autovacuum catches up, PostgreSQL plans the
     * dashboard's queries for them blind (seen: a 600 ms plan instead of 40 ms). Best effort, after the commit.
     */
    public static void refreshPlannerStatistics(Database database) {
        try (Connection c = database.dataSource().getConnection()) {
            c.setAutoCommit(true);
            InstantiationDao.analyzeInstanceTables(c);
        } catch (SQLException e) {
            org.slf4j.LoggerFactory.getLogger(InstantiationService.class).warn("Refreshing planner statistics after instantiation failed: {}", e.getMessage());
        }
    }

    /** The same, inside a transaction the caller owns (the demo loader creates several iterations in one). */
    public static Created createIteration(Connection c, Caller caller, NewIteration spec, List<EventListener> listeners)
            throws SQLException {
        validate(spec);
        if (!InstantiationDao.migrationExists(c, spec.migrationId())) {
            throw notFound("Migration", spec.migrationId(), "migrationId");
        }
        if (!InstantiationDao.planExists(c, spec.planId())) {
            throw notFound("Plan", spec.planId(), "planId");
        }
        if (InstantiationDao.iterationCodeTaken(c, spec.migrationId(), spec.code())) {
            throw new DomainException(ErrorKind.CONFLICT, "duplicate_code",
                    "This migration already has an iteration with code '" + spec.code() + "'", "code", null);
        }
        UUID iterationId = Ids.newId();
        InstantiationDao.insertIteration(c, iterationId, spec.migrationId(), spec.planId(), spec.code(), spec.name().strip(),
                spec.type(), spec.plannedStart(), spec.plannedEnd());
        InstantiationDao.copyBaseline(c, iterationId, spec.planId());
        if (spec.scope() == null) {
            InstantiationDao.scopeWholePlan(c, iterationId, spec.planId());
        } else {
            int scoped = InstantiationDao.scopeSteps(c, iterationId, spec.planId(), spec.scope().toArray(UUID[]::new));
            if (scoped != spec.scope().size()) {
                throw DomainException.invalid("scope", (spec.scope().size() - scoped) + " of the scoped step ids are not steps of this plan");
            }
        }
        IterationChange change = IterationChange.begin(c, iterationId, caller, listeners);
        InstantiationDao.Counts counts = InstantiationDao.instantiate(c, iterationId, spec.planId(), Ids.newId(), change.version());
        change.event(EventType.ITERATION_CREATED).details(Map.of(
                "code", spec.code(), "steps", counts.steps(), "readySteps", counts.readySteps(),
                "tasks", counts.tasks(), "controls", counts.controls())).record();
        return new Created(iterationId, change.version(), counts);
    }

    private static void validate(NewIteration spec) {
        if (spec.migrationId() == null) {
            throw DomainException.invalid("migrationId", "migrationId is required");
        }
        if (spec.planId() == null) {
            throw DomainException.invalid("planId", "planId is required");
        }
        if (spec.code() == null || !CODE.matcher(spec.code()).matches()) {
            throw DomainException.invalid("code", "code must be 1 to 32 letters, digits, '.', '_' or '-'");
        }
        if (spec.name() == null || spec.name().isBlank() || spec.name().length() > 200) {
            throw DomainException.invalid("name", "name is required (at most 200 characters)");
        }
        if (spec.type() == null) {
            throw DomainException.invalid("type", "type is required: RUN, DRESS_REHEARSAL or CUTOVER");
        }
        if (spec.plannedStart() == null) {
            throw DomainException.invalid("plannedStart", "plannedStart is required");
        }
        if (spec.plannedEnd() == null || !spec.plannedEnd().isAfter(spec.plannedStart())) {
            throw DomainException.invalid("plannedEnd", "plannedEnd must be after plannedStart");
        }
        if (spec.scope() != null && spec.scope().isEmpty()) {
            throw DomainException.invalid("scope", "scope must name at least one step, or be left out for the whole plan");
        }
    }

    private static DomainException notFound(String what, UUID id, String field) {
        return new DomainException(ErrorKind.NOT_FOUND, "not_found", what + " " + id + " does not exist", field, null);
    }
}
