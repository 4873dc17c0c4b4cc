-- Authoring: a revision per canonical plan, and indexes for "is this canonical row used by an iteration?".

-- Rises by one with every committed edit anywhere in the plan (its phases, chapters, steps, tasks, controls,
-- dependencies). Every authoring write locks the plan row first, so edits to one plan serialise (no two
-- concurrent dependency inserts can close a cycle together) and a client may send If-Match: <revision>
-- to refuse to overwrite an edit it has not seen.
ALTER TABLE plans ADD COLUMN revision bigint NOT NULL DEFAULT 0 CHECK (revision >= 0);

-- Deleting a canonical step or task checks for instances first; these also serve the foreign-key checks.
CREATE INDEX step_instances_by_step ON step_instances (step_id);
CREATE INDEX task_instances_by_task ON task_instances (task_id);
CREATE INDEX tasks_by_assigned_team ON tasks (assigned_team_id);
CREATE INDEX tasks_by_nominated_user ON tasks (nominated_user_id);
