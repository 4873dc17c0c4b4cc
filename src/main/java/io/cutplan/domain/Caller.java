package io.cutplan.domain;

import java.util.Set;
import java.util.UUID;

/**
 * The authenticated user behind a request, matched to the {@code users} table by username. A user the
 * table does not know (or an inactive one) is {@linkplain #known() unknown} and may only read.
 * ADMIN holds every PILOT right as well.
 */
public record Caller(UUID userId, String username, String displayName, Role role, Set<UUID> teamIds) {

    public Caller {
        teamIds = Set.copyOf(teamIds);
    }

    public static Caller unknown(String username) {
        return new Caller(null, username, username, null, Set.of());
    }

    /** For work the system does on its own (the notification dispatcher, demo loading). */
    public static Caller system() {
        return new Caller(null, "system", "Cutplan", Role.ADMIN, Set.of());
    }

    public boolean known() {
        return role != null;
    }

    public boolean isAdmin() {
        return role == Role.ADMIN;
    }

    /** May run the cutover: move any step, override gates, skip, cancel, reopen. */
    public boolean isPilot() {
        return role == Role.PILOT || role == Role.ADMIN;
    }

    public boolean inTeam(UUID teamId) {
        return teamId != null && teamIds.contains(teamId);
    }

    public void requireKnown(String action) {
        if (!known()) {
            throw DomainException.forbidden("User '" + username + "' is not a Cutplan user and may only read; cannot " + action);
        }
    }

    public void requireAdmin(String action) {
        if (!isAdmin()) {
            throw DomainException.forbidden("Only administrators may " + action);
        }
    }

    public void requirePilot(String action) {
        if (!isPilot()) {
            throw DomainException.forbidden("Only pilots may " + action);
        }
    }
}
