-- One scale: an answer is stored as its level 1–5 (option k of a question
-- is level k), no longer as the option number 0–4. Every stored answer a
-- becomes level a + 1; dk and na stay. The column is renamed to level, and
-- score, the level as a number, stays NULL for dk and na.

CREATE TABLE answers_by_level (
    respondent_id INTEGER NOT NULL REFERENCES respondents (id) ON DELETE CASCADE,
    question      TEXT NOT NULL,
    vote          INTEGER NOT NULL DEFAULT 1 CHECK (vote IN (1, 2)),
    -- Written out rather than IN (…), as in 0002: SQLite builds a
    -- temporary index of an IN list for every row it checks.
    level         TEXT NOT NULL CHECK (level = '1' OR level = '2' OR level = '3' OR level = '4' OR level = '5' OR level = 'dk' OR level = 'na'),
    score         INTEGER GENERATED ALWAYS AS (CASE WHEN level = 'dk' OR level = 'na' THEN NULL ELSE CAST(level AS INTEGER) END) VIRTUAL,
    answered_at   TEXT NOT NULL,
    PRIMARY KEY (respondent_id, question, vote)
) WITHOUT ROWID;
INSERT INTO answers_by_level (respondent_id, question, vote, level, answered_at)
    SELECT respondent_id, question, vote,
        CASE answer WHEN '0' THEN '1' WHEN '1' THEN '2' WHEN '2' THEN '3' WHEN '3' THEN '4' WHEN '4' THEN '5' ELSE answer END,
        answered_at
    FROM answers;
DROP TABLE answers;
ALTER TABLE answers_by_level RENAME TO answers;
