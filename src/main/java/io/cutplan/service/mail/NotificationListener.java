package io.cutplan.service.mail;

import io.cutplan.domain.EmailAddresses;
import io.cutplan.domain.EventType;
import io.cutplan.domain.NotificationAudience;
import io.cutplan.domain.NotificationKind;
import io.cutplan.domain.NotificationMode;
import io.cutplan.domain.NotificationRules;
import io.cutplan.service.spi.EventListener;
import io.cutplan.store.BroadcastDao;
import io.cutplan.store.EventLogDao;
import io.cutplan.store.EventRecord;
import io.cutplan.store.Ids;
import io.cutplan.store.NewNotification;
import io.cutplan.store.NotificationContextDao;
import io.cutplan.store.NotificationContextDao.CommentFacts;
import io.cutplan.store.NotificationContextDao.ControlFacts;
import io.cutplan.store.NotificationContextDao.IterationFacts;
import io.cutplan.store.NotificationContextDao.Recipient;
import io.cutplan.store.NotificationContextDao.StepFacts;
import io.cutplan.store.NotificationOutboxDao;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outbox's writer: told of every event inside the transaction that records it, it decides who is
 * notified, renders the message once and queues one outbox row per recipient, so the messages commit or
 * roll back with the change. Recipients come only from team membership, task nominations and roles, each
 * an active user with an address, de-duplicated per message.
 *
 * <p>A failure here must never stop a cutover: the work runs under a savepoint, and if it fails the change
 * still commits, without its messages, and a {@code NOTIFICATION_FAILED} event says so.
 */
public final class NotificationListener implements EventListener {
    private static final Logger LOG = LoggerFactory.getLogger(NotificationListener.class);
    static final int MAX_TASKS_SHOWN = 60;

    private final MailRenderer renderer;

    public NotificationListener(MailRenderer renderer) {
        this.renderer = renderer;
    }

    @Override
    public void onEvent(Connection c, EventRecord event) throws SQLException {
        if (event.iterationId() == null || !NotificationRules.mayNotify(event.type(), event.details())) {
            return;
        }
        Savepoint savepoint = c.setSavepoint();
        try {
            int queued = queue(c, event);
            c.releaseSavepoint(savepoint);
            if (queued > 0) {
                LOG.debug("Queued {} notification(s) for event {}", queued, event.id());
            }
        } catch (SQLException | RuntimeException e) {
            c.rollback(savepoint);
            LOG.error("Could not queue notifications for event {} ({}): {}", event.id(), event.type(),
                    String.valueOf(e.getMessage()).lines().findFirst().orElse(e.getClass().getSimpleName()));
            EventLogDao.append(c, new EventRecord(Ids.newId(), null, EventType.NOTIFICATION_FAILED, null, "system",
                    event.iterationId(), event.stepInstanceId(), null, event.controlId(), null, event.changeVersion(),
                    Map.of("eventId", event.id().toString(), "stage", "queue",
                            "error", String.valueOf(e.getMessage()).lines().findFirst().orElse(""))));
        }
    }

    /** Queues the event's messages; returns how many rows were added. */
    int queue(Connection c, EventRecord event) throws SQLException {
        Optional<IterationFacts> found = NotificationContextDao.iteration(c, event.iterationId());
        if (found.isPresent() && event.type() == EventType.BROADCAST_POSTED) {
            return queueBroadcast(c, event, found.get());
        }
        if (found.isEmpty() || found.get().mode() == NotificationMode.OFF) {
            return 0;
        }
        IterationFacts iteration = found.get();
        StepFacts step = null;
        ControlFacts control = null;
        CommentFacts comment = null;
        if (event.type() == EventType.CONTROL_STATUS_CHANGED) {
            if (event.controlId() == null) {
                return 0;
            }
            control = NotificationContextDao.control(c, iteration.id(), event.controlId()).orElse(null);
            if (control == null) {
                return 0;
            }
            List<UUID> steps = NotificationContextDao.stepsOfControl(c, iteration.id(), control.controlId());
            step = steps.isEmpty() ? null : NotificationContextDao.step(c, steps.get(0)).orElse(null);
        } else {
            if (event.stepInstanceId() == null) {
                return 0;
            }
            step = NotificationContextDao.step(c, event.stepInstanceId()).orElse(null);
            if (step == null) {
                return 0;
            }
            if (event.type() == EventType.COMMENT_ADDED) {
                comment = commentOf(c, event);
            }
            Object to = event.details().get("to");
            if (event.type() == EventType.STEP_STATUS_CHANGED && to != null) {
                // The event is the truth about the new status, whether the row was updated before or after recording it.
                step = new StepFacts(step.stepInstanceId(), step.stepId(), step.code(), step.title(), step.goNoGo(), to.toString(),
                        step.ownerTeamId(), step.ownerTeamName(), step.chapterName(), step.plannedMinutes(), step.chapterStart(),
                        step.chapterEnd(), step.readyAt(), step.startedAt(), step.finishedAt());
            }
        }
        Optional<NotificationRules.Decision> decision = NotificationRules.decide(event.type(), event.details(),
                step != null && step.goNoGo(), iteration.notifyComments());
        if (decision.isEmpty()) {
            return 0;
        }
        NotificationKind kind = decision.get().kind();
        Map<String, Recipient> recipients = recipients(c, decision.get(), step);
        if (recipients.isEmpty()) {
            return 0;
        }
        boolean test = iteration.mode() == NotificationMode.TEST;
        List<String> wouldHaveGone = test ? recipients.values().stream().map(Recipient::email).toList() : null;
        int taskCount = step == null ? 0 : NotificationContextDao.taskCount(c, step.stepInstanceId());
        List<NotificationContextDao.TaskLine> tasks = step == null ? List.of()
                : NotificationContextDao.tasks(c, step.stepInstanceId(), MAX_TASKS_SHOWN);
        String reason = null;
        if (kind == NotificationKind.STEP_FAILED || kind == NotificationKind.STEP_ON_HOLD) {
            Object typed = event.details().get("reason");
            reason = typed == null || typed.toString().isBlank() ? null : typed.toString();
        }
        RenderedMail mail = renderer.render(new MailContent(kind, iteration, step, tasks, taskCount, control, comment,
                wouldHaveGone, reason, reason == null ? null : event.actorName()));
        NewNotification message = new NewNotification(event.id(), iteration.id(), step == null ? null : step.stepInstanceId(),
                kind, test, mail.subject(), mail.html(), mail.text());
        List<NewNotification.To> to = test
                ? List.of(new NewNotification.To(iteration.testAddress(), null))
                : recipients.values().stream().map(r -> new NewNotification.To(r.email(), r.userId())).toList();
        return NotificationOutboxDao.queue(c, message, to);
    }

