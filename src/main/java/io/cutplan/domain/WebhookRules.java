package io.cutplan.domain;

import java.util.Map;
import java.util.Optional;

/**
 * Which events become which webhook kind. Pure: the caller says whether the step is a go/no-go step (only needed
 * for a step becoming DONE). {@link #candidate} needs no database and lets the listener ignore most events cheaply.
 */
public final class WebhookRules {
    private WebhookRules() {
    }

    /** Whether the event can produce a delivery at all (before any lookup). */
    public static boolean candidate(EventType type, Map<String, Object> details) {
        return switch (type) {
            case STEP_STATUS_CHANGED -> {
                String to = text(details, "to");
                yield "FAILED".equals(to) || "ON_HOLD".equals(to) || "DONE".equals(to);
            }
            case STEP_GATE_OVERRIDDEN, BROADCAST_POSTED -> true;
            case ITERATION_UPDATED -> "status".equals(text(details, "field"))
                    && (isStart(details) || "COMPLETED".equals(text(details, "to")));
            default -> false;
        };
    }

    /** Whether a step becoming DONE matters (then the caller must look up whether it is a go/no-go). */
    public static boolean needsGoNoGo(EventType type, Map<String, Object> details) {
        return type == EventType.STEP_STATUS_CHANGED && "DONE".equals(text(details, "to"));
    }

    public static Optional<WebhookKind> kind(EventType type, Map<String, Object> details, boolean stepIsGoNoGo) {
        if (!candidate(type, details)) {
            return Optional.empty();
        }
        return switch (type) {
            case STEP_STATUS_CHANGED -> switch (text(details, "to")) {
                case "FAILED" -> Optional.of(WebhookKind.STEP_FAILED);
                case "ON_HOLD" -> Optional.of(WebhookKind.STEP_ON_HOLD);
                case "DONE" -> stepIsGoNoGo ? Optional.of(WebhookKind.GO_NO_GO_DONE) : Optional.empty();
                default -> Optional.empty();
            };
            case STEP_GATE_OVERRIDDEN -> Optional.of(WebhookKind.GATE_OVERRIDDEN);
            case BROADCAST_POSTED -> Optional.of(WebhookKind.BROADCAST);
            case ITERATION_UPDATED -> Optional.of(isStart(details) ? WebhookKind.ITERATION_STARTED : WebhookKind.ITERATION_COMPLETED);
            default -> Optional.empty();
        };
    }

    /** PLANNED -> IN_PROGRESS is a start; a COMPLETED iteration reopened (COMPLETED -> IN_PROGRESS) is not. */
    private static boolean isStart(Map<String, Object> details) {
        return "IN_PROGRESS".equals(text(details, "to")) && "PLANNED".equals(text(details, "from"));
    }

    private static String text(Map<String, Object> details, String key) {
        Object v = details == null ? null : details.get(key);
        return v == null ? "" : v.toString();
    }
}
