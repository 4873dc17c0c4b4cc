-- Undo of the last schedule copy (issue 17, Deliver 6). Before a copy replaces an iteration's chapter schedule,
-- the schedule it had is kept here: one snapshot per iteration, the last copy only (a new copy replaces it, an undo
-- consumes it). copy_version is the change version of the copy; an undo is refused once a later schedule change
-- committed (the iteration's schedule version moved past it), so an undo never loses later edits.
CREATE TABLE schedule_copy_snapshots (
    iteration_id       uuid PRIMARY KEY REFERENCES iterations (id) ON DELETE CASCADE,
    copy_version       bigint NOT NULL,
    from_iteration_id  uuid REFERENCES iterations (id) ON DELETE SET NULL,
    from_iteration_code text NOT NULL,
    copied_by          uuid REFERENCES users (id) ON DELETE SET NULL,
    copied_at          timestamptz NOT NULL DEFAULT now()
);

-- The target's planned slots as they were before the copy (none when it had no plan).
CREATE TABLE schedule_copy_snapshot_slots (
    iteration_id   uuid NOT NULL REFERENCES schedule_copy_snapshots (iteration_id) ON DELETE CASCADE,
    chapter_id     uuid NOT NULL,
    planned_start  timestamptz NOT NULL,
    planned_end    timestamptz NOT NULL,
    PRIMARY KEY (iteration_id, chapter_id),
    FOREIGN KEY (iteration_id, chapter_id) REFERENCES baseline_chapters (iteration_id, id) ON DELETE CASCADE,
    CHECK (planned_end > planned_start)
);
