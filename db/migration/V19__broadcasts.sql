-- Broadcasts (issue 17, Deliver 5): a pilot's status update to an iteration's stakeholders, and an optional automatic
-- hourly summary. The broadcasts themselves are BROADCAST_POSTED rows of event_log (the one record of what was said);
-- this migration adds who they go to, the hourly setting, the slot ledger that makes the summary exactly-once across
-- nodes, and the outbox kind of their e-mail.

-- Per iteration: the stakeholder e-mail list (checked by the service with EmailAddresses, at most 200) and whether an
-- hourly summary is posted while the iteration is IN_PROGRESS (off by default). No row: no stakeholders, summary off.
CREATE TABLE iteration_broadcast_settings (
    iteration_id    uuid PRIMARY KEY REFERENCES iterations (id) ON DELETE CASCADE,
    stakeholders    text[] NOT NULL DEFAULT '{}' CHECK (cardinality(stakeholders) <= 200),
    hourly_summary  boolean NOT NULL DEFAULT false,
    updated_at      timestamptz NOT NULL DEFAULT now()
);

-- One row per iteration and hour slot whose automatic summary was written: the scheduler of every node inserts
-- ON CONFLICT DO NOTHING in the transaction that writes the summary's event, so exactly one node writes each slot.
CREATE TABLE broadcast_summary_slots (
    iteration_id  uuid NOT NULL REFERENCES iterations (id) ON DELETE CASCADE,
    slot_start    timestamptz NOT NULL,
    -- The summary's BROADCAST_POSTED event (set in the same transaction, right after the slot is taken).
    event_id      uuid,
    written_by    text CHECK (written_by IS NULL OR length(written_by) <= 200),
    created_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (iteration_id, slot_start)
);

-- The broadcast e-mail is one more kind of the outbox (recipients: the stakeholder list).
ALTER TABLE notification_outbox DROP CONSTRAINT notification_outbox_kind_check;
ALTER TABLE notification_outbox ADD CONSTRAINT notification_outbox_kind_check
    CHECK (kind IN ('STEP_READY', 'STEP_FAILED', 'STEP_ON_HOLD', 'GO_NO_GO_DONE', 'CONTROL_FAILED', 'COMMENT_ADDED',
                    'BROADCAST'));
