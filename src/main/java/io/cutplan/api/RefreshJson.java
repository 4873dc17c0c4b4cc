package io.cutplan.api;

import io.cutplan.domain.BaselineDiff;
import io.cutplan.domain.IterationStatus;
import io.cutplan.service.iteration.IterationRefreshService;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The JSON of a refresh preview and of an applied refresh (docs/api/openapi.yaml: RefreshPreview, RefreshResult). */
public final class RefreshJson {
    private RefreshJson() {
    }

    /** The body of POST /iterations/{id}/refresh. */
    public record Request(Long planRevision) {
    }

    public record Field(String field, String before, String after) {
    }

    /** {@code change}: ADDED, CHANGED or REMOVED. */
    public record Change(String change, UUID id, String code, String title, List<Field> fields) {
    }

    public record Preview(UUID iterationId, String iterationCode, IterationStatus status, boolean refreshable, String reason,
                          UUID planId, long baselineRevision, long planRevision, boolean upToDate,
                          Map<String, Map<String, Integer>> counts, int reorderedSteps, int reorderedTasks,
                          List<Change> chapters, List<Change> steps, List<Change> tasks, List<Change> controls,
                          List<Change> dependencies) {
    }

    public record Refreshed(UUID iterationId, long version, long planRevision, Map<String, Map<String, Integer>> counts,
                            int reorderedSteps, int reorderedTasks) {
    }

    static Preview of(IterationRefreshService.Preview p) {
        BaselineDiff.Preview c = p.changes();
        return new Preview(p.iterationId(), p.iterationCode(), p.status(), p.refreshable(), p.reason(), p.planId(),
                p.baselineRevision(), p.planRevision(), c.isEmpty(), c.counts(), c.reorderedSteps(), c.reorderedTasks(),
                changes(c.chapters()), changes(c.steps()), changes(c.tasks()), changes(c.controls()), changes(c.dependencies()));
    }

    static Refreshed of(IterationRefreshService.Refreshed r) {
        return new Refreshed(r.iterationId(), r.version(), r.planRevision(), r.changes().counts(), r.changes().reorderedSteps(),
                r.changes().reorderedTasks());
    }

    private static List<Change> changes(List<BaselineDiff.Change> changes) {
        return changes.stream().map(c -> new Change(c.kind().name(), c.id(), c.code(), c.title(),
                c.fields().stream().map(f -> new Field(f.field(), f.before(), f.after())).toList())).toList();
    }
}
