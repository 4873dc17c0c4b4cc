package io.cutplan.service.webhook;

import io.cutplan.store.WebhookDao;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One webhook for administrators. {@code secret} is present only in the answer that created (or rotated) it: it is
 * never readable again.
 */
public record WebhookView(UUID id, UUID migrationId, UUID iterationId, String name, String url, List<String> eventKinds,
                          String format, boolean enabled, UUID createdBy, Instant createdAt, Instant updatedAt,
                          String secret) {

    static WebhookView of(WebhookDao.Row w, String shownSecret) {
        return new WebhookView(w.id(), w.migrationId(), w.iterationId(), w.name(), w.url(),
                w.kinds().stream().map(Enum::name).toList(), w.format().wire(), w.enabled(), w.createdBy(), w.createdAt(),
                w.updatedAt(), shownSecret);
    }
}
