package io.cutplan.host.confluence.bundle;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarInputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/** One built plugin jar, read fully into memory: entries, nested (embedded) jars and the manifest. */
public final class PluginJar {
    /** Which Confluence a jar is for, and where the build put it. */
    public enum Target {
        CONFLUENCE_10("cutplan.bundle.confluence10", "jakarta"),
        CONFLUENCE_92("cutplan.bundle.confluence92", "javax");

        final String property;
        /** The namespace of JAX-RS, injection and servlet APIs on this Confluence. */
        public final String ee;

        Target(String property, String ee) {
            this.property = property;
            this.ee = ee;
        }

        public String other() {
            return ee.equals("jakarta") ? "javax" : "jakarta";
        }

        public Path path() {
            String p = System.getProperty(property);
            if (p == null) {
                throw new IllegalStateException("System property " + property + " is not set: run the bundle tests through "
                        + "Maven (./mvnw verify), which builds the plugin jars first");
            }
            return Path.of(p);
        }
    }

    public final Target target;
    public final Path path;
    public final Map<String, byte[]> entries = new LinkedHashMap<>();
    public final Manifest manifest;

    private PluginJar(Target target) {
        this.target = target;
        this.path = target.path();
        try (JarInputStream in = new JarInputStream(Files.newInputStream(path))) {
            manifest = in.getManifest();
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                if (!e.isDirectory()) {
                    entries.put(e.getName(), in.readAllBytes());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final Map<Target, PluginJar> CACHE = new java.util.EnumMap<>(Target.class);

    public static synchronized PluginJar of(Target target) {
        return CACHE.computeIfAbsent(target, PluginJar::new);
    }

    public String header(String name) {
        return manifest.getMainAttributes().getValue(new Attributes.Name(name));
    }

    /** Entry names inside each embedded jar (META-INF/lib/*.jar). */
    public Map<String, List<String>> nestedEntries() {
        Map<String, List<String>> out = new LinkedHashMap<>();
        entries.forEach((name, bytes) -> {
            if (name.endsWith(".jar")) {
                out.put(name, entriesOf(new ByteArrayInputStream(bytes)));
            }
        });
        return out;
    }

    public byte[] nested(String jar, String entry) {
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(entries.get(jar)))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                if (e.getName().equals(entry)) {
                    return in.readAllBytes();
                }
            }
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> entriesOf(InputStream jar) {
        List<String> names = new ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(jar)) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                names.add(e.getName());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return names;
    }

    /** The Import-Package clauses, split on the commas between clauses (not those inside quoted version ranges). */
    public List<String> imports() {
        return clauses(header("Import-Package"));
    }

    static List<String> clauses(String header) {
        List<String> out = new ArrayList<>();
        if (header == null) {
            return out;
        }
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (char c : header.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == ',' && !quoted) {
                out.add(cur.toString().trim());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        if (!cur.isEmpty()) {
            out.add(cur.toString().trim());
        }
        return out;
    }

    public static String packageOf(String clause) {
        int semi = clause.indexOf(';');
        return semi < 0 ? clause : clause.substring(0, semi);
    }
}
