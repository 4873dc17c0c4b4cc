package io.cutplan.domain;

import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which events notify whom. Pure: the caller supplies the two facts that need the database (whether the
 * step is a go/no-go step, whether the iteration notifies comments); the notification mode is applied later.
 */
public final class NotificationRules {
    private NotificationRules() {
    }

    /** What to send for one event: the reason and the audiences (united and de-duplicated by the caller). */
    public record Decision(NotificationKind kind, Set<NotificationAudience> audiences) {
        public Decision {
            audiences = Set.copyOf(audiences);
        }
    }

    /**
     * Whether the event can notify at all, before any database lookup: most events (task ticks, schedule
     * changes, steps starting) never do, and the listener must stay cheap for them.
     */
    public static boolean mayNotify(EventType type, Map<String, Object> details) {
        return switch (type) {
            case STEP_STATUS_CHANGED -> {
                String to = text(details, "to");
                yield "READY".equals(to) || "FAILED".equals(to) || "ON_HOLD".equals(to) || "DONE".equals(to);
            }
            case CONTROL_STATUS_CHANGED -> "FAILED".equals(text(details, "to"));
            case COMMENT_ADDED -> true;
            // An explicit act (a pilot's status update, or the summary the pilot switched on): always mailed.
            case BROADCAST_POSTED -> true;
            default -> false;
        };
    }

    public static Optional<Decision> decide(EventType type, Map<String, Object> details, boolean stepIsGoNoGo,
                                            boolean notifyComments) {
        if (!mayNotify(type, details)) {
            return Optional.empty();
        }
        return switch (type) {
            case STEP_STATUS_CHANGED -> switch (text(details, "to")) {
                case "READY" -> Optional.of(new Decision(NotificationKind.STEP_READY,
                        EnumSet.of(NotificationAudience.OWNER_TEAM, NotificationAudience.TASK_NOMINEES)));
                case "FAILED" -> Optional.of(new Decision(NotificationKind.STEP_FAILED, escalation()));
                case "ON_HOLD" -> Optional.of(new Decision(NotificationKind.STEP_ON_HOLD, escalation()));
                case "DONE" -> stepIsGoNoGo
                        ? Optional.of(new Decision(NotificationKind.GO_NO_GO_DONE,
                                EnumSet.of(NotificationAudience.PILOTS, NotificationAudience.IMPACTED_TEAMS)))
                        : Optional.empty();
                default -> Optional.empty();
            };
            case CONTROL_STATUS_CHANGED -> Optional.of(new Decision(NotificationKind.CONTROL_FAILED,
                    EnumSet.of(NotificationAudience.PILOTS)));
            case COMMENT_ADDED -> notifyComments
                    ? Optional.of(new Decision(NotificationKind.COMMENT_ADDED, EnumSet.of(NotificationAudience.OWNER_TEAM)))
                    : Optional.empty();
            case BROADCAST_POSTED -> Optional.of(new Decision(NotificationKind.BROADCAST,
                    EnumSet.of(NotificationAudience.STAKEHOLDERS)));
            default -> Optional.empty();
        };
    }

    private static Set<NotificationAudience> escalation() {
        return EnumSet.of(NotificationAudience.OWNER_TEAM, NotificationAudience.IMPACTED_TEAMS, NotificationAudience.PILOTS);
    }

    private static String text(Map<String, Object> details, String key) {
        Object v = details == null ? null : details.get(key);
        return v == null ? "" : v.toString();
    }
}
