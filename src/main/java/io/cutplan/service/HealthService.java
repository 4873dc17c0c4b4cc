package io.cutplan.service;

import io.cutplan.store.Database;
import io.cutplan.store.DatabaseInfoDao;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reports whether the database answers and which schema version it carries. */
public final class HealthService {
    private static final Logger LOG = LoggerFactory.getLogger(HealthService.class);

    private final Database database;

    public HealthService(Database database) {
        this.database = database;
    }

    public HealthReport check() {
        try {
            String server = database.transactor().readOnly(DatabaseInfoDao::serverVersion);
            Optional<String> schema = database.schemaVersion();
            return new HealthReport(schema.isPresent() ? "UP" : "DOWN", AppVersion.current(),
                    new HealthReport.DatabaseState(true, "PostgreSQL " + server, schema.orElse(null)));
        } catch (RuntimeException e) {
            LOG.warn("Health check: database not reachable: {}", e.getMessage());
            return new HealthReport("DOWN", AppVersion.current(), new HealthReport.DatabaseState(false, null, null));
        }
    }
}
