package io.cutplan.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutplan.domain.Role;
import io.cutplan.store.Jdbc;
import io.cutplan.testing.Api;
import io.cutplan.testing.Fixtures;
import io.cutplan.testing.TestHost;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Holds finding 11 of issue 15 (second half): 20 concurrent imports that create the same new team answered 8 times
 * {@code 409 ... (teams_code_key)} on field {@code code}, misleading (it is not the plan code) and only because of
 * the race. Now every import succeeds, the team exists once, and no answer names a constraint.
 */
class ConcurrentTeamImportTest {
    private static final int IMPORTS = 4;
    private static final String HEADER = "macro_phase,chapter,step_code,step_title,step_description,owner_team,impacted_teams,"
            + "duration_minutes,go_no_go,predecessors,task_title,task_team,nominated_user,controls,critical_controls\r\n";

    @Test
    void concurrentImportsCreatingTheSameTeamAllSucceed() throws Exception {
        TestHost host = TestHost.get();
        Api admin = host.as(Fixtures.in(host.database()).user("raceimporter", Role.ADMIN).username());
        String team = "RACE" + (System.nanoTime() % 1_000_000_000L);
        String csv = HEADER + "P,C,A-1,a,," + team + ",,5,,,,,,,\r\n";
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(IMPORTS);
        List<Future<Api.Response>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < IMPORTS; i++) {
                String code = team + "-P" + i;
                answers.add(pool.submit(() -> {
                    go.await();
                    return admin.raw("POST", "/import/plan?code=" + code + "&name=Race&createTeams=true",
                            "text/csv; charset=utf-8", csv.getBytes(StandardCharsets.UTF_8));
                }));
            }
            go.countDown();
            for (Future<Api.Response> f : answers) {
                Api.Response r = f.get();
                assertThat(r.status()).as("import answer %s", r.body()).isBetween(200, 299);
                assertThat(r.body()).doesNotContain("teams_code_key");
            }
        } finally {
            pool.shutdownNow();
        }
        int teams = host.database().transactor().readOnly(c -> Jdbc.one(c, "SELECT count(*) FROM teams WHERE code = ?",
                rs -> rs.getInt(1), team)).orElseThrow();
        assertThat(teams).isEqualTo(1);
    }
}
