package io.cutplan.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cutplan.demo.DemoRunbooks;
import io.cutplan.demo.DemoSummary;
import io.cutplan.host.standalone.PasswordHasher;
import io.cutplan.service.AdjustableClock;
import io.cutplan.testing.Api;
import io.cutplan.testing.DemoApi;
import io.cutplan.testing.TestHost;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The late flags mean something on the realistic demo's running iteration (DR2): a PENDING step is late only when
 * its forecast start is past its planned start, every running step past its planned duration is OVERRUNNING, and
 * the snapshot's {@code late} is exactly "forecast lateness is OVERRUNNING or LATE_START". Learned durations exist
 * there (four completed rehearsals) and move the forecast.
 */
class ForecastDemoApiTest {

    @Test
    void lateFlagsOnTheRealisticRunningIterationAreTheForecastsAttentionNow() {
        TestHost host = TestHost.get();
        DemoSummary demo = DemoRunbooks.load(host.database(), "realistic", DemoRunbooks.DEFAULT_SEED, PasswordHasher::hash);
        UUID dr2 = demo.iteration("DR2");
        AdjustableClock clock = host.host().services().clock();
        // One instant for the snapshot and the forecast, so both read the same forecast.
        clock.pin(Instant.now());
        try {
            Api viewer = DemoApi.as("viewer");
            JsonNode forecast = viewer.get("/iterations/" + dr2 + "/forecast").json();
            JsonNode snapshot = viewer.get("/iterations/" + dr2 + "/dashboard").json();
            Instant now = Instant.parse(forecast.path("computedAt").asText());
            assertThat(snapshot.path("forecastAt").asText()).isEqualTo(forecast.path("computedAt").asText());

            Map<String, JsonNode> fc = new HashMap<>();
            forecast.path("steps").forEach(s -> fc.put(s.path("id").asText(), s));
            assertThat(fc).hasSize(snapshot.path("steps").size()).hasSizeGreaterThan(1000);
            int pending = 0;
            int pendingLate = 0;
            int overrunning = 0;
            int late = 0;
            Set<String> attention = new HashSet<>();
            for (JsonNode s : snapshot.path("steps")) {
                String id = s.path("id").asText();
                JsonNode f = fc.get(id);
                String kind = f.path("lateness").path("kind").asText("");
                boolean needsAttention = kind.equals("OVERRUNNING") || kind.equals("LATE_START");
                assertThat(s.path("late").asBoolean()).as("late flag of %s (%s, %s)", s.path("code").asText(),
                        s.path("status").asText(), kind).isEqualTo(needsAttention);
                if (needsAttention) {
                    attention.add(id);
                    late++;
                }
                String status = s.path("status").asText();
                if (status.equals("PENDING")) {
                    pending++;
                    if (s.path("late").asBoolean()) {
                        pendingLate++;
                        assertThat(Instant.parse(f.path("forecastStart").asText()))
                                .as("a late PENDING step starts after its planned start")
                                .isAfter(Instant.parse(s.path("plannedStart").asText()));
                    }
                }
                if (status.equals("IN_PROGRESS")) {
                    long ran = Duration.between(Instant.parse(s.path("startedAt").asText()), now).toMinutes();
                    if (ran > s.path("plannedMinutes").asLong() + 1) {
                        assertThat(kind).as("%s ran %d of %d min", s.path("code").asText(), ran, s.path("plannedMinutes").asLong())
                                .isEqualTo("OVERRUNNING");
                        overrunning++;
                    }
                }
                if (Set.of("DONE", "SKIPPED", "CANCELLED").contains(status)) {
                    assertThat(s.path("late").asBoolean()).as("finished steps are never late now").isFalse();
                }
            }
            assertThat(pending).isGreaterThan(100);
            assertThat(overrunning).as("the demo has running steps past their plan").isPositive();
            // The critical path is made of steps of the runbook, and the header carries the forecast end.
            assertThat(forecast.path("criticalPath").size()).isPositive();
            forecast.path("criticalPath").forEach(id -> assertThat(fc).containsKey(id.asText()));
            assertThat(snapshot.path("iteration").path("forecastEnd").asText()).isEqualTo(
                    forecast.path("iteration").path("forecastEnd").asText());
            assertThat(snapshot.path("iteration").path("varianceMinutes").asLong())
                    .isEqualTo(forecast.path("iteration").path("varianceMinutes").asLong());

            JsonNode learned = viewer.get("/iterations/" + dr2 + "/forecast?basis=learned").json();
            assertThat(learned.path("basis").asText()).isEqualTo("learned");
            assertThat(learned.path("iteration").path("forecastEnd").asText())
                    .as("four completed rehearsals teach other durations than the plan's")
                    .isNotEqualTo(forecast.path("iteration").path("forecastEnd").asText());
            System.out.printf("DR2: %d steps, %d late now (%d pending LATE_START, %d overrunning), forecast end %s (%+d min to plan, "
                            + "%+d min to the window), learned %s%n", fc.size(), late, pendingLate, overrunning,
                    forecast.path("iteration").path("forecastEnd").asText(), forecast.path("iteration").path("varianceMinutes").asLong(),
                    forecast.path("iteration").path("overWindowMinutes").asLong(), learned.path("iteration").path("forecastEnd").asText());
            assertThat(attention).hasSize(late);
        } finally {
            clock.release();
        }
    }
}
