package main

import (
	"context"
	"fmt"
	"io"

	"github.com/spf13/cobra"
)

func newRefsCmd(stdout io.Writer) *cobra.Command {
	o := &refsOptions{}
	c := &cobra.Command{
		Use:     "refs",
		Short:   "Print the bibliography of every lesson",
		Example: "  neurotutor refs\n  neurotutor refs --bibtex > neurotutor.bib",
		Args:    args(0, 0, "no arguments"),
		RunE:    func(cmd *cobra.Command, _ []string) error { return o.Run(cmd.Context(), stdout, nil) },
	}
	c.Flags().BoolVar(&o.bibtex, "bibtex", false, "print BibTeX")
	return c
}

type refsOptions struct{ bibtex bool }

// Run prints the bibliography, sorted by key.
func (o *refsOptions) Run(_ context.Context, stdout, _ io.Writer) error {
	e, err := loadEnv()
	if err != nil {
		return err
	}
	for _, r := range e.cat.Bibliography.Sorted() {
		if o.bibtex {
			fmt.Fprintln(stdout, r.BibTeX())
		} else {
			fmt.Fprintf(stdout, "[%s]\n  %s\n\n", r.Key, r.Full())
		}
	}
	return nil
}
