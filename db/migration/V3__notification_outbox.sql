-- Notification outbox: one row per (event, recipient), written by the event listener inside the very
-- transaction that records the event, so a message exists if and only if its change committed.
-- A background dispatcher on any node claims due rows (FOR UPDATE SKIP LOCKED + a lease), sends them
-- outside the claim transaction, and records the outcome.

-- What one event's message says, rendered once when the event happens (so it describes the step as it was
-- then) and shared by all its recipients: a READY step with 30 team members stores its bodies once.
CREATE TABLE notification_contents (
    id            uuid PRIMARY KEY,
    event_id      uuid NOT NULL UNIQUE,
    iteration_id  uuid NOT NULL REFERENCES iterations (id) ON DELETE CASCADE,
    subject       text NOT NULL CHECK (length(subject) BETWEEN 1 AND 998 AND subject !~ '[\r\n]'),
    html_body     text NOT NULL,
    text_body     text NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX notification_contents_by_iteration ON notification_contents (iteration_id);

CREATE TABLE notification_outbox (
    id                 uuid PRIMARY KEY,
    -- The event_log row that caused the message (plain uuid like event_log's own links).
    event_id           uuid NOT NULL,
    content_id         uuid NOT NULL REFERENCES notification_contents (id) ON DELETE CASCADE,
    iteration_id       uuid NOT NULL REFERENCES iterations (id) ON DELETE CASCADE,
    step_instance_id   uuid,
    kind               text NOT NULL CHECK (kind IN ('STEP_READY', 'STEP_FAILED', 'STEP_ON_HOLD', 'GO_NO_GO_DONE',
                                                     'CONTROL_FAILED', 'COMMENT_ADDED')),
    recipient          text NOT NULL CHECK (length(recipient) <= 254 AND recipient ~ '^[^@\s,;<>"]+@[^@\s,;<>"]+$'),
    -- The user it was meant for (null in test mode, where everything goes to the iteration's test address).
    recipient_user_id  uuid REFERENCES users (id) ON DELETE SET NULL,
    test_mode          boolean NOT NULL DEFAULT false,
    status             text NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'SENDING', 'SENT', 'FAILED')),
    -- Attempts started so far (a claim counts as an attempt, so a message that crashes its node still ends FAILED).
    attempts           integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    next_attempt_at    timestamptz NOT NULL DEFAULT now(),
    -- Set while SENDING: who holds the message and until when; an expired lease may be taken over.
    claim_token        uuid,
    claimed_by         text,
    claimed_until      timestamptz,
    last_error         text CHECK (last_error IS NULL OR length(last_error) <= 2000),
    created_at         timestamptz NOT NULL DEFAULT now(),
    updated_at         timestamptz NOT NULL DEFAULT now(),
    sent_at            timestamptz,
    failed_at          timestamptz,
    CHECK ((status = 'SENDING') = (claim_token IS NOT NULL AND claimed_until IS NOT NULL)),
    CHECK ((status = 'SENT') = (sent_at IS NOT NULL))
);

-- Exactly one message per event and recipient, whatever the address's case.
CREATE UNIQUE INDEX notification_outbox_one_per_recipient ON notification_outbox (event_id, lower(recipient));
-- What the dispatcher polls: due PENDING rows and expired SENDING claims (small partial indexes).
CREATE INDEX notification_outbox_due ON notification_outbox (next_attempt_at) WHERE status = 'PENDING';
CREATE INDEX notification_outbox_claimed ON notification_outbox (claimed_until) WHERE status = 'SENDING';
-- The admin listing.
CREATE INDEX notification_outbox_by_status ON notification_outbox (status, created_at);
CREATE INDEX notification_outbox_by_iteration ON notification_outbox (iteration_id, created_at);
CREATE INDEX notification_outbox_by_content ON notification_outbox (content_id);
