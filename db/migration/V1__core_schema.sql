-- Cutplan core schema.
-- Canonical (reusable) plans live in plans .. step_dependencies; everything executed in one
-- rehearsal or cutover lives in the *_instances tables keyed by iteration. UUID keys everywhere;
-- human-readable codes are separate, unique columns. Every status column has a CHECK.

-- ---------------------------------------------------------------- people
CREATE TABLE teams (
    id          uuid PRIMARY KEY,
    code        text NOT NULL UNIQUE CHECK (length(code) BETWEEN 1 AND 64),
    name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    email       text CHECK (email IS NULL OR email ~ '^[^@\s]+@[^@\s]+$'),
    created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE users (
    id            uuid PRIMARY KEY,
    username      text NOT NULL UNIQUE CHECK (length(username) BETWEEN 1 AND 255),
    display_name  text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 255),
    email         text CHECK (email IS NULL OR email ~ '^[^@\s]+@[^@\s]+$'),
    role          text NOT NULL CHECK (role IN ('ADMIN', 'PILOT', 'NORMAL')),
    active        boolean NOT NULL DEFAULT true,
    created_at    timestamptz NOT NULL DEFAULT now()
);

-- Team membership (name kept from the original design).
CREATE TABLE teams_tms_x_users_usr (
    team_id  uuid NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
    user_id  uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    PRIMARY KEY (team_id, user_id)
);
CREATE INDEX teams_x_users_by_user ON teams_tms_x_users_usr (user_id);

-- Passwords for the standalone host's HTTP Basic login only; Confluence authenticates its own users.
CREATE TABLE local_credentials (
    user_id        uuid PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    password_hash  text NOT NULL,
    updated_at     timestamptz NOT NULL DEFAULT now()
);

