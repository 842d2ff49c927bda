-- The first schema: departments with their hierarchy, questionnaire snapshots,
-- assessment rounds, respondents, answers, notes and targets.

CREATE TABLE departments (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (trim(name) <> ''),
    parent_id  INTEGER REFERENCES departments (id) ON DELETE RESTRICT,
    created_at TEXT NOT NULL
);
CREATE INDEX departments_parent ON departments (parent_id);

-- A snapshot of each questionnaire file used, so that old results stay
-- readable after the file changes.
CREATE TABLE questionnaires (
    id         INTEGER PRIMARY KEY,
    key        TEXT NOT NULL,            -- the questionnaire's own id
    version    INTEGER NOT NULL,
    digest     TEXT NOT NULL UNIQUE,     -- SHA-256 of the file, hex
    questions  INTEGER NOT NULL,         -- number of questions
    definition BLOB NOT NULL,            -- the YAML file as it was
    created_at TEXT NOT NULL
);

-- A round of one department: open (closed_at NULL) while it collects
-- respondents; at most one open round per department.
CREATE TABLE assessments (
    id               INTEGER PRIMARY KEY,
    department_id    INTEGER NOT NULL REFERENCES departments (id) ON DELETE RESTRICT,
    questionnaire_id INTEGER NOT NULL REFERENCES questionnaires (id) ON DELETE RESTRICT,
    round            TEXT NOT NULL CHECK (trim(round) <> ''),
    mode             TEXT NOT NULL CHECK (mode IN ('self', 'workshop')),
    created_at       TEXT NOT NULL,
    closed_at        TEXT,
    UNIQUE (department_id, round)
);
CREATE UNIQUE INDEX assessments_one_open ON assessments (department_id) WHERE closed_at IS NULL;

-- Pseudonymous: an alias per assessment, no personal data.
CREATE TABLE respondents (
    id            INTEGER PRIMARY KEY,
    assessment_id INTEGER NOT NULL REFERENCES assessments (id) ON DELETE CASCADE,
    alias         TEXT NOT NULL CHECK (trim(alias) <> ''),
    created_at    TEXT NOT NULL,
    UNIQUE (assessment_id, alias)
);

-- One row per respondent and question; saving again replaces it. answer is
-- 0–4, dk (don't know) or na (not applicable); score is the number or NULL.
CREATE TABLE answers (
    respondent_id INTEGER NOT NULL REFERENCES respondents (id) ON DELETE CASCADE,
    question      TEXT NOT NULL,
    answer        TEXT NOT NULL CHECK (answer IN ('0', '1', '2', '3', '4', 'dk', 'na')),
    score         INTEGER GENERATED ALWAYS AS (CASE WHEN answer IN ('dk', 'na') THEN NULL ELSE CAST(answer AS INTEGER) END) VIRTUAL,
    answered_at   TEXT NOT NULL,
    PRIMARY KEY (respondent_id, question)
) WITHOUT ROWID;

-- Evidence and discussion, on a question or a dimension of an assessment.
-- respondent_id is kept only so that a respondent can edit their own note
-- and exports round-trip; reports never show who wrote a note.
CREATE TABLE notes (
    id            INTEGER PRIMARY KEY,
    assessment_id INTEGER NOT NULL REFERENCES assessments (id) ON DELETE CASCADE,
    respondent_id INTEGER REFERENCES respondents (id) ON DELETE CASCADE,
    question      TEXT,
    dimension     TEXT,
    text          TEXT NOT NULL CHECK (trim(text) <> ''),
    created_at    TEXT NOT NULL,
    CHECK ((question IS NULL) <> (dimension IS NULL))
);
CREATE UNIQUE INDEX notes_one_per_respondent ON notes (assessment_id, respondent_id, coalesce(question, ''), coalesce(dimension, ''))
    WHERE respondent_id IS NOT NULL;
CREATE INDEX notes_assessment ON notes (assessment_id);

CREATE TABLE department_targets (
    department_id INTEGER NOT NULL REFERENCES departments (id) ON DELETE CASCADE,
    dimension     TEXT NOT NULL,
    level         INTEGER NOT NULL CHECK (level BETWEEN 1 AND 5),
    PRIMARY KEY (department_id, dimension)
) WITHOUT ROWID;

CREATE TABLE assessment_targets (
    assessment_id INTEGER NOT NULL REFERENCES assessments (id) ON DELETE CASCADE,
    dimension     TEXT NOT NULL,
    level         INTEGER NOT NULL CHECK (level BETWEEN 1 AND 5),
    PRIMARY KEY (assessment_id, dimension)
) WITHOUT ROWID;
