package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/maturity-nl/maturity/internal/exchange"
	"github.com/maturity-nl/maturity/internal/questionnaire"
	"github.com/maturity-nl/maturity/internal/report"
	"github.com/maturity-nl/maturity/internal/store"
	"github.com/spf13/cobra"
)

// env is what the program receives from the outside world, so that tests can
// run it in-process with their own streams and environment.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	getenv         func(string) string
}

// Exit codes.
const (
	exitOK      = 0
	exitRuntime = 1
	exitInput   = 2 // bad usage or bad input
)

// inputError is an error in what the user typed or gave: exit code 2.
type inputError struct{ err error }

func (e inputError) Error() string { return e.err.Error() }
func (e inputError) Unwrap() error { return e.err }

// badInput makes an inputError from a formatted message.
func badInput(format string, args ...any) error {
	return inputError{fmt.Errorf(format, args...)}
}

// run executes one command line.
func run(ctx context.Context, args []string, e env) error {
	root, state := newRootCmd(e)
	root.SetArgs(args)
	err := root.ExecuteContext(ctx)
	// Cobra checks mutually exclusive flags after the pre-run hook that
	// marks the start, so its message is recognised here.
	if err != nil && (!state.started || strings.HasPrefix(err.Error(), "if any flags in the group")) {
		// Cobra failed before any command ran: an unknown command, a bad flag
		// or a wrong number of arguments.
		return inputError{fmt.Errorf("%w\nRun 'maturity --help' for usage.", err)}
	}
	if errors.Is(err, context.Canceled) {
		return interrupted{lang: langAfter(root, e)}
	}
	return err
}

// interrupted is a command stopped by ctrl+c or SIGTERM; it is said in
// the language of the command's other messages.
type interrupted struct{ lang string }

func (i interrupted) Error() string { return labelsFor(i.lang)["interrupted"] }
func (i interrupted) Unwrap() error { return context.Canceled }

// langAfter is the language the command that ran spoke: --lang, else the
// remembered one, else Dutch. The settings file is read again quietly:
// any complaint about it was printed when the command started.
func langAfter(root *cobra.Command, e env) string {
	if f := root.PersistentFlags().Lookup("lang"); f != nil {
		if lang, ok := normalLang(f.Value.String()); ok {
			return lang
		}
	}
	if path, err := settingsPath(e.getenv); err == nil {
		if s, err := readSettings(path, labelsFor("nl")); err == nil && s.lang != "" {
			return s.lang
		}
	}
	return "nl"
}

// exitCode prints err, if any, and decides the process exit code.
func exitCode(err error, stderr io.Writer) int {
	if err == nil {
		return exitOK
	}
	var verr *questionnaire.ValidationError
	var xerr *exchange.Error
	var serr *report.StyleError
	var ierr inputError
	switch {
	case errors.As(err, &verr), errors.As(err, &xerr), errors.As(err, &serr):
		// Already one FILE:LINE: message per line.
		fmt.Fprintln(stderr, err)
		return exitInput
	case errors.As(err, &ierr), store.ErrorCode(err) != "":
		fmt.Fprintln(stderr, "maturity:", err)
		return exitInput
	case errors.Is(err, context.Canceled):
		lang := "nl"
		var i interrupted
		if errors.As(err, &i) {
			lang = i.lang
		}
		fmt.Fprintln(stderr, "maturity:", labelsFor(lang)["interrupted"])
		return exitRuntime
	}
	fmt.Fprintln(stderr, "maturity:", err)
	return exitRuntime
}
