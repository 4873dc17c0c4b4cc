-- Iteration baselines: every iteration keeps its own copy of the plan content it runs, so an edit of the
-- canonical plan never changes an iteration under the pilot's feet. A PLANNED iteration takes the plan's
-- current content only when it is refreshed (POST /iterations/{id}/refresh); a running or finished iteration
-- keeps what it was instantiated (or last refreshed) with. The baseline rows keep the canonical ids, so an
-- instance row still names "its" canonical step, task, control and chapter, but reads its content here.

ALTER TABLE iterations
    -- The plan revision the baseline was copied at (instantiation or the last refresh).
    ADD COLUMN baseline_revision bigint NOT NULL DEFAULT 0 CHECK (baseline_revision >= 0),
    ADD COLUMN baseline_refreshed_at timestamptz;

CREATE TABLE baseline_macro_phases (
    iteration_id  uuid NOT NULL REFERENCES iterations (id) ON DELETE CASCADE,
    id            uuid NOT NULL,
    position      integer NOT NULL,
    name          text NOT NULL,
    PRIMARY KEY (iteration_id, id)
);

CREATE TABLE baseline_chapters (
    iteration_id    uuid NOT NULL,
    id              uuid NOT NULL,
    macro_phase_id  uuid NOT NULL,
    position        integer NOT NULL,
    code            text NOT NULL,
    name            text NOT NULL,
    PRIMARY KEY (iteration_id, id),
    FOREIGN KEY (iteration_id, macro_phase_id) REFERENCES baseline_macro_phases (iteration_id, id) ON DELETE CASCADE
);

CREATE TABLE baseline_steps (
    iteration_id              uuid NOT NULL,
    id                        uuid NOT NULL,
    chapter_id                uuid NOT NULL,
    position                  integer NOT NULL,
    code                      text NOT NULL,
    step_type                 text NOT NULL,
    title                     text NOT NULL,
    description               text,
    owner_team_id             uuid REFERENCES teams (id) ON DELETE SET NULL,
    planned_duration_minutes  integer NOT NULL CHECK (planned_duration_minutes BETWEEN 1 AND 10080),
    go_no_go                  boolean NOT NULL,
    PRIMARY KEY (iteration_id, id),
    FOREIGN KEY (iteration_id, chapter_id) REFERENCES baseline_chapters (iteration_id, id) ON DELETE CASCADE
);
CREATE INDEX baseline_steps_by_owner_team ON baseline_steps (owner_team_id);

CREATE TABLE baseline_step_teams (
    iteration_id  uuid NOT NULL,
    step_id       uuid NOT NULL,
    team_id       uuid NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
    PRIMARY KEY (iteration_id, step_id, team_id),
    FOREIGN KEY (iteration_id, step_id) REFERENCES baseline_steps (iteration_id, id) ON DELETE CASCADE
);
CREATE INDEX baseline_step_teams_by_team ON baseline_step_teams (team_id);

CREATE TABLE baseline_dependencies (
    iteration_id         uuid NOT NULL,
    predecessor_step_id  uuid NOT NULL,
    successor_step_id    uuid NOT NULL,
    PRIMARY KEY (iteration_id, predecessor_step_id, successor_step_id),
    FOREIGN KEY (iteration_id, predecessor_step_id) REFERENCES baseline_steps (iteration_id, id) ON DELETE CASCADE,
    FOREIGN KEY (iteration_id, successor_step_id) REFERENCES baseline_steps (iteration_id, id) ON DELETE CASCADE
);
CREATE INDEX baseline_dependencies_by_successor ON baseline_dependencies (iteration_id, successor_step_id);

CREATE TABLE baseline_tasks (
    iteration_id       uuid NOT NULL,
    id                 uuid NOT NULL,
    step_id            uuid NOT NULL,
    position           integer NOT NULL,
    title              text NOT NULL,
    description        text,
    assigned_team_id   uuid REFERENCES teams (id) ON DELETE SET NULL,
    nominated_user_id  uuid REFERENCES users (id) ON DELETE SET NULL,
    PRIMARY KEY (iteration_id, id),
    FOREIGN KEY (iteration_id, step_id) REFERENCES baseline_steps (iteration_id, id) ON DELETE CASCADE
);
CREATE INDEX baseline_tasks_by_step ON baseline_tasks (iteration_id, step_id);
CREATE INDEX baseline_tasks_by_assigned_team ON baseline_tasks (assigned_team_id);
CREATE INDEX baseline_tasks_by_nominated_user ON baseline_tasks (nominated_user_id);

