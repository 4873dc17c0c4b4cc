package io.cutplan.host.standalone;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Serves the dashboard's static files from {@code web/} on the classpath under {@code /web/*}. Files are
 * immutable inside a jar, so each is read once and given a content-hash ETag. A request carrying the hash
 * as {@code ?v=} (as the pages write it) may be cached for a year; any other is revalidated every time.
 *
 * <p>Only files that exist are cached, and at most {@link #MAX_CACHED} of them: the cache is keyed by the request
 * path, so caching misses (or caching without a bound) would let anyone grow the heap with random paths.
 */
final class WebResourceServlet extends HttpServlet {
    private static final Pattern SAFE_PATH = Pattern.compile("^[a-z0-9][a-z0-9._/-]*$");
    private static final Map<String, String> TYPES = Map.of(
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "txt", "text/plain; charset=utf-8",
            "svg", "image/svg+xml",
            "png", "image/png",
            "ico", "image/x-icon",
            "json", "application/json");

    /** The jar holds a few dozen web files; the bound only matters if several spellings reach one file. */
    static final int MAX_CACHED = 128;

    private final Map<String, Resource> cache = Collections.synchronizedMap(new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Resource> eldest) {
            return size() > MAX_CACHED;
        }
    });

    record Resource(byte[] bytes, String contentType, String hash) {
        String etag() {
            return "\"" + hash + "\"";
        }
    }

    /** The content hash of a web file, for cache-busting links; empty when the file does not exist. */
    Optional<String> hashOf(String path) {
        return resource(path).map(Resource::hash);
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = req.getPathInfo() == null ? "" : req.getPathInfo().replaceFirst("^/", "");
        Optional<Resource> found = resource(path);
        if (found.isEmpty()) {
            resp.setStatus(404);
            resp.setContentType("text/plain; charset=utf-8");
            resp.getWriter().write("Not found\n");
            return;
        }
        Resource r = found.get();
        resp.setHeader("ETag", r.etag());
        resp.setHeader("X-Content-Type-Options", "nosniff");
        boolean versioned = r.hash().equals(req.getParameter("v"));
        resp.setHeader("Cache-Control", versioned ? "private, max-age=31536000, immutable" : "private, no-cache");
        String inm = req.getHeader("If-None-Match");
        if (inm != null && (inm.equals(r.etag()) || inm.equals("W/" + r.etag()))) {
            resp.setStatus(304);
            return;
        }
        resp.setContentType(r.contentType());
        resp.setContentLength(r.bytes().length);
        resp.getOutputStream().write(r.bytes());
    }

    private Optional<Resource> resource(String path) {
        if (!SAFE_PATH.matcher(path).matches() || path.contains("..") || path.contains("//")) {
            return Optional.empty();
        }
        String ext = path.substring(path.lastIndexOf('.') + 1);
        String type = TYPES.get(ext);
        if (type == null) {
            return Optional.empty();
        }
        Resource cached = cache.get(path);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<Resource> loaded = load(path, type);
        loaded.ifPresent(r -> cache.put(path, r));
        return loaded;
    }

    /** How many files are cached (for tests). */
    int cachedCount() {
        return cache.size();
    }

    private static Optional<Resource> load(String path, String type) {
        try (InputStream in = WebResourceServlet.class.getClassLoader().getResourceAsStream("web/" + path)) {
            if (in == null) {
                return Optional.empty();
            }
            byte[] bytes = in.readAllBytes();
            return Optional.of(new Resource(bytes, type, sha256(bytes).substring(0, 16)));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
