package io.cutplan.host.confluence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cutplan.api.JsonMapper;
import io.cutplan.api.UnexpectedExceptionMapper;
import io.cutplan.store.DbConfig;
import io.cutplan.testing.PostgresServer;
import jakarta.ws.rs.Path;
import java.beans.Introspector;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.UnsatisfiedDependencyException;
import org.springframework.beans.factory.config.AutowireCapableBeanFactory;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.support.AbstractBeanDefinition;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.beans.factory.support.GenericBeanDefinition;
import org.springframework.beans.factory.xml.BeanDefinitionParser;
import org.springframework.beans.factory.xml.DefaultNamespaceHandlerResolver;
import org.springframework.beans.factory.xml.NamespaceHandlerSupport;
import org.springframework.beans.factory.xml.XmlBeanDefinitionReader;
import org.springframework.core.io.FileSystemResource;

/**
 * Boots the plugin's real Spring context ({@code META-INF/spring/cutplan-context.xml}) on real Spring 6.1 (the
 * Confluence 10 line) over the Confluence 10 classes, the way the plugin system would: host services (the
 * {@code imports} index) are test doubles, the scanner's {@code <atlassian-scanner:scan-indexes/>} registers the
 * {@code component} index's classes (its runtime is Atlassian's; here a namespace handler reads the same file), and
 * REST resources, providers and module classes are built by constructor autowiring, as REST v2 and the plugin system
 * build them. Proves every bean and REST class is created, that a missing dependency fails naming it, and that a
 * down database gives 503 JSON (issue 16, Deliver 1).
 *
 * <p>The Confluence 9.2 half (Spring 5.3 over the packaged 9.2 jar's javax classes) is bundle/SpringContext92Test,
 * which reuses {@link #hostServices()} and {@link #context(Map)} inside its own class loader.
 */
public class SpringContextTest {
    static final String SCANNER_NS = "http://www.atlassian.com/schema/atlassian-scanner/2";

    /** The test doubles standing for Confluence's services, one per line of the imports index. */
    public static Map<Class<?>, Object> hostServices() {
        Map<Class<?>, Object> m = new LinkedHashMap<>();
        HostFakes.Settings settings = new HostFakes.Settings();
        m.put(com.atlassian.mail.server.MailServerManager.class, new HostFakes.Mail());
        m.put(com.atlassian.sal.api.ApplicationProperties.class, new HostFakes.App());
        m.put(com.atlassian.sal.api.message.I18nResolver.class, new HostFakes.I18n());
        m.put(com.atlassian.sal.api.pluginsettings.PluginSettingsFactory.class, settings);
        m.put(com.atlassian.sal.api.user.UserManager.class, new HostFakes.Users("admin", true));
        m.put(com.atlassian.webresource.api.assembler.PageBuilderService.class, new HostFakes.PageBuilder());
        return m;
    }

    /** What the scanner runtime does with the component index: one bean per listed class, autowired by constructor. */
    public static final class ScanIndexes extends NamespaceHandlerSupport {
        @Override
        public void init() {
            BeanDefinitionParser parser = (element, parserContext) -> {
                for (String line : PluginFiles.index("component")) {
                    String[] parts = line.split("#");
                    GenericBeanDefinition d = new GenericBeanDefinition();
                    d.setBeanClassName(parts[0]);
                    d.setAutowireMode(AbstractBeanDefinition.AUTOWIRE_CONSTRUCTOR);
                    String name = parts.length > 1 ? parts[1]
                            : Introspector.decapitalize(parts[0].substring(parts[0].lastIndexOf('.') + 1));
                    parserContext.getRegistry().registerBeanDefinition(name, d);
                }
                return null;
            };
            registerBeanDefinitionParser("scan-indexes", parser);
        }
    }

    public static DefaultListableBeanFactory context(Map<Class<?>, Object> host) {
        DefaultListableBeanFactory bf = new DefaultListableBeanFactory();
        host.forEach((type, service) -> bf.registerSingleton(type.getName(), service));
        XmlBeanDefinitionReader reader = new XmlBeanDefinitionReader(bf);
        // The scanner's schema is Atlassian's (not resolvable here): parse without validation, namespace-aware.
        reader.setValidationMode(XmlBeanDefinitionReader.VALIDATION_NONE);
        reader.setNamespaceAware(true);
        DefaultNamespaceHandlerResolver defaults = new DefaultNamespaceHandlerResolver(SpringContextTest.class.getClassLoader());
        reader.setNamespaceHandlerResolver(ns -> {
            if (SCANNER_NS.equals(ns)) {
                ScanIndexes h = new ScanIndexes();
                h.init();
                return h;
            }
            return defaults.resolve(ns);
        });
        int loaded = reader.loadBeanDefinitions(new FileSystemResource(PluginFiles.SPRING_CONTEXT.toFile()));
        assertThat(loaded).isGreaterThan(PluginFiles.index("component").size());
        return bf;
    }

    private static List<Class<?>> moduleClasses() throws Exception {
        List<Class<?>> out = new ArrayList<>();
        var descriptor = PluginFiles.xml(PluginFiles.DESCRIPTOR);
        for (String module : List.of("xhtml-macro", "servlet")) {
            for (var e : PluginFiles.elements(descriptor, module)) {
                out.add(Class.forName(e.getAttribute("class")));
            }
        }
        return out;
    }

    @Test
    void theImportsIndexNamesExactlyTheHostServicesDoubledHere() {
        assertThat(PluginFiles.index("imports")).containsExactlyInAnyOrderElementsOf(
                hostServices().keySet().stream().map(Class::getName).toList());
    }

