package io.cutplan.service.authoring;

import static io.cutplan.service.authoring.AuthoringErrors.guarded;

import io.cutplan.domain.Caller;
import io.cutplan.domain.DomainException;
import io.cutplan.domain.EventType;
import io.cutplan.domain.Role;
import io.cutplan.service.authoring.AuthoringInputs.TeamInput;
import io.cutplan.service.authoring.AuthoringInputs.UserInput;
import io.cutplan.store.Database;
import io.cutplan.store.Ids;
import io.cutplan.store.authoring.DirectoryUserDao;
import io.cutplan.store.authoring.DirectoryUserDao.UserRow;
import io.cutplan.store.authoring.DirectoryUserDao.UserUsage;
import io.cutplan.store.authoring.Page;
import io.cutplan.store.authoring.TeamDao;
import io.cutplan.store.authoring.TeamDao.TeamRow;
import io.cutplan.store.authoring.TeamDao.TeamUsage;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Teams and users. Rows are locked while edited, so concurrent edits apply one after the other; every change is a
 * {@code DIRECTORY_CHANGED} event with old and new values. Cutplan never lets the last active administrator go.
 */
public final class DirectoryService {
    private final Database database;

    public DirectoryService(Database database) {
        this.database = database;
    }

    // ------------------------------------------------------------------ teams

    public Page<TeamRow> teams(Integer offset, Integer limit) {
        int[] p = InputChecks.paging(offset, limit, 200, 1000);
        return database.transactor().readOnly(c -> TeamDao.page(c, p[0], p[1]));
    }

    public TeamRow team(UUID id) {
        return database.transactor().readOnly(c -> TeamDao.find(c, id).orElseThrow(() -> DomainException.notFound("Team", id)));
    }

    /** A team on a host without groups (the standalone host): its members are kept in Cutplan. */
    public TeamRow createTeam(Caller caller, TeamInput in) {
        return createTeam(caller, in, false);
    }

    /**
     * A team; on a host with groups ({@code hostGroups}: Confluence) it may follow one ({@code hostGroup}): its
     * members are then the users the host reports in that group, as of their last call, not edited in Cutplan.
     */
    public TeamRow createTeam(Caller caller, TeamInput in, boolean hostGroups) {
        caller.requireAdmin("manage teams");
        String code = InputChecks.code(in.code(), "code");
        String name = InputChecks.required(in.name(), "name", 200);
        String email = InputChecks.email(in.email(), "email");
        String hostGroup = hostGroup(in, hostGroups);
        return guarded(() -> database.transactor().inTransaction(c -> {
            if (TeamDao.codeTaken(c, code, null)) {
                throw AuthoringErrors.duplicate("code", "A team with code '" + code + "' already exists");
            }
            UUID id = Ids.newId();
            TeamDao.insert(c, id, code, name, email, hostGroup);
            audit(c, caller, "team", "created", id, code, null);
            return TeamDao.find(c, id).orElseThrow();
        }));
    }

    public TeamRow updateTeam(Caller caller, UUID id, TeamInput in) {
        return updateTeam(caller, id, in, false);
    }

    /**
     * As {@link #createTeam(Caller, TeamInput, boolean)}. A team linked to a (different) group forgets its members:
     * they join again as the host reports them; a team unlinked keeps its members, now edited in Cutplan.
     */
    public TeamRow updateTeam(Caller caller, UUID id, TeamInput in, boolean hostGroups) {
        caller.requireAdmin("manage teams");
        String code = InputChecks.code(in.code(), "code");
        String name = InputChecks.required(in.name(), "name", 200);
        String email = InputChecks.email(in.email(), "email");
        String hostGroup = hostGroup(in, hostGroups);
        return guarded(() -> database.transactor().inTransaction(c -> {
            TeamRow before = TeamDao.lock(c, id).orElseThrow(() -> DomainException.notFound("Team", id));
            if (TeamDao.codeTaken(c, code, id)) {
                throw AuthoringErrors.duplicate("code", "A team with code '" + code + "' already exists");
            }
            TeamDao.update(c, id, code, name, email, hostGroup);
            if (hostGroup != null && !hostGroup.equals(before.hostGroup())) {
                TeamDao.clearMembers(c, id);
            }
            audit(c, caller, "team", "updated", id, code, new AuditChanges().compare("code", before.code(), code)
                    .compare("name", before.name(), name).compare("email", before.email(), email)
                    .compare("hostGroup", before.hostGroup(), hostGroup).asMap());
            return TeamDao.find(c, id).orElseThrow();
        }));
    }

