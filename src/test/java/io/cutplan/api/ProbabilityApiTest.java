package io.cutplan.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.cutplan.domain.Role;
import io.cutplan.service.AdjustableClock;
import io.cutplan.store.Database;
import io.cutplan.store.Jdbc;
import io.cutplan.testing.Api;
import io.cutplan.testing.Fixtures;
import io.cutplan.testing.TestHost;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /iterations/{id}/forecast/probability} end to end on a hand-made history whose distribution is known:
 * A (planned 30) took 10, 10 and 50 minutes in three completed iterations, B (planned 60) always 60, A before B.
 * A new iteration then ends at +70 with probability 2/3 and at +110 otherwise. Also the sharing and throttling of
 * the computation, with the host's clock pinned (never a sleep).
 */
class ProbabilityApiTest {
    private final TestHost host = TestHost.get();
    private final Database db = host.database();
    private final AdjustableClock clock = host.host().services().clock();

    @AfterEach
    void releaseClock() {
        clock.release();
    }

    private final Fixtures fx = Fixtures.in(db);
    private final UUID team = fx.team("PB");
    private final Api api = host.as(fx.user("viewer", Role.NORMAL).username());
    private final Fixtures.Plan plan = fx.plan("Probable");
    private final UUID a = plan.step("PRB-1", "A", team, 30, false);
    private final UUID b = plan.step("PRB-2", "B", team, 60, false);

    private Instant start(UUID iteration) {
        return db.transactor().readOnly(c -> Jdbc.one(c, "SELECT planned_start FROM iterations WHERE id = ?",
                rs -> Jdbc.instant(rs, "planned_start"), iteration)).orElseThrow();
    }

    /** A completed rehearsal in which A took {@code aMinutes} and B 60. */
    private void rehearsal(String code, int aMinutes) {
        UUID it = plan.iteration(code);
        Instant s = start(it);
        db.transactor().inTransaction(c -> {
            Jdbc.update(c, "UPDATE iterations SET status = 'COMPLETED' WHERE id = ?", it);
            Jdbc.update(c, "UPDATE step_instances SET status = 'DONE', started_at = ?, finished_at = ? WHERE iteration_id = ? AND step_id = ?",
                    s, s.plus(Duration.ofMinutes(aMinutes)), it, a);
            return Jdbc.update(c, "UPDATE step_instances SET status = 'DONE', started_at = ?, finished_at = ? WHERE iteration_id = ? AND step_id = ?",
                    s.plus(Duration.ofMinutes(aMinutes)), s.plus(Duration.ofMinutes(aMinutes + 60)), it, b);
        });
    }

    private JsonNode probability(UUID iteration) {
        Api.Response r = api.get("/iterations/" + iteration + "/forecast/probability");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json();
    }

    private void bumpVersion(UUID iteration) {
        db.transactor().inTransaction(c -> Jdbc.update(c, "UPDATE iterations SET change_version = change_version + 1 WHERE id = ?", iteration));
    }

    @Test
    void theEndsAndTheChanceFollowTheHistorysDistributionAndTheComputationIsSharedAndThrottled() {
        plan.dependency(a, b);
        rehearsal("R1", 10);
        rehearsal("R2", 10);
        rehearsal("R3", 50);
        UUID live = plan.iteration("LIVE");
        Instant t0 = start(live);
        db.transactor().inTransaction(c -> Jdbc.update(c, "UPDATE iterations SET planned_end = ? WHERE id = ?",
                t0.plus(Duration.ofMinutes(90)), live));
        clock.pin(t0);

        JsonNode p = probability(live);
        assertThat(Instant.parse(p.path("p50").asText())).isEqualTo(t0.plus(Duration.ofMinutes(70)));
        assertThat(Instant.parse(p.path("p80").asText())).isEqualTo(t0.plus(Duration.ofMinutes(110)));
        assertThat(Instant.parse(p.path("p95").asText())).isEqualTo(t0.plus(Duration.ofMinutes(110)));
        assertThat(p.path("probabilityInWindow").asDouble()).isCloseTo(2 / 3.0, within(0.02));
        assertThat(Instant.parse(p.path("forecastEnd").asText())).as("the plan-basis forecast").isEqualTo(t0.plus(Duration.ofMinutes(90)));
        assertThat(p.path("stepsWithHistory").asInt()).isEqualTo(2);
        assertThat(p.path("stepsWithSpread").asInt()).isEqualTo(1);
        assertThat(p.path("finished").asBoolean()).isFalse();
        assertThat(p.path("chapters")).hasSize(1);
        assertThat(p.path("chapters").get(0).path("p80").asText()).isEqualTo(p.path("p80").asText());
        long version = p.path("version").asLong();
        assertThat(Instant.parse(p.path("computedAt").asText())).isEqualTo(t0);

        // A change within the throttle interval: the same computation (it says which version it is of).
        bumpVersion(live);
        JsonNode soon = probability(live);
        assertThat(soon.path("computedAt").asText()).isEqualTo(p.path("computedAt").asText());
        assertThat(soon.path("version").asLong()).isEqualTo(version);
        // Past it, the moved version is computed.
        clock.pin(t0.plus(IterationProbabilitiesAccess.MIN_INTERVAL).plusSeconds(1));
        JsonNode later = probability(live);
        assertThat(later.path("version").asLong()).isEqualTo(version + 1);
        assertThat(Instant.parse(later.path("computedAt").asText())).isAfter(t0);
        // Deterministic: the same draws, from a now 16 s later (nothing has started, so everything starts now).
        Instant now = t0.plus(IterationProbabilitiesAccess.MIN_INTERVAL).plusSeconds(1);
        assertThat(Instant.parse(later.path("p50").asText())).isEqualTo(now.plus(Duration.ofMinutes(70)));
        assertThat(later.path("probabilityInWindow").asDouble()).isEqualTo(p.path("probabilityInWindow").asDouble());
        // Nothing changes: kept up to a minute, then computed again with the clock.
        Instant built = Instant.parse(later.path("computedAt").asText());
        clock.pin(built.plusSeconds(59));
        assertThat(probability(live).path("computedAt").asText()).isEqualTo(later.path("computedAt").asText());
        clock.pin(built.plusSeconds(61));
        assertThat(Instant.parse(probability(live).path("computedAt").asText())).isEqualTo(built.plusSeconds(61));
    }

    @Test
    void withoutHistoryEveryPercentileIsThePlanForecast() {
        plan.dependency(a, b);
        UUID live = plan.iteration("ALONE");
        Instant t0 = start(live);
        clock.pin(t0);
        JsonNode p = probability(live);
        assertThat(p.path("p50").asText()).isEqualTo(p.path("p95").asText()).isEqualTo(p.path("forecastEnd").asText());
        assertThat(Instant.parse(p.path("p80").asText())).isEqualTo(t0.plus(Duration.ofMinutes(90)));
        assertThat(p.path("probabilityInWindow").asDouble()).isEqualTo(1.0);
        assertThat(p.path("percentInWindow").asInt()).isEqualTo(100);
        assertThat(p.path("stepsWithHistory").asInt()).isZero();
    }

    /** The throttle interval, as the service defines it (package-private there). */
    private static final class IterationProbabilitiesAccess {
        static final Duration MIN_INTERVAL = Duration.ofSeconds(15);
    }
}
