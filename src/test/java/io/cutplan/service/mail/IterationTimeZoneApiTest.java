package io.cutplan.service.mail;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutplan.domain.Role;
import io.cutplan.store.Database;
import io.cutplan.store.Jdbc;
import io.cutplan.testing.Api;
import io.cutplan.testing.Fixtures;
import io.cutplan.testing.TestHost;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The iteration's e-mail time zone, set with the notification settings and returned in the iteration JSON. */
class IterationTimeZoneApiTest {
    static Database db;
    static Api pilot;
    static Api normal;
    static Fixtures.Plan plan;

    @BeforeAll
    static void world() {
        TestHost host = TestHost.get();
        db = host.database();
        Fixtures fx = Fixtures.in(db);
        UUID team = fx.team("OPS");
        pilot = host.as(fx.user("pilot", Role.PILOT).username());
        normal = host.as(fx.user("normal", Role.NORMAL, team).username());
        plan = fx.plan("Zones");
        plan.step("TRT-1", "Stop the batch", team);
    }

    private static String settings(UUID iteration) {
        return "/iterations/" + iteration + "/notification-settings";
    }

    private static Map<String, Object> body(Object timeZone) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mode", "ON");
        m.put("notifyComments", true);
        m.put("timeZone", timeZone);
        return m;
    }

    private static String stored(UUID iteration) {
        return db.transactor().readOnly(c -> Jdbc.one(c, "SELECT coalesce(time_zone, '-') || '|' || notification_mode "
                + "FROM iterations WHERE id = ?", rs -> rs.getString(1), iteration)).orElseThrow();
    }

    @Test
    void defaultsToTheHostZoneAndIsSetReturnedAndReset() {
        UUID it = plan.iteration("Z1");
        Api.Response get = pilot.get(settings(it));
        assertThat(get.json().has("timeZone")).isFalse();
        assertThat(get.json().get("hostTimeZone").asText()).isEqualTo(ZoneId.systemDefault().getId());
        assertThat(pilot.get("/iterations/" + it).json().has("timeZone")).isFalse();

        Api.Response put = pilot.put(settings(it), body(" Europe/Zurich "));
        assertThat(put.status()).as(put.toString()).isEqualTo(200);
        assertThat(put.json().get("timeZone").asText()).isEqualTo("Europe/Zurich");
        assertThat(stored(it)).isEqualTo("Europe/Zurich|ON");
        assertThat(pilot.get(settings(it)).json().get("timeZone").asText()).isEqualTo("Europe/Zurich");
        assertThat(pilot.get("/iterations/" + it).json().get("timeZone").asText()).isEqualTo("Europe/Zurich");
        assertThat(pilot.get("/iterations/" + it + "/dashboard").json().at("/iteration/timeZone").asText()).isEqualTo("Europe/Zurich");
        assertThat(Outbox.count(db, "SELECT count(*) FROM event_log WHERE iteration_id = ? AND event_type = 'ITERATION_UPDATED' "
                + "AND details->>'timeZone' = 'Europe/Zurich'", it)).isEqualTo(1);

        // Left out (or blank): back to the host's zone.
        Map<String, Object> without = body(null);
        without.remove("timeZone");
        assertThat(pilot.put(settings(it), without).status()).isEqualTo(200);
        assertThat(stored(it)).isEqualTo("-|ON");
        assertThat(pilot.put(settings(it), body("America/New_York")).status()).isEqualTo(200);
        assertThat(pilot.put(settings(it), body("  ")).status()).isEqualTo(200);
        assertThat(stored(it)).isEqualTo("-|ON");
        assertThat(normal.put(settings(it), body("Europe/Zurich")).status()).isEqualTo(403);
        assertThat(stored(it)).isEqualTo("-|ON");
    }

    @Test
    void unknownZonesOffsetsAndAbbreviationsAre400NamingTimeZoneAndChangeNothing() {
        UUID it = plan.iteration("Z2");
        assertThat(pilot.put(settings(it), body("Asia/Tokyo")).status()).isEqualTo(200);
        String before = stored(it);
        for (Object bad : new Object[] {"Mars/Olympus_Mons", "+01:00", "CET-ish", "Europe/Zurich\r\nBcc: x@evil.example",
                "x".repeat(5000), 42}) {
            // A zone that is no IANA id is invalid_input; a JSON number is refused by the body reader (invalid_value).
            Map<String, Object> b = body(bad);
            b.put("mode", "OFF");
            Api.Response r = pilot.put(settings(it), b);
            assertThat(r.status()).as(r.toString()).isEqualTo(400);
            assertThat(r.json().path("error").asText()).as(r.toString()).isEqualTo(bad instanceof String ? "invalid_input" : "invalid_value");
            assertThat(r.json().get("field").asText()).as(r.toString()).isEqualTo("timeZone");
            assertThat(r.body()).doesNotContain("Exception");
        }
        assertThat(stored(it)).isEqualTo(before);
        assertThat(before).isEqualTo("Asia/Tokyo|ON");
    }
}
