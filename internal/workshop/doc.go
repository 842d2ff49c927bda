// Package workshop serves the questionnaire to workshop participants over
// SSH: each connection passes the workshop code, chooses a pseudonym (with
// a resume code to come back under it) and answers with the same screens
// as maturity assess.
//
// It owns the SSH side — listening, host key, refusing everything but an
// interactive session, clamping what a client may ask for, limiting
// connections and wrong codes — and the Roster of who is connected, the
// phase timer and the end of a workshop. It never touches storage:
// participants join through a Room the caller provides.
package workshop
