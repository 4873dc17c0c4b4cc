package io.cutplan.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.cutplan.domain.Role;
import io.cutplan.store.Database;
import io.cutplan.store.Jdbc;
import io.cutplan.testing.Api;
import io.cutplan.testing.Fixtures;
import io.cutplan.testing.TestHost;
import java.util.Map;
import java.util.UUID;

/**
 * A small runbook on the shared test host, with one user per role:
 * <pre>
 *   A (OPS) --> B (OPS, 2 tasks, task 1 linked to critical control CTL-1) --> J (join, OPS)
 *   C (DBA) ---------------------------------------------------------------> J
 *   J --> K (no owner team)
 * </pre>
 */
final class RunbookScenario {
    final TestHost host = TestHost.get();
    final Database db = host.database();
    final Fixtures fx = Fixtures.in(db);
    final UUID ops = fx.team("OPS");
    final UUID dba = fx.team("DBA");
    final Fixtures.TestUser admin = fx.user("admin", Role.ADMIN);
    final Fixtures.TestUser pilot = fx.user("pilot", Role.PILOT);
    final Fixtures.TestUser pilot2 = fx.user("pilot2", Role.PILOT);
    final Fixtures.TestUser opsUser = fx.user("opsuser", Role.NORMAL, ops);
    final Fixtures.TestUser dbaUser = fx.user("dbauser", Role.NORMAL, dba);
    final Fixtures.TestUser viewer = fx.user("viewer", Role.NORMAL);
    final Fixtures.Plan plan = fx.plan("Scenario");
    final UUID a = plan.step("PRE-1", "Freeze changes", ops);
    final UUID b = plan.step("TRT-2", "Stop batch", ops);
    final UUID c = plan.step("TRT-3", "Copy data", dba);
    final UUID j = plan.step("GON-4", "Go / no-go", ops, 15, true);
    final UUID k = plan.step("CHK-5", "Final check", null);
    final UUID t1 = plan.task(b, "Stop jobs", ops);
    final UUID t2 = plan.task(b, "Confirm stop", dba);
    final UUID ctl = plan.control("CTL-1", "Balances match", true);
    final UUID iteration;

    RunbookScenario() {
        plan.dependency(a, b);
        plan.dependency(b, j);
        plan.dependency(c, j);
        plan.dependency(j, k);
        plan.link(t1, ctl);
        iteration = plan.iteration("RUN1");
    }

    Api as(Fixtures.TestUser u) {
        return host.as(u.username());
    }

    UUID si(UUID step) {
        return plan.stepInstance(iteration, step);
    }

    UUID ti(UUID task) {
        return plan.taskInstance(iteration, task);
    }

    String status(UUID step) {
        return plan.stepStatus(iteration, step);
    }

    int version(UUID step) {
        return db.transactor().readOnly(cn -> Jdbc.one(cn, "SELECT version FROM step_instances WHERE iteration_id = ? AND step_id = ?",
                rs -> rs.getInt(1), iteration, step)).orElseThrow();
    }

    int taskVersion(UUID task) {
        return db.transactor().readOnly(cn -> Jdbc.one(cn, "SELECT version FROM task_instances WHERE iteration_id = ? AND task_id = ?",
                rs -> rs.getInt(1), iteration, task)).orElseThrow();
    }

    long iterationVersion() {
        return db.transactor().readOnly(cn -> Jdbc.one(cn, "SELECT change_version FROM iterations WHERE id = ?",
                rs -> rs.getLong(1), iteration)).orElseThrow();
    }

    long count(String sql, Object... params) {
        return db.transactor().readOnly(cn -> Jdbc.one(cn, sql, rs -> rs.getLong(1), params)).orElseThrow();
    }

    String base() {
        return "/iterations/" + iteration;
    }

    Api.Response move(Fixtures.TestUser u, UUID step, String to) {
        return move(u, step, to, null, false);
    }

    Api.Response move(Fixtures.TestUser u, UUID step, String to, String reason, boolean override) {
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("to", to);
        body.put("expectedVersion", version(step));
        if (reason != null) {
            body.put("reason", reason);
        }
        if (override) {
            body.put("override", true);
        }
        return as(u).post(base() + "/steps/" + si(step) + "/transitions", body);
    }

    Api.Response tick(Fixtures.TestUser u, UUID task, boolean done) {
        return as(u).post(base() + "/tasks/" + ti(task) + "/completion",
                Map.of("done", done, "expectedVersion", taskVersion(task)));
    }

    Api.Response control(Fixtures.TestUser u, String status) {
        return as(u).put(base() + "/controls/" + ctl, Map.of("status", status, "note", "checked"));
    }

    JsonNode dashboard(Fixtures.TestUser u) {
        return as(u).get(base() + "/dashboard").json();
    }
}
