-- Statekeeper's PostgreSQL schema, version 1: the tables of seed 001 (respec's PostgreSQL schema), with
-- critic feedback as one row per entry instead of a growing JSONB array, so an append costs one INSERT at
-- any history length.
--
-- Conventions: timestamps are TIMESTAMPTZ (microseconds, the precision of core's Timestamps); documents are
-- JSONB; every rule of the domain that a row can break on its own is a CHECK, so even raw SQL cannot store
-- what the API would refuse; whatever belongs to a loop or a spec goes with it (ON DELETE CASCADE).
-- updated_at is kept by a trigger: an UPDATE that does not set it gets the transaction's time.

CREATE FUNCTION statekeeper_touch_updated_at() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.updated_at IS NOT DISTINCT FROM OLD.updated_at THEN
        NEW.updated_at := CURRENT_TIMESTAMP;
    END IF;
    RETURN NEW;
END;
$$;

CREATE TABLE loop_states (
    id             VARCHAR(64)  NOT NULL PRIMARY KEY CHECK (length(id) >= 1),
    project_name   VARCHAR(255) NOT NULL CHECK (length(project_name) >= 1),
    loop_type      VARCHAR(50)  NOT NULL
        CHECK (loop_type IN ('plan', 'roadmap', 'spec', 'build_plan', 'build_code', 'analyst')),
    status         VARCHAR(50)  NOT NULL
        CHECK (status IN ('initialized', 'in_progress', 'completed', 'user_input', 'refine')),
    current_score  INTEGER      NOT NULL DEFAULT 0 CHECK (current_score BETWEEN 0 AND 100),
    iteration      INTEGER      NOT NULL DEFAULT 1 CHECK (iteration >= 1),
    feedback_count INTEGER      NOT NULL DEFAULT 0 CHECK (feedback_count >= 0),
    created_at     TIMESTAMPTZ  NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at     TIMESTAMPTZ  NOT NULL DEFAULT CURRENT_TIMESTAMP,
    version        BIGINT       NOT NULL DEFAULT 1 CHECK (version >= 1)
);

CREATE INDEX idx_loop_states_project ON loop_states (project_name);
CREATE INDEX idx_loop_states_status ON loop_states (status);
CREATE INDEX idx_loop_states_created ON loop_states (created_at DESC);

-- One row per feedback entry; seq is 1, 2, ... per loop; the score history is overall_score in seq order.
CREATE TABLE critic_feedback (
    loop_id            VARCHAR(64)  NOT NULL REFERENCES loop_states (id) ON DELETE CASCADE,
    seq                INTEGER      NOT NULL CHECK (seq >= 1),
    critic_agent       VARCHAR(100) NOT NULL CHECK (length(critic_agent) >= 1),
    iteration          INTEGER      NOT NULL CHECK (iteration >= 1),
    overall_score      INTEGER      NOT NULL CHECK (overall_score BETWEEN 0 AND 100),
    assessment_summary TEXT         NOT NULL CHECK (length(assessment_summary) >= 1),
    detailed_feedback  TEXT         NOT NULL,
    key_issues         JSONB        NOT NULL CHECK (jsonb_typeof(key_issues) = 'array'),
    recommendations    JSONB        NOT NULL CHECK (jsonb_typeof(recommendations) = 'array'),
    assessed_at        TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (loop_id, seq)
);

-- The bounded active-loop queue: the store trims it to the newest STATEKEEPER_LOOP_HISTORY_SIZE entries.
CREATE TABLE loop_history (
    sequence_number BIGINT      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    loop_id         VARCHAR(64) NOT NULL UNIQUE REFERENCES loop_states (id) ON DELETE CASCADE,
    added_at        TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE INDEX idx_loop_history_sequence ON loop_history (sequence_number DESC);

CREATE TABLE objective_feedback (
    loop_id    VARCHAR(64) NOT NULL PRIMARY KEY REFERENCES loop_states (id) ON DELETE CASCADE,
    feedback   TEXT        NOT NULL CHECK (length(btrim(feedback)) >= 1),
    created_at TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- The current version of each spec; id gives the creation order. spec_status repeats content's status so
-- that listing by status can use an index.
CREATE TABLE technical_specs (
    id           BIGINT       GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    project_name VARCHAR(255) NOT NULL CHECK (length(project_name) >= 1),
    spec_name    VARCHAR(255) NOT NULL CHECK (spec_name ~ '^[a-z0-9-]+$'),
    spec_status  VARCHAR(50)  NOT NULL CHECK (spec_status IN
        ('draft', 'in-review', 'approved', 'implementation-ready', 'in-development', 'completed')),
    iteration    INTEGER      NOT NULL CHECK (iteration >= 0),
    version      BIGINT       NOT NULL CHECK (version >= 1),
    content      JSONB        NOT NULL CHECK (jsonb_typeof(content) = 'object'),
    created_at   TIMESTAMPTZ  NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at   TIMESTAMPTZ  NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT uq_specs_project_name UNIQUE (project_name, spec_name)
);

CREATE INDEX idx_specs_project ON technical_specs (project_name);
CREATE INDEX idx_specs_status ON technical_specs (spec_status);
CREATE INDEX idx_specs_iteration ON technical_specs (iteration DESC);

-- Every version of every spec, the current one included.
CREATE TABLE spec_revisions (
    spec_id    BIGINT      NOT NULL REFERENCES technical_specs (id) ON DELETE CASCADE,
    version    BIGINT      NOT NULL CHECK (version >= 1),
    iteration  INTEGER     NOT NULL CHECK (iteration >= 0),
    content    JSONB       NOT NULL CHECK (jsonb_typeof(content) = 'object'),
    revised_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (spec_id, version)
);

CREATE TABLE loop_to_spec_mappings (
    loop_id   VARCHAR(64) NOT NULL PRIMARY KEY REFERENCES loop_states (id) ON DELETE CASCADE,
    spec_id   BIGINT      NOT NULL REFERENCES technical_specs (id) ON DELETE CASCADE,
    linked_at TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE INDEX idx_mappings_spec ON loop_to_spec_mappings (spec_id);

CREATE TABLE roadmaps (
    project_name   VARCHAR(255) NOT NULL PRIMARY KEY CHECK (length(project_name) >= 1),
    roadmap_status VARCHAR(50)  NOT NULL CHECK (roadmap_status IN
        ('draft', 'in-review', 'approved', 'in-progress', 'completed', 'blocked')),
    content        JSONB        NOT NULL CHECK (jsonb_typeof(content) = 'object'),
    version        BIGINT       NOT NULL CHECK (version >= 1),
    created_at     TIMESTAMPTZ  NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at     TIMESTAMPTZ  NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE project_plans (
    project_name VARCHAR(255) NOT NULL PRIMARY KEY CHECK (length(project_name) >= 1),
    plan_status  VARCHAR(50)  NOT NULL CHECK (plan_status IN
        ('draft', 'in-review', 'approved', 'active', 'completed', 'cancelled')),
    content      JSONB        NOT NULL CHECK (jsonb_typeof(content) = 'object'),
    version      BIGINT       NOT NULL CHECK (version >= 1),
    created_at   TIMESTAMPTZ  NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at   TIMESTAMPTZ  NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE INDEX idx_plans_status ON project_plans (plan_status);

CREATE TABLE sessions (
    name       VARCHAR(255)  NOT NULL PRIMARY KEY CHECK (length(name) >= 1),
    repo_name  VARCHAR(255),
    repo_url   VARCHAR(2048),
    branch     VARCHAR(255),
    task_id    VARCHAR(255),
    status     VARCHAR(20)   NOT NULL CHECK (status IN ('active', 'ended')),
    metadata   JSONB         NOT NULL CHECK (jsonb_typeof(metadata) = 'object'),
    created_at TIMESTAMPTZ   NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at TIMESTAMPTZ   NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE INDEX idx_sessions_created ON sessions (created_at DESC);
CREATE INDEX idx_sessions_status_updated ON sessions (status, updated_at);

CREATE TRIGGER trg_loop_states_updated_at BEFORE UPDATE ON loop_states
    FOR EACH ROW EXECUTE FUNCTION statekeeper_touch_updated_at();
CREATE TRIGGER trg_objective_feedback_updated_at BEFORE UPDATE ON objective_feedback
    FOR EACH ROW EXECUTE FUNCTION statekeeper_touch_updated_at();
CREATE TRIGGER trg_specs_updated_at BEFORE UPDATE ON technical_specs
    FOR EACH ROW EXECUTE FUNCTION statekeeper_touch_updated_at();
CREATE TRIGGER trg_roadmaps_updated_at BEFORE UPDATE ON roadmaps
    FOR EACH ROW EXECUTE FUNCTION statekeeper_touch_updated_at();
CREATE TRIGGER trg_plans_updated_at BEFORE UPDATE ON project_plans
    FOR EACH ROW EXECUTE FUNCTION statekeeper_touch_updated_at();
CREATE TRIGGER trg_sessions_updated_at BEFORE UPDATE ON sessions
    FOR EACH ROW EXECUTE FUNCTION statekeeper_touch_updated_at();
