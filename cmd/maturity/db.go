package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"

	"github.com/maturity-nl/maturity/internal/questionnaire"
	"github.com/maturity-nl/maturity/internal/scoring"
	"github.com/maturity-nl/maturity/internal/store"
)

// dbPath is --db, else $MATURITY_DB, else maturity.db in the data directory.
func dbPath(e env, opts *globalOptions) (string, error) {
	if opts.db != "" {
		return opts.db, nil
	}
	dir, err := dataDir(e.getenv)
	if err != nil {
		return "", badInput("%v", err)
	}
	return filepath.Join(dir, "maturity.db"), nil
}

// openStore opens the database the flags point at. A command that writes
// creates it when there is none yet, and says so; a command that only
// reads refuses a path where there is no database, so that a mistyped
// --db is an error and leaves nothing behind.
func openStore(ctx context.Context, e env, opts *globalOptions) (*store.Store, error) {
	return openDatabase(ctx, e, opts, opts.writes)
}

// openDatabase is openStore for a command that says itself whether it
// writes.
func openDatabase(ctx context.Context, e env, opts *globalOptions, writes bool) (*store.Store, error) {
	path, err := dbPath(e, opts)
	if err != nil {
		return nil, err
	}
	_, err = os.Stat(path)
	missing := errors.Is(err, fs.ErrNotExist)
	// The messages are read only to say one: a command that reads an
	// existing database says nothing here.
	switch {
	case missing && !writes && opts.db == "":
		return nil, badInput(labelsFor(opts.userLang())["no database yet"], path)
	case missing && !writes:
		return nil, badInput(labelsFor(opts.userLang())["database missing"], path)
	}
	st, err := store.Open(ctx, path)
	if err == nil && missing {
		fmt.Fprintf(e.stderr, labelsFor(opts.userLang())["database created"]+"\n", path)
	}
	return st, err
}

// storeFile is what the store keeps of a questionnaire: the file and its
// parsed form, which reading a round uses instead of parsing the file.
func storeFile(q *questionnaire.Questionnaire) store.QuestionnaireFile {
	parsed, _ := q.Parsed() // without one, the file is parsed when read
	return store.QuestionnaireFile{Key: q.ID, Version: q.Version, Digest: q.Digest, Questions: len(q.Questions()), Source: q.Source, Parsed: parsed}
}

// scored is one round with its questionnaire snapshot and its result.
type scored struct {
	q      *questionnaire.Questionnaire
	data   store.AssessmentData
	result scoring.Result
}

// scoreAssessment loads a round, scores it against the questionnaire file
// it was answered on and compares it with the department's previous round.
func scoreAssessment(ctx context.Context, st *store.Store, id int64) (scored, error) {
	return newScorer(st).compared(ctx, id)
}

// scorer scores rounds, parsing each stored questionnaire file once: many
// rounds share one file, and parsing it costs more than scoring a round.
type scorer struct {
	st     *store.Store
	mu     sync.Mutex                              // rounds may be scored at once
	parsed map[string]*questionnaire.Questionnaire // by digest
}

func newScorer(st *store.Store) *scorer {
	return &scorer{st: st, parsed: map[string]*questionnaire.Questionnaire{}}
}

// score loads a round and scores it against the file it was answered on.
func (s *scorer) score(ctx context.Context, id int64) (scored, error) {
	// A file already read is not read again: rounds share files.
	data, err := s.st.LoadAssessmentKnowing(ctx, id, s.known)
	if err != nil {
		return scored{}, err
	}
	a := data.Assessment
	q, err := s.questionnaire(a, data.Definition, data.Parsed)
	if err != nil {
		return scored{}, err
	}
	in := scoring.Input{AssessmentTargets: data.AssessmentTargets, DepartmentTargets: data.DepartmentTargets, Revote: data.Revote}
	if in.Answers, err = scoringAnswers(data.Answers); err == nil {
		in.FirstVotes, err = scoringAnswers(data.FirstVotes)
	}
	if err != nil {
		return scored{}, fmt.Errorf("assessment %d: %w", a.ID, err)
	}
	return scored{q: q, data: data, result: scoring.Score(q, in)}, nil
}

// compared scores a round and sets its change against the department's
// previous round on the same questionnaire id, if it has one.
func (s *scorer) compared(ctx context.Context, id int64) (scored, error) {
	cur, err := s.score(ctx, id)
	if err != nil {
		return scored{}, err
	}
	a := cur.data.Assessment
	all, err := s.st.Assessments(ctx, a.Department)
	if err != nil {
		return scored{}, err
	}
	var prev *store.Assessment
	for i, x := range all {
		if x.ID == a.ID {
			break
		}
		if x.Questionnaire.Key == a.Questionnaire.Key {
			prev = &all[i]
		}
	}
	if prev == nil {
		return cur, nil
	}
	earlier, err := s.score(ctx, prev.ID)
	if err != nil {
		return scored{}, err
	}
	scoring.Compare(&cur.result, earlier.result, prev.ID, prev.Round)
	return cur, nil
}

// known reports whether the file with this digest has been read.
func (s *scorer) known(digest string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	_, ok := s.parsed[digest]
	return ok
}

// questionnaire parses the file a round was answered on, once per file.
func (s *scorer) questionnaire(a store.Assessment, definition, parsed []byte) (*questionnaire.Questionnaire, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if q, ok := s.parsed[a.Questionnaire.Digest]; ok {
		return q, nil
	}
	// The stored parsed form, when it is of this file, spares the parse.
	if len(parsed) > 0 {
		if q, err := questionnaire.Unparsed(definition, parsed); err == nil {
			s.parsed[a.Questionnaire.Digest] = q
			return q, nil
		}
	}
	q, err := questionnaire.Parse(fmt.Sprintf("%s version %d (as stored with assessment %d)", a.Questionnaire.Key, a.Questionnaire.Version, a.ID), definition)
	if err != nil {
		return nil, fmt.Errorf("the stored questionnaire of assessment %d no longer loads: %w", a.ID, err)
	}
	s.parsed[a.Questionnaire.Digest] = q
	return q, nil
}

// scoringAnswers reads stored answers as scoring's values.
func scoringAnswers(stored []store.Answer) ([]scoring.Answer, error) {
	out := make([]scoring.Answer, 0, len(stored))
	for _, x := range stored {
		v, err := scoring.ParseValue(x.Value)
		if err != nil {
			return nil, err
		}
		out = append(out, scoring.Answer{Respondent: x.Respondent, Question: x.Question, Value: v})
	}
	return out, nil
}

// openInteractive opens what answering needs: the database, made when
// there is none (answering writes), the questionnaire in use and the
// language to show it in.
func openInteractive(ctx context.Context, e env, opts *globalOptions) (*store.Store, *questionnaire.Questionnaire, string, error) {
	q, lang, err := questionnaireInUse(e, opts)
	if err != nil {
		return nil, nil, "", err
	}
	st, err := openDatabase(ctx, e, opts, true)
	return st, q, lang, err
}

// questionnaireInUse is the command's questionnaire (--questionnaire, else
// the default) and the language to show it in.
func questionnaireInUse(e env, opts *globalOptions) (*questionnaire.Questionnaire, string, error) {
	q, err := resolveQuestionnaire(e, opts, "")
	if err != nil {
		return nil, "", err
	}
	lang, err := language(opts, q)
	return q, lang, err
}
