package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/neurotutor/neurotutor/lessons"
)

func newGlossaryCmd(stdout io.Writer) *cobra.Command {
	o := &glossaryOptions{}
	c := &cobra.Command{
		Use:   "glossary [term]",
		Short: "Neuroscience terms the lessons use, with their deep-learning counterparts",
		Example: `  neurotutor glossary
  neurotutor glossary rheobase
  neurotutor glossary "fano factor" --json`,
		Args: args(0, 1, "at most one term (quote a term of several words)"),
		RunE: func(cmd *cobra.Command, a []string) error {
			if len(a) == 1 {
				o.term = a[0]
			}
			return o.Run(cmd.Context(), stdout, nil)
		},
	}
	c.Flags().BoolVar(&o.json, "json", false, "print JSON")
	return c
}

type glossaryOptions struct {
	term string
	json bool
}

type termJSON struct {
	Term    string   `json:"term"`
	Also    []string `json:"also,omitempty"`
	Means   string   `json:"means"`
	DL      string   `json:"deep_learning,omitempty"`
	Lessons []string `json:"lessons"`
}

// Run prints one term, or all of them.
func (o *glossaryOptions) Run(_ context.Context, stdout, _ io.Writer) error {
	e, err := loadEnv()
	if err != nil {
		return err
	}
	terms := e.cat.Glossary.Terms
	if o.term != "" {
		t, err := e.cat.Glossary.Find(o.term)
		if err != nil {
			return usagef("%v", err)
		}
		terms = []lessons.Term{t}
	}
	if o.json {
		out := make([]termJSON, len(terms))
		for i, t := range terms {
			out[i] = termJSON{t.Term, t.Also, t.Means, t.DL, t.Lessons}
		}
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		if o.term != "" {
			return enc.Encode(out[0])
		}
		return enc.Encode(out)
	}
	for i, t := range terms {
		if i > 0 {
			fmt.Fprintln(stdout)
		}
		name := t.Term
		if len(t.Also) > 0 {
			name += " (also: " + strings.Join(t.Also, ", ") + ")"
		}
		fmt.Fprintf(stdout, "%s\n  %s\n", name, t.Means)
		if t.DL != "" {
			fmt.Fprintf(stdout, "  Deep learning: %s\n", t.DL)
		}
		fmt.Fprintf(stdout, "  Lessons: %s\n", strings.Join(t.Lessons, ", "))
	}
	return nil
}
