-- The parsed form of each questionnaire snapshot (JSON, written by the
-- program from the definition beside it, checked against its digest when
-- read): reading it takes milliseconds, parsing the YAML tens of them.
-- NULL for snapshots kept before it existed; those are parsed.
ALTER TABLE questionnaires ADD COLUMN parsed BLOB;
