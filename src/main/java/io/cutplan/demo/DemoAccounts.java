package io.cutplan.demo;

import io.cutplan.domain.Role;
import java.util.List;

/**
 * The well-known demo logins. Their password is their own name, so they exist only when a demo runbook
 * is loaded (the standalone host's {@code --demo}); without it no default password exists anywhere.
 */
public final class DemoAccounts {
    private DemoAccounts() {
    }

    /** One demo login; {@code teams} says what memberships it gets. */
    public record Account(String username, String displayName, Role role, String teams) {
        /** Demo only: the password is the user name. */
        public String password() {
            return username;
        }
    }

    public static final Account ADMIN = new Account("admin", "Demo Administrator", Role.ADMIN, "none");
    public static final Account PILOT = new Account("pilot", "Demo Pilot", Role.PILOT, "none");
    public static final Account EXECUTOR = new Account("executor", "Demo Executor", Role.NORMAL,
            "teams owning steps that are READY or IN_PROGRESS in the iteration under way");
    public static final Account VIEWER = new Account("viewer", "Demo Viewer", Role.NORMAL, "none (read and comment only)");

    /** The four original accounts; the generator reserves room for exactly these (the demo's size counts them). */
    public static final List<Account> ALL = List.of(ADMIN, PILOT, EXECUTOR, VIEWER);

    /**
     * A second pilot, so the demo can show a four-eyes gate override (one pilot asks, the other confirms). Added on
     * top of {@link #ALL}, so the generated runbook (users, teams, statuses) is the same as without it.
     */
    public static final Account SECOND_PILOT = new Account("pilot2", "Demo Second Pilot", Role.PILOT, "none");

    /** Every demo login the loader creates. */
    public static final List<Account> LOGINS = List.of(ADMIN, PILOT, SECOND_PILOT, EXECUTOR, VIEWER);

    /** The start-up banner: who can log in, flagged as demo-only. */
    public static String banner() {
        StringBuilder b = new StringBuilder("DEMO ACCOUNTS (demo only - password = user name; never use on real data):\n");
        b.append(String.format("  %-9s %-9s %-9s %s%n", "user", "password", "role", "teams"));
        for (Account a : LOGINS) {
            b.append(String.format("  %-9s %-9s %-9s %s%n", a.username(), a.password(), a.role(), a.teams()));
        }
        return b.toString();
    }
}
