package io.cutplan.service.spi;

import io.cutplan.domain.Role;

/**
 * The calling user as the host's own directory describes them (Confluence: SAL's {@code UserProfile} and group
 * memberships). A host that has one makes its users Cutplan's users: {@link io.cutplan.service.CallerService}
 * creates the user's row on the first call and keeps name and e-mail current, combines {@link #role()} with the
 * role set in Cutplan (the higher wins), and gives the user the teams linked to groups they are in.
 *
 * <p>Called once or more per request: an implementation answers group questions from a bounded, short-lived cache.
 */
public interface HostUser {
    String username();

    /** The full name, or null when the host has none (the username is shown then). */
    String fullName();

    /** The e-mail address, or null when the host has none. */
    String email();

    /** The role the host's groups give this user (NORMAL when none). */
    Role role();

    /** Whether the user is in the host group of this name. */
    boolean inGroup(String group);
}
