package io.cutplan.host.confluence.bundle;

import io.cutplan.host.confluence.ConfluenceSettingsStore;
import io.cutplan.host.confluence.HostFakes;
import io.cutplan.host.confluence.PluginConfig;
import io.cutplan.host.confluence.SpringContextTest;
import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.springframework.beans.factory.config.AutowireCapableBeanFactory;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;

/**
 * Runs INSIDE SpringContext92Test's class loader (the 9.2 jar's javax classes, Spring 5.3): the same boot as
 * SpringContextTest, reporting back in plain strings (nothing of this loader's classes crosses to the test's).
 */
public final class Spring92Probe {
    private Spring92Probe() {
    }

    /** Boots the context on the given database and builds every bean, REST class and module class; returns a summary. */
    public static String runningDatabase(String jar, String url, String user, String password) throws Exception {
        Map<Class<?>, Object> host = SpringContextTest.hostServices();
        new ConfluenceSettingsStore((HostFakes.Settings) host.get(com.atlassian.sal.api.pluginsettings.PluginSettingsFactory.class))
                .save(new PluginConfig(url, user, password, 2, false, "Cutplan"));
        DefaultListableBeanFactory bf = SpringContextTest.context(host);
        try {
            bf.preInstantiateSingletons();
            Object runtime = bf.getBean("cutplanRuntime");
            Object status = runtime.getClass().getMethod("status").invoke(runtime);
            String state = String.valueOf(status.getClass().getMethod("state").invoke(status));
            int beans = 0;
            for (String name : bf.getBeanDefinitionNames()) {
                if (bf.getBean(name) == null) {
                    throw new AssertionError("no bean " + name);
                }
                beans++;
            }
            List<String> rest = new ArrayList<>();
            for (Class<?> c : restClasses(jar)) {
                bf.autowire(c, AutowireCapableBeanFactory.AUTOWIRE_CONSTRUCTOR, false);
                rest.add(c.getSimpleName());
            }
            List<String> modules = new ArrayList<>();
            for (String m : List.of("CutplanRunbookMacro", "CutplanPlansMacro", "AdminServlet")) {
                Class<?> c = Class.forName("io.cutplan.host.confluence." + m, true, Spring92Probe.class.getClassLoader());
                bf.autowire(c, AutowireCapableBeanFactory.AUTOWIRE_CONSTRUCTOR, false);
                modules.add(m);
            }
            return "spring=" + org.springframework.core.SpringVersion.getVersion() + " state=" + state + " beans=" + beans
                    + " rest=" + rest + " modules=" + modules
                    + " servletBase=" + Class.forName("io.cutplan.host.confluence.AdminServlet").getSuperclass().getName();
        } finally {
            bf.destroySingletons();
        }
    }

    /** Without a database: the kind and code of the error inside each resource's construction failure. */
    public static List<String> downDatabase(String jar) throws Exception {
        DefaultListableBeanFactory bf = SpringContextTest.context(SpringContextTest.hostServices());
        List<String> out = new ArrayList<>();
        try {
            bf.preInstantiateSingletons();
            Class<? extends Annotation> path = annotation("javax.ws.rs.Path");
            for (Class<?> c : restClasses(jar)) {
                if (!c.isAnnotationPresent(path) || c.getPackageName().endsWith(".confluence.rest")) {
                    continue;
                }
                try {
                    bf.autowire(c, AutowireCapableBeanFactory.AUTOWIRE_CONSTRUCTOR, false);
                    out.add(c.getSimpleName() + ": built");
                } catch (RuntimeException e) {
                    out.add(c.getSimpleName() + ": " + domainError(e));
                }
            }
        } finally {
            bf.destroySingletons();
        }
        return out;
    }

    private static String domainError(Throwable e) throws Exception {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getClass().getName().startsWith("io.cutplan.") && t.getClass().getSuperclass().getName().endsWith("DomainException")
                    || t.getClass().getName().equals("io.cutplan.domain.DomainException")) {
                Object kind = t.getClass().getMethod("kind").invoke(t);
                Object code = t.getClass().getMethod("code").invoke(t);
                return kind + "/" + code;
            }
        }
        return "no DomainException in " + e;
    }

    @SuppressWarnings("unchecked")
    private static Class<? extends Annotation> annotation(String name) throws ClassNotFoundException {
        return (Class<? extends Annotation>) Class.forName(name, false, Spring92Probe.class.getClassLoader());
    }

    /** The REST classes of the 9.2 jar: javax.ws.rs @Path or @Provider, top level. */
    static List<Class<?>> restClasses(String jar) throws Exception {
        Class<? extends Annotation> path = annotation("javax.ws.rs.Path");
        Class<? extends Annotation> provider = annotation("javax.ws.rs.ext.Provider");
        List<Class<?>> out = new ArrayList<>();
        try (ZipFile z = new ZipFile(jar)) {
            Enumeration<? extends ZipEntry> entries = z.entries();
            while (entries.hasMoreElements()) {
                String n = entries.nextElement().getName();
                if (n.startsWith("io/cutplan/") && n.endsWith(".class") && !n.contains("$")) {
                    Class<?> c = Class.forName(n.substring(0, n.length() - 6).replace('/', '.'), false,
                            Spring92Probe.class.getClassLoader());
                    if (c.isAnnotationPresent(path) || c.isAnnotationPresent(provider)) {
                        out.add(c);
                    }
                }
            }
        }
        return out;
    }
}
