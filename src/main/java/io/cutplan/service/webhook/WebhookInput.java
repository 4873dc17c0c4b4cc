package io.cutplan.service.webhook;

import java.util.List;

/**
 * The body of {@code POST /webhooks} and {@code PUT /webhooks/{id}}. The scope (exactly one of migrationId and
 * iterationId) is set on creation and cannot change. {@code secret}: the HMAC key (16 to 200 printable characters);
 * absent on creation, one is generated and returned once. {@code rotateSecret} (PUT only): generate a new one and
 * return it once.
 */
public record WebhookInput(String migrationId, String iterationId, String name, String url, List<String> eventKinds,
                           String format, Boolean enabled, String secret, Boolean rotateSecret) {
}
