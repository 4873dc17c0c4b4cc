package io.cutplan.host.confluence.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutplan.host.confluence.PluginFiles;
import io.cutplan.host.confluence.PluginKeys;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** What is inside each plugin jar, and what its manifest says. */
class BundleContentTest {

    /** Host-provided APIs that must never be inside a plugin jar (directly or in an embedded jar). */
    private static final List<String> FORBIDDEN = List.of("com/atlassian/", "org/springframework/", "javax/servlet/",
            "jakarta/servlet/", "javax/ws/rs/", "jakarta/ws/rs/", "javax/inject/", "jakarta/inject/", "org/osgi/",
            "org/slf4j/");

    @ParameterizedTest
    @EnumSource(PluginJar.Target.class)
    void noHostApiClassIsPackaged(PluginJar.Target target) {
        PluginJar jar = PluginJar.of(target);
        List<String> offenders = new ArrayList<>();
        jar.entries.keySet().stream().filter(e -> FORBIDDEN.stream().anyMatch(e::startsWith)).forEach(offenders::add);
        jar.nestedEntries().forEach((nested, names) -> names.stream()
                .filter(e -> e.endsWith(".class") && FORBIDDEN.stream().anyMatch(e::startsWith))
                .forEach(e -> offenders.add(nested + "!" + e)));
        assertThat(offenders).isEmpty();
        assertThat(jar.entries.keySet()).noneMatch(e -> e.startsWith("io/cutplan/host/standalone/"));
    }

    @ParameterizedTest
    @EnumSource(PluginJar.Target.class)
    void ourClassesAreTopLevelAndTheLibrariesAreEmbeddedWhole(PluginJar.Target target) {
        PluginJar jar = PluginJar.of(target);
        assertThat(jar.entries).containsKeys("io/cutplan/host/confluence/CutplanRunbookMacro.class",
                "io/cutplan/host/confluence/CutplanRuntime.class", "io/cutplan/api/HealthResource.class",
                "io/cutplan/api/JsonBodyProvider.class", "io/cutplan/host/confluence/rest/AdminConfigResource.class");
        List<String> embedded = jar.entries.keySet().stream().filter(e -> e.startsWith("META-INF/lib/")).toList();
        assertThat(embedded).extracting(e -> e.replaceAll("^META-INF/lib/(.+?)-\\d.*$", "$1")).containsExactlyInAnyOrder(
                "postgresql", "HikariCP", "flyway-core", "flyway-database-postgresql", "jackson-core", "jackson-databind",
                "jackson-annotations", "jackson-datatype-jsr310", "jackson-dataformat-toml");
        assertThat(jar.header("Bundle-ClassPath").split(",")).contains(".").containsAll(embedded);
        // Flyway finds its database support through these service files; they must survive packaging untouched.
        String plugin = "META-INF/services/org.flywaydb.core.extensibility.Plugin";
        assertThat(new String(jar.nested(lib(jar, "flyway-database-postgresql"), plugin), StandardCharsets.UTF_8))
                .contains("org.flywaydb.database.postgresql.PostgreSQLDatabaseType");
        assertThat(jar.nested(lib(jar, "flyway-core"), plugin)).isNotNull();
    }

    @ParameterizedTest
    @EnumSource(PluginJar.Target.class)
    void migrationsAndPluginFilesAreTopLevelEntries(PluginJar.Target target) {
        PluginJar jar = PluginJar.of(target);
        assertThat(jar.entries).containsKeys("db/migration/V1__core_schema.sql", "atlassian-plugin.xml",
                "META-INF/spring/cutplan-context.xml", "META-INF/plugin-components/component",
                "META-INF/plugin-components/imports", "META-INF/plugin-components/exports", "i18n/cutplan.properties",
                "images/icon.png", "images/logo.png", "images/macro-icon.png", "confluence/admin/admin.js");
        String descriptor = new String(jar.entries.get("atlassian-plugin.xml"), StandardCharsets.UTF_8);
        assertThat(descriptor).doesNotContain("${").contains("<version>" + mavenVersion() + "</version>");
    }

    @ParameterizedTest
    @EnumSource(PluginJar.Target.class)
    void manifestMakesItATransformlessAtlassianPlugin(PluginJar.Target target) {
        PluginJar jar = PluginJar.of(target);
        Document descriptor = PluginFiles.xml(new ByteArrayInputStream(jar.entries.get("atlassian-plugin.xml")));
        String key = descriptor.getDocumentElement().getAttribute("key");
        assertThat(key).isEqualTo(PluginKeys.PLUGIN_KEY);
        assertThat(jar.header("Bundle-SymbolicName")).isEqualTo(key);
        assertThat(jar.header("Atlassian-Plugin-Key")).isEqualTo(key);
        assertThat(jar.header("Bundle-ManifestVersion")).isEqualTo("2");
        assertThat(jar.header("Bundle-Version")).isEqualTo(mavenVersion().replace("-SNAPSHOT", ".SNAPSHOT"));
        assertThat(jar.header("Spring-Context")).isEqualTo("*");
        String exports = jar.header("Export-Package");
        assertThat(exports == null || exports.isBlank()).as("nothing exported, got " + exports).isTrue();
    }

