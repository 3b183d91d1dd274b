package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/neurotutor/neurotutor/classdb"
	"github.com/neurotutor/neurotutor/progress"
)

func newClassCmd(stdout io.Writer) *cobra.Command {
	c := &cobra.Command{
		Use:   "class",
		Short: "What a class over SSH recorded: students' progress and poll results",
		Args:  args(0, 0, "a subcommand: report"),
		RunE:  func(cmd *cobra.Command, _ []string) error { return cmd.Help() },
	}
	o := &reportOptions{format: "table"}
	r := &cobra.Command{
		Use:   "report",
		Short: "Print each student's progress and every poll's results",
		Long: `Print what 'neurotutor serve' recorded in its class database: each student
(by key fingerprint, or SSH user when they connected without a key) with the
lessons read, challenges met, last lesson and poll answers, then every poll
with its question, the right choice and how many chose each.

--format csv prints a gradebook, one row per student with a pair of columns
per poll; --format json prints everything.`,
		Example: `  neurotutor class report
  neurotutor class report --format csv > class.csv
  neurotutor class report --format json --db ./classroom.db`,
		Args: args(0, 0, "no arguments"),
		RunE: func(cmd *cobra.Command, _ []string) error { return o.Run(cmd.Context(), stdout) },
	}
	r.Flags().StringVar(&o.format, "format", "table", "table, csv or json")
	r.Flags().StringVar(&o.db, "db", "", "the class database (default: "+classdb.FileName+" in the state directory)")
	c.AddCommand(r)
	return c
}

type reportOptions struct{ format, db string }

// Run prints the report.
func (o *reportOptions) Run(_ context.Context, stdout io.Writer) error {
	switch o.format {
	case "table", "csv", "json":
	default:
		return usagef("--format %q is not allowed: use table, csv or json", o.format)
	}
	path, err := classDBPath(o.db)
	if err != nil {
		return err
	}
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("no class database at %s: 'neurotutor serve' creates it when the first student connects (or name one with --db)", path)
	}
	db, err := classdb.Open(path, classdb.Options{})
	if err != nil {
		return err
	}
	defer db.Close()
	r, err := db.Report()
	if err != nil {
		return err
	}
	switch o.format {
	case "csv":
		return r.WriteCSV(stdout)
	case "json":
		return r.WriteJSON(stdout)
	}
	fmt.Fprintf(stdout, "Class database: %s\n\n", path)
	return r.WriteTable(stdout)
}

// classDBPath is --db, else the database in the state directory.
func classDBPath(flag string) (string, error) {
	if flag != "" {
		return flag, nil
	}
	dir, err := progress.DefaultDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, classdb.FileName), nil
}
