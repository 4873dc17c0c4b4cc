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
 * would have received the message live (null outside test mode).
 */
public record MailContent(NotificationKind kind, IterationFacts iteration, StepFacts step, List<TaskLine> tasks,
                          int taskCount, ControlFacts control, CommentFacts comment, List<String> testRecipients) {
    public MailContent {
        tasks = tasks == null ? List.of() : List.copyOf(tasks);
        testRecipients = testRecipients == null ? null : List.copyOf(testRecipients);
    }
}
