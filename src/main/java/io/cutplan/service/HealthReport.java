package io.cutplan.service;

/**
 * What {@code GET /health} answers. {@code reason} says why the status is DOWN (null when UP), for example that the
 * embedded database died and is being restarted.
 */
public record HealthReport(String status, String version, DatabaseState database, String reason) {

    public HealthReport(String status, String version, DatabaseState database) {
        this(status, version, database, null);
    }

    public boolean up() {
        return "UP".equals(status);
    }

    public record DatabaseState(boolean reachable, String server, String schemaVersion) {
    }
}