    /**
     * A broadcast goes to the iteration's stakeholder list whatever the step-notification mode: it is an explicit
     * act (a pilot's update, or the summary a pilot switched on), and OFF silences the engine's automatic step mails
     * only. TEST mode still holds: the one copy goes to the test address, naming who would have received it.
     */
    private int queueBroadcast(Connection c, EventRecord event, IterationFacts iteration) throws SQLException {
        Map<String, String> unique = new LinkedHashMap<>();
        for (String address : BroadcastDao.settings(c, iteration.id()).map(BroadcastDao.Settings::stakeholders).orElse(List.of())) {
            if (address != null && EmailAddresses.isValid(address.strip())) {
                unique.putIfAbsent(EmailAddresses.key(address), address.strip());
            }
        }
        if (unique.isEmpty()) {
            return 0;
        }
        boolean test = iteration.mode() == NotificationMode.TEST && iteration.testAddress() != null;
        Object text = event.details().get("text");
        Object next = event.details().get("nextUpdateAt");
        java.time.Instant nextUpdate = null;
        if (next != null) {
            try {
                nextUpdate = java.time.Instant.parse(next.toString());
            } catch (java.time.format.DateTimeParseException ignored) {
                // Not an instant: shown as not announced.
            }
        }
        RenderedMail mail = renderer.renderBroadcast(new BroadcastMail(iteration, text == null ? "" : text.toString(),
                event.actorName(), event.occurredAt(), nextUpdate, Boolean.TRUE.equals(event.details().get("automatic")),
                test ? List.copyOf(unique.values()) : null));
        NewNotification message = new NewNotification(event.id(), iteration.id(), null, NotificationKind.BROADCAST, test,
                mail.subject(), mail.html(), mail.text());
        List<NewNotification.To> to = test ? List.of(new NewNotification.To(iteration.testAddress(), null))
                : unique.values().stream().map(a -> new NewNotification.To(a, null)).toList();
        return NotificationOutboxDao.queue(c, message, to);
    }

    private static CommentFacts commentOf(Connection c, EventRecord event) throws SQLException {
        Optional<CommentFacts> stored = event.commentId() == null ? Optional.empty()
                : NotificationContextDao.comment(c, event.commentId());
        if (stored.isPresent()) {
            return stored.get();
        }
        Object excerpt = event.details().get("excerpt");
        return new CommentFacts(event.actorName() == null ? "?" : event.actorName(), excerpt == null ? "" : excerpt.toString());
    }

    /** The union of the decision's audiences, keyed by the address's case-blind form, in a stable order. */
    private static Map<String, Recipient> recipients(Connection c, NotificationRules.Decision decision, StepFacts step)
            throws SQLException {
        List<Recipient> all = new ArrayList<>();
        for (NotificationAudience audience : NotificationAudience.values()) {
            if (!decision.audiences().contains(audience)) {
                continue;
            }
            switch (audience) {
                case OWNER_TEAM -> {
                    if (step != null && step.ownerTeamId() != null) {
                        all.addAll(NotificationContextDao.teamMembers(c, new UUID[] {step.ownerTeamId()}));
                    }
                }
                case TASK_NOMINEES -> {
                    if (step != null) {
                        all.addAll(NotificationContextDao.taskNominees(c, step.stepInstanceId()));
                    }
                }
                case IMPACTED_TEAMS -> {
                    if (step != null) {
                        all.addAll(NotificationContextDao.teamMembers(c, NotificationContextDao.impactedTeams(c, step.stepInstanceId())));
                    }
                }
                case PILOTS -> all.addAll(NotificationContextDao.pilots(c));
                case STAKEHOLDERS -> {
                    // Broadcasts only, resolved from the iteration's list by queueBroadcast.
                }
            }
        }
        Map<String, Recipient> unique = new LinkedHashMap<>();
        for (Recipient r : all) {
            if (r.email() != null && EmailAddresses.isValid(r.email().strip())) {
                unique.putIfAbsent(EmailAddresses.key(r.email()), new Recipient(r.userId(), r.email().strip()));
            }
        }
        return unique;
    }
}
