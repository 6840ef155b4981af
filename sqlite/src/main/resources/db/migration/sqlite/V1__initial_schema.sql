-- Statekeeper's SQLite schema, version 1: the tables of seed 001 (respec's PostgreSQL schema), with
-- critic feedback as one row per entry instead of a growing JSON array.
--
-- Conventions: STRICT tables (column types are enforced); timestamps are INTEGER microseconds since
-- 1970-01-01T00:00:00Z; documents are JSON text; every rule of the domain that a row can break on its own
-- is a CHECK, so even raw SQL cannot store what the API would refuse. The last statement sets
-- PRAGMA user_version, which the store reads on open to skip Flyway when the schema is current.

CREATE TABLE loop_states (
    id             TEXT    NOT NULL PRIMARY KEY CHECK (length(id) BETWEEN 1 AND 64),
    project_name   TEXT    NOT NULL CHECK (length(project_name) BETWEEN 1 AND 255),
    loop_type      TEXT    NOT NULL
        CHECK (loop_type IN ('plan', 'roadmap', 'spec', 'build_plan', 'build_code', 'analyst')),
    status         TEXT    NOT NULL
        CHECK (status IN ('initialized', 'in_progress', 'completed', 'user_input', 'refine')),
    current_score  INTEGER NOT NULL DEFAULT 0 CHECK (current_score BETWEEN 0 AND 100),
    iteration      INTEGER NOT NULL DEFAULT 1 CHECK (iteration >= 1),
    feedback_count INTEGER NOT NULL DEFAULT 0 CHECK (feedback_count >= 0),
    created_at     INTEGER NOT NULL,
    updated_at     INTEGER NOT NULL,
    version        INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1)
) STRICT;

CREATE INDEX idx_loop_states_project ON loop_states (project_name);
CREATE INDEX idx_loop_states_status ON loop_states (status);
CREATE INDEX idx_loop_states_created ON loop_states (created_at DESC);

-- One row per feedback entry; seq is 1, 2, ... per loop. Appending inserts one row, whatever the history
-- length; the loop's score history is overall_score in seq order.
CREATE TABLE critic_feedback (
    loop_id            TEXT    NOT NULL REFERENCES loop_states (id) ON DELETE CASCADE,
    seq                INTEGER NOT NULL CHECK (seq >= 1),
    critic_agent       TEXT    NOT NULL CHECK (length(critic_agent) BETWEEN 1 AND 100),
    iteration          INTEGER NOT NULL CHECK (iteration >= 1),
    overall_score      INTEGER NOT NULL CHECK (overall_score BETWEEN 0 AND 100),
    assessment_summary TEXT    NOT NULL CHECK (length(assessment_summary) >= 1),
    detailed_feedback  TEXT    NOT NULL,
    key_issues         TEXT    NOT NULL CHECK (json_valid(key_issues) AND json_type(key_issues) = 'array'),
    recommendations    TEXT    NOT NULL CHECK (json_valid(recommendations) AND json_type(recommendations) = 'array'),
    assessed_at        INTEGER NOT NULL,
    PRIMARY KEY (loop_id, seq)
) STRICT;

-- The bounded active-loop queue: the store trims it to the newest STATEKEEPER_LOOP_HISTORY_SIZE entries
-- after each create. sequence_number is the rowid, so newest-first reads need no extra index.
CREATE TABLE loop_history (
    sequence_number INTEGER PRIMARY KEY AUTOINCREMENT,
    loop_id         TEXT    NOT NULL UNIQUE REFERENCES loop_states (id) ON DELETE CASCADE,
    added_at        INTEGER NOT NULL
) STRICT;

CREATE TABLE objective_feedback (
    loop_id    TEXT    NOT NULL PRIMARY KEY REFERENCES loop_states (id) ON DELETE CASCADE,
    feedback   TEXT    NOT NULL CHECK (length(trim(feedback)) >= 1),
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
) STRICT;

