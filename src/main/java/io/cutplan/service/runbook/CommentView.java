package io.cutplan.service.runbook;

import io.cutplan.store.CommentDao.CommentRow;
import java.time.Instant;
import java.util.UUID;

/** A comment on a step instance. The body is plain text; the page escapes it. */
public record CommentView(UUID id, UUID stepId, UUID authorId, String authorName, String body, Instant createdAt) {

    public static CommentView of(CommentRow r) {
        return new CommentView(r.id(), r.stepInstanceId(), r.authorId(), r.authorName(), r.body(), r.createdAt());
    }
}
