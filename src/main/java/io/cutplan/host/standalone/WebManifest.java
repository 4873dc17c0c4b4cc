package io.cutplan.host.standalone;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The dashboard's web files in load order, read from {@code web/manifest.txt} on the classpath: the one list
 * the standalone page and the plugin's web-resource both follow. Blank lines and {@code #} comments are ignored.
 */
public final class WebManifest {
    public static final String RESOURCE = "web/manifest.txt";

    private final List<String> files;

    private WebManifest(List<String> files) {
        this.files = List.copyOf(files);
    }

    public static WebManifest load() {
        try (InputStream in = WebManifest.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static WebManifest parse(String text) {
        List<String> files = new ArrayList<>();
        for (String line : text.split("\\R")) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            if (l.contains("..") || l.startsWith("/") || !(l.endsWith(".js") || l.endsWith(".css"))) {
                throw new IllegalStateException(RESOURCE + ": not a web file path: " + l);
            }
            files.add(l);
        }
        return new WebManifest(files);
    }

    /** Every file, relative to {@code web/}, in load order. */
    public List<String> files() {
        return files;
    }

    public List<String> scripts() {
        return files.stream().filter(f -> f.endsWith(".js")).toList();
    }

    /**
     * The dashboard's views: every script under {@code js/views/} is one view whose id is its file name (the
     * view's own Cutplan.views.register call uses the same id; a browser test checks both agree).
     */
    public List<String> views() {
        return scripts().stream().filter(f -> f.startsWith(VIEWS_DIR) && f.indexOf('/', VIEWS_DIR.length()) < 0)
                .map(f -> f.substring(VIEWS_DIR.length(), f.length() - ".js".length())).toList();
    }

    private static final String VIEWS_DIR = "js/views/";

    public List<String> styles() {
        return files.stream().filter(f -> f.endsWith(".css")).toList();
    }
}