    /** The team's host group, checked: only on a host with groups, one line, at most 255 characters; blank = none. */
    private static String hostGroup(TeamInput in, boolean hostGroups) {
        String group = InputChecks.optional(in.hostGroup(), "hostGroup", 255);
        if (group != null && group.chars().anyMatch(Character::isISOControl)) {
            throw DomainException.invalid("hostGroup", "hostGroup must be a single line without control characters");
        }
        if (group != null && !hostGroups) {
            throw DomainException.invalid("hostGroup", "This host has no groups a team could follow; leave hostGroup empty");
        }
        return group;
    }

    /** A team that owns steps, is impacted by them or has tasks keeps existing: those would silently lose their team. */
    public void deleteTeam(Caller caller, UUID id) {
        caller.requireAdmin("manage teams");
        guarded(() -> database.transactor().inTransaction(c -> {
            TeamRow team = TeamDao.lock(c, id).orElseThrow(() -> DomainException.notFound("Team", id));
            TeamUsage usage = TeamDao.usage(c, id);
            if (usage.any()) {
                throw AuthoringErrors.inUse("Team " + team.code() + " owns " + usage.ownedSteps() + " step(s), is impacted by "
                        + usage.impactedSteps() + " and is assigned " + usage.assignedTasks() + " task(s); reassign them first", usage);
            }
            TeamDao.delete(c, id);
            audit(c, caller, "team", "deleted", id, team.code(), null);
            return null;
        }));
    }

    // ------------------------------------------------------------------ users

    public Page<UserRow> users(UUID teamId, Integer offset, Integer limit) {
        int[] p = InputChecks.paging(offset, limit, 200, 1000);
        return database.transactor().readOnly(c -> DirectoryUserDao.page(c, teamId, p[0], p[1]));
    }

    public UserRow user(UUID id) {
        return database.transactor().readOnly(c -> DirectoryUserDao.find(c, id).orElseThrow(() -> DomainException.notFound("User", id)));
    }

    public UserRow createUser(Caller caller, UserInput in) {
        caller.requireAdmin("manage users");
        String username = InputChecks.required(in.username(), "username", 255);
        String displayName = InputChecks.required(in.displayName(), "displayName", 255);
        String email = InputChecks.email(in.email(), "email");
        Role role = InputChecks.present(in.role(), "role");
        boolean active = in.active() == null || in.active();
        List<UUID> teams = InputChecks.ids(in.teamIds(), "teamIds");
        return guarded(() -> database.transactor().inTransaction(c -> {
            if (DirectoryUserDao.usernameTaken(c, username, null)) {
                throw AuthoringErrors.duplicate("username", "A user named '" + username + "' already exists");
            }
            requireTeams(c, teams);
            UUID id = Ids.newId();
            DirectoryUserDao.insert(c, id, username, displayName, email, role, active);
            if (teams != null) {
                DirectoryUserDao.replaceTeams(c, id, teams);
            }
            audit(c, caller, "user", "created", id, username, null);
            return DirectoryUserDao.find(c, id).orElseThrow();
        }));
    }

