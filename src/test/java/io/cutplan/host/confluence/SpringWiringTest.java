package io.cutplan.host.confluence;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutplan.service.CutplanServices;
import io.cutplan.service.spi.HostSettings;
import io.cutplan.store.Database;
import io.cutplan.testing.TestDatabase;
import jakarta.inject.Inject;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.ext.Provider;
import java.io.File;
import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.net.URL;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Keeps the hand-written Spring wiring consistent with the code (there is no scanner Maven plugin to generate it):
 * every class listed exists and can be built by Spring; every host service a component, a module class or a REST
 * class takes is imported; every service a REST constructor takes is a bean the runtime can supply. The REST
 * classes are found by scanning the packages the descriptor's rest module lists, so classes other people add are
 * checked without editing this test.
 */
@ExtendWith(TestDatabase.class)
class SpringWiringTest {

    private static List<Class<?>> classesOf(List<String> lines) {
        List<Class<?>> out = new ArrayList<>();
        for (String line : lines) {
            out.add(load(line.split("#")[0]));
        }
        return out;
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, SpringWiringTest.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new AssertionError("Listed class does not exist: " + name);
        }
    }

    @Test
    void indexFilesAreCleanLinesTheScannerRuntimeCanRead() {
        for (String name : List.of("component", "imports", "exports")) {
            for (String line : PluginFiles.index(name)) {
                assertThat(line).as(name + " line").isNotBlank().doesNotStartWith("#").isEqualTo(line.strip());
                assertThat(line).as(name + " line").matches("[\\w.$]+(#[\\w.,$]+)?");
            }
        }
    }

    @Test
    void everyImportIsAHostServiceInterface() {
        for (Class<?> c : classesOf(PluginFiles.index("imports"))) {
            assertThat(c.isInterface()).as(c + " is an interface").isTrue();
            assertThat(c.getName()).startsWith("com.atlassian.");
        }
    }

    @Test
    void everyExportNamesAComponentAndInterfacesItImplements() {
        Set<Class<?>> components = new LinkedHashSet<>(classesOf(PluginFiles.index("component")));
        for (String line : PluginFiles.index("exports")) {
            String[] parts = line.split("#");
            Class<?> impl = load(parts[0]);
            assertThat(components).contains(impl);
            for (String iface : parts[1].split(",")) {
                assertThat(load(iface)).isAssignableFrom(impl);
            }
        }
    }

    @Test
    void componentsHaveOneConstructorWhoseParametersAreAllAvailable() {
        Wiring w = wiring();
        for (Class<?> c : w.components) {
            assertThat(Modifier.isAbstract(c.getModifiers())).as(c + " is concrete").isFalse();
            Constructor<?>[] ctors = c.getConstructors();
            assertThat(ctors).as(c + ": Spring autowires a single public constructor").hasSize(1);
            w.assertSatisfied(c, ctors[0]);
        }
    }

    @Test
    void moduleClassesOfTheDescriptorGetEverythingTheyTake() {
        Wiring w = wiring();
        Document descriptor = PluginFiles.xml(PluginFiles.DESCRIPTOR);
        List<String> classes = new ArrayList<>();
        for (String module : List.of("xhtml-macro", "servlet")) {
            PluginFiles.elements(descriptor, module).forEach(e -> classes.add(e.getAttribute("class")));
        }
        assertThat(classes).hasSize(3);
        for (String name : classes) {
            Class<?> c = load(name);
            Constructor<?>[] ctors = c.getConstructors();
            assertThat(ctors).as(c + " has one public constructor").hasSize(1);
            w.assertSatisfied(c, ctors[0]);
        }
    }

    @Test
    void everyRestClassIsConstructibleFromTheContext() throws Exception {
        Wiring w = wiring();
        List<Class<?>> rest = restClasses();
        assertThat(rest).extracting(Class::getSimpleName)
                .contains("HealthResource", "JsonBodyProvider", "XsrfFilter", "AdminConfigResource");
        for (Class<?> c : rest) {
            Constructor<?>[] ctors = c.getConstructors();
            assertThat(ctors).as(c + " has one public constructor").hasSize(1);
            Constructor<?> ctor = ctors[0];
            if (ctor.getParameterCount() > 0) {
                assertThat(ctor.isAnnotationPresent(Inject.class)).as(c + ": REST v2 needs @Inject on the constructor").isTrue();
            }
            w.assertSatisfied(c, ctor);
        }
    }

    /**
     * Issue 16, finding 7: the REST audience is decided on purpose, never left to REST v2's default. Cutplan's data
     * (plans, runbooks, people) is for licensed Confluence users: {@code @LicensedOnly} on every resource of
     * io.cutplan.api; the configuration resource is {@code @SystemAdminOnly}. No resource is anonymous.
     */
    @Test
    void everyRestResourceDeclaresItsAudience() throws Exception {
        List<String> resources = new ArrayList<>();
        for (Class<?> c : restClasses()) {
            if (!c.isAnnotationPresent(Path.class)) {
                continue;
            }
            resources.add(c.getSimpleName());
            boolean licensed = c.isAnnotationPresent(com.atlassian.plugins.rest.api.security.annotation.LicensedOnly.class);
            boolean sysadmin = c.isAnnotationPresent(com.atlassian.plugins.rest.api.security.annotation.SystemAdminOnly.class);
            assertThat(licensed ^ sysadmin).as(c.getName() + " names exactly one audience").isTrue();
            assertThat(sysadmin).as(c.getName()).isEqualTo(c.getPackageName().equals("io.cutplan.host.confluence.rest"));
        }
        assertThat(resources).contains("HealthResource", "IterationResource", "PlanResource", "AdminConfigResource");
    }

    @Test
    void everyServiceBeanIsSuppliedByTheRuntime(Database database) {
        CutplanServices services = new CutplanServices(database, new HostSettings(null, "http://localhost"));
        try {
            for (Class<?> type : wiring().serviceBeans) {
                assertThat(ServiceLookup.find(services.all(), type)).as("CutplanServices supplies " + type.getName()).isPresent();
            }
        } finally {
            services.close();
        }
    }

    @Test
    void theServiceBeansUseTheRuntimesFactoryMethod() throws Exception {
        for (Element bean : PluginFiles.elements(PluginFiles.xml(PluginFiles.SPRING_CONTEXT), "bean")) {
            assertThat(bean.getAttribute("factory-bean")).isEqualTo("cutplanRuntime");
            assertThat(bean.getAttribute("scope")).as("prototype: a restart must be visible to the next request").isEqualTo("prototype");
            assertThat(CutplanRuntime.class.getMethod(bean.getAttribute("factory-method"), Class.class)).isNotNull();
        }
        assertThat(PluginFiles.index("component")).contains(CutplanRuntime.class.getName() + "#cutplanRuntime");
        assertThat(PluginFiles.elements(PluginFiles.xml(PluginFiles.SPRING_CONTEXT), "scan-indexes")).hasSize(1);
    }

    /**
     * Resource and provider classes in the packages the descriptor's rest module lists, read from the main classes
     * directory (test classes share package names). Every such class anywhere under io/cutplan must be in a listed
     * package, so a new sub-package cannot be forgotten in the descriptor.
     */
    static List<Class<?>> restClasses() throws Exception {
        java.nio.file.Path root = java.nio.file.Path.of(io.cutplan.api.HealthResource.class.getProtectionDomain()
                .getCodeSource().getLocation().toURI());
        Set<String> listed = new LinkedHashSet<>();
        for (Element pkg : PluginFiles.elements(PluginFiles.xml(PluginFiles.DESCRIPTOR), "package")) {
            listed.add(pkg.getTextContent().trim());
        }
        List<Class<?>> out = new ArrayList<>();
        List<String> outside = new ArrayList<>();
        try (var files = java.nio.file.Files.walk(root.resolve("io/cutplan"))) {
            for (java.nio.file.Path f : (Iterable<java.nio.file.Path>) files::iterator) {
                String rel = root.relativize(f).toString().replace(File.separatorChar, '/');
                if (!rel.endsWith(".class") || rel.contains("$")) {
                    continue;
                }
                String className = rel.substring(0, rel.length() - ".class".length()).replace('/', '.');
                Class<?> c = load(className);
                if (c.isAnnotationPresent(Path.class) || c.isAnnotationPresent(Provider.class)) {
                    if (listed.contains(c.getPackageName())) {
                        out.add(c);
                    } else {
                        outside.add(className);
                    }
                }
            }
        }
        assertThat(outside).as("REST classes in packages the descriptor's rest module does not list").isEmpty();
        return out;
    }

    static Wiring wiring() {
        Wiring w = new Wiring();
        w.components.addAll(classesOf(PluginFiles.index("component")));
        w.imports.addAll(classesOf(PluginFiles.index("imports")));
        for (Element bean : PluginFiles.elements(PluginFiles.xml(PluginFiles.SPRING_CONTEXT), "bean")) {
            List<Element> args = PluginFiles.children(bean, "constructor-arg");
            assertThat(args).as("service bean " + bean.getAttribute("id")).hasSize(1);
            w.serviceBeans.add(load(args.get(0).getAttribute("value")));
        }
        return w;
    }

    /** What the plugin's Spring context can inject, and where each type comes from. */
    static final class Wiring {
        final Set<Class<?>> components = new LinkedHashSet<>();
        final Set<Class<?>> imports = new LinkedHashSet<>();
        final Set<Class<?>> serviceBeans = new LinkedHashSet<>();

        Map<String, Class<?>> providersOf(Class<?> wanted) {
            Map<String, Class<?>> found = new LinkedHashMap<>();
            components.stream().filter(wanted::isAssignableFrom).forEach(c -> found.put("component", c));
            imports.stream().filter(wanted::isAssignableFrom).forEach(c -> found.put("import", c));
            serviceBeans.stream().filter(wanted::isAssignableFrom).forEach(c -> found.put("service bean", c));
            return found;
        }

        void assertSatisfied(Class<?> owner, Constructor<?> ctor) {
            for (Class<?> p : ctor.getParameterTypes()) {
                String hint = p.getName().startsWith("com.atlassian.")
                        ? "add it to META-INF/plugin-components/imports"
                        : p.getName().startsWith("io.cutplan.service.")
                        ? "add a prototype bean for it to META-INF/spring/cutplan-context.xml"
                        : "list its implementation in META-INF/plugin-components/component";
                assertThat(providersOf(p)).as(owner.getName() + " takes " + p.getName() + ": " + hint).hasSize(1);
            }
        }
    }
}
