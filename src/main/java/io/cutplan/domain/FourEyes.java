package io.cutplan.domain;

import java.util.Objects;
import java.util.UUID;

/**
 * The four-eyes rule for gate overrides (a plan setting, {@code fourEyesOverride}): with it on, one pilot's
 * override of a step's go/no-go gate is only a request; a different pilot must confirm it before the step becomes
 * DONE. Without it, one pilot's override completes the step at once. Pure: the setting, the pending request's
 * requester and the caller are all it needs.
 */
public final class FourEyes {
    /** The rule's name, as error messages and the page say it. */
    public static final String RULE = "four-eyes gate override";

    private FourEyes() {
    }

    /** What a pilot's {@code override: true} move to DONE does. */
    public enum OverrideOutcome {
        /** Complete the step now (the setting is off): today's single override. */
        COMPLETE,
        /** Record a request and leave the step where it is until a second pilot confirms. */
        REQUEST
    }

    /**
     * The outcome of an override by {@code caller}. With the setting on and a request already pending, a plain
     * override never completes the step (whoever sends it): it is refused with {@code four_eyes_required}, naming
     * the rule and the way to confirm.
     *
     * @param pendingRequestedBy the requester of the pending request, or null when none is pending
     * @param pendingRequestedByName their name, for the message
     */
    public static OverrideOutcome onOverride(boolean fourEyesOn, boolean pending, UUID pendingRequestedBy,
                                             String pendingRequestedByName, Caller caller, String stepCode) {
        if (!fourEyesOn) {
            return OverrideOutcome.COMPLETE;
        }
        if (!pending) {
            return OverrideOutcome.REQUEST;
        }
        boolean own = pendingRequestedBy != null && pendingRequestedBy.equals(caller.userId());
        throw new DomainException(ErrorKind.RULE_VIOLATION, "four_eyes_required",
                "Step " + stepCode + " cannot be completed by one pilot's override: the plan's " + RULE
                        + " rule needs a second pilot. " + (own
                        ? "You already asked for this override; another pilot must confirm it"
                        : (pendingRequestedByName == null ? "A pilot" : pendingRequestedByName)
                                + " asked for this override; confirm or reject it instead"),
                "override", null);
    }

    /** The confirming pilot must not be the one who asked ({@code four_eyes_same_pilot}). */
    public static void requireSecondPilot(UUID requestedBy, Caller confirmer, String stepCode) {
        Objects.requireNonNull(confirmer);
        if (requestedBy != null && requestedBy.equals(confirmer.userId())) {
            throw new DomainException(ErrorKind.RULE_VIOLATION, "four_eyes_same_pilot",
                    "You asked for the override of step " + stepCode + "'s gate; under the " + RULE
                            + " rule a different pilot must confirm it");
        }
    }
}
