package io.cutplan.host.confluence;

import io.cutplan.domain.Caller;
import io.cutplan.domain.DomainException;
import io.cutplan.domain.ErrorKind;
import io.cutplan.domain.IterationStatus;
import io.cutplan.host.confluence.MacroParameters.Problem;
import io.cutplan.service.runbook.RunbookQueries;
import io.cutplan.service.runbook.RunbookViews;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * Finds the iteration a runbook macro names, through the same read the dashboard's iteration list uses
 * ({@link RunbookQueries#iterations}): by id; by migration code (or id) and iteration code, both compared without
 * regard to case; or "the one in progress": the migration's iteration that is {@code IN_PROGRESS} (the earliest
 * planned start first, should there be several), else its next {@code PLANNED} one (earliest planned start), in
 * which case the choice carries a note for the page saying so.
 */
final class MacroIterations {
    private static final Comparator<RunbookViews.Iteration> BY_START = Comparator
            .comparing(RunbookViews.Iteration::plannedStart, Comparator.nullsLast(Comparator.<Instant>naturalOrder()))
            .thenComparing(RunbookViews.Iteration::code, Comparator.nullsLast(Comparator.<String>naturalOrder()));

    private MacroIterations() {
    }

    /** The iteration found, with a note for the page (or null); or, when none is found, why. */
    record Choice(RunbookViews.Iteration iteration, Problem note, Problem problem) {
        static Choice of(RunbookViews.Iteration iteration, Problem note) {
            return new Choice(iteration, note, null);
        }

        static Choice none(Problem problem) {
            return new Choice(null, null, problem);
        }
    }

    /** The parameters must be valid ({@link MacroParameters#problem()} empty). */
    static Choice choose(MacroParameters p, RunbookQueries queries, Caller caller) {
        if (p.iteration() != null) {
            try {
                return Choice.of(queries.iteration(caller, UUID.fromString(p.iteration())), null);
            } catch (DomainException e) {
                if (e.kind() == ErrorKind.NOT_FOUND) {
                    return Choice.none(Problem.of("cutplan.macro.error.iteration-unknown", p.iteration()));
                }
                throw e;
            }
        }
        List<RunbookViews.Iteration> ofMigration = queries.iterations(caller, null, null).iterations().stream()
                .filter(it -> it.migration() != null && (p.migration().equalsIgnoreCase(it.migration().code())
                        || p.migration().equalsIgnoreCase(String.valueOf(it.migration().id()))))
                .toList();
        if (ofMigration.isEmpty()) {
            return Choice.none(Problem.of("cutplan.macro.error.migration-unknown", p.migration()));
        }
        if (!p.inProgress()) {
            return ofMigration.stream().filter(it -> p.iterationCode().equalsIgnoreCase(it.code())).findFirst()
                    .map(it -> Choice.of(it, null))
                    .orElseGet(() -> Choice.none(Problem.of("cutplan.macro.error.iteration-code-unknown", p.iterationCode(),
                            p.migration(), String.join(", ", ofMigration.stream().map(RunbookViews.Iteration::code).toList()))));
        }
        var running = first(ofMigration, IterationStatus.IN_PROGRESS);
        if (running != null) {
            return Choice.of(running, null);
        }
        var next = first(ofMigration, IterationStatus.PLANNED);
        if (next != null) {
            return Choice.of(next, Problem.of("cutplan.macro.note.next-planned", p.migration(), next.code(), next.name()));
        }
        return Choice.none(Problem.of("cutplan.macro.error.none-in-progress", p.migration()));
    }

    private static RunbookViews.Iteration first(List<RunbookViews.Iteration> iterations, IterationStatus status) {
        return iterations.stream().filter(it -> it.status() == status).min(BY_START).orElse(null);
    }
}
