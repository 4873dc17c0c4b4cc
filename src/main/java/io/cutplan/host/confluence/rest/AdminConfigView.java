package io.cutplan.host.confluence.rest;

/**
 * {@code GET /admin/config}: the settings as the configuration page shows them. No password is ever included,
 * only whether one is stored ({@code passwordSet}, {@code ownerPasswordSet}).
 */
public record AdminConfigView(Database database, Mail mail, Identity identity, Status status) {

    public record Database(String url, String user, boolean passwordSet, int poolSize, String ownerUser,
                           boolean ownerPasswordSet) {
    }

    /** {@code server} describes Confluence's SMTP server (or says that none is configured). */
    public record Mail(boolean enabled, String fromName, boolean serverConfigured, String server) {
    }

    /** The Confluence groups whose members are Cutplan ADMINs and PILOTs (null: none; system admins are ADMINs). */
    public record Identity(String adminGroup, String pilotGroup) {
    }

    /** {@code state}: NOT_CONFIGURED, RUNNING, FAILED or STOPPED. */
    public record Status(String state, String message, String schemaVersion) {
    }
}
