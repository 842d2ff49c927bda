-- Workshops: a persisted phase, and a re-vote on the questions the group
-- discussed. Both votes are kept: vote 1 is the silent vote, vote 2 the
-- re-vote after the discussion; scores use a respondent's latest vote.

ALTER TABLE assessments ADD COLUMN phase TEXT NOT NULL DEFAULT 'answering'
    CHECK (phase IN ('answering', 'discussion', 'revote'));

-- The questions put to a re-vote, in the order the facilitator chose them.
CREATE TABLE revote_questions (
    assessment_id INTEGER NOT NULL REFERENCES assessments (id) ON DELETE CASCADE,
    question      TEXT NOT NULL,
    position      INTEGER NOT NULL,
    PRIMARY KEY (assessment_id, question)
) WITHOUT ROWID;

-- answers gains the vote in its key, so the table is built anew.
CREATE TABLE answers_by_vote (
    respondent_id INTEGER NOT NULL REFERENCES respondents (id) ON DELETE CASCADE,
    question      TEXT NOT NULL,
    vote          INTEGER NOT NULL DEFAULT 1 CHECK (vote IN (1, 2)),
    -- Written out rather than IN (…): SQLite builds a temporary index of
    -- an IN list for every row it checks, a third of an import's time.
    answer        TEXT NOT NULL CHECK (answer = '0' OR answer = '1' OR answer = '2' OR answer = '3' OR answer = '4' OR answer = 'dk' OR answer = 'na'),
    score         INTEGER GENERATED ALWAYS AS (CASE WHEN answer IN ('dk', 'na') THEN NULL ELSE CAST(answer AS INTEGER) END) VIRTUAL,
    answered_at   TEXT NOT NULL,
    PRIMARY KEY (respondent_id, question, vote)
) WITHOUT ROWID;
INSERT INTO answers_by_vote (respondent_id, question, vote, answer, answered_at)
    SELECT respondent_id, question, 1, answer, answered_at FROM answers;
DROP TABLE answers;
ALTER TABLE answers_by_vote RENAME TO answers;
