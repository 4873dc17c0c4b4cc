package io.cutplan.service.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cutplan.domain.ChatText;
import io.cutplan.domain.WebhookFormat;
import io.cutplan.domain.WebhookKind;
import io.cutplan.store.EventRecord;
import io.cutplan.store.NotificationContextDao.IterationFacts;
import io.cutplan.store.NotificationContextDao.StepFacts;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Renders a delivery's body, once, when the event happens: the generic JSON document, or a Slack
 * ({@code {"text": ...}}, mrkdwn with {@code & < >} escaped) or Teams (MessageCard) message. User text (titles,
 * reasons, broadcast text) is escaped for the chat formats; the generic format carries it as plain JSON strings.
 */
public final class WebhookPayloads {
    private static final ObjectMapper JSON = new ObjectMapper();

    private WebhookPayloads() {
    }

    /** What one delivery is about. {@code iteration} and {@code step} may be null (a test, an iteration event). */
    public record Facts(UUID deliveryId, WebhookKind kind, Instant occurredAt, String actor, IterationFacts iteration,
                        StepFacts step, String stepStatus, Map<String, Object> details, String webhookName) {
        public Facts {
            details = details == null ? Map.of() : details;
        }
    }

    public static String render(WebhookFormat format, Facts f) {
        return switch (format) {
            case GENERIC -> json(generic(f));
            case SLACK -> json(Map.of("text", "*Cutplan*" + (f.iteration() == null ? "" : " · " + ChatText.slack(f.iteration().code()))
                    + "\n" + ChatText.slack(summary(f))));
            case TEAMS -> {
                Map<String, Object> card = new LinkedHashMap<>();
                card.put("@type", "MessageCard");
                card.put("@context", "https://schema.org/extensions");
                card.put("summary", plainTitle(f));
                card.put("themeColor", color(f.kind()));
                card.put("title", ChatText.teams(plainTitle(f)));
                card.put("text", ChatText.teams(summary(f)));
                yield json(card);
            }
        };
    }

    static Map<String, Object> generic(Facts f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", f.deliveryId().toString());
        m.put("event", f.kind().name());
        m.put("occurredAt", (f.occurredAt() == null ? Instant.now() : f.occurredAt()).toString());
        m.put("actor", f.actor());
        if (f.iteration() != null) {
            Map<String, Object> it = new LinkedHashMap<>();
            it.put("id", f.iteration().id().toString());
            it.put("code", f.iteration().code());
            it.put("name", f.iteration().name());
            m.put("iteration", it);
        } else {
            m.put("iteration", null);
        }
        if (f.step() != null) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("id", f.step().stepInstanceId().toString());
            s.put("code", f.step().code());
            s.put("title", f.step().title());
            s.put("status", f.stepStatus() == null ? f.step().status() : f.stepStatus());
            s.put("goNoGo", f.step().goNoGo());
            m.put("step", s);
        } else {
            m.put("step", null);
        }
        m.put("text", summary(f));
        Object reason = f.details().get("reason");
        if (reason != null && (f.kind() == WebhookKind.STEP_FAILED || f.kind() == WebhookKind.STEP_ON_HOLD
                || f.kind() == WebhookKind.GATE_OVERRIDDEN)) {
            m.put("reason", reason.toString());
        }
        if (f.kind() == WebhookKind.GATE_OVERRIDDEN) {
            Map<String, Object> gate = new LinkedHashMap<>();
            gate.put("openTasks", f.details().get("openTasks"));
            gate.put("unpassedControls", f.details().get("unpassedControls"));
            m.put("gate", gate);
        }
        if (f.kind() == WebhookKind.BROADCAST) {
            Map<String, Object> b = new LinkedHashMap<>();
            b.put("text", text(f.details().get("text")));
            b.put("nextUpdateAt", f.details().get("nextUpdateAt") == null ? null : f.details().get("nextUpdateAt").toString());
            b.put("automatic", Boolean.TRUE.equals(f.details().get("automatic")));
            m.put("broadcast", b);
        }
        return m;
    }

    private static String plainTitle(Facts f) {
        return "Cutplan" + (f.iteration() == null ? "" : ": " + f.iteration().code() + " " + f.iteration().name());
    }

    /** One plain-text line (unescaped) saying what happened. */
    static String summary(Facts f) {
        String step = f.step() == null ? "a step" : f.step().code() + " \u201c" + f.step().title() + "\u201d";
        String iteration = f.iteration() == null ? "" : f.iteration().code() + " \u201c" + f.iteration().name() + "\u201d";
        String by = f.actor() == null || f.actor().isBlank() || "system".equals(f.actor()) ? "" : " (by " + f.actor() + ")";
        String reason = text(f.details().get("reason"));
        String because = reason.isBlank() ? "" : ": " + reason;
        return switch (f.kind()) {
            case STEP_FAILED -> "Step " + step + " FAILED" + because + by;
            case STEP_ON_HOLD -> "Step " + step + " is ON HOLD" + because + by;
            case GO_NO_GO_DONE -> "Go/no-go " + step + " is DONE" + by;
            case GATE_OVERRIDDEN -> "Go/no-go " + step + " gate overridden" + by + because + open(f.details());
            case ITERATION_STARTED -> "Iteration " + iteration + " started" + by;
            case ITERATION_COMPLETED -> "Iteration " + iteration + " completed" + by;
            case BROADCAST -> (Boolean.TRUE.equals(f.details().get("automatic")) ? "Status summary: " : "Status update" + by + ": ")
                    + text(f.details().get("text"))
                    + (f.details().get("nextUpdateAt") == null ? "" : " (next update at " + f.details().get("nextUpdateAt") + ")");
            case TEST -> "Test message for webhook \u201c" + f.webhookName() + "\u201d" + by;
        };
    }

    private static String open(Map<String, Object> d) {
        Object tasks = d.get("openTasks");
        Object controls = d.get("unpassedControls");
        int t = tasks instanceof java.util.Collection<?> c ? c.size() : tasks instanceof Number n ? n.intValue() : 0;
        int k = controls instanceof java.util.Collection<?> c ? c.size() : controls instanceof Number n ? n.intValue() : 0;
        return t == 0 && k == 0 ? "" : " (" + t + " open task(s), " + k + " control(s) not passed)";
    }

    private static String color(WebhookKind k) {
        return switch (k) {
            case STEP_FAILED -> "D04437";
            case STEP_ON_HOLD, GATE_OVERRIDDEN -> "F29D0C";
            case GO_NO_GO_DONE, ITERATION_COMPLETED -> "2E8540";
            default -> "0B6BCB";
        };
    }

    private static String text(Object o) {
        return o == null ? "" : o.toString();
    }

    private static String json(Object o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Could not render a webhook body", e);
        }
    }
}
