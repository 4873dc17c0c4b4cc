package io.cutplan.host.confluence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cutplan.api.Callers;
import io.cutplan.domain.Caller;
import io.cutplan.domain.DomainException;
import io.cutplan.domain.Role;
import io.cutplan.domain.StepStatus;
import io.cutplan.service.CallerService;
import io.cutplan.service.CutplanServices;
import io.cutplan.service.authoring.AuthoringInputs.TeamInput;
import io.cutplan.service.runbook.ChangeResult;
import io.cutplan.service.runbook.TransitionCommand;
import io.cutplan.store.Database;
import io.cutplan.store.DbConfig;
import io.cutplan.store.Jdbc;
import io.cutplan.store.NotificationOutboxDao;
import io.cutplan.store.OutboxMessage;
import io.cutplan.store.authoring.TeamDao.TeamRow;
import io.cutplan.testing.Fixtures;
import io.cutplan.testing.PostgresServer;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Identity from Confluence (issue 16, Deliver 3), through the path the plugin's REST resources take: SAL's
 * UserManager (a test double) -> {@link ConfluenceCallerSource} -> {@link Callers} -> {@link CallerService}, on a
 * {@link CutplanRuntime} running on a real PostgreSQL database. No users row is written by hand for any Confluence
 * user here.
 */
class ConfluenceIdentityTest {
    private static final String ADMINS = "cutplan-admins";
    private static final String PILOTS = "cutover-pilots";

    private static DbConfig db;
    private static CutplanRuntime runtime;
    private static CutplanServices services;
    private static Database database;
    private static Fixtures fx;

    @BeforeAll
    static void start() {
        db = PostgresServer.get().createMigratedDatabase();
        HostFakes.Settings settings = new HostFakes.Settings();
        ConfluenceSettingsStore store = new ConfluenceSettingsStore(settings);
        store.save(new PluginConfig(db.url(), db.user(), db.password(), 2, false, "Cutplan", null, null, ADMINS, PILOTS));
        runtime = new CutplanRuntime(store, new ConfluenceMailTransport(new HostFakes.Mail(), store), new HostFakes.App());
        runtime.afterPropertiesSet();
        assertThat(runtime.status().state()).isEqualTo(RuntimeStatus.State.RUNNING);
        services = runtime.services().orElseThrow();
        database = services.database();
        fx = Fixtures.in(database);
    }

    @AfterAll
    static void stop() {
        runtime.destroy();
        PostgresServer.get().drop(db);
    }

    /** The plugin's caller path for the user SAL reports as logged in. */
    private static <T> T as(HostFakes.Users sal, Function<Caller, T> useCase) {
        return new Callers(new ConfluenceCallerSource(sal, runtime), runtime.service(CallerService.class)).of(null).as(useCase);
    }

    private static Caller caller(HostFakes.Users sal) {
        return as(sal, c -> c);
    }

    private static long count(String sql, Object... params) {
        return database.transactor().readOnly(c -> Jdbc.one(c, sql, rs -> rs.getLong(1), params).orElseThrow());
    }

