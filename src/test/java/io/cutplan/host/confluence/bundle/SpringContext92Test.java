package io.cutplan.host.confluence.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutplan.store.DbConfig;
import io.cutplan.testing.PostgresServer;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The Confluence 9.2 half of SpringContextTest: {@code cutplan-context.xml} boots on real Spring 5.3 (the 9.2 line,
 * copied from the central repository to target/spring53 by the build) over the classes of the packaged 9.2 jar
 * (javax.ws.rs, javax.inject, javax.servlet), in a class loader of their own, since Spring 6.1 is on the test class
 * path. Every bean, REST class and module class is created on a running database; without one, every resource's
 * construction failure carries Cutplan's 503-kind error (which RuntimeAvailabilityFilter answers before any resource
 * is built).
 */
class SpringContext92Test {

    /** Loads Cutplan's and Spring's classes (and the javax APIs only Confluence 9.2 supplies) itself, the rest from the test's loader. */
    static final class ChildFirst extends URLClassLoader {
        ChildFirst(URL[] urls, ClassLoader parent) {
            super(urls, parent);
        }

        private static boolean own(String name) {
            return name.startsWith("io.cutplan.") || name.startsWith("org.springframework.") || name.startsWith("javax.inject.")
                    || name.startsWith("javax.servlet.");
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            synchronized (getClassLoadingLock(name)) {
                Class<?> c = findLoadedClass(name);
                if (c == null && own(name)) {
                    try {
                        c = findClass(name);
                    } catch (ClassNotFoundException notHere) {
                        // not in the 9.2 jar, Spring 5.3 or the test classes: the parent's
                    }
                }
                if (c == null) {
                    c = super.loadClass(name, false);
                }
                if (resolve) {
                    resolveClass(c);
                }
                return c;
            }
        }

        /** The 9.2 jar's resources (migrations, Spring's handler lists) hide the parent's copies of the same names. */
        @Override
        public Enumeration<URL> getResources(String name) throws IOException {
            Enumeration<URL> own = findResources(name);
            return own.hasMoreElements() ? own : getParent().getResources(name);
        }

        @Override
        public URL getResource(String name) {
            URL own = findResource(name);
            return own != null ? own : getParent().getResource(name);
        }
    }

    private static Object probe(String method, Object... args) throws Exception {
        Path jar = PluginJar.Target.CONFLUENCE_92.path();
        Path spring = Path.of(System.getProperty("cutplan.spring53.dir", "target/spring53"));
        List<URL> urls = new ArrayList<>();
        urls.add(jar.toUri().toURL());
        try (var files = Files.list(spring)) {
            for (Path p : (Iterable<Path>) files.sorted()::iterator) {
                urls.add(p.toUri().toURL());
            }
        }
        assertThat(urls).as("Spring 5.3 jars in " + spring).hasSizeGreaterThanOrEqualTo(4);
        urls.add(Path.of("target/test-classes").toUri().toURL());
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        try (ChildFirst loader = new ChildFirst(urls.toArray(URL[]::new), SpringContext92Test.class.getClassLoader())) {
            Thread.currentThread().setContextClassLoader(loader);
            Class<?> probe = loader.loadClass(Spring92Probe.class.getName());
            assertThat(probe.getClassLoader()).isSameAs(loader);
            List<Object> all = new ArrayList<>();
            all.add(jar.toString());
            Collections.addAll(all, args);
            Class<?>[] types = all.stream().map(a -> String.class).toArray(Class<?>[]::new);
            try {
                return probe.getMethod(method, types).invoke(null, all.toArray());
            } catch (java.lang.reflect.InvocationTargetException e) {
                if (e.getCause() instanceof Exception ex) {
                    throw ex;
                }
                throw new AssertionError(e.getCause());
            }
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
    }

    @Test
    void theContextBootsOnSpring53OverThe92JarAndBuildsEveryBeanRestClassAndModule() throws Exception {
        DbConfig db = PostgresServer.get().createMigratedDatabase();
        try {
            String report = (String) probe("runningDatabase", db.url(), db.user(), db.password());
            assertThat(report).startsWith("spring=5.3.").contains("state=RUNNING")
                    .contains("IterationResource", "PlanResource", "AdminConfigResource", "RuntimeAvailabilityFilter",
                            "JsonBodyProvider")
                    .contains("modules=[CutplanRunbookMacro, CutplanPlansMacro, AdminServlet]")
                    .contains("servletBase=javax.servlet.http.HttpServlet");
        } finally {
            PostgresServer.get().drop(db);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void withoutADatabaseEveryResourceFailsWithCutplans503KindError() throws Exception {
        List<String> results = (List<String>) probe("downDatabase");
        assertThat(results).hasSizeGreaterThan(10).allSatisfy(r -> assertThat(r).endsWith(": UNAVAILABLE/not_configured"));
    }
}