    @Test
    void everyBeanRestClassAndModuleIsCreatedOnARunningDatabase() throws Exception {
        DbConfig db = PostgresServer.get().createMigratedDatabase();
        Map<Class<?>, Object> host = hostServices();
        new ConfluenceSettingsStore((HostFakes.Settings) host.get(com.atlassian.sal.api.pluginsettings.PluginSettingsFactory.class))
                .save(new PluginConfig(db.url(), db.user(), db.password(), 2, false, "Cutplan"));
        DefaultListableBeanFactory bf = context(host);
        try {
            bf.preInstantiateSingletons();
            CutplanRuntime runtime = bf.getBean(CutplanRuntime.class);
            assertThat(runtime.status().state()).isEqualTo(RuntimeStatus.State.RUNNING);
            for (String name : bf.getBeanDefinitionNames()) {
                BeanDefinition d = bf.getBeanDefinition(name);
                Object bean = bf.getBean(name);
                assertThat(bean).as(name).isNotNull();
                if (d.isPrototype()) {
                    assertThat(bf.getBean(name)).as(name + ": the current service, the same while running").isSameAs(bean);
                }
            }
            List<Class<?>> rest = SpringWiringTest.restClasses();
            assertThat(rest).extracting(Class::getSimpleName).contains("IterationResource", "PlanResource",
                    "AdminConfigResource", "RuntimeAvailabilityFilter", "JsonBodyProvider");
            for (Class<?> c : rest) {
                assertThat(bf.autowire(c, AutowireCapableBeanFactory.AUTOWIRE_CONSTRUCTOR, false)).as(c.getName()).isInstanceOf(c);
            }
            List<Class<?>> modules = moduleClasses();
            assertThat(modules).extracting(Class::getSimpleName)
                    .containsExactlyInAnyOrder("CutplanRunbookMacro", "CutplanPlansMacro", "AdminServlet");
            for (Class<?> c : modules) {
                assertThat(bf.autowire(c, AutowireCapableBeanFactory.AUTOWIRE_CONSTRUCTOR, false)).as(c.getName()).isInstanceOf(c);
            }
        } finally {
            bf.destroySingletons();
            PostgresServer.get().drop(db);
        }
        assertThat(bf.containsSingleton("cutplanRuntime")).as("destroyed with the context").isFalse();
    }

    @Test
    void aMissingDependencyFailsNamingIt() throws Exception {
        Map<Class<?>, Object> host = hostServices();
        host.remove(com.atlassian.webresource.api.assembler.PageBuilderService.class);
        DefaultListableBeanFactory bf = context(host);
        try {
            bf.preInstantiateSingletons();
            assertThatThrownBy(() -> bf.autowire(CutplanRunbookMacro.class, AutowireCapableBeanFactory.AUTOWIRE_CONSTRUCTOR, false))
                    .isInstanceOf(UnsatisfiedDependencyException.class)
                    .hasMessageContaining("PageBuilderService");
            bf.removeBeanDefinition("runbookQueries");
            assertThatThrownBy(() -> bf.autowire(io.cutplan.api.IterationResource.class,
                    AutowireCapableBeanFactory.AUTOWIRE_CONSTRUCTOR, false))
                    .isInstanceOf(UnsatisfiedDependencyException.class)
                    .hasMessageContaining("io.cutplan.service.runbook.RunbookQueries");
        } finally {
            bf.destroySingletons();
        }
    }

    /**
     * With no database the context still starts (enabling the plugin never fails), the service beans throw while a
     * resource is built, exactly as the issue describes (Spring wraps the DomainException), and that failure is
     * answered 503 JSON: by RuntimeAvailabilityFilter before any resource is built, and by the exception mapper
     * should the wrapped exception reach it.
     */
    @Test
    void aDownDatabaseGives503Json() throws Exception {
        DefaultListableBeanFactory bf = context(hostServices());
        try {
            bf.preInstantiateSingletons();
            CutplanRuntime runtime = bf.getBean(CutplanRuntime.class);
            assertThat(runtime.status().state()).isEqualTo(RuntimeStatus.State.NOT_CONFIGURED);
            assertThat(runtime.unavailable()).isPresent();
            for (Class<?> c : SpringWiringTest.restClasses()) {
                if (!c.isAnnotationPresent(Path.class) || c.getPackageName().equals("io.cutplan.host.confluence.rest")) {
                    continue;
                }
                Throwable failure = null;
                try {
                    bf.autowire(c, AutowireCapableBeanFactory.AUTOWIRE_CONSTRUCTOR, false);
                } catch (RuntimeException e) {
                    failure = e;
                }
                assertThat(failure).as(c.getName() + " cannot be built without a database").isNotNull();
                jakarta.ws.rs.core.Response r = new UnexpectedExceptionMapper().toResponse(failure);
                assertThat(r.getStatus()).as(c.getName()).isEqualTo(503);
                var body = JsonMapper.get().readTree(JsonMapper.get().writeValueAsString(r.getEntity()));
                assertThat(body.path("error").asText()).isEqualTo("not_configured");
            }
            assertThat(bf.autowire(io.cutplan.host.confluence.rest.AdminConfigResource.class,
                    AutowireCapableBeanFactory.AUTOWIRE_CONSTRUCTOR, false)).as("the settings page works without a database").isNotNull();
        } finally {
            bf.destroySingletons();
        }
    }
}
