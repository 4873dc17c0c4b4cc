-- Four-eyes gate override (issue 17, Deliver 2). With plans.four_eyes_override on, a pilot's override of a step's
-- go/no-go gate is only a request: it waits in gate_overrides until a different pilot confirms it (the step then
-- completes as a single override did) or rejects it. Off (the default), one pilot's override completes the step.

ALTER TABLE plans ADD COLUMN four_eyes_override boolean NOT NULL DEFAULT false;

-- Every override request and what became of it. At most one PENDING request per step instance (the partial unique
-- index), so two requests or two confirmations racing each other cannot both win.
CREATE TABLE gate_overrides (
    id                 uuid PRIMARY KEY,
    iteration_id       uuid NOT NULL REFERENCES iterations (id) ON DELETE CASCADE,
    step_instance_id   uuid NOT NULL REFERENCES step_instances (id) ON DELETE CASCADE,
    requested_by       uuid REFERENCES users (id) ON DELETE SET NULL,
    requested_by_name  text NOT NULL CHECK (length(requested_by_name) BETWEEN 1 AND 255),
    requested_at       timestamptz NOT NULL DEFAULT now(),
    reason             text NOT NULL CHECK (length(reason) BETWEEN 1 AND 2000),
    -- PENDING: waiting for a second pilot; CONFIRMED: a second pilot completed the step; REJECTED: a pilot refused
    -- it (or its requester withdrew it); CLEARED: the step moved on otherwise (completed, failed, held...).
    status             text NOT NULL DEFAULT 'PENDING'
                       CHECK (status IN ('PENDING', 'CONFIRMED', 'REJECTED', 'CLEARED')),
    decided_by         uuid REFERENCES users (id) ON DELETE SET NULL,
    decided_at         timestamptz,
    decision_reason    text CHECK (decision_reason IS NULL OR length(decision_reason) BETWEEN 1 AND 2000),
    CHECK ((status = 'PENDING') = (decided_at IS NULL))
);
CREATE UNIQUE INDEX gate_overrides_one_pending ON gate_overrides (step_instance_id) WHERE status = 'PENDING';
CREATE INDEX gate_overrides_by_iteration ON gate_overrides (iteration_id, status);
