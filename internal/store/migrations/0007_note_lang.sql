-- The language a note was written in: the language of the screen its
-- author wrote it on, so a report in the other language can mark it
-- (WCAG 3.1.2). NULL when unknown: notes kept before it existed, and notes
-- imported from a file, which does not carry it.
ALTER TABLE notes ADD COLUMN lang TEXT CHECK (lang IS NULL OR lang = 'nl' OR lang = 'en');
