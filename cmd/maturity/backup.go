package main

import (
	"context"
	"fmt"

	"github.com/maturity-nl/maturity/internal/store"
	"github.com/spf13/cobra"
)

func newBackupCmd(e env, opts *globalOptions) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "backup FILE",
		Short: "Write a consistent copy of the database to a new file, also while a workshop runs",
		Long: `Write a consistent copy of the database (--db) to FILE, which must not exist yet. The
copy is taken through SQLite itself, so it holds every answer, also those a running workshop
keeps in the write-ahead log (maturity.db-wal) that a plain file copy misses, and it is checked
with SQLite's integrity check before it gets its name. Back up with this command, never with
cp while maturity runs.`,
		Args: cobra.ExactArgs(1),
	}
	cmd.RunE = withStore(e, opts, func(ctx context.Context, st *store.Store, args []string) error {
		if err := st.Backup(ctx, args[0]); err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, labelsFor(opts.userLang())["backup written"]+"\n", st.Path(), args[0])
		return nil
	})
	return cmd
}
