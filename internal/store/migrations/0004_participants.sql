-- Workshop participants: a respondent who joined a workshop through its
-- gate, with the resume code that lets them (and nobody else) back in.
-- A pseudonym is unique within a round whatever its case: alias_key is the
-- alias folded to lower case with its spaces collapsed (store.AliasKey).
-- resume_hash is the SHA-256 of the resume code, hex; the code itself is
-- shown once, to the participant, and kept nowhere.

CREATE TABLE participants (
    respondent_id INTEGER PRIMARY KEY REFERENCES respondents (id) ON DELETE CASCADE,
    assessment_id INTEGER NOT NULL REFERENCES assessments (id) ON DELETE CASCADE,
    alias_key     TEXT NOT NULL CHECK (alias_key <> ''),
    resume_hash   TEXT NOT NULL CHECK (length(resume_hash) = 64),
    joined_at     TEXT NOT NULL,
    UNIQUE (assessment_id, alias_key)
);