    public UserRow updateUser(Caller caller, UUID id, UserInput in) {
        caller.requireAdmin("manage users");
        String username = InputChecks.required(in.username(), "username", 255);
        String displayName = InputChecks.required(in.displayName(), "displayName", 255);
        String email = InputChecks.email(in.email(), "email");
        Role role = InputChecks.present(in.role(), "role");
        boolean active = in.active() == null || in.active();
        List<UUID> teams = InputChecks.ids(in.teamIds(), "teamIds");
        return guarded(() -> database.transactor().inTransaction(c -> {
            UserRow before = DirectoryUserDao.lock(c, id).orElseThrow(() -> DomainException.notFound("User", id));
            if (DirectoryUserDao.usernameTaken(c, username, id)) {
                throw AuthoringErrors.duplicate("username", "A user named '" + username + "' already exists");
            }
            requireTeams(c, teams);
            DirectoryUserDao.update(c, id, username, displayName, email, role, active);
            if (teams != null) {
                DirectoryUserDao.replaceTeams(c, id, teams);
            }
            requireAnActiveAdmin(c);
            UserRow after = DirectoryUserDao.find(c, id).orElseThrow();
            audit(c, caller, "user", "updated", id, username, new AuditChanges().compare("username", before.username(), username)
                    .compare("displayName", before.displayName(), displayName).compare("email", before.email(), email)
                    .compare("role", before.role(), role).compare("active", before.active(), active)
                    .compare("teamIds", before.teamIds(), after.teamIds()).asMap());
            return after;
        }));
    }

    /**
     * Deletes a user nobody's work refers to. A user who completed tasks, set controls, moved steps, commented or is
     * nominated for a task is deactivated instead ({@code active: false}), so the record of who did what survives.
     */
    public void deleteUser(Caller caller, UUID id) {
        caller.requireAdmin("manage users");
        guarded(() -> database.transactor().inTransaction(c -> {
            UserRow user = DirectoryUserDao.lock(c, id).orElseThrow(() -> DomainException.notFound("User", id));
            UserUsage usage = DirectoryUserDao.usage(c, id);
            if (usage.any()) {
                throw AuthoringErrors.inUse("User " + user.username() + " is referenced by the runbook or its history; "
                        + "deactivate the user (active: false) instead", usage);
            }
            DirectoryUserDao.delete(c, id);
            requireAnActiveAdmin(c);
            audit(c, caller, "user", "deleted", id, user.username(), null);
            return null;
        }));
    }

    public UserRow addMembership(Caller caller, UUID userId, UUID teamId) {
        return membership(caller, userId, teamId, true);
    }

    public UserRow removeMembership(Caller caller, UUID userId, UUID teamId) {
        return membership(caller, userId, teamId, false);
    }

    private UserRow membership(Caller caller, UUID userId, UUID teamId, boolean add) {
        caller.requireAdmin("manage users");
        return guarded(() -> database.transactor().inTransaction(c -> {
            UserRow user = DirectoryUserDao.lock(c, userId).orElseThrow(() -> DomainException.notFound("User", userId));
            TeamRow team = TeamDao.find(c, teamId).orElseThrow(() -> DomainException.notFound("Team", teamId));
            if (team.followsGroup()) {
                throw DomainException.rule("team_follows_group", "Team " + team.code() + " follows the group '"
                        + team.hostGroup() + "': change its members in that group, not in Cutplan");
            }
            boolean changed = add ? DirectoryUserDao.addTeam(c, userId, teamId) : DirectoryUserDao.removeTeam(c, userId, teamId);
            if (!add && !changed) {
                throw DomainException.notFound("Membership of " + user.username() + " in team", team.code());
            }
            if (changed) {
                audit(c, caller, "membership", add ? "created" : "deleted", userId, user.username() + " / " + team.code(), null);
            }
            return DirectoryUserDao.find(c, userId).orElseThrow();
        }));
    }

    private static void requireTeams(Connection c, List<UUID> teams) throws SQLException {
        if (teams != null && TeamDao.countExisting(c, teams.toArray(UUID[]::new)) != teams.size()) {
            throw DomainException.invalid("teamIds", "teamIds names a team that does not exist");
        }
    }

    private static void requireAnActiveAdmin(Connection c) throws SQLException {
        int admins = DirectoryUserDao.activeAdminCount(c);
        if (admins == 0) {
            throw DomainException.rule("last_admin", "This would leave Cutplan without an active administrator");
        }
    }

    static void audit(Connection c, Caller caller, String entity, String action, UUID id, String label,
                      Map<String, Object> changes) throws SQLException {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("entity", entity);
        details.put("action", action);
        details.put("id", id.toString());
        details.put("label", label);
        if (changes != null && !changes.isEmpty()) {
            details.put("changes", changes);
        }
        PlanEdit.Audit.append(c, caller, EventType.DIRECTORY_CHANGED, null, details);
    }
}
