package io.cutplan.reliability;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutplan.api.JsonMapper;
import io.cutplan.domain.Role;
import io.cutplan.reliability.EndpointCatalog.Endpoint;
import io.cutplan.reliability.HostileCase.Who;
import io.cutplan.store.Database;
import io.cutplan.testing.Api;
import io.cutplan.testing.Fixtures;
import io.cutplan.testing.TestHost;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The data the hostile suite aims at: a small runbook with an iteration, users of every role, and the
 * knowledge of which path parameter names mean which ids and what a valid body of each endpoint looks like.
 */
final class HostileWorld implements HostileCases.Context {
    /** Endpoints every logged-in user may call (reading and commenting), so the viewer is not refused. */
    private static final Set<String> OPEN_TO_EVERY_USER = Set.of(
            "POST /iterations/{id}/steps/{stepId}/comments");

    private final Map<String, String> ids = new HashMap<>();
    private final Map<Who, Api> clients = new HashMap<>();

    private HostileWorld() {
    }

    static HostileWorld create(Database db) {
        HostileWorld w = new HostileWorld();
        Fixtures f = Fixtures.in(db);
        UUID team = f.team("HOST");
        Fixtures.TestUser admin = f.user("hadmin", Role.ADMIN);
        Fixtures.TestUser executor = f.user("hexec", Role.NORMAL, team);
        Fixtures.TestUser viewer = f.user("hviewer", Role.NORMAL);
        // The user the /users/{userId} endpoints aim at: never one of the suite's own clients, so a hostile but
        // accepted edit cannot change who the suite logs in as.
        Fixtures.TestUser target = f.user("htarget", Role.NORMAL, team);
        Fixtures.Plan plan = f.plan("Hostile plan");
        UUID s1 = plan.step("TRT-1", "First", team);
        UUID s2 = plan.step("TRT-2", "Second", team);
        plan.dependency(s1, s2);
        UUID task = plan.task(s1, "Only task", team);
        UUID control = plan.control("CTL-1", "Critical control", true);
        plan.link(task, control);
        UUID phase = plan.phase("Second phase");
        UUID chapter = plan.chapter("Second chapter");
        UUID iteration = plan.iteration("HOSTILE");
        UUID stepInstance = plan.stepInstance(iteration, s1);
        UUID taskInstance = plan.taskInstance(iteration, task);

        TestHost host = TestHost.get();
        w.clients.put(Who.ADMIN, host.as(admin.username()));
        w.clients.put(Who.ADMIN_WITHOUT_XSRF, host.as(admin.username()).withoutXsrfHeader());
        w.clients.put(Who.EXECUTOR, host.as(executor.username()));
        w.clients.put(Who.VIEWER, host.as(viewer.username()));
        w.clients.put(Who.ANONYMOUS, host.as(admin.username()).anonymous());

        w.put(iteration, "id", "iterationId");
        w.put(stepInstance, "stepId", "stepInstanceId");
        w.put(taskInstance, "taskId", "taskInstanceId");
        w.put(control, "controlId");
        w.put(plan.id, "planId");
        w.put(plan.migration(), "migrationId");
        w.put(team, "ownerTeamId", "assignedTeamId");
        // The team the /teams/{teamId} endpoints aim at is not the one that gives the executor its rights.
        w.put(f.team("HTGT"), "teamId");
        w.put(target.id(), "userId");
        w.put(phase, "phaseId", "macroPhaseId");
        w.put(chapter, "chapterId");
        w.ids.put("canonicalStepId", s1.toString());
        w.ids.put("canonicalStep2Id", s2.toString());
        w.ids.put("taskTemplateId", task.toString());
        return w;
    }

    private void put(UUID id, String... names) {
        for (String n : names) {
            ids.put(n, id.toString());
        }
    }

    Api client(Who who) {
        return clients.get(who);
    }

    @Override
    public String pathValue(Endpoint e, String name) {
        if (e != null && e.path().startsWith("/plans")) {
            // Authoring paths name canonical steps and tasks, not their instances.
            if (name.equals("stepId") || name.equals("predecessorStepId")) {
                return ids.get("canonicalStepId");
            }
            if (name.equals("successorStepId")) {
                return ids.get("canonicalStep2Id");
            }
            if (name.equals("taskId")) {
                return ids.get("taskTemplateId");
            }
        }
        return ids.get(name);
    }

    @Override
    public ObjectNode sampleBody(Endpoint e) {
        String sample = switch (e.key()) {
            case "POST /iterations/{id}/steps/{stepId}/transitions" -> "{\"to\":\"IN_PROGRESS\",\"expectedVersion\":1,\"reason\":\"hostile\"}";
            case "POST /iterations/{id}/tasks/{taskId}/completion" -> "{\"done\":true,\"expectedVersion\":1}";
            case "PUT /iterations/{id}/controls/{controlId}" -> "{\"status\":\"PASSED\",\"note\":\"hostile\"}";
            case "POST /iterations/{id}/steps/{stepId}/comments" -> "{\"body\":\"hostile comment\"}";
            default -> null;
        };
        if (sample == null) {
            return null;
        }
        try {
            return (ObjectNode) JsonMapper.get().readTree(sample);
        } catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
    }

    @Override
    public boolean openToEveryUser(Endpoint e) {
        return OPEN_TO_EVERY_USER.contains(e.key());
    }

    @Override
    public boolean adminOnly(Endpoint e) {
        String p = e.path();
        return p.startsWith("/plans") || p.startsWith("/teams") || p.startsWith("/users") || p.startsWith("/migrations")
                || p.startsWith("/import");
    }
}
