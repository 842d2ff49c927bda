package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestBackup: the backup holds the same rounds and scores as the database,
// and says where it went.
func TestBackup(t *testing.T) {
	vars := withDB(t)
	mustRun(t, vars, "import", "../../examples/burgerzaken.csv")
	copyPath := filepath.Join(t.TempDir(), "kopie.db")
	out := mustRun(t, vars, "backup", copyPath)
	if !strings.Contains(out, " geschreven naar "+copyPath+" (integriteitscontrole: ok)") {
		t.Errorf("backup said: %s", out)
	}
	want := mustRun(t, vars, "results", "--department", "Burgerzaken", "--json")
	if got := mustRun(t, vars, "--db", copyPath, "results", "--department", "Burgerzaken", "--json"); got != want {
		t.Errorf("the backup's results differ:\n%s\nwant\n%s", got, want)
	}
}