CREATE TABLE baseline_controls (
    iteration_id  uuid NOT NULL REFERENCES iterations (id) ON DELETE CASCADE,
    id            uuid NOT NULL,
    code          text NOT NULL,
    title         text NOT NULL,
    description   text,
    critical      boolean NOT NULL,
    PRIMARY KEY (iteration_id, id)
);

CREATE TABLE baseline_task_controls (
    iteration_id  uuid NOT NULL,
    task_id       uuid NOT NULL,
    control_id    uuid NOT NULL,
    PRIMARY KEY (iteration_id, task_id, control_id),
    FOREIGN KEY (iteration_id, task_id) REFERENCES baseline_tasks (iteration_id, id) ON DELETE CASCADE,
    FOREIGN KEY (iteration_id, control_id) REFERENCES baseline_controls (iteration_id, id) ON DELETE CASCADE
);
CREATE INDEX baseline_task_controls_by_control ON baseline_task_controls (iteration_id, control_id);

-- Iterations that exist already read their plan live until now: their baseline is the plan as it is today.
INSERT INTO baseline_macro_phases (iteration_id, id, position, name)
SELECT i.id, mp.id, mp.position, mp.name FROM iterations i JOIN macro_phases mp ON mp.plan_id = i.plan_id;
INSERT INTO baseline_chapters (iteration_id, id, macro_phase_id, position, code, name)
SELECT i.id, ch.id, ch.macro_phase_id, ch.position, ch.code, ch.name FROM iterations i JOIN chapters ch ON ch.plan_id = i.plan_id;
INSERT INTO baseline_steps (iteration_id, id, chapter_id, position, code, step_type, title, description, owner_team_id,
                            planned_duration_minutes, go_no_go)
SELECT i.id, s.id, s.chapter_id, s.position, s.code, s.step_type, s.title, s.description, s.owner_team_id,
       s.planned_duration_minutes, s.go_no_go
  FROM iterations i JOIN steps s ON s.plan_id = i.plan_id;
INSERT INTO baseline_step_teams (iteration_id, step_id, team_id)
SELECT i.id, t.step_id, t.team_id FROM iterations i JOIN steps s ON s.plan_id = i.plan_id JOIN step_impacted_teams t ON t.step_id = s.id;
INSERT INTO baseline_dependencies (iteration_id, predecessor_step_id, successor_step_id)
SELECT i.id, d.predecessor_step_id, d.successor_step_id FROM iterations i JOIN step_dependencies d ON d.plan_id = i.plan_id;
INSERT INTO baseline_tasks (iteration_id, id, step_id, position, title, description, assigned_team_id, nominated_user_id)
SELECT i.id, t.id, t.step_id, t.position, t.title, t.description, t.assigned_team_id, t.nominated_user_id
  FROM iterations i JOIN steps s ON s.plan_id = i.plan_id JOIN tasks t ON t.step_id = s.id;
INSERT INTO baseline_controls (iteration_id, id, code, title, description, critical)
SELECT i.id, k.id, k.code, k.title, k.description, k.critical FROM iterations i JOIN controls k ON k.plan_id = i.plan_id;
INSERT INTO baseline_task_controls (iteration_id, task_id, control_id)
SELECT i.id, l.task_id, l.control_id
  FROM iterations i JOIN steps s ON s.plan_id = i.plan_id JOIN tasks t ON t.step_id = s.id
  JOIN task_controls_link l ON l.task_id = t.id;
UPDATE iterations i SET baseline_revision = p.revision FROM plans p WHERE p.id = i.plan_id;

-- Instance rows now hang off the iteration's baseline, not the canonical plan: the plan's rows may be edited or
-- deleted while iterations keep theirs.
ALTER TABLE step_instances DROP CONSTRAINT step_instances_step_id_fkey,
    ADD FOREIGN KEY (iteration_id, step_id) REFERENCES baseline_steps (iteration_id, id);
ALTER TABLE task_instances DROP CONSTRAINT task_instances_task_id_fkey,
    ADD FOREIGN KEY (iteration_id, task_id) REFERENCES baseline_tasks (iteration_id, id);
ALTER TABLE control_iteration_status DROP CONSTRAINT control_iteration_status_control_id_fkey,
    ADD FOREIGN KEY (iteration_id, control_id) REFERENCES baseline_controls (iteration_id, id) ON DELETE CASCADE;
ALTER TABLE step_iteration_scope DROP CONSTRAINT step_iteration_scope_step_id_fkey,
    ADD FOREIGN KEY (iteration_id, step_id) REFERENCES baseline_steps (iteration_id, id) ON DELETE CASCADE;
ALTER TABLE chapter_schedules DROP CONSTRAINT chapter_schedules_chapter_id_fkey,
    ADD FOREIGN KEY (iteration_id, chapter_id) REFERENCES baseline_chapters (iteration_id, id) ON DELETE CASCADE;
