package io.cutplan.service.authoring;

import io.cutplan.domain.Caller;
import io.cutplan.domain.DomainException;
import io.cutplan.domain.PlanCsvWriter;
import io.cutplan.store.Database;
import io.cutplan.store.authoring.PlanDao;
import io.cutplan.store.authoring.PlanExportDao;
import java.util.UUID;

/**
 * A canonical plan as CSV in the import's format, so it can be edited in a spreadsheet and imported again (under
 * another code: the result is the same plan). Read in one REPEATABLE READ transaction, so the file is one consistent
 * revision. Open to every authenticated user, like the plan itself.
 */
public final class PlanExportService {
    private final Database database;

    public PlanExportService(Database database) {
        this.database = database;
    }

    public record Export(String planCode, long revision, String csv) {
    }

    public Export csv(Caller caller, UUID planId) {
        return database.transactor().readOnly(c -> {
            var plan = PlanDao.find(c, planId).orElseThrow(() -> DomainException.notFound("Plan", planId));
            PlanExportDao.Exported rows = PlanExportDao.read(c, planId);
            return new Export(plan.code(), plan.revision(), PlanCsvWriter.write(rows.steps(), rows.controls()));
        });
    }
}
