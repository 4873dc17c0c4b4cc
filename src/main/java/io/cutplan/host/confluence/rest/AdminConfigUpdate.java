package io.cutplan.host.confluence.rest;

/**
 * {@code PUT /admin/config} (and {@code identity}: the Confluence groups whose members are Cutplan ADMINs and
 * PILOTs; a blank name means none; a null {@code identity} keeps both) and {@code POST /admin/config/test-connection}. A null {@code database.password}
 * keeps the stored password; a string replaces it (an empty string removes it). {@code ownerUser} and
 * {@code ownerPassword} (optional: the role that owns the schema and runs the migrations) work the same way.
 */
public record AdminConfigUpdate(Database database, Mail mail, Identity identity) {

    /** Without role groups (they are kept as stored). */
    public AdminConfigUpdate(Database database, Mail mail) {
        this(database, mail, null);
    }

    public record Database(String url, String user, String password, Integer poolSize, String ownerUser,
                           String ownerPassword) {
    }

    public record Mail(Boolean enabled, String fromName) {
    }

    public record Identity(String adminGroup, String pilotGroup) {
    }
}
