package io.cutplan.service.mail;

import io.cutplan.domain.Html;
import io.cutplan.domain.NotificationKind;
import io.cutplan.store.NotificationContextDao.StepFacts;
import io.cutplan.store.NotificationContextDao.TaskLine;
import io.cutplan.store.NotificationContextDao.IterationFacts;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;

/**
 * Renders notifications from the templates and strings in {@code io/cutplan/mail}: every value escaped in
 * HTML, control characters removed from text, and the subject flattened to one header-safe line.
 */
public final class MailRenderer {
    /** Subjects longer than this are cut (RFC 5322 recommends lines under 78 characters; clients fold). */
    public static final int MAX_SUBJECT = 200;
    private static final int MAX_TEST_RECIPIENTS_SHOWN = 20;
    private static final int MAX_COMMENT = 2000;
    private static final int MAX_REASON = 2000;
    private static final int MAX_BROADCAST = 4000;

    private final String baseUrl;
    private final Locale locale;
    private final ZoneId hostZone;
    private final ResourceBundle strings;
    private final Map<String, MailTemplate> parsedStrings = new java.util.concurrent.ConcurrentHashMap<>();

    /** Times of iterations without a zone of their own in the JVM's default zone. */
    public MailRenderer(String baseUrl, Locale locale) {
        this(baseUrl, locale, ZoneId.systemDefault());
    }

