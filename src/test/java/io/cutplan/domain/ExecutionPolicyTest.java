package io.cutplan.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The permission policy, one row per kind of caller and kind of action. */
class ExecutionPolicyTest {
    private static final UUID OWNER_TEAM = UUID.randomUUID();
    private static final UUID OTHER_TEAM = UUID.randomUUID();
    private static final UUID NOMINATED = UUID.randomUUID();

    private static final Caller ADMIN = caller(Role.ADMIN);
    private static final Caller PILOT = caller(Role.PILOT);
    private static final Caller MEMBER = caller(Role.NORMAL, OWNER_TEAM);
    private static final Caller OUTSIDER = caller(Role.NORMAL, OTHER_TEAM);
    private static final Caller NOMINEE = new Caller(NOMINATED, "nominee", "Nominee", Role.NORMAL, Set.of());
    private static final Caller UNKNOWN = Caller.unknown("stranger");

    private static Caller caller(Role role, UUID... teams) {
        return new Caller(UUID.randomUUID(), role.name().toLowerCase(), role.name(), role, Set.of(teams));
    }

    static Stream<Arguments> moves() {
        // caller, who-kind, expected
        return Stream.of(
                Arguments.of("admin", ADMIN, StepTransitions.Who.OWNER_OR_PILOT, true),
                Arguments.of("admin", ADMIN, StepTransitions.Who.PILOT, true),
                Arguments.of("admin", ADMIN, StepTransitions.Who.AUTOMATIC, false),
                Arguments.of("pilot", PILOT, StepTransitions.Who.OWNER_OR_PILOT, true),
                Arguments.of("pilot", PILOT, StepTransitions.Who.PILOT, true),
                Arguments.of("pilot", PILOT, StepTransitions.Who.AUTOMATIC, false),
                Arguments.of("member", MEMBER, StepTransitions.Who.OWNER_OR_PILOT, true),
                Arguments.of("member", MEMBER, StepTransitions.Who.PILOT, false),
                Arguments.of("member", MEMBER, StepTransitions.Who.AUTOMATIC, false),
                Arguments.of("outsider", OUTSIDER, StepTransitions.Who.OWNER_OR_PILOT, false),
                Arguments.of("outsider", OUTSIDER, StepTransitions.Who.PILOT, false),
                Arguments.of("unknown", UNKNOWN, StepTransitions.Who.OWNER_OR_PILOT, false),
                Arguments.of("unknown", UNKNOWN, StepTransitions.Who.PILOT, false));
    }

    @ParameterizedTest(name = "{0} on {2} -> {3}")
    @MethodSource("moves")
    void whoMayMoveAStep(String name, Caller caller, StepTransitions.Who who, boolean expected) {
        StepTransitions.Rule rule = new StepTransitions.Rule(StepStatus.READY, StepStatus.IN_PROGRESS, who, false);
        assertThat(ExecutionPolicy.mayApply(caller, rule, OWNER_TEAM)).isEqualTo(expected);
    }

    @Test
    void aStepWithoutOwnerTeamIsMovedByPilotsOnly() {
        StepTransitions.Rule start = StepTransitions.rule(StepStatus.READY, StepStatus.IN_PROGRESS).orElseThrow();
        assertThat(ExecutionPolicy.mayApply(MEMBER, start, null)).isFalse();
        assertThat(ExecutionPolicy.mayApply(PILOT, start, null)).isTrue();
    }

