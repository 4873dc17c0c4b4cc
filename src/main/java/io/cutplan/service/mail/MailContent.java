package io.cutplan.service.mail;

import io.cutplan.domain.NotificationKind;
import io.cutplan.store.NotificationContextDao.CommentFacts;
import io.cutplan.store.NotificationContextDao.ControlFacts;
import io.cutplan.store.NotificationContextDao.IterationFacts;
import io.cutplan.store.NotificationContextDao.StepFacts;
import io.cutplan.store.NotificationContextDao.TaskLine;
import java.util.List;

/**
 * Everything one notification shows. {@code step} is null only for a control that no step of the iteration
 * carries; {@code control} and {@code comment} are set for their kinds only; {@code testRecipients} lists who
 * would have received the message live (null outside test mode). {@code reason} is the reason typed with a move to
 * FAILED or ON_HOLD, with {@code reasonBy} who typed it (both null otherwise).
 */
public record MailContent(NotificationKind kind, IterationFacts iteration, StepFacts step, List<TaskLine> tasks,
                          int taskCount, ControlFacts control, CommentFacts comment, List<String> testRecipients,
                          String reason, String reasonBy) {
    public MailContent {
        tasks = tasks == null ? List.of() : List.copyOf(tasks);
        testRecipients = testRecipients == null ? null : List.copyOf(testRecipients);
    }

    /** Without a reason. */
    public MailContent(NotificationKind kind, IterationFacts iteration, StepFacts step, List<TaskLine> tasks,
                       int taskCount, ControlFacts control, CommentFacts comment, List<String> testRecipients) {
        this(kind, iteration, step, tasks, taskCount, control, comment, testRecipients, null, null);
    }
}
