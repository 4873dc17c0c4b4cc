package io.cutplan.domain;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;

/**
 * Who may do what while a runbook runs. Pilots (and administrators) move any step and override gates; a NORMAL
 * user acts on steps owned by one of their teams and ticks tasks assigned to one of their teams or nominated to
 * them; every known user reads and comments; a user Cutplan does not know only reads. Pure: the caller's role
 * and teams and the row's owning team are all it needs.
 */
public final class ExecutionPolicy {
    private ExecutionPolicy() {
    }

    /** Every authenticated caller, known or not, may read. */
    public static boolean canRead(Caller caller) {
        return caller != null;
    }

    public static boolean canComment(Caller caller) {
        return caller.known();
    }

    /** May the caller make this move on a step owned by {@code ownerTeamId} (null: no owner team, pilots only)? */
    public static boolean mayApply(Caller caller, StepTransitions.Rule rule, UUID ownerTeamId) {
        if (!caller.known()) {
            return false;
        }
        return switch (rule.who()) {
            case AUTOMATIC -> false;
            case PILOT -> caller.isPilot();
            case OWNER_OR_PILOT -> caller.isPilot() || caller.inTeam(ownerTeamId);
        };
    }

    /** The moves this caller may ask for on a step in this state: what the page offers as buttons. */
    public static Set<StepStatus> allowedTargets(Caller caller, StepStatus from, StepStatus heldFrom, UUID ownerTeamId) {
        EnumSet<StepStatus> out = EnumSet.noneOf(StepStatus.class);
        for (StepStatus to : StepTransitions.manualTargets(from, heldFrom)) {
            StepTransitions.Rule rule = StepTransitions.manualRule(from, heldFrom, to).orElseThrow();
            if (mayApply(caller, rule, ownerTeamId)) {
                out.add(to);
            }
        }
        return out;
    }

    public static boolean mayOverrideGate(Caller caller) {
        return caller.known() && caller.isPilot();
    }

    /**
     * May the caller tick or untick a task? Pilots always; otherwise the task's assigned team, the nominated user,
     * or, for a task assigned to no team, the step's owner team.
     */
    public static boolean mayToggleTask(Caller caller, UUID assignedTeamId, UUID nominatedUserId, UUID stepOwnerTeamId) {
        if (!caller.known()) {
            return false;
        }
        if (caller.isPilot()) {
            return true;
        }
        if (nominatedUserId != null && nominatedUserId.equals(caller.userId())) {
            return true;
        }
        if (assignedTeamId != null) {
            return caller.inTeam(assignedTeamId);
        }
        return caller.inTeam(stepOwnerTeamId);
    }

    /**
     * May the caller record a control's outcome? Pilots always; otherwise a member of a team that is assigned a
     * task linked to the control, or owns a step with such a task ({@code involvedTeams}).
     */
    public static boolean maySetControl(Caller caller, Collection<UUID> involvedTeams) {
        if (!caller.known()) {
            return false;
        }
        if (caller.isPilot()) {
            return true;
        }
        return involvedTeams.stream().anyMatch(caller::inTeam);
    }
}
