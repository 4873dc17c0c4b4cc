package io.cutplan.host.confluence.rest;

/**
 * {@code PUT /admin/config} and {@code POST /admin/config/test-connection}. A null {@code database.password}
 * keeps the stored password; a string replaces it (an empty string removes it).
 */
public record AdminConfigUpdate(Database database, Mail mail) {

    public record Database(String url, String user, String password, Integer poolSize) {
    }

    public record Mail(Boolean enabled, String fromName) {
    }
}
