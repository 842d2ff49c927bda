-- The improvement register: what a department agreed to do after a round,
-- and what became of it. owner is a role ("teamleider"), never a person's
-- name. due is a date (YYYY-MM-DD) or NULL. Every change is kept in
-- action_history with its time, so "did we do what we agreed?" can be
-- answered from the data.

CREATE TABLE actions (
    id            INTEGER PRIMARY KEY,
    department_id INTEGER NOT NULL REFERENCES departments (id) ON DELETE RESTRICT,
    -- The round after which the action was agreed; NULL when the
    -- department had none yet.
    assessment_id INTEGER REFERENCES assessments (id) ON DELETE SET NULL,
    dimension     TEXT NOT NULL CHECK (trim(dimension) <> ''),
    question      TEXT,
    text          TEXT NOT NULL CHECK (trim(text) <> ''),
    owner         TEXT NOT NULL DEFAULT '',
    due           TEXT CHECK (due IS NULL OR due GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    status        TEXT NOT NULL CHECK (status = 'planned' OR status = 'in_progress' OR status = 'done' OR status = 'dropped'),
    evidence      TEXT NOT NULL DEFAULT '',
    reason        TEXT NOT NULL DEFAULT '',
    created_at    TEXT NOT NULL,
    CHECK (status <> 'done' OR trim(evidence) <> ''),
    CHECK (status <> 'dropped' OR trim(reason) <> '')
);
CREATE INDEX actions_department ON actions (department_id);

-- One row per change of an action: field is created, status, owner, due,
-- text, evidence or reason; old and new are its values before and after.
CREATE TABLE action_history (
    action_id INTEGER NOT NULL REFERENCES actions (id) ON DELETE CASCADE,
    seq       INTEGER NOT NULL,
    at        TEXT NOT NULL,
    field     TEXT NOT NULL,
    old       TEXT NOT NULL DEFAULT '',
    new       TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (action_id, seq)
) WITHOUT ROWID;
