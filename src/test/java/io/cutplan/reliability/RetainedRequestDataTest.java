package io.cutplan.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutplan.domain.Role;
import io.cutplan.host.standalone.StandaloneHost;
import io.cutplan.host.standalone.StandaloneOptions;
import io.cutplan.store.DbConfig;
import io.cutplan.testing.Fixtures;
import io.cutplan.testing.PostgresServer;
import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Holds finding 2 of issue 15 (unbounded memory through {@code /web/*}: 20,000 random 404s grew the heap by
 * 245 MB because {@code WebResourceServlet} cached a miss for every path, forever).
 *
 * <p>Rather than trusting a list of known caches, this test measures what the server retains: it sends thousands
 * of requests whose paths, query strings, user names and headers are all different, then walks the object graph
 * reachable from the running host (through Jetty's and Jersey's objects too) and from every static field of every
 * Cutplan class, and counts the entries of every {@link Map} and {@link Collection} held by a field of a Cutplan
 * class. A cache keyed by request data without a bound grows by one entry per request; a bounded one, or one keyed
 * by the finite set of things that exist (iterations, web files), does not. On main before the fix the web cache
 * alone grew by one entry per random path, and this test failed with a growth of thousands.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RetainedRequestDataTest {
    private static final int ROUNDS = 1_500;
    /** Generous: real caches fill up to their natural size (a few dozen web files, one login, one iteration). */
    private static final int ALLOWED_GROWTH = 200;

    private StandaloneHost host;
    private DbConfig config;
    private String viewerAuth;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    void start() throws Exception {
        config = PostgresServer.get().createMigratedDatabase().withPoolSize(4);
        host = StandaloneHost.start(StandaloneOptions.parse(new String[] {"--port", "0"}, Map.of()), config);
        Fixtures.TestUser viewer = Fixtures.in(host.database()).user("retained", Role.NORMAL);
        viewerAuth = "Basic " + Base64.getEncoder().encodeToString(
                (viewer.username() + ":" + Fixtures.PASSWORD).getBytes(StandardCharsets.UTF_8));
    }

    @AfterAll
    void stop() {
        if (host != null) {
            host.close();
        }
        PostgresServer.get().drop(config);
    }

    @Test
    void randomRequestsLeaveNoTraceInAnyCutplanMapOrCollection() throws Exception {
        // Warm up every legitimate cache (pages, web files, the viewer's login), then measure.
        traffic(50);
        long before = retainedEntries();
        traffic(ROUNDS);
        long after = retainedEntries();
        System.out.printf("RetainedRequestDataTest: %d rounds, retained entries %d -> %d%n", ROUNDS, before, after);
        assertThat(after - before)
                .as("entries retained in Cutplan maps and collections after %d rounds of requests with random paths, "
                        + "parameters and user names (before %d, after %d)", ROUNDS, before, after)
                .isLessThan(ALLOWED_GROWTH);
    }

    /** Each round: random web files (js, css, json), a random page, a random REST path and query, a random login. */
    private void traffic(int rounds) throws Exception {
        String base = "http://127.0.0.1:" + host.port();
        for (int i = 0; i < rounds; i++) {
            String r = UUID.randomUUID().toString().replace("-", "");
            send(base + "/web/js/" + r + ".js", viewerAuth);
            send(base + "/web/" + r + ".css?v=" + r, viewerAuth);
            send(base + "/" + r, viewerAuth);
            send(base + "/rest/cutplan/1.0/iterations/" + UUID.randomUUID() + "/dashboard?since=" + i, viewerAuth);
            send(base + "/rest/cutplan/1.0/" + r + "?" + r + "=" + r, viewerAuth);
            if (i % 5 == 0) {
                // Unknown users and wrong passwords cost a hash each: fewer of them keep the test quick.
                send(base + "/rest/cutplan/1.0/iterations", "Basic " + Base64.getEncoder()
                        .encodeToString((r + ":" + r).getBytes(StandardCharsets.UTF_8)));
            }
        }
    }

    private void send(String url, String auth) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Authorization", auth).header("X-Request-Marker", UUID.randomUUID().toString()).GET().build();
        client.send(request, HttpResponse.BodyHandlers.discarding());
    }

    // ---- the object-graph walk ----

    private long retainedEntries() throws Exception {
        System.gc();
        Walk walk = new Walk();
        walk.visit(host, false);
        for (Class<?> type : cutplanMainClasses()) {
            for (Field f : type.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers()) && !f.getType().isPrimitive() && accessible(f)) {
                    walk.visit(f.get(null), true);
                }
            }
        }
        walk.run();
        return walk.entries;
    }

    private static final class Walk {
        private final Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        private final Deque<Object[]> queue = new ArrayDeque<>();
        long entries;

        /** @param heldByCutplan the reference sits in a field of a Cutplan class: count it if it is a container */
        void visit(Object o, boolean heldByCutplan) {
            if (o == null || o instanceof Class || o instanceof ClassLoader || o instanceof Thread) {
                return;
            }
            if (heldByCutplan && (o instanceof Map<?, ?> || o instanceof Collection<?>)) {
                entries += o instanceof Map<?, ?> m ? m.size() : ((Collection<?>) o).size();
            }
            if (seen.add(o)) {
                queue.add(new Object[] {o});
            }
        }

        void run() {
            while (!queue.isEmpty()) {
                Object o = queue.poll()[0];
                try {
                    expand(o);
                } catch (RuntimeException e) {
                    // a container modified while walked, or a field this JVM will not open: skip it
                }
            }
        }

        private void expand(Object o) {
            if (o instanceof Map<?, ?> m) {
                for (Map.Entry<?, ?> e : Map.copyOf(new LinkedHashMap<>(m)).entrySet()) {
                    visit(e.getKey(), false);
                    visit(e.getValue(), false);
                }
                return;
            }
            if (o instanceof Collection<?> c) {
                for (Object e : c.toArray()) {
                    visit(e, false);
                }
                return;
            }
            Class<?> type = o.getClass();
            if (type.isArray()) {
                if (!type.getComponentType().isPrimitive()) {
                    for (int i = 0; i < Array.getLength(o); i++) {
                        visit(Array.get(o, i), false);
                    }
                }
                return;
            }
            if (isJdk(type)) {
                return;
            }
            for (Class<?> t = type; t != null && !isJdk(t); t = t.getSuperclass()) {
                boolean cutplan = t.getName().startsWith("io.cutplan.");
                for (Field f : t.getDeclaredFields()) {
                    if (Modifier.isStatic(f.getModifiers()) || f.getType().isPrimitive() || !accessible(f)) {
                        continue;
                    }
                    try {
                        visit(f.get(o), cutplan);
                    } catch (IllegalAccessException e) {
                        // not reachable: skip
                    }
                }
            }
        }
    }

    private static boolean isJdk(Class<?> type) {
        String n = type.getName();
        return n.startsWith("java.") || n.startsWith("javax.") || n.startsWith("jdk.") || n.startsWith("sun.")
                || n.startsWith("com.sun.");
    }

    private static boolean accessible(Field f) {
        try {
            f.setAccessible(true);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Every class compiled from src/main/java (target/classes), loaded without initialising anything new. */
    private static Iterable<Class<?>> cutplanMainClasses() throws Exception {
        Path root = Paths.get(StandaloneHost.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        try (Stream<Path> files = Files.walk(root.resolve("io/cutplan"))) {
            return files.filter(p -> p.toString().endsWith(".class"))
                    .map(p -> root.relativize(p).toString().replace('/', '.').replaceAll("\\.class$", ""))
                    .<Class<?>>map(name -> {
                        try {
                            return Class.forName(name, false, RetainedRequestDataTest.class.getClassLoader());
                        } catch (ClassNotFoundException | LinkageError e) {
                            return null;
                        }
                    })
                    .filter(c -> c != null && !c.getName().contains("confluence"))
                    .toList();
        }
    }
}