-- ---------------------------------------------------------------- canonical plans
CREATE TABLE plans (
    id           uuid PRIMARY KEY,
    code         text NOT NULL UNIQUE CHECK (length(code) BETWEEN 1 AND 64),
    name         text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    description  text,
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE macro_phases (
    id        uuid PRIMARY KEY,
    plan_id   uuid NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    position  integer NOT NULL CHECK (position >= 0),
    name      text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    UNIQUE (id, plan_id),
    UNIQUE (plan_id, position) DEFERRABLE INITIALLY DEFERRED
);

CREATE TABLE chapters (
    id              uuid PRIMARY KEY,
    plan_id         uuid NOT NULL,
    macro_phase_id  uuid NOT NULL,
    position        integer NOT NULL CHECK (position >= 0),
    code            text NOT NULL CHECK (length(code) BETWEEN 1 AND 64),
    name            text NOT NULL CHECK (length(name) BETWEEN 1 AND 300),
    FOREIGN KEY (macro_phase_id, plan_id) REFERENCES macro_phases (id, plan_id) ON DELETE CASCADE,
    UNIQUE (id, plan_id),
    UNIQUE (plan_id, code),
    UNIQUE (macro_phase_id, position) DEFERRABLE INITIALLY DEFERRED
);

CREATE TABLE steps (
    id                        uuid PRIMARY KEY,
    plan_id                   uuid NOT NULL,
    chapter_id                uuid NOT NULL,
    position                  integer NOT NULL CHECK (position >= 0),
    code                      text NOT NULL CHECK (code ~ '^[A-Z][A-Z0-9]{0,9}-[0-9]{1,6}$'),
    step_type                 text NOT NULL CHECK (step_type ~ '^[A-Z][A-Z0-9]{0,9}$'),
    title                     text NOT NULL CHECK (length(title) BETWEEN 1 AND 500),
    description               text,
    owner_team_id             uuid REFERENCES teams (id) ON DELETE SET NULL,
    planned_duration_minutes  integer NOT NULL CHECK (planned_duration_minutes BETWEEN 1 AND 10080),
    go_no_go                  boolean NOT NULL DEFAULT false,
    FOREIGN KEY (chapter_id, plan_id) REFERENCES chapters (id, plan_id) ON DELETE CASCADE,
    UNIQUE (id, plan_id),
    UNIQUE (plan_id, code),
    UNIQUE (chapter_id, position) DEFERRABLE INITIALLY DEFERRED
);
CREATE INDEX steps_by_owner_team ON steps (owner_team_id);

CREATE TABLE step_impacted_teams (
    step_id  uuid NOT NULL REFERENCES steps (id) ON DELETE CASCADE,
    team_id  uuid NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
    PRIMARY KEY (step_id, team_id)
);
CREATE INDEX step_impacted_teams_by_team ON step_impacted_teams (team_id);

-- Predecessor -> successor, both in the same plan; never a self-loop. Cycles are refused by the service.
CREATE TABLE step_dependencies (
    plan_id              uuid NOT NULL,
    predecessor_step_id  uuid NOT NULL,
    successor_step_id    uuid NOT NULL,
    PRIMARY KEY (predecessor_step_id, successor_step_id),
    FOREIGN KEY (predecessor_step_id, plan_id) REFERENCES steps (id, plan_id) ON DELETE CASCADE,
    FOREIGN KEY (successor_step_id, plan_id) REFERENCES steps (id, plan_id) ON DELETE CASCADE,
    CHECK (predecessor_step_id <> successor_step_id)
);
CREATE INDEX step_dependencies_by_successor ON step_dependencies (successor_step_id);
CREATE INDEX step_dependencies_by_plan ON step_dependencies (plan_id);

CREATE TABLE tasks (
    id                 uuid PRIMARY KEY,
    step_id            uuid NOT NULL REFERENCES steps (id) ON DELETE CASCADE,
    position           integer NOT NULL CHECK (position >= 0),
    title              text NOT NULL CHECK (length(title) BETWEEN 1 AND 500),
    description        text,
    assigned_team_id   uuid REFERENCES teams (id) ON DELETE SET NULL,
    nominated_user_id  uuid REFERENCES users (id) ON DELETE SET NULL,
    UNIQUE (step_id, position) DEFERRABLE INITIALLY DEFERRED
);

CREATE TABLE controls (
    id           uuid PRIMARY KEY,
    plan_id      uuid NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    code         text NOT NULL CHECK (length(code) BETWEEN 1 AND 64),
    title        text NOT NULL CHECK (length(title) BETWEEN 1 AND 500),
    description  text,
    critical     boolean NOT NULL DEFAULT false,
    UNIQUE (plan_id, code)
);

CREATE TABLE task_controls_link (
    task_id     uuid NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
    control_id  uuid NOT NULL REFERENCES controls (id) ON DELETE CASCADE,
    PRIMARY KEY (task_id, control_id)
);
CREATE INDEX task_controls_link_by_control ON task_controls_link (control_id);

-- ---------------------------------------------------------------- execution
-- A migration is the programme (e.g. "Core banking move 2027"); its iterations are the rehearsals and the cutover.
CREATE TABLE migrations (
    id           uuid PRIMARY KEY,
    code         text NOT NULL UNIQUE CHECK (length(code) BETWEEN 1 AND 64),
    name         text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    description  text,
    created_at   timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE iterations (
    id                 uuid PRIMARY KEY,
    migration_id       uuid NOT NULL REFERENCES migrations (id) ON DELETE CASCADE,
    plan_id            uuid NOT NULL REFERENCES plans (id),
    code               text NOT NULL CHECK (code ~ '^[A-Za-z0-9_.-]{1,32}$'),
    name               text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    iteration_type     text NOT NULL CHECK (iteration_type IN ('RUN', 'DRESS_REHEARSAL', 'CUTOVER')),
    planned_start      timestamptz NOT NULL,
    planned_end        timestamptz NOT NULL,
    status             text NOT NULL DEFAULT 'PLANNED'
                       CHECK (status IN ('PLANNED', 'IN_PROGRESS', 'COMPLETED', 'CANCELLED')),
    -- Rises by one in every committed change to anything in this iteration (delta polling).
    change_version     bigint NOT NULL DEFAULT 0 CHECK (change_version >= 0),
    notification_mode  text NOT NULL DEFAULT 'OFF' CHECK (notification_mode IN ('ON', 'OFF', 'TEST')),
    notification_test_address text CHECK (notification_test_address IS NULL
                                          OR notification_test_address ~ '^[^@\s]+@[^@\s]+$'),
    notify_comments    boolean NOT NULL DEFAULT true,
    created_at         timestamptz NOT NULL DEFAULT now(),
    UNIQUE (migration_id, code),
    CHECK (planned_end > planned_start),
    CHECK (notification_mode <> 'TEST' OR notification_test_address IS NOT NULL)
);
CREATE INDEX iterations_by_plan ON iterations (plan_id);
CREATE INDEX iterations_by_status ON iterations (status);

-- Which canonical steps an iteration executes.
CREATE TABLE step_iteration_scope (
    iteration_id  uuid NOT NULL REFERENCES iterations (id) ON DELETE CASCADE,
    step_id       uuid NOT NULL REFERENCES steps (id) ON DELETE CASCADE,
    PRIMARY KEY (iteration_id, step_id)
);

CREATE TABLE plan_instances (
    id            uuid PRIMARY KEY,
    iteration_id  uuid NOT NULL UNIQUE REFERENCES iterations (id) ON DELETE CASCADE,
    plan_id       uuid NOT NULL REFERENCES plans (id),
    status        text NOT NULL DEFAULT 'NOT_STARTED'
                  CHECK (status IN ('NOT_STARTED', 'IN_PROGRESS', 'COMPLETED', 'CANCELLED')),
    started_at    timestamptz,
    finished_at   timestamptz,
    created_at    timestamptz NOT NULL DEFAULT now(),
    version       integer NOT NULL DEFAULT 1 CHECK (version >= 1)
);

CREATE TABLE step_instances (
    id                   uuid PRIMARY KEY,
    iteration_id         uuid NOT NULL REFERENCES iterations (id) ON DELETE CASCADE,
    plan_instance_id     uuid NOT NULL REFERENCES plan_instances (id) ON DELETE CASCADE,
    step_id              uuid NOT NULL REFERENCES steps (id),
    status               text NOT NULL CHECK (status IN ('PENDING', 'READY', 'IN_PROGRESS', 'DONE', 'FAILED',
                                                          'ON_HOLD', 'SKIPPED', 'CANCELLED')),
    -- Status to return to when taken off hold (READY or IN_PROGRESS).
    held_from            text CHECK (held_from IS NULL OR held_from IN ('READY', 'IN_PROGRESS')),
    ready_at             timestamptz,
    started_at           timestamptz,
    finished_at          timestamptz,
    last_actor_id        uuid REFERENCES users (id) ON DELETE SET NULL,
    gate_overridden      boolean NOT NULL DEFAULT false,
    version              integer NOT NULL DEFAULT 1 CHECK (version >= 1),
    -- The iteration change_version of this row's last change (delta polling).
    changed_in_version   bigint NOT NULL DEFAULT 0,
    UNIQUE (iteration_id, step_id),
    CHECK ((status = 'ON_HOLD') = (held_from IS NOT NULL))
);
CREATE INDEX step_instances_changed ON step_instances (iteration_id, changed_in_version);
CREATE INDEX step_instances_by_status ON step_instances (iteration_id, status);

CREATE TABLE task_instances (
    id                  uuid PRIMARY KEY,
    iteration_id        uuid NOT NULL REFERENCES iterations (id) ON DELETE CASCADE,
    step_instance_id    uuid NOT NULL REFERENCES step_instances (id) ON DELETE CASCADE,
    task_id             uuid NOT NULL REFERENCES tasks (id),
    status              text NOT NULL DEFAULT 'OPEN' CHECK (status IN ('OPEN', 'DONE')),
    completed_at        timestamptz,
    completed_by        uuid REFERENCES users (id) ON DELETE SET NULL,
    version             integer NOT NULL DEFAULT 1 CHECK (version >= 1),
    changed_in_version  bigint NOT NULL DEFAULT 0,
    UNIQUE (iteration_id, task_id),
    CHECK ((status = 'DONE') = (completed_at IS NOT NULL))
);
CREATE INDEX task_instances_by_step ON task_instances (step_instance_id);
CREATE INDEX task_instances_changed ON task_instances (iteration_id, changed_in_version);

CREATE TABLE control_iteration_status (
    iteration_id        uuid NOT NULL REFERENCES iterations (id) ON DELETE CASCADE,
    control_id          uuid NOT NULL REFERENCES controls (id) ON DELETE CASCADE,
    status              text NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'PASSED', 'FAILED')),
    set_by              uuid REFERENCES users (id) ON DELETE SET NULL,
    set_at              timestamptz,
    note                text CHECK (note IS NULL OR length(note) <= 4000),
    version             integer NOT NULL DEFAULT 1 CHECK (version >= 1),
    changed_in_version  bigint NOT NULL DEFAULT 0,
    PRIMARY KEY (iteration_id, control_id)
);
CREATE INDEX control_iteration_status_changed ON control_iteration_status (iteration_id, changed_in_version);

