package io.cutplan.store;

import java.util.Objects;

/** Where the database is. {@link #toString()} never shows the password. */
public record DbConfig(String url, String user, String password, int maxPoolSize) {

    public static final int DEFAULT_POOL_SIZE = 10;

    public DbConfig {
        Objects.requireNonNull(url, "url");
        if (!url.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("only jdbc:postgresql: URLs are supported, got " + redact(url));
        }
        if (maxPoolSize < 1) {
            throw new IllegalArgumentException("maxPoolSize must be at least 1");
        }
    }

    public DbConfig(String url, String user, String password) {
        this(url, user, password, DEFAULT_POOL_SIZE);
    }

    public DbConfig withPoolSize(int size) {
        return new DbConfig(url, user, password, size);
    }

    /** The URL without any query string, which may carry credentials. */
    public String safeUrl() {
        return redact(url);
    }

    private static String redact(String url) {
        int q = url.indexOf('?');
        return q < 0 ? url : url.substring(0, q) + "?…";
    }

    @Override
    public String toString() {
        return "DbConfig[url=" + safeUrl() + ", user=" + user + ", password=" + (password == null ? "none" : "***")
                + ", maxPoolSize=" + maxPoolSize + "]";
    }
}
