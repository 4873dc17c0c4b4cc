package io.cutplan.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cutplan.api.JsonMapper;
import io.cutplan.reliability.EndpointCatalog.Endpoint;
import io.cutplan.testing.Api;
import io.cutplan.testing.Fixtures;
import io.cutplan.testing.TestHost;
import io.cutplan.store.Database;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

/**
 * The hostile-input suite, over real HTTP against the shared test host: every endpoint of
 * {@code RestApplication.RESOURCES} gets broken JSON, wrong shapes and types, oversized bodies and strings,
 * bad ids, unknown enum values, injection strings in every text field, a missing XSRF header, no login and
 * the wrong role. Each must be answered with a 4xx JSON error and leave every table unchanged (a text that is
 * legitimately free may instead be accepted, stored verbatim and returned as JSON). The database is
 * fingerprinted before and after every case.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileInputTest {
    private final DbChecksum checksum = DbChecksum.forSharedHost();
    private HostileWorld world;
    private final Map<String, AtomicInteger> counts = new TreeMap<>();
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicInteger containerHtml = new AtomicInteger();
    private final AtomicInteger retries = new AtomicInteger();
    private final Map<String, List<String>> gaps = new TreeMap<>();
    private final List<String> acceptedFields = new ArrayList<>();

    @BeforeAll
    void createWorld() {
        world = HostileWorld.create(TestHost.get().database());
    }

    @TestFactory
    Stream<DynamicTest> everyEndpointRefusesHostileInput() {
        List<Endpoint> endpoints = EndpointCatalog.all();
        assertThat(endpoints).as("the catalogue reads the host's resources").isNotEmpty();
        return endpoints.stream().map(e -> DynamicTest.dynamicTest(e.key(), () -> attack(e)));
    }

    private void attack(Endpoint e) {
        Database db = TestHost.get().database();
        List<HostileCase> cases = HostileCases.forEndpoint(e, world);
        List<String> failures = new ArrayList<>();
        Map<String, String> fullBefore = checksum.take(db);
        Map<String, String> before = checksum.quick(db);
        boolean changedOnPurpose = false;
        for (HostileCase c : cases) {
            counts.computeIfAbsent(c.category(), k -> new AtomicInteger()).incrementAndGet();
            Api.Response r;
            try {
                r = send(c);
            } catch (UncheckedIOException io) {
                failures.add(c + " -> no HTTP answer: " + io.getMessage());
                continue;
            }
            Map<String, String> after = checksum.quick(db);
            String problem = judge(c, r, before, after, db);
            if (problem != null) {
                java.util.Optional<KnownGap> gap = KnownGap.match(c, r);
                if (gap.isPresent()) {
                    synchronized (gaps) {
                        gaps.computeIfAbsent(gap.get().id(), k -> new ArrayList<>()).add(c + " -> " + problem);
                    }
                    problem = null;
                } else {
                    failures.add(c + " -> " + problem);
                }
            }
            if (!after.equals(before)) {
                changedOnPurpose |= problem == null;
                before = after;
            }
        }
        if (!changedOnPurpose) {
            List<String> diff = DbChecksum.differences(fullBefore, checksum.take(db));
            if (!diff.isEmpty()) {
                failures.add("full md5 checksum of the tables changed: " + diff);
            }
        }
        assertThat(failures).as(e.key() + ": " + cases.size() + " hostile cases").isEmpty();
    }

    /**
     * Sends one case. A connection the server closed after refusing an oversized body may still sit in the
     * client's pool; a request that got no answer on it is sent once more on a fresh one (and counted).
     */
    private Api.Response send(HostileCase c) {
        byte[] body = c.body() == null ? new byte[0] : c.body();
        try {
            return world.client(c.who()).raw(c.method(), c.path(), c.contentType(), body);
        } catch (UncheckedIOException first) {
            retries.incrementAndGet();
            return world.client(c.who()).raw(c.method(), c.path(), c.contentType(), body);
        }
    }

    private String judge(HostileCase c, Api.Response r, Map<String, String> before, Map<String, String> after, Database db) {
        int s = r.status();
        boolean unchanged = after.equals(before);
        if (s >= 500) {
            return "answered " + s + ": " + abbreviate(r.body());
        }
        if (c.expect() == HostileCase.Expect.CONTAINER) {
            if (!isJsonError(r)) {
                containerHtml.incrementAndGet();
                return "refused by the container without a JSON error body: " + s + " " + abbreviate(r.body());
            }
            return s >= 400 && unchanged ? null : "expected a 4xx refusal and no change, got " + s;
        }
        if (s >= 400 && !isJsonError(r)) {
            return "answered " + s + " without a JSON error body: " + abbreviate(r.body());
        }
        if (s >= 400 && (leaksInternals(r.body()) || InternalNames.of(db).leakedIn(r.body()).isPresent())) {
            return "error body leaks internals: " + abbreviate(r.body());
        }
        if (s >= 400 && !unchanged) {
            return "refused with " + s + " but the database changed: " + DbChecksum.differences(before, after);
        }
        switch (c.expect()) {
            case REFUSED:
                return s >= 400 ? null : "expected a 4xx refusal, got " + s + ": " + abbreviate(r.body());
            case FORBIDDEN:
                return s == 403 ? null : "expected 403, got " + s + ": " + abbreviate(r.body());
            case UNAUTHENTICATED:
                return s == 401 ? null : "expected 401, got " + s + ": " + abbreviate(r.body());
            case READ:
                return unchanged ? null : "a read changed the database: " + DbChecksum.differences(before, after);
            case NO_CHANGE:
                return unchanged ? null : "answered " + s + " but the database changed: " + DbChecksum.differences(before, after);
            case TEXT:
                if (s >= 400) {
                    return null;
                }
                accepted.incrementAndGet();
                synchronized (acceptedFields) {
                    acceptedFields.add(c.kind().replace("injection ", "") + " of " + c.endpoint());
                }
                if (!r.body().isEmpty()) {
                    try {
                        JsonMapper.get().readTree(r.body());
                    } catch (Exception ex) {
                        return "accepted but the answer is not JSON: " + abbreviate(r.body());
                    }
                    if (!String.valueOf(r.header("Content-Type")).startsWith("application/json")) {
                        return "accepted text answered as " + r.header("Content-Type");
                    }
                }
                return DbChecksum.storedVerbatim(db, c.injected()) ? null
                        : "accepted (" + s + ") but the text is not stored verbatim anywhere";
            default:
                throw new IllegalStateException();
        }
    }

    static boolean isJsonError(Api.Response r) {
        String ct = r.header("Content-Type");
        if (ct == null || !ct.startsWith("application/json")) {
            return false;
        }
        try {
            JsonNode n = JsonMapper.get().readTree(r.body());
            return n.path("error").isTextual() && !n.path("error").asText().isBlank() && n.path("message").isTextual();
        } catch (Exception e) {
            return false;
        }
    }

    static boolean leaksInternals(String body) {
        return body.contains("Exception") || body.contains("\tat ") || body.contains("org.postgresql")
                || body.contains("SQLSTATE") || body.contains("io.cutplan.") || InternalNames.libraryNameIn(body).isPresent();
    }

    private static String abbreviate(String s) {
        return s.length() > 300 ? s.substring(0, 300) + "…" : s;
    }

    /**
     * Jetty refuses an encoded slash or NUL in the path before any of our code runs, with its own HTML error
     * page: still a 4xx and no change (checked in the suite above), but not the JSON error every client expects.
     * Fix (host code, reported to the lead): a JSON {@code ErrorHandler} on the standalone server.
     */
    @Test
    void containerLevelRefusalsAreJsonToo() {
        for (String bad : HostileCases.CONTAINER_LEVEL_PATHS) {
            Api.Response r = world.client(HostileCase.Who.ADMIN).get("/iterations/" + bad + "/schedule");
            assertThat(r.status()).isBetween(400, 499);
            assertThat(isJsonError(r)).as(bad + " -> " + r.body()).isTrue();
        }
    }

    /** The catalogue is not empty by accident: the suite sees the health endpoint at least. */
    @Test
    void catalogueFindsTheRegisteredResources() {
        assertThat(EndpointCatalog.all()).extracting(Endpoint::key).contains("GET /health");
        assertThat(EndpointCatalog.join("/iterations/{id: [a-f0-9-]+}", "steps/{stepId}")).isEqualTo("/iterations/{id}/steps/{stepId}");
    }

    /** The detectors themselves work: a committed change is seen by both fingerprints, none is seen without. */
    @Test
    void fingerprintsSeeACommittedChangeAndNothingElse() {
        Database db = TestHost.get().database();
        Map<String, String> full = checksum.take(db);
        Map<String, String> quick = checksum.quick(db);
        assertThat(checksum.take(db)).isEqualTo(full);
        assertThat(checksum.quick(db)).isEqualTo(quick);
        Fixtures.in(db).team("CHK");
        assertThat(DbChecksum.differences(full, checksum.take(db))).singleElement().asString().startsWith("teams");
        assertThat(DbChecksum.differences(quick, checksum.quick(db))).singleElement().asString().startsWith("teams");
    }

    @AfterAll
    void report() {
        int total = counts.values().stream().mapToInt(AtomicInteger::get).sum();
        StringBuilder sb = new StringBuilder("Hostile-input suite: " + total + " cases over " + EndpointCatalog.all().size()
                + " endpoints; accepted free text stored verbatim: " + accepted.get()
                + "; refused by Jetty itself with an HTML page (not JSON): " + containerHtml.get() + "\n");
        counts.forEach((k, v) -> sb.append("  ").append(k).append(": ").append(v.get()).append('\n'));
        sb.append("  requests re-sent after a closed connection: ").append(retries.get()).append('\n');
        for (KnownGap g : KnownGap.ALL) {
            List<String> hits = gaps.getOrDefault(g.id(), List.of());
            sb.append(hits.isEmpty() ? "  KNOWN GAP NO LONGER SEEN (remove it from KnownGap.ALL): " : "  KNOWN GAP (" + hits.size() + " cases, tolerated): ")
                    .append(g.id()).append(" - ").append(g.fix()).append('\n');
            hits.stream().limit(5).forEach(h -> sb.append("      e.g. ").append(h.length() > 220 ? h.substring(0, 220) + "…" : h).append('\n'));
        }
        new java.util.TreeSet<>(acceptedFields).forEach(f -> sb.append("  accepted verbatim: ").append(f).append('\n'));
        System.out.println(sb);
        try {
            java.nio.file.Files.createDirectories(java.nio.file.Path.of("target"));
            java.nio.file.Files.writeString(java.nio.file.Path.of("target", "hostile-input-summary.txt"), sb.toString());
        } catch (java.io.IOException ignored) {
            // the summary is a convenience; the assertions above are the test
        }
    }
}
