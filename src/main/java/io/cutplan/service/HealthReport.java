package io.cutplan.service;

/** What {@code GET /health} answers. */
public record HealthReport(String status, String version, DatabaseState database) {

    public boolean up() {
        return "UP".equals(status);
    }

    public record DatabaseState(boolean reachable, String server, String schemaVersion) {
    }
}
