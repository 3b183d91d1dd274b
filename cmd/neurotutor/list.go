package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/spf13/cobra"
)

func newListCmd(stdout io.Writer) *cobra.Command {
	o := &listOptions{}
	c := &cobra.Command{
		Use:     "list",
		Short:   "List the lessons by chapter",
		Example: "  neurotutor list\n  neurotutor list --json",
		Args:    args(0, 0, "no arguments"),
		RunE:    func(cmd *cobra.Command, _ []string) error { return o.Run(cmd.Context(), stdout, nil) },
	}
	c.Flags().BoolVar(&o.json, "json", false, "print JSON")
	return c
}

type listOptions struct{ json bool }

type lessonEntry struct {
	ID         string   `json:"id"`
	Title      string   `json:"title"`
	Chapter    string   `json:"chapter"`
	Summary    string   `json:"summary"`
	Model      string   `json:"model"`
	Challenges int      `json:"challenges"`
	Refs       []string `json:"refs"`
}

// Run prints the lessons.
func (o *listOptions) Run(_ context.Context, stdout, _ io.Writer) error {
	e, err := loadEnv()
	if err != nil {
		return err
	}
	if o.json {
		var out []lessonEntry
		for _, l := range e.cat.All() {
			out = append(out, lessonEntry{l.ID, l.Title, l.Chapter, l.Summary, l.Lab.Model, len(l.Challenges), l.Refs})
		}
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(out)
	}
	tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
	for i, ch := range e.cat.Chapters {
		if len(ch.Lessons) == 0 {
			continue
		}
		fmt.Fprintf(tw, "%d  %s\n", i, ch.Title)
		for _, l := range ch.Lessons {
			fmt.Fprintf(tw, "   %s\t%s\t%s\n", l.ID, l.Title, l.Summary)
		}
		fmt.Fprintln(tw)
	}
	return tw.Flush()
}
