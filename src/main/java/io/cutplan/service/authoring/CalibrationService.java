package io.cutplan.service.authoring;

import static io.cutplan.service.authoring.AuthoringErrors.guarded;

import io.cutplan.domain.Caller;
import io.cutplan.domain.DomainException;
import io.cutplan.domain.DurationStatistic;
import io.cutplan.domain.history.Comparison;
import io.cutplan.domain.history.ComparisonExport;
import io.cutplan.domain.history.DurationHistory;
import io.cutplan.domain.history.StepRun;
import io.cutplan.domain.schedule.ExportDocument;
import io.cutplan.domain.schedule.ExportFileName;
import io.cutplan.domain.schedule.ExportFormat;
import io.cutplan.store.Database;
import io.cutplan.store.DurationHistoryDao;
import io.cutplan.store.DurationHistoryDao.IterationRef;
import io.cutplan.store.DurationHistoryDao.PlanStep;
import io.cutplan.store.authoring.DependencyDao;
import io.cutplan.store.authoring.PlanDao;
import io.cutplan.store.authoring.StepDao;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Learning from past iterations: the comparison of a migration's iterations, the duration proposals drawn from
 * them and applying the chosen proposals to the plan as one revision. Durations come from
 * {@link DurationHistoryDao} (the one reader of history) and figures from {@link DurationStatistic} (the one
 * statistic, also behind the forecast's learned basis). Reads are open to every authenticated user; applying is
 * ADMIN only. See {@code docs/calibration.md}.
 */
public final class CalibrationService {
    private final Database database;

    public CalibrationService(Database database) {
        this.database = database;
    }

    // ------------------------------------------------------------------ comparison

    /** The comparison of {@code iterationIds} (null: every completed iteration, in order) of a migration. */
    public Comparison.Report comparison(Caller caller, UUID migrationId, List<UUID> iterationIds) {
        return database.transactor().readOnly(c -> compare(c, migrationId, iterationIds));
    }

    /** The comparison as a downloadable document. */
    public ExportDocument comparisonExport(Caller caller, UUID migrationId, List<UUID> iterationIds, ZoneId zone, ExportFormat format) {
        Comparison.Report r = comparison(caller, migrationId, iterationIds);
        String body = format == ExportFormat.CSV ? ComparisonExport.csv(r) : ComparisonExport.html(r, zone);
        String name = ExportFileName.of("comparison", r.migrationCode(), r.iterations().size() + "-iterations",
                Instant.now().atZone(zone).toLocalDate(), format);
        return new ExportDocument(body, format.mediaType(), name);
    }

    private static Comparison.Report compare(Connection c, UUID migrationId, List<UUID> iterationIds) throws SQLException {
        if (!DurationHistoryDao.migrationExists(c, migrationId)) {
            throw DomainException.notFound("Migration", migrationId);
        }
        List<IterationRef> all = DurationHistoryDao.iterationsOfMigration(c, migrationId);
        List<IterationRef> chosen = choose(all, iterationIds, "iterations", "migration");
        String migrationCode = all.isEmpty() ? migrationCode(c, migrationId) : all.get(0).migrationCode();
        if (chosen.isEmpty()) {
            return Comparison.compute(new Comparison.Input(migrationId, migrationCode, List.of(), List.of(), List.of(), List.of(),
                    List.of(), Map.of()));
        }
        // Every iteration of a migration executes one plan in practice; steps and chapters come from each chosen plan.
        Set<UUID> plans = new java.util.LinkedHashSet<>();
        chosen.forEach(i -> plans.add(i.planId()));
        List<Comparison.ChapterInfo> chapters = new ArrayList<>();
        List<Comparison.StepInfo> steps = new ArrayList<>();
        List<Comparison.Link> links = new ArrayList<>();
        for (UUID plan : plans) {
            DurationHistoryDao.planChapters(c, plan).forEach(ch -> chapters.add(new Comparison.ChapterInfo(ch.id(), ch.code(), ch.name())));
            DurationHistoryDao.planSteps(c, plan).forEach(s -> steps.add(new Comparison.StepInfo(s.stepId(), s.code(), s.title(),
                    s.plannedMinutes(), s.chapterId(), s.teamName())));
            DependencyDao.list(c, plan).forEach(d -> links.add(new Comparison.Link(d.predecessorStepId(), d.successorStepId())));
        }
        List<UUID> ids = chosen.stream().map(IterationRef::id).toList();
        List<Comparison.IterationInfo> its = chosen.stream().map(i -> new Comparison.IterationInfo(i.id(), i.code(), i.name(),
                i.status(), i.plannedStart(), i.plannedEnd())).toList();
        return Comparison.compute(new Comparison.Input(migrationId, migrationCode, its, chapters, steps, links,
                DurationHistoryDao.runs(c, ids), DurationHistoryDao.chapterWindows(c, ids)));
    }

    private static String migrationCode(Connection c, UUID migrationId) throws SQLException {
        return io.cutplan.store.authoring.MigrationDao.find(c, migrationId).map(m -> m.code()).orElse("migration");
    }

    /**
     * The iterations asked for, in the order given, or (null) every completed one in planned order. An id that is
     * not one of {@code all} is a 400 naming {@code field}: an iteration of another migration or plan is refused.
     */
    private static List<IterationRef> choose(List<IterationRef> all, List<UUID> wanted, String field, String owner) {
        if (wanted == null) {
            return all.stream().filter(IterationRef::completed).toList();
        }
        Map<UUID, IterationRef> byId = new HashMap<>();
        all.forEach(i -> byId.put(i.id(), i));
        List<IterationRef> out = new ArrayList<>();
        Set<UUID> seen = new HashSet<>();
        for (UUID id : wanted) {
            IterationRef i = byId.get(id);
            if (i == null) {
                throw DomainException.invalid(field, "Iteration " + id + " is not an iteration of this " + owner);
            }
            if (!seen.add(id)) {
                throw DomainException.invalid(field, "Iteration " + id + " is listed twice");
            }
            out.add(i);
        }
        return out;
    }

    // ------------------------------------------------------------------ proposals

    public record IterationBrief(UUID id, String code, String name, String status) {
    }

    /**
     * One step's proposal. Minutes are whole minutes; {@code q1Minutes}/{@code q3Minutes} are the 25th and 75th
     * percentiles (interquartile range), interpolated as {@link DurationStatistic} does.
     */
    public record Proposal(UUID stepId, String code, String title, UUID chapterId, String chapterCode, int currentMinutes,
                           int proposedMinutes, int changeMinutes, int runs, double minMinutes, double q1Minutes,
                           double medianMinutes, double q3Minutes, double maxMinutes) {
    }

    public record Proposals(UUID planId, long revision, String statistic, List<IterationBrief> iterations, int stepsWithHistory,
                            List<Proposal> proposals) {
    }

    /** The proposals of a plan from {@code iterationIds} (null: every completed iteration executing it). */
    public Proposals proposals(Caller caller, UUID planId, List<UUID> iterationIds, DurationStatistic statistic) {
        DurationStatistic stat = statistic == null ? DurationStatistic.MEDIAN : statistic;
        return database.transactor().readOnly(c -> {
            long revision = PlanDao.find(c, planId).orElseThrow(() -> DomainException.notFound("Plan", planId)).revision();
            List<IterationRef> chosen = choose(DurationHistoryDao.iterationsOfPlan(c, planId), iterationIds, "iterations", "plan");
            Map<UUID, List<Long>> samples = DurationHistory.samples(
                    DurationHistoryDao.runs(c, chosen.stream().map(IterationRef::id).toList()));
            List<Proposal> out = new ArrayList<>();
            for (PlanStep s : DurationHistoryDao.planSteps(c, planId)) {
                List<Long> seconds = samples.get(s.stepId());
                if (seconds == null || seconds.isEmpty()) {
                    continue;
                }
                int proposed = clamp(stat.minutesOf(seconds));
                out.add(new Proposal(s.stepId(), s.code(), s.title(), s.chapterId(), s.chapterCode(), s.plannedMinutes(), proposed,
                        proposed - s.plannedMinutes(), seconds.size(), minutes(min(seconds)), minutes(quartile(seconds, 0.25)),
                        minutes(DurationStatistic.MEDIAN.ofSeconds(seconds)), minutes(quartile(seconds, 0.75)),
                        minutes(max(seconds))));
            }
            return new Proposals(planId, revision, stat.name().toLowerCase(Locale.ROOT),
                    chosen.stream().map(i -> new IterationBrief(i.id(), i.code(), i.name(), i.status())).toList(), out.size(),
                    List.copyOf(out));
        });
    }

    /** A plan's planned durations are 1 to {@link StepService#MAX_DURATION_MINUTES} minutes. */
    private static int clamp(int minutes) {
        return Math.max(1, Math.min(StepService.MAX_DURATION_MINUTES, minutes));
    }

    private static double quartile(List<Long> seconds, double p) {
        long[] s = seconds.stream().mapToLong(Long::longValue).sorted().toArray();
        double pos = p * (s.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(s.length - 1, lo + 1);
        return s[lo] + (pos - lo) * (s[hi] - s[lo]);
    }

    private static double min(List<Long> s) {
        return s.stream().mapToLong(Long::longValue).min().orElse(0);
    }

    private static double max(List<Long> s) {
        return s.stream().mapToLong(Long::longValue).max().orElse(0);
    }

    private static double minutes(double seconds) {
        return Math.round(seconds / 6.0) / 10.0;
    }

    // ------------------------------------------------------------------ apply

    /** One chosen step and the minutes to give it. */
    public record Choice(UUID stepId, Integer minutes) {
    }

    /** {@code revision}: the plan revision the proposals were read at (409 when the plan moved on). */
    public record ApplyInput(Long revision, List<Choice> steps) {
    }

    public record Applied(UUID stepId, String code, int fromMinutes, int toMinutes) {
    }

    public record ApplyResult(UUID planId, long revision, List<Applied> applied) {
    }

    /**
     * Sets the chosen steps' planned durations in one plan revision, recorded as one {@code PLAN_CHANGED} event
     * ({@code entity: "durations", action: "calibrated"}) with every step's old and new minutes.
     */
    public ApplyResult apply(Caller caller, UUID planId, ApplyInput in) {
        caller.requireAdmin("apply duration proposals");
        if (in == null) {
            throw DomainException.invalid(null, "A JSON object body is required");
        }
        if (in.revision() == null || in.revision() < 0) {
            throw DomainException.invalid("revision", "'revision' (the plan revision the proposals were read at) is required");
        }
        if (in.steps() == null || in.steps().isEmpty()) {
            throw DomainException.invalid("steps", "'steps' must list at least one {stepId, minutes}");
        }
        Map<UUID, Integer> wanted = new LinkedHashMap<>();
        for (int i = 0; i < in.steps().size(); i++) {
            Choice ch = in.steps().get(i);
            String field = "steps[" + i + "]";
            if (ch == null || ch.stepId() == null) {
                throw DomainException.invalid(field + ".stepId", "'" + field + ".stepId' is required");
            }
            if (ch.minutes() == null || ch.minutes() < 1 || ch.minutes() > StepService.MAX_DURATION_MINUTES) {
                throw DomainException.invalid(field + ".minutes", "'" + field + ".minutes' must be 1 to "
                        + StepService.MAX_DURATION_MINUTES);
            }
            if (wanted.put(ch.stepId(), ch.minutes()) != null) {
                throw DomainException.invalid(field + ".stepId", "Step " + ch.stepId() + " is listed twice");
            }
        }
        return guarded(() -> database.transactor().inTransaction(c -> {
            if (PlanDao.find(c, planId).isEmpty()) {
                throw DomainException.notFound("Plan", planId);
            }
            Map<UUID, StepDao.StepRow> steps = new HashMap<>();
            int i = 0;
            for (UUID id : wanted.keySet()) {
                String field = "steps[" + i++ + "].stepId";
                steps.put(id, StepDao.find(c, planId, id).orElseThrow(
                        () -> DomainException.invalid(field, "Step " + id + " is not a step of this plan")));
            }
            PlanEdit edit = PlanEdit.begin(c, caller, planId, in.revision(), "revision");
            List<Applied> applied = new ArrayList<>();
            Map<String, Object> changes = new LinkedHashMap<>();
            for (Map.Entry<UUID, Integer> e : wanted.entrySet()) {
                StepDao.StepRow row = steps.get(e.getKey());
                StepDao.updateDuration(c, row.id(), e.getValue());
                applied.add(new Applied(row.id(), row.code(), row.plannedDurationMinutes(), e.getValue()));
                changes.put(row.code(), Map.of("from", String.valueOf(row.plannedDurationMinutes()), "to", String.valueOf(e.getValue())));
            }
            edit.record("durations", "calibrated", null, applied.size() + " step(s)", changes);
            return new ApplyResult(planId, edit.revision(), List.copyOf(applied));
        }));
    }
}
