// Package workshop serves the questionnaire to workshop participants over
// SSH: each connection passes the workshop code, chooses a pseudonym and
// answers with the same screens as maturity assess.
//
// It owns the SSH side — listening, host key, refusing everything but an
// interactive session, limiting wrong codes — and never touches storage:
// participants join through a Room the caller provides.
package workshop
