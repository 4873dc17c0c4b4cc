-- Outgoing webhooks (issue 17, Deliver 4). An administrator points a webhook at one migration (all its
-- iterations) or at one iteration; the webhook listener writes one delivery row per matching event and webhook
-- inside the transaction that records the event (a transactional outbox, as notification_outbox for mail), and a
-- background dispatcher on any node claims due rows (FOR UPDATE SKIP LOCKED + a lease) and POSTs them.

CREATE TABLE webhooks (
    id            uuid PRIMARY KEY,
    -- Exactly one scope: a migration (every iteration of it) or one iteration.
    migration_id  uuid REFERENCES migrations (id) ON DELETE CASCADE,
    iteration_id  uuid REFERENCES iterations (id) ON DELETE CASCADE,
    name          text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    -- https (http only to a loopback address, behind an explicit host setting); checked by the service too.
    url           text NOT NULL CHECK (length(url) BETWEEN 1 AND 2000 AND url ~ '^https?://'),
    -- The event kinds it receives (WebhookKind names).
    event_kinds   text[] NOT NULL CHECK (cardinality(event_kinds) >= 1 AND event_kinds <@ ARRAY['STEP_FAILED',
                      'STEP_ON_HOLD', 'GO_NO_GO_DONE', 'GATE_OVERRIDDEN', 'ITERATION_STARTED', 'ITERATION_COMPLETED',
                      'BROADCAST']::text[]),
    format        text NOT NULL CHECK (format IN ('GENERIC', 'SLACK', 'TEAMS')),
    -- The HMAC-SHA256 key for X-Cutplan-Signature. Never returned by the API after creation.
    secret        text NOT NULL CHECK (length(secret) BETWEEN 16 AND 200),
    enabled       boolean NOT NULL DEFAULT true,
    created_by    uuid REFERENCES users (id) ON DELETE SET NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    CHECK ((migration_id IS NULL) <> (iteration_id IS NULL))
);
CREATE INDEX webhooks_by_migration ON webhooks (migration_id) WHERE migration_id IS NOT NULL;
CREATE INDEX webhooks_by_iteration ON webhooks (iteration_id) WHERE iteration_id IS NOT NULL;

CREATE TABLE webhook_deliveries (
    id               uuid PRIMARY KEY,
    -- The order deliveries were queued in: per webhook and iteration, one is not sent while an earlier one waits.
    seq              bigserial NOT NULL UNIQUE,
    webhook_id       uuid NOT NULL REFERENCES webhooks (id) ON DELETE CASCADE,
    -- Null for a test delivery of a migration-scoped webhook.
    iteration_id     uuid REFERENCES iterations (id) ON DELETE CASCADE,
    -- The event_log row that caused it (null for a test delivery).
    event_id         uuid,
    kind             text NOT NULL CHECK (kind IN ('STEP_FAILED', 'STEP_ON_HOLD', 'GO_NO_GO_DONE', 'GATE_OVERRIDDEN',
                                                   'ITERATION_STARTED', 'ITERATION_COMPLETED', 'BROADCAST', 'TEST')),
    -- The exact body POSTed (rendered when the event happened, in the webhook's format); signed at send time.
    payload          text NOT NULL CHECK (length(payload) <= 100000),
    status           text NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'SENDING', 'SENT', 'FAILED')),
    attempts         integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    next_attempt_at  timestamptz NOT NULL DEFAULT now(),
    claim_token      uuid,
    claimed_by       text,
    claimed_until    timestamptz,
    -- Sanitised: never a URL's query string or user info.
    last_error       text CHECK (last_error IS NULL OR length(last_error) <= 2000),
    last_status_code integer,
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    sent_at          timestamptz,
    failed_at        timestamptz,
    CHECK ((status = 'SENDING') = (claim_token IS NOT NULL AND claimed_until IS NOT NULL)),
    CHECK ((status = 'SENT') = (sent_at IS NOT NULL))
);
-- One delivery per event and webhook.
CREATE UNIQUE INDEX webhook_deliveries_one_per_event ON webhook_deliveries (event_id, webhook_id) WHERE event_id IS NOT NULL;
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE status = 'PENDING';
CREATE INDEX webhook_deliveries_claimed ON webhook_deliveries (claimed_until) WHERE status = 'SENDING';
-- Head-of-line check: earlier unfinished deliveries of the same webhook and iteration.
CREATE INDEX webhook_deliveries_open ON webhook_deliveries (webhook_id, iteration_id, seq) WHERE status IN ('PENDING', 'SENDING');
CREATE INDEX webhook_deliveries_by_webhook ON webhook_deliveries (webhook_id, created_at);
CREATE INDEX webhook_deliveries_by_status ON webhook_deliveries (status, created_at);
