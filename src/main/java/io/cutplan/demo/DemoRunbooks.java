package io.cutplan.demo;

import io.cutplan.service.iteration.InstantiationService;
import io.cutplan.store.Database;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads a demo runbook ({@code small} or {@code realistic}) into a database: the standalone host's
 * {@code --demo}, and test data for any test that needs a big, plausible runbook. The load is one transaction,
 * serialised by an advisory lock and skipped when the demo's migration code already exists, so loading twice
 * never duplicates anything. The same seed always gives the same codes, titles and structure.
 */
public final class DemoRunbooks {
    /** The seed the standalone host uses, so every demo install looks the same. */
    public static final long DEFAULT_SEED = 20270415L;
    private static final Logger LOG = LoggerFactory.getLogger(DemoRunbooks.class);

    private DemoRunbooks() {
    }

    /** Loads without login passwords: the demo accounts exist as users, but cannot log in over HTTP Basic. */
    public static DemoSummary load(Database database, String demo, long seed) {
        return load(database, demo, seed, null);
    }

    /**
     * Loads the demo; with a {@code passwordHasher} the four demo accounts get their own name as password in
     * {@code local_credentials} (an existing password is never overwritten).
     */
    public static DemoSummary load(Database database, String demo, long seed, UnaryOperator<String> passwordHasher) {
        DemoSize size = DemoSize.named(demo);
        long began = System.nanoTime();
        DemoSummary summary = database.transactor().inTransaction(c -> {
            DemoWriter.lock(c);
            Optional<UUID> existing = DemoWriter.migrationByCode(c, size.code());
            if (existing.isPresent()) {
                UUID planId = DemoWriter.planByCode(c, size.code()).orElse(null);
                DemoSummary s = new DemoSummary(size.name(), seed, false, existing.get(), planId,
                        DemoWriter.iterationIds(c, existing.get()),
                        planId == null ? java.util.Map.of() : DemoWriter.countsForPlan(c, planId), Duration.ZERO);
                LOG.info("Demo '{}' is already loaded (migration {}); nothing was added", size.name(), size.code());
                return s;
            }
            DemoModel model = PlanGenerator.generate(size, seed);
            Instant anchor = Instant.now().truncatedTo(ChronoUnit.MINUTES);
            DemoLoader.Loaded loaded = new DemoLoader(c, model, anchor, passwordHasher).load();
            DemoSummary s = new DemoSummary(size.name(), seed, true, loaded.migrationId(), loaded.planId(),
                    DemoWriter.iterationIds(c, loaded.migrationId()), DemoWriter.countsForPlan(c, loaded.planId()),
                    Duration.ofNanos(System.nanoTime() - began));
            LOG.info(s.describe());
            return s;
        });
        if (summary.loaded()) {
            InstantiationService.refreshPlannerStatistics(database);
        }
        return summary;
    }
}
