-- Lessons learned after a rehearsal (issue 14): one review note per iteration (step_instance_id NULL) and at most
-- one per step instance. Every change to a note is also a REVIEW_NOTE_CHANGED event in event_log, like every change.
CREATE TABLE review_notes (
    id                  uuid PRIMARY KEY,
    iteration_id        uuid NOT NULL REFERENCES iterations (id) ON DELETE CASCADE,
    step_instance_id    uuid REFERENCES step_instances (id) ON DELETE CASCADE,
    body                text NOT NULL CHECK (length(body) BETWEEN 1 AND 4000),
    author_id           uuid REFERENCES users (id) ON DELETE SET NULL,
    author_name         text NOT NULL,
    updated_at          timestamptz NOT NULL DEFAULT now(),
    changed_in_version  bigint NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX review_notes_one_per_iteration ON review_notes (iteration_id) WHERE step_instance_id IS NULL;
CREATE UNIQUE INDEX review_notes_one_per_step ON review_notes (iteration_id, step_instance_id)
    WHERE step_instance_id IS NOT NULL;