-- The current version of each spec; id gives the creation order. spec_status repeats content's status
-- so that listing by status can use an index.
CREATE TABLE technical_specs (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    project_name TEXT    NOT NULL CHECK (length(project_name) BETWEEN 1 AND 255),
    spec_name    TEXT    NOT NULL
        CHECK (length(spec_name) BETWEEN 1 AND 255 AND spec_name NOT GLOB '*[^a-z0-9-]*'),
    spec_status  TEXT    NOT NULL CHECK (spec_status IN
        ('draft', 'in-review', 'approved', 'implementation-ready', 'in-development', 'completed')),
    iteration    INTEGER NOT NULL CHECK (iteration >= 0),
    version      INTEGER NOT NULL CHECK (version >= 1),
    content      TEXT    NOT NULL CHECK (json_valid(content) AND json_type(content) = 'object'),
    created_at   INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL,
    UNIQUE (project_name, spec_name)
) STRICT;

-- The unique index on (project_name, spec_name) also serves lookups by project.
CREATE INDEX idx_specs_status ON technical_specs (spec_status);

-- Every version of every spec, the current one included.
CREATE TABLE spec_revisions (
    spec_id    INTEGER NOT NULL REFERENCES technical_specs (id) ON DELETE CASCADE,
    version    INTEGER NOT NULL CHECK (version >= 1),
    iteration  INTEGER NOT NULL CHECK (iteration >= 0),
    content    TEXT    NOT NULL CHECK (json_valid(content) AND json_type(content) = 'object'),
    revised_at INTEGER NOT NULL,
    PRIMARY KEY (spec_id, version)
) STRICT;

CREATE TABLE loop_to_spec_mappings (
    loop_id   TEXT    NOT NULL PRIMARY KEY REFERENCES loop_states (id) ON DELETE CASCADE,
    spec_id   INTEGER NOT NULL REFERENCES technical_specs (id) ON DELETE CASCADE,
    linked_at INTEGER NOT NULL
) STRICT;

-- Deleting a spec looks up its links by spec_id.
CREATE INDEX idx_mappings_spec ON loop_to_spec_mappings (spec_id);

CREATE TABLE roadmaps (
    project_name   TEXT    NOT NULL PRIMARY KEY CHECK (length(project_name) BETWEEN 1 AND 255),
    roadmap_status TEXT    NOT NULL CHECK (roadmap_status IN
        ('draft', 'in-review', 'approved', 'in-progress', 'completed', 'blocked')),
    content        TEXT    NOT NULL CHECK (json_valid(content) AND json_type(content) = 'object'),
    version        INTEGER NOT NULL CHECK (version >= 1),
    created_at     INTEGER NOT NULL,
    updated_at     INTEGER NOT NULL
) STRICT;

CREATE TABLE project_plans (
    project_name TEXT    NOT NULL PRIMARY KEY CHECK (length(project_name) BETWEEN 1 AND 255),
    plan_status  TEXT    NOT NULL CHECK (plan_status IN
        ('draft', 'in-review', 'approved', 'active', 'completed', 'cancelled')),
    content      TEXT    NOT NULL CHECK (json_valid(content) AND json_type(content) = 'object'),
    version      INTEGER NOT NULL CHECK (version >= 1),
    created_at   INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL
) STRICT;

CREATE INDEX idx_plans_status ON project_plans (plan_status);

CREATE TABLE sessions (
    name       TEXT    NOT NULL PRIMARY KEY CHECK (length(name) BETWEEN 1 AND 255),
    repo_name  TEXT    CHECK (repo_name IS NULL OR length(repo_name) <= 255),
    repo_url   TEXT    CHECK (repo_url IS NULL OR length(repo_url) <= 2048),
    branch     TEXT    CHECK (branch IS NULL OR length(branch) <= 255),
    task_id    TEXT    CHECK (task_id IS NULL OR length(task_id) <= 255),
    status     TEXT    NOT NULL CHECK (status IN ('active', 'ended')),
    metadata   TEXT    NOT NULL CHECK (json_valid(metadata) AND json_type(metadata) = 'object'),
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
) STRICT;

CREATE INDEX idx_sessions_created ON sessions (created_at DESC);
CREATE INDEX idx_sessions_status_updated ON sessions (status, updated_at);

PRAGMA user_version = 1;
