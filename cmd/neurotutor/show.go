package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/term"
	"github.com/spf13/cobra"

	"github.com/neurotutor/neurotutor/lessons"
	"github.com/neurotutor/neurotutor/sim"
	"github.com/neurotutor/neurotutor/ui/plot"
	"github.com/neurotutor/neurotutor/ui/reader"
)

func newShowCmd(stdout io.Writer) *cobra.Command {
	o := &showOptions{}
	c := &cobra.Command{
		Use:     "show <lesson-id>",
		Short:   "Print a lesson, with a text summary of its lab",
		Example: "  neurotutor show linear\n  neurotutor show wta --plain | less",
		Args:    args(1, 1, "one lesson id (see `neurotutor list`)"),
		RunE: func(cmd *cobra.Command, a []string) error {
			o.lesson = a[0]
			return o.Run(cmd.Context(), stdout, nil)
		},
		ValidArgsFunction: completeLessons,
	}
	c.Flags().BoolVar(&o.plain, "plain", false, "plain text: no styling, for screen readers, pipes and notes")
	c.Flags().StringVar(&o.theme, "theme", "", "colours for a dark or light background: dark, light or auto (auto: dark; default: $"+themeEnv+")")
	c.Flags().Var(wholeFlag{&o.width, "a whole number of columns"}, "width", "wrap width in columns (default: the terminal's, else 80)")
	return c
}

type showOptions struct {
	lesson string
	plain  bool
	width  int
	theme  string
}

// Run prints the lesson.
func (o *showOptions) Run(_ context.Context, stdout, _ io.Writer) error {
	e, err := loadEnv()
	if err != nil {
		return err
	}
	l, err := e.cat.Find(o.lesson)
	if err != nil {
		return asUsage(err)
	}
	theme, err := themeName(o.theme)
	if err != nil {
		return err
	}
	if o.width < 0 || (o.width > 0 && o.width < 20) {
		return usagef("--width %d is not allowed: 20 columns or more", o.width)
	}
	md := e.cat.Markdown(l) + "\n" + labSummary(e, l)
	if o.plain {
		_, err := io.WriteString(stdout, md)
		return err
	}
	w := o.width
	if w == 0 {
		w = 80
		if f, ok := stdout.(*os.File); ok && term.IsTerminal(f.Fd()) {
			if tw, _, err := term.GetSize(f.Fd()); err == nil && tw > 0 {
				w = min(tw, 120)
			}
		}
	}
	s, err := reader.Render(md, w, theme != "light") // auto: dark, as before
	if err != nil {
		return fmt.Errorf("render %s: %w", l.ID, err)
	}
	s = reader.TrimLineEnds(s)
	// The writer drops colour for pipes, NO_COLOR and dumb terminals.
	_, err = io.WriteString(colorprofile.NewWriter(stdout, os.Environ()), s)
	return err
}

// labSummary describes a lesson's lab in markdown: its parameters, its
// challenges, and a one-line summary of each plot after one window at the
// starting values.
func labSummary(e *env, l *lessons.Lesson) string {
	m, err := e.reg.New(l.Lab.Model)
	if err != nil {
		return ""
	}
	for _, x := range l.Lab.Params {
		m.Set(x.Key, x.Value)
	}
	info := m.Info()
	var b strings.Builder
	fmt.Fprintf(&b, "## The lab: %s\n\nModel `%s`. Parameters at the start:\n\n", info.Title, info.ID)
	for _, p := range info.Params {
		if len(l.Lab.Controls) > 0 && !contains(l.Lab.Controls, p.Key) {
			continue
		}
		v, _ := m.Get(p.Key)
		value := p.Format(v)
		if p.Unit != "" && len(p.Choices) == 0 {
			value += " " + p.Unit
		}
		fmt.Fprintf(&b, "- `%s` = %s — %s (%s)\n", p.Key, value, p.Help, p.Allowed())
	}
	run := sim.NewRun(m, 0, 0)
	run.Reset(l.Lab.Seed)
	run.Advance(info.Window)
	fmt.Fprintf(&b, "\nAfter %g ms at these values:\n\n", info.Window)
	var d sim.PlotData
	for _, spec := range info.Plots {
		if len(l.Lab.Plots) > 0 && !contains(l.Lab.Plots, spec.Key) {
			continue
		}
		run.FillPlot(spec, &d)
		fmt.Fprintf(&b, "- %s\n", plot.Summary(spec.Kind, spec.Title, &d, unitOf(spec.YLabel)))
	}
	if len(l.Challenges) > 0 {
		b.WriteString("\n## Challenges\n\n")
		for i, ch := range l.Challenges {
			fmt.Fprintf(&b, "%d. %s (checked: %s, held for %g ms)\n", i+1, ch.Prompt, strings.Join(ch.When, ", "), ch.HoldMS)
		}
	}
	return b.String()
}

// unitOf takes the unit out of an axis label: "rate (Hz)" → "Hz"; a label
// without parentheses is taken to be a unit ("mV").
func unitOf(label string) string {
	if _, rest, ok := strings.Cut(label, "("); ok {
		u, _, _ := strings.Cut(rest, ")")
		return u
	}
	return label
}

func contains(xs []string, s string) bool { return slices.Contains(xs, s) }