    private static String unique(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void aConfluenceUserInThePilotGroupMovesAStepWithNoRowCreatedByHand() {
        String username = unique("pia");
        Fixtures.Plan plan = Fixtures.in(database).plan("Identity");
        UUID ops = fx.team("OPS");
        UUID step = plan.step("IDN-1", "Stop the batch", ops);
        UUID iteration = plan.iteration("ID1");
        assertThat(count("SELECT count(*) FROM users WHERE username = ?", username)).isZero();
        HostFakes.Users sal = new HostFakes.Users(username, false).profile("Pia Pilot", username + "@corp.example")
                .inGroups(PILOTS);

        ChangeResult moved = as(sal, caller -> services.runbook().transition(caller, iteration,
                plan.stepInstance(iteration, step), new TransitionCommand(StepStatus.IN_PROGRESS, 1, null, false)));

        assertThat(plan.stepStatus(iteration, step)).isEqualTo("IN_PROGRESS");
        assertThat(moved.version()).isPositive();
        UUID userId = database.transactor().readOnly(c -> Jdbc.one(c, "SELECT id FROM users WHERE username = ? "
                + "AND display_name = 'Pia Pilot' AND email = ? AND role = 'NORMAL' AND host_role = 'PILOT' AND active",
                rs -> Jdbc.uuid(rs, "id"), username, username + "@corp.example")).orElseThrow();
        assertThat(count("SELECT count(*) FROM step_instances WHERE iteration_id = ? AND last_actor_id = ?", iteration, userId))
                .isEqualTo(1);
        Caller pia = caller(sal);
        assertThat(pia.userId()).isEqualTo(userId);
        assertThat(pia.role()).isEqualTo(Role.PILOT);
    }

    @Test
    void aConfluenceUserInNoGroupIsANormalUserWhoMayNotMoveAnotherTeamsStep() {
        String username = unique("norm");
        Fixtures.Plan plan = Fixtures.in(database).plan("Identity normal");
        UUID step = plan.step("IDN-2", "Copy the data", fx.team("DBA"));
        UUID iteration = plan.iteration("ID2");
        HostFakes.Users sal = new HostFakes.Users(username, false);

        assertThatThrownBy(() -> as(sal, caller -> services.runbook().transition(caller, iteration,
                plan.stepInstance(iteration, step), new TransitionCommand(StepStatus.IN_PROGRESS, 1, null, false))))
                .isInstanceOf(DomainException.class);
        Caller c = caller(sal);
        assertThat(c.known()).isTrue();
        assertThat(c.role()).isEqualTo(Role.NORMAL);
        // No full name or e-mail in Confluence: the username is shown, and no mail can go to this user.
        assertThat(c.displayName()).isEqualTo(username);
        assertThat(count("SELECT count(*) FROM users WHERE username = ? AND email IS NULL", username)).isEqualTo(1);
        assertThat(plan.stepStatus(iteration, step)).isNotEqualTo("IN_PROGRESS");
    }

    @Test
    void nameAndEmailFollowConfluenceAndAnUnchangedProfileWritesNothing() {
        String username = unique("nora");
        HostFakes.Users sal = new HostFakes.Users(username, false).profile("Nora Old", "nora.old@corp.example");
        UUID id = caller(sal).userId();
        long xmin = rowVersion(id);

        // Unchanged profile: the row is not written again (its tuple version stays).
        for (int i = 0; i < 3; i++) {
            assertThat(caller(sal).userId()).isEqualTo(id);
        }
        assertThat(rowVersion(id)).isEqualTo(xmin);

        sal.profile("Nora  New\n", " nora.new@corp.example ");
        Caller renamed = caller(sal);
        assertThat(renamed.userId()).isEqualTo(id);
        assertThat(renamed.displayName()).isEqualTo("Nora New");
        assertThat(count("SELECT count(*) FROM users WHERE id = ? AND display_name = 'Nora New' "
                + "AND email = 'nora.new@corp.example'", id)).isEqualTo(1);
        assertThat(rowVersion(id)).isNotEqualTo(xmin);

        // An address Cutplan could not send to is not stored (and the old one is not kept either).
        sal.profile("Nora New", "not an address");
        caller(sal);
        assertThat(count("SELECT count(*) FROM users WHERE id = ? AND email IS NULL", id)).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM users WHERE username = ?", username)).isEqualTo(1);
    }

    private static long rowVersion(UUID userId) {
        return count("SELECT xmin::text::bigint FROM users WHERE id = ?", userId);
    }

    @Test
    void systemAdministratorsAndTheAdminGroupAreAdminsAndTheHigherRoleWins() {
        HostFakes.Users sysadmin = new HostFakes.Users(unique("root"), true);
        assertThat(caller(sysadmin).role()).isEqualTo(Role.ADMIN);
        assertThat(caller(sysadmin).isAdmin()).isTrue();

        HostFakes.Users groupAdmin = new HostFakes.Users(unique("ada"), false).inGroups(ADMINS, PILOTS);
        assertThat(caller(groupAdmin).role()).isEqualTo(Role.ADMIN);

        // Set PILOT in Cutplan, in no group: PILOT (Cutplan's role is higher). Out of the group again, the
        // group-given role goes, Cutplan's stays.
        HostFakes.Users pat = new HostFakes.Users(unique("pat"), false);
        UUID patId = caller(pat).userId();
        database.transactor().inTransaction(c -> Jdbc.update(c, "UPDATE users SET role = 'PILOT' WHERE id = ?", patId));
        assertThat(caller(pat).role()).isEqualTo(Role.PILOT);
        pat.inGroups(ADMINS);
        assertThat(caller(pat).role()).as("group answers are cached; a new source asks SAL again").isEqualTo(Role.ADMIN);
        pat.groups.clear();
        assertThat(caller(pat).role()).isEqualTo(Role.PILOT);
        assertThat(count("SELECT count(*) FROM users WHERE id = ? AND role = 'PILOT' AND host_role = 'NORMAL'", patId))
                .isEqualTo(1);
    }

    @Test
    void aUserDeactivatedInCutplanStaysReadOnlyAndIsNotCreatedAgain() {
        HostFakes.Users gone = new HostFakes.Users(unique("gone"), false).inGroups(PILOTS);
        UUID id = caller(gone).userId();
        database.transactor().inTransaction(c -> Jdbc.update(c, "UPDATE users SET active = false WHERE id = ?", id));
        Caller c = caller(gone);
        assertThat(c.known()).isFalse();
        assertThat(count("SELECT count(*) FROM users WHERE username = ?", c.username())).isEqualTo(1);
    }

    @Test
    void aTeamLinkedToAGroupHasTheGroupsMembersAndItsMembershipIsNotEditedInCutplan() {
        String group = unique("confluence-dba");
        Caller admin = caller(new HostFakes.Users(unique("boss"), true));
        TeamRow linked = services.directory().createTeam(admin, new TeamInput(unique("DBA"), "Database", null, group), true);
        TeamRow kept = services.directory().createTeam(admin, new TeamInput(unique("NET"), "Network", null), true);
        assertThat(linked.hostGroup()).isEqualTo(group);
        assertThat(kept.hostGroup()).isNull();

        HostFakes.Users dan = new HostFakes.Users(unique("dan"), false).inGroups(group);
        Caller d = caller(dan);
        assertThat(d.teamIds()).containsExactly(linked.id());
        assertThat(services.directory().team(linked.id()).memberIds()).containsExactly(d.userId());

        // A membership kept in Cutplan survives the sync; one of the linked team cannot be edited in Cutplan.
        services.directory().addMembership(admin, d.userId(), kept.id());
        assertThat(caller(dan).teamIds()).containsExactlyInAnyOrder(linked.id(), kept.id());
        assertThatThrownBy(() -> services.directory().removeMembership(admin, d.userId(), linked.id()))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo("team_follows_group"));

        // Dan leaves the group in Confluence: a fresh caller source (an expired cache) drops the linked team.
        dan.groups.clear();
        assertThat(caller(dan).teamIds()).containsExactly(kept.id());
        assertThat(services.directory().team(linked.id()).memberIds()).isEmpty();

        // Unlinked (group cleared), the team keeps whom it had and is edited in Cutplan from then on.
        dan.inGroups(group);
        caller(dan);
        TeamRow unlinked = services.directory().updateTeam(admin, linked.id(), new TeamInput(linked.code(), "Database", null, " "), true);
        assertThat(unlinked.hostGroup()).isNull();
        assertThat(unlinked.memberIds()).containsExactly(d.userId());
        services.directory().removeMembership(admin, d.userId(), linked.id());

        // The standalone host has no groups: a team cannot follow one there.
        assertThatThrownBy(() -> services.directory().createTeam(admin, new TeamInput(unique("X"), "X", null, "g")))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.field()).isEqualTo("hostGroup"));
    }

    @Test
    void groupAnswersAreCachedBrieflyAndBounded() {
        HostFakes.Users sal = new HostFakes.Users(unique("cache"), false).inGroups(PILOTS);
        ConfluenceCallerSource source = new ConfluenceCallerSource(sal, runtime);
        AtomicLong now = new AtomicLong(0);
        source.useClock(now::get);
        CallerService callers = runtime.service(CallerService.class);
        Callers requests = new Callers(source, callers);
        assertThat(requests.of(null).as(Caller::role)).isEqualTo(Role.PILOT);
        int asked = sal.groupQuestions.get();
        assertThat(asked).isPositive();
        for (int i = 0; i < 5; i++) {
            assertThat(requests.of(null).as(Caller::role)).isEqualTo(Role.PILOT);
        }
        assertThat(sal.groupQuestions.get()).as("polls within the TTL ask SAL nothing").isEqualTo(asked);

        sal.groups.clear();
        assertThat(requests.of(null).as(Caller::role)).as("still cached").isEqualTo(Role.PILOT);
        now.addAndGet(GroupCache.TTL_NANOS);
        assertThat(requests.of(null).as(Caller::role)).as("expired: SAL is asked again").isEqualTo(Role.NORMAL);

        GroupCache cache = new GroupCache();
        for (int i = 0; i < GroupCache.MAX_ENTRIES + 50; i++) {
            cache.answer("user-" + i, "g", () -> true);
        }
        assertThat(cache.size()).isLessThanOrEqualTo(GroupCache.MAX_ENTRIES);
    }

    @Test
    void notificationsGoToTheConfluenceEmailOfPilotsAndOfGroupLinkedTeamMembers() {
        String group = unique("confluence-ops");
        Caller admin = caller(new HostFakes.Users(unique("chief"), true));
        TeamRow team = services.directory().createTeam(admin, new TeamInput(unique("OPS"), "Operations", null, group), true);
        HostFakes.Users pilot = new HostFakes.Users(unique("pim"), false).profile("Pim", "pim.old@corp.example").inGroups(PILOTS);
        HostFakes.Users member = new HostFakes.Users(unique("olga"), false).profile("Olga", "olga@corp.example").inGroups(group);
        caller(member);
        caller(pilot);
        pilot.profile("Pim", "pim.new@corp.example");

        Fixtures.Plan plan = Fixtures.in(database).plan("Identity mail");
        UUID step = plan.step("IDM-1", "Switch the network", team.id());
        UUID iteration = plan.iteration("IM1");
        database.transactor().inTransaction(c -> Jdbc.update(c, "UPDATE iterations SET notification_mode = 'ON' WHERE id = ?",
                iteration));
        UUID instance = plan.stepInstance(iteration, step);
        ChangeResult started = as(pilot, c -> services.runbook().transition(c, iteration, instance,
                new TransitionCommand(StepStatus.IN_PROGRESS, 1, null, false)));
        int version = started.steps().stream().filter(s -> s.id().equals(instance)).findFirst().orElseThrow().version();
        as(pilot, c -> services.runbook().transition(c, iteration, instance,
                new TransitionCommand(StepStatus.FAILED, version, "Switch refused the config", false)));

        List<OutboxMessage> rows = database.transactor().readOnly(c -> NotificationOutboxDao.list(c, null, iteration, 100));
        Set<String> to = rows.stream().map(OutboxMessage::recipient).collect(java.util.stream.Collectors.toSet());
        assertThat(to).contains("pim.new@corp.example", "olga@corp.example").doesNotContain("pim.old@corp.example");
    }
}