CREATE TABLE chapter_schedules (
    iteration_id   uuid NOT NULL REFERENCES iterations (id) ON DELETE CASCADE,
    chapter_id     uuid NOT NULL REFERENCES chapters (id) ON DELETE CASCADE,
    planned_start  timestamptz NOT NULL,
    planned_end    timestamptz NOT NULL,
    updated_by     uuid REFERENCES users (id) ON DELETE SET NULL,
    updated_at     timestamptz NOT NULL DEFAULT now(),
    changed_in_version bigint NOT NULL DEFAULT 0,
    PRIMARY KEY (iteration_id, chapter_id),
    CHECK (planned_end > planned_start)
);

CREATE TABLE comments (
    id                  uuid PRIMARY KEY,
    iteration_id        uuid NOT NULL REFERENCES iterations (id) ON DELETE CASCADE,
    step_instance_id    uuid NOT NULL REFERENCES step_instances (id) ON DELETE CASCADE,
    author_id           uuid REFERENCES users (id) ON DELETE SET NULL,
    author_name         text NOT NULL,
    body                text NOT NULL CHECK (length(body) BETWEEN 1 AND 8000),
    created_at          timestamptz NOT NULL DEFAULT now(),
    changed_in_version  bigint NOT NULL DEFAULT 0
);
CREATE INDEX comments_by_step ON comments (step_instance_id, created_at);