    /** {@code hostZone}: the zone of iterations that have none of their own. */
    public MailRenderer(String baseUrl, Locale locale, ZoneId hostZone) {
        this.hostZone = hostZone == null ? ZoneId.systemDefault() : hostZone;
        String b = baseUrl == null ? "" : baseUrl.strip();
        this.baseUrl = b.endsWith("/") ? b.substring(0, b.length() - 1) : b;
        this.locale = locale;
        this.strings = ResourceBundle.getBundle("io.cutplan.mail.messages", locale, MailRenderer.class.getClassLoader(),
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    /** The dashboard link for a step (or the iteration's runbook when there is no step). */
    public String link(java.util.UUID iterationId, java.util.UUID stepInstanceId) {
        return baseUrl + "/runbook?iteration=" + iterationId + (stepInstanceId == null ? "" : "#step=" + stepInstanceId);
    }

    /** The host's zone, used for iterations without one of their own. */
    public ZoneId hostZone() {
        return hostZone;
    }

    /** How every e-mail about this iteration shows a time: in its zone, or the host's, with the UTC offset. */
    public MailTimes times(IterationFacts iteration) {
        return MailTimes.of(iteration == null ? null : iteration.timeZone(), hostZone);
    }

    /** The footer naming the zone the message's times are in; for every e-mail kind's layout. */
    public String footer(MailTimes times) {
        return fill("footer", Map.of("timeZone", times.describe()));
    }

    public RenderedMail render(MailContent m) {
        Map<String, Object> v = base();
        MailTimes times = times(m.iteration());
        v.put("footer", footer(times));
        StepFacts step = m.step();
        v.put("lang", locale.getLanguage().isEmpty() ? "en" : locale.getLanguage());
        v.put("iteration", m.iteration().code());
        v.put("iterationCode", m.iteration().code());
        v.put("iterationName", m.iteration().name());
        v.put("step", step == null ? string("none") : step.code());
        v.put("status", step == null ? "" : status(step.status()));
        v.put("author", m.comment() == null ? "" : m.comment().authorName());
        if (m.kind() == NotificationKind.CONTROL_FAILED) {
            v.put("control", m.control().code());
            v.put("title", m.control().title());
        } else {
            v.put("control", "");
            v.put("title", step.title());
        }
        String subject = MailTemplate.oneLine(fill("subject." + m.kind(), v), MAX_SUBJECT);
        v.put("subject", subject);
        v.put("headline", MailTemplate.oneLine(fill("headline." + m.kind(), v), 500));

        SafeHtml html = SafeHtml.EMPTY;
        StringBuilder text = new StringBuilder();
        if (m.reason() != null && !m.reason().isBlank()) {
            Map<String, Object> r = new HashMap<>(v);
            String reason = m.reason().strip();
            r.put("reason", reason.length() > MAX_REASON ? reason.substring(0, MAX_REASON) + "…" : reason);
            r.put("reasonBy", m.reasonBy() == null ? string("none") : m.reasonBy());
            html = html.concat(MailTemplate.resource("reason.html").html(r));
            text.append(MailTemplate.resource("reason.txt").text(r));
        }
        if (m.control() != null) {
            Map<String, Object> c = new HashMap<>(v);
            c.put("controlCode", m.control().code());
            c.put("controlTitle", m.control().title());
            c.put("controlStatus", m.control().status() == null ? string("none") : status(m.control().status()));
            c.put("critical", string(m.control().critical() ? "label.yes" : "label.no"));
            c.put("note", m.control().note() == null || m.control().note().isBlank() ? string("none") : m.control().note());
            html = html.concat(MailTemplate.resource("control.html").html(c));
            text.append(MailTemplate.resource("control.txt").text(c));
        }
        if (m.comment() != null) {
            Map<String, Object> c = new HashMap<>(v);
            String body = m.comment().body();
            c.put("commentBody", body.length() > MAX_COMMENT ? body.substring(0, MAX_COMMENT) + "…" : body);
            html = html.concat(MailTemplate.resource("comment.html").html(c));
            text.append(MailTemplate.resource("comment.txt").text(c));
        }
        if (step != null) {
            Map<String, Object> s = new HashMap<>(v);
            s.put("stepCode", step.code());
            s.put("stepTitle", step.title());
            s.put("team", step.ownerTeamName() == null ? string("none") : step.ownerTeamName());
            s.put("chapter", step.chapterName());
            s.put("planned", planned(step, times));
            s.put("actual", actual(step, times));
            s.put("taskCount", m.taskCount());
            s.put("tasks", taskRows(m.tasks(), m.taskCount(), v, true));
            html = html.concat(MailTemplate.resource("step.html").html(s));
            s.put("tasks", taskRows(m.tasks(), m.taskCount(), v, false));
            text.append(MailTemplate.resource("step.txt").text(s));
        }
        Map<String, Object> page = new HashMap<>(v);
        page.put("content", html);
        Map<String, Object> link = new HashMap<>(v);
        link.put("url", link(m.iteration().id(), step == null ? null : step.stepInstanceId()));
        link.put("label", string(step == null ? "label.openIteration" : "label.open"));
        page.put("link", MailTemplate.resource("link.html").html(link));
        Map<String, Object> notice = new HashMap<>(v);
        notice.put("notice", testNotice(m.testRecipients(), v));
        page.put("testNotice", m.testRecipients() == null ? SafeHtml.EMPTY : MailTemplate.resource("test-notice.html").html(notice));
        String htmlBody = MailTemplate.resource("layout.html").html(page).html();

        page.put("content", text.toString());
        page.put("link", MailTemplate.resource("link.txt").text(link));
        page.put("testNotice", m.testRecipients() == null ? "" : MailTemplate.resource("test-notice.txt").text(notice));
        String textBody = MailTemplate.resource("layout.txt").text(page);
        return new RenderedMail(subject, htmlBody, textBody);
    }

    /**
     * A broadcast to the stakeholder list: the text, who posted it, when, and the next update announced, each time in
     * the iteration's zone with its UTC offset; escaped in HTML, control characters removed from text.
     */
    public RenderedMail renderBroadcast(BroadcastMail b) {
        Map<String, Object> v = base();
        MailTimes times = times(b.iteration());
        v.put("footer", fill("footer.BROADCAST", Map.of("timeZone", times.describe())));
        v.put("lang", locale.getLanguage().isEmpty() ? "en" : locale.getLanguage());
        v.put("iteration", b.iteration().code());
        v.put("iterationCode", b.iteration().code());
        v.put("iterationName", b.iteration().name());
        String text = b.text() == null ? "" : b.text().strip();
        String postedBy = b.automatic() ? string("label.automatic") : b.postedBy() == null ? string("none") : b.postedBy();
        v.put("postedBy", postedBy);
        String firstLine = text.lines().findFirst().orElse("");
        v.put("excerpt", firstLine.length() > 80 ? firstLine.substring(0, 79) + "…" : firstLine);
        String variant = b.automatic() ? "BROADCAST.automatic" : "BROADCAST";
        String subject = MailTemplate.oneLine(fill("subject." + variant, v), MAX_SUBJECT);
        v.put("subject", subject);
        v.put("headline", MailTemplate.oneLine(fill("headline." + variant, v), 500));
        Map<String, Object> body = new HashMap<>(v);
        body.put("broadcastText", text.length() > MAX_BROADCAST ? text.substring(0, MAX_BROADCAST) + "…" : text);
        body.put("postedAt", times.format(b.postedAt()));
        body.put("nextUpdate", b.nextUpdateAt() == null ? string("label.noNextUpdate") : times.format(b.nextUpdateAt()));

        Map<String, Object> page = new HashMap<>(v);
        page.put("content", MailTemplate.resource("broadcast.html").html(body));
        Map<String, Object> link = new HashMap<>(v);
        link.put("url", link(b.iteration().id(), null));
        link.put("label", string("label.openIteration"));
        page.put("link", MailTemplate.resource("link.html").html(link));
        Map<String, Object> notice = new HashMap<>(v);
        notice.put("notice", testNotice(b.testRecipients(), v));
        page.put("testNotice", b.testRecipients() == null ? SafeHtml.EMPTY : MailTemplate.resource("test-notice.html").html(notice));
        String htmlBody = MailTemplate.resource("layout.html").html(page).html();

        page.put("content", MailTemplate.resource("broadcast.txt").text(body));
        page.put("link", MailTemplate.resource("link.txt").text(link));
        page.put("testNotice", b.testRecipients() == null ? "" : MailTemplate.resource("test-notice.txt").text(notice));
        String textBody = MailTemplate.resource("layout.txt").text(page);
        return new RenderedMail(subject, htmlBody, textBody);
    }

    private Object taskRows(List<TaskLine> tasks, int total, Map<String, Object> v, boolean html) {
        if (tasks.isEmpty()) {
            String none = string("label.noTasks");
            return html ? new SafeHtml("<p>" + Html.escape(none) + "</p>") : " " + none + "\n";
        }
        SafeHtml rows = SafeHtml.EMPTY;
        StringBuilder lines = new StringBuilder();
        for (TaskLine t : tasks) {
            Map<String, Object> r = new HashMap<>(v);
            r.put("taskStatus", strings.containsKey("task." + t.status()) ? strings.getString("task." + t.status()) : t.status());
            r.put("taskTitle", t.title());
            List<String> who = new ArrayList<>();
            if (t.teamName() != null) {
                who.add(fill("task.assignedTeam", Map.of("team", t.teamName())));
            }
            if (t.nomineeName() != null) {
                who.add(fill("task.nominee", Map.of("nominee", t.nomineeName())));
            }
            r.put("taskWho", who.isEmpty() ? "" : " (" + String.join(", ", who) + ")");
            if (html) {
                rows = rows.concat(MailTemplate.resource("task-row.html").html(r));
            } else {
                lines.append(MailTemplate.resource("task-row.txt").text(r));
            }
        }
        String more = total > tasks.size() ? fill("label.moreTasks", Map.of("count", total - tasks.size())) : null;
        if (html) {
            SafeHtml list = new SafeHtml("<ul style=\"margin:0;padding-left:20px\">\n" + rows.html() + "</ul>\n");
            return more == null ? list : list.concat(new SafeHtml("<p>" + Html.escape(more) + "</p>\n"));
        }
        return more == null ? lines.toString() : lines + " " + more + "\n";
    }

    private String planned(StepFacts s, MailTimes times) {
        if (s.chapterStart() != null && s.chapterEnd() != null) {
            return fill("planned.window", Map.of("start", times.format(s.chapterStart()), "end", times.format(s.chapterEnd()),
                    "minutes", s.plannedMinutes()));
        }
        return fill("planned.duration", Map.of("minutes", s.plannedMinutes()));
    }

    private String actual(StepFacts s, MailTimes times) {
        List<String> parts = new ArrayList<>();
        addTime(parts, "actual.ready", s.readyAt(), times);
        addTime(parts, "actual.started", s.startedAt(), times);
        addTime(parts, "actual.finished", s.finishedAt(), times);
        return parts.isEmpty() ? string("none") : String.join(", ", parts);
    }

    private void addTime(List<String> parts, String key, Instant t, MailTimes times) {
        if (t != null) {
            parts.add(fill(key, Map.of("time", times.format(t))));
        }
    }

    private String testNotice(List<String> recipients, Map<String, Object> v) {
        if (recipients == null) {
            return "";
        }
        List<String> shown = recipients.size() > MAX_TEST_RECIPIENTS_SHOWN
                ? recipients.subList(0, MAX_TEST_RECIPIENTS_SHOWN) : recipients;
        String list = String.join(", ", shown);
        if (recipients.size() > shown.size()) {
            list += " " + fill("test.more", Map.of("count", recipients.size() - shown.size()));
        }
        return fill("test.notice", Map.of("recipients", list));
    }

    private String status(String status) {
        return strings.containsKey("status." + status) ? strings.getString("status." + status) : status;
    }

    private String string(String key) {
        return strings.getString(key);
    }

    /** A bundle string with its placeholders filled as plain text (callers escape when they place it). */
    private String fill(String key, Map<String, ?> values) {
        return parsedStrings.computeIfAbsent(key, k -> MailTemplate.parse(strings.getString(k))).text(values);
    }

    /** Every bundle string, as {@code t.<key>}, for templates' labels. */
    private Map<String, Object> base() {
        Map<String, Object> v = new HashMap<>();
        for (String key : Collections.list(strings.getKeys())) {
            v.put("t." + key, strings.getString(key));
        }
        return v;
    }
}
