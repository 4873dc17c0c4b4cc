package io.cutplan.host.confluence;

/**
 * Where Cutplan's runtime stands inside Confluence, for the macro and the configuration page.
 *
 * @param state   NOT_CONFIGURED (no database URL yet), RUNNING, FAILED (the database could not be opened or
 *                migrated; {@code message} says why), STOPPED (the plugin is being disabled)
 * @param message a secret-free explanation for administrators, or null
 * @param schema  the schema version when running, else null
 */
public record RuntimeStatus(State state, String message, String schema) {
    public enum State { NOT_CONFIGURED, RUNNING, FAILED, STOPPED }

    public boolean running() {
        return state == State.RUNNING;
    }
}