    @Test
    void allowedTargetsCombineTheTableWithTheCaller() {
        assertThat(ExecutionPolicy.allowedTargets(MEMBER, StepStatus.READY, null, OWNER_TEAM))
                .containsExactlyInAnyOrder(StepStatus.IN_PROGRESS, StepStatus.ON_HOLD);
        assertThat(ExecutionPolicy.allowedTargets(PILOT, StepStatus.READY, null, OWNER_TEAM))
                .containsExactlyInAnyOrder(StepStatus.IN_PROGRESS, StepStatus.ON_HOLD, StepStatus.SKIPPED, StepStatus.CANCELLED);
        assertThat(ExecutionPolicy.allowedTargets(OUTSIDER, StepStatus.READY, null, OWNER_TEAM)).isEmpty();
        assertThat(ExecutionPolicy.allowedTargets(UNKNOWN, StepStatus.READY, null, OWNER_TEAM)).isEmpty();
        assertThat(ExecutionPolicy.allowedTargets(MEMBER, StepStatus.DONE, null, OWNER_TEAM)).isEmpty();
        assertThat(ExecutionPolicy.allowedTargets(PILOT, StepStatus.DONE, null, OWNER_TEAM)).containsExactly(StepStatus.IN_PROGRESS);
        assertThat(ExecutionPolicy.allowedTargets(MEMBER, StepStatus.PENDING, null, OWNER_TEAM)).isEmpty();
    }

    static Stream<Arguments> tasks() {
        // caller, assigned team, nominated user, step owner team, expected
        return Stream.of(
                Arguments.of("pilot on any task", PILOT, OTHER_TEAM, null, OTHER_TEAM, true),
                Arguments.of("admin on any task", ADMIN, OTHER_TEAM, null, OTHER_TEAM, true),
                Arguments.of("member of the assigned team", MEMBER, OWNER_TEAM, null, OTHER_TEAM, true),
                Arguments.of("member of the owner team, task assigned elsewhere", MEMBER, OTHER_TEAM, null, OWNER_TEAM, false),
                Arguments.of("member of the owner team, unassigned task", MEMBER, null, null, OWNER_TEAM, true),
                Arguments.of("outsider, unassigned task", OUTSIDER, null, null, OWNER_TEAM, false),
                Arguments.of("outsider on another team's task", OUTSIDER, OWNER_TEAM, null, OWNER_TEAM, false),
                Arguments.of("nominated user outside the team", NOMINEE, OWNER_TEAM, NOMINATED, OWNER_TEAM, true),
                Arguments.of("unknown user", UNKNOWN, null, null, null, false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tasks")
    void whoMayTickATask(String name, Caller caller, UUID assigned, UUID nominated, UUID owner, boolean expected) {
        assertThat(ExecutionPolicy.mayToggleTask(caller, assigned, nominated, owner)).isEqualTo(expected);
    }

    @Test
    void controlsCommentsAndOverrides() {
        assertThat(ExecutionPolicy.maySetControl(PILOT, List.of())).isTrue();
        assertThat(ExecutionPolicy.maySetControl(MEMBER, List.of(OWNER_TEAM))).isTrue();
        assertThat(ExecutionPolicy.maySetControl(OUTSIDER, List.of(OWNER_TEAM))).isFalse();
        assertThat(ExecutionPolicy.maySetControl(UNKNOWN, List.of(OWNER_TEAM))).isFalse();
        assertThat(ExecutionPolicy.canComment(OUTSIDER)).isTrue();
        assertThat(ExecutionPolicy.canComment(UNKNOWN)).isFalse();
        assertThat(ExecutionPolicy.canRead(UNKNOWN)).isTrue();
        assertThat(ExecutionPolicy.mayOverrideGate(PILOT)).isTrue();
        assertThat(ExecutionPolicy.mayOverrideGate(ADMIN)).isTrue();
        assertThat(ExecutionPolicy.mayOverrideGate(MEMBER)).isFalse();
    }

    @Test
    void gateIsBlockedByOpenTasksOrUnpassedControls() {
        assertThat(new GateCheck(0, List.of()).blocked()).isFalse();
        assertThat(new GateCheck(1, List.of()).blocked()).isTrue();
        assertThat(new GateCheck(0, List.of("CTL-1")).blocked()).isTrue();
        assertThat(new GateCheck(2, List.of("CTL-1")).describe()).contains("2 tasks").contains("CTL-1");
    }
}
