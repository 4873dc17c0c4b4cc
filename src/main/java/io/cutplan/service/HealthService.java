package io.cutplan.service;

import io.cutplan.store.Database;
import io.cutplan.store.DatabaseInfoDao;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reports whether the database answers and which schema version it carries. */
public final class HealthService {
    private static final Logger LOG = LoggerFactory.getLogger(HealthService.class);

    private final Database database;
    private volatile Supplier<Optional<String>> outage = Optional::empty;

    public HealthService(Database database) {
        this.database = database;
    }

    /**
     * A host that supervises its database (the standalone host's embedded server) says here when it knows the
     * database is down and why; health then answers DOWN with that reason at once, without waiting for a
     * connection attempt to time out.
     */
    public void watchOutages(Supplier<Optional<String>> knownOutage) {
        this.outage = Objects.requireNonNull(knownOutage);
    }

    public HealthReport check() {
        Optional<String> known = outage.get();
        if (known.isPresent()) {
            return new HealthReport("DOWN", AppVersion.current(), new HealthReport.DatabaseState(false, null, null),
                    known.get());
        }
        try {
            String server = database.transactor().readOnly(DatabaseInfoDao::serverVersion);
            Optional<String> schema = database.schemaVersion();
            return new HealthReport(schema.isPresent() ? "UP" : "DOWN", AppVersion.current(),
                    new HealthReport.DatabaseState(true, "PostgreSQL " + server, schema.orElse(null)),
                    schema.isPresent() ? null : "the database has no Cutplan schema yet");
        } catch (RuntimeException e) {
            LOG.warn("Health check: database not reachable: {}", e.getMessage());
            return new HealthReport("DOWN", AppVersion.current(), new HealthReport.DatabaseState(false, null, null),
                    "the database is not reachable");
        }
    }
}