    @ParameterizedTest
    @EnumSource(PluginJar.Target.class)
    void hostPackagesAreImportedWithoutVersionRangesAndLibrariesAreNotImported(PluginJar.Target target) {
        PluginJar jar = PluginJar.of(target);
        for (String clause : jar.imports()) {
            String pkg = PluginJar.packageOf(clause);
            assertThat(pkg).as("embedded, never imported")
                    .doesNotStartWith("com.fasterxml.jackson").doesNotStartWith("org.postgresql")
                    .doesNotStartWith("com.zaxxer").doesNotStartWith("org.flywaydb").doesNotStartWith("java.");
            if (!clause.contains("resolution:=optional")) {
                assertThat(clause).as("mandatory imports carry no version range").doesNotContain("[").doesNotContain("(");
                assertThat(clause.contains("version=") ? clause.replaceAll(".*version=\"?([^;\"]*)\"?.*", "$1") : "0")
                        .as(clause).isEqualTo("0");
            }
        }
        Set<String> packages = jar.imports().stream().map(PluginJar::packageOf).collect(Collectors.toCollection(TreeSet::new));
        assertThat(packages).contains("com.atlassian.confluence.macro", "com.atlassian.sal.api.user",
                "com.atlassian.mail.server", "com.atlassian.webresource.api.assembler", "org.springframework.beans.factory",
                "org.slf4j", target.ee + ".ws.rs", target.ee + ".ws.rs.core", target.ee + ".inject", target.ee + ".servlet.http");
        assertThat(packages).noneMatch(p -> p.startsWith(target.other() + ".ws.rs") || p.startsWith(target.other() + ".inject")
                || p.startsWith(target.other() + ".servlet"));
    }

    /**
     * Issue 16, finding 8: JDK packages only the embedded driver, pool and Flyway reference (JNDI, XA, JMX, XML,
     * GSS) are optional imports, and Cutplan's own classes reference none of them, so making them optional cannot
     * hide a package Cutplan needs. javax.sql stays mandatory; the JAX-RS @Priority annotation package is optional.
     */
    @ParameterizedTest
    @EnumSource(PluginJar.Target.class)
    void importsOnlyTheEmbeddedLibrariesNeedAreOptional(PluginJar.Target target) {
        PluginJar jar = PluginJar.of(target);
        List<String> driverOnly = List.of("javax.naming", "javax.transaction.xa", "javax.management", "javax.xml.",
                "org.w3c.", "org.xml.", "org.ietf.", target.ee + ".annotation");
        Map<String, String> clauses = new java.util.TreeMap<>();
        jar.imports().forEach(c -> clauses.put(PluginJar.packageOf(c), c));
        assertThat(clauses.keySet()).as("the driver's JNDI and XA packages are still declared")
                .contains("javax.naming", "javax.naming.spi", "javax.transaction.xa");
        clauses.forEach((pkg, clause) -> {
            if (driverOnly.stream().anyMatch(pkg::startsWith)) {
                assertThat(clause).as(pkg).contains("resolution:=optional");
            }
        });
        assertThat(clauses.get("javax.sql")).as("DataSource: how the pool reaches the driver").doesNotContain("optional");
        List<String> ours = new ArrayList<>();
        for (Map.Entry<String, byte[]> e : jar.entries.entrySet()) {
            if (e.getKey().startsWith("io/cutplan/") && e.getKey().endsWith(".class")) {
                ClassFile cf = ClassFile.parse(e.getValue());
                for (String p : driverOnly) {
                    if (!p.endsWith(".annotation") && cf.mentions(p.replace('.', '/'))) {
                        ours.add(e.getKey() + " -> " + p);
                    }
                }
            }
        }
        assertThat(ours).as("Cutplan's own classes must not need an optional package").isEmpty();
    }

    /** Constant pools: the 9.2 jar's classes name javax.* APIs only, the 10 jar's jakarta.* only. */
    @ParameterizedTest
    @EnumSource(PluginJar.Target.class)
    void classesReferenceOnlyTheirConfluencesNamespace(PluginJar.Target target) {
        PluginJar jar = PluginJar.of(target);
        List<String> wrong = new ArrayList<>();
        int right = 0;
        for (Map.Entry<String, byte[]> e : jar.entries.entrySet()) {
            if (!e.getKey().startsWith("io/cutplan/") || !e.getKey().endsWith(".class")) {
                continue;
            }
            ClassFile cf = ClassFile.parse(e.getValue());
            if (target == PluginJar.Target.CONFLUENCE_92 && cf.mentions("jakarta/")) {
                wrong.add(e.getKey() + " -> jakarta/ (Confluence 9.2 has no jakarta.* API)");
            }
            for (String api : List.of("/ws/rs/", "/inject/", "/servlet/")) {
                if (cf.mentions(target.other() + api)) {
                    wrong.add(e.getKey() + " -> " + target.other() + api);
                }
                if (cf.mentions(target.ee + api)) {
                    right++;
                }
            }
        }
        assertThat(wrong).isEmpty();
        assertThat(right).as("classes referencing " + target.ee + " APIs").isGreaterThan(5);
    }