-- ---------------------------------------------------------------- audit
-- Append-only: the trigger below refuses UPDATE, DELETE and TRUNCATE. Links are plain uuids (no FKs)
-- so the audit outlives whatever it describes.
CREATE TABLE event_log (
    id                uuid PRIMARY KEY,
    occurred_at       timestamptz NOT NULL DEFAULT clock_timestamp(),
    event_type        text NOT NULL CHECK (event_type ~ '^[A-Z][A-Z_]{1,63}$'),
    actor_id          uuid,
    actor_name        text,
    iteration_id      uuid,
    step_instance_id  uuid,
    task_instance_id  uuid,
    control_id        uuid,
    comment_id        uuid,
    change_version    bigint,
    details           jsonb NOT NULL DEFAULT '{}'::jsonb CHECK (jsonb_typeof(details) = 'object')
);
CREATE INDEX event_log_by_iteration_version ON event_log (iteration_id, change_version);
CREATE INDEX event_log_by_step ON event_log (step_instance_id, occurred_at);
CREATE INDEX event_log_by_type ON event_log (iteration_id, event_type);

CREATE FUNCTION event_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'event_log is append-only: % refused', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER event_log_append_only_rows
    BEFORE UPDATE OR DELETE ON event_log
    FOR EACH ROW EXECUTE FUNCTION event_log_refuse_change();

CREATE TRIGGER event_log_append_only_truncate
    BEFORE TRUNCATE ON event_log
    FOR EACH STATEMENT EXECUTE FUNCTION event_log_refuse_change();