    @Test
    void bothJarsHoldTheSameClassesAndResources() {
        assertThat(PluginJar.of(PluginJar.Target.CONFLUENCE_92).entries.keySet())
                .containsExactlyInAnyOrderElementsOf(PluginJar.of(PluginJar.Target.CONFLUENCE_10).entries.keySet());
        // The rewrite touched the API references only: a class without any is byte-identical.
        assertThat(PluginJar.of(PluginJar.Target.CONFLUENCE_92).entries.get("io/cutplan/domain/Caller.class"))
                .isEqualTo(PluginJar.of(PluginJar.Target.CONFLUENCE_10).entries.get("io/cutplan/domain/Caller.class"));
    }

    @ParameterizedTest
    @EnumSource(PluginJar.Target.class)
    void everyClassTheDescriptorNamesIsInTheJarAndFitsItsModule(PluginJar.Target target) {
        PluginJar jar = PluginJar.of(target);
        Document d = PluginFiles.xml(new ByteArrayInputStream(jar.entries.get("atlassian-plugin.xml")));
        Element macro = PluginFiles.elements(d, "xhtml-macro").get(0);
        assertThat(classFile(jar, macro.getAttribute("class")).interfaces()).contains("com/atlassian/confluence/macro/Macro");
        Element servlet = PluginFiles.elements(d, "servlet").get(0);
        assertThat(classFile(jar, servlet.getAttribute("class")).superName()).isEqualTo(target.ee + "/servlet/http/HttpServlet");
        for (Element pkg : PluginFiles.elements(d, "package")) {
            String dir = pkg.getTextContent().trim().replace('.', '/') + "/";
            List<ClassFile> classes = jar.entries.entrySet().stream()
                    .filter(e -> e.getKey().startsWith(dir) && e.getKey().indexOf('/', dir.length()) < 0 && e.getKey().endsWith(".class"))
                    .map(e -> ClassFile.parse(e.getValue())).toList();
            assertThat(classes).as("REST classes top level in " + dir)
                    .anyMatch(c -> c.mentions("L" + target.ee + "/ws/rs/Path;"));
        }
        for (Element r : PluginFiles.elements(d, "resource")) {
            String location = r.getAttribute("location");
            if (r.getAttribute("type").equals("download") && !location.startsWith("web/")) {
                assertThat(jar.entries.keySet()).as(location).anyMatch(e -> e.equals(location) || e.startsWith(location + "/"));
            }
        }
        for (String line : new String(jar.entries.get("META-INF/plugin-components/component"), StandardCharsets.UTF_8).split("\n")) {
            assertThat(jar.entries).containsKey(line.split("#")[0].replace('.', '/') + ".class");
        }
    }

    /** The standalone jar is built from the same classes but must carry nothing of the Confluence side. */
    @Test
    void theStandaloneJarCarriesNoConfluenceClassOrStub() throws Exception {
        java.nio.file.Path standalone = java.nio.file.Path.of(System.getProperty("cutplan.standalone.jar"));
        List<String> offenders = new ArrayList<>();
        boolean hasMain = false;
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(standalone.toFile())) {
            for (var entries = zip.entries(); entries.hasMoreElements(); ) {
                String name = entries.nextElement().getName();
                hasMain |= name.equals("io/cutplan/host/standalone/Main.class");
                if (name.startsWith("io/cutplan/host/confluence/") || name.startsWith("com/atlassian/")
                        || name.startsWith("org/springframework/") || name.equals("atlassian-plugin.xml")
                        || name.startsWith("META-INF/plugin-components/")) {
                    offenders.add(name);
                }
            }
        }
        assertThat(hasMain).isTrue();
        assertThat(offenders).isEmpty();
    }

    private static ClassFile classFile(PluginJar jar, String className) {
        byte[] bytes = jar.entries.get(className.replace('.', '/') + ".class");
        assertThat(bytes).as(className + " in " + jar.path.getFileName()).isNotNull();
        return ClassFile.parse(bytes);
    }

    private static String lib(PluginJar jar, String artifact) {
        return jar.entries.keySet().stream().filter(e -> e.matches("META-INF/lib/" + artifact + "-\\d.*\\.jar"))
                .findFirst().orElseThrow();
    }

    static String mavenVersion() {
        String p = PluginJar.Target.CONFLUENCE_10.path().getFileName().toString();
        return p.substring("cutplan-confluence10-".length(), p.length() - ".jar".length());
    }
}
