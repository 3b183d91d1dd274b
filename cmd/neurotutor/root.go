package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/spf13/cobra"

	"github.com/neurotutor/neurotutor/lessons"
	"github.com/neurotutor/neurotutor/progress"
	"github.com/neurotutor/neurotutor/sim"
	"github.com/neurotutor/neurotutor/sim/models"
	"github.com/neurotutor/neurotutor/ui"
)

// env is what every subcommand shares: the model registry and the catalog.
type env struct {
	reg *sim.Registry
	cat *lessons.Catalog
}

func loadEnv() (*env, error) {
	reg := models.Registry()
	cat, err := lessons.Default(reg)
	if err != nil {
		return nil, fmt.Errorf("the embedded lessons do not load (a build problem):\n%w", err)
	}
	return &env{reg: reg, cat: cat}, nil
}

func newRootCmd(stdout, stderr io.Writer) *cobra.Command {
	tui := &tuiOptions{}
	root := &cobra.Command{
		Use:   "neurotutor [lesson-id]",
		Short: "Learn the computational ideas of neuroscience, with a live lab beside every lesson",
		Long: `neurotutor is an interactive terminal tutorial for deep-learning researchers:
three chapters — the neuron, the network, high-level concepts — each lesson with
a small live simulation to adjust while reading.

Run it with no argument to resume where you left off, or name a lesson to open it.`,
		Example: `  neurotutor              # resume, or start at the contents
  neurotutor wta          # open the winner-take-all lesson
  neurotutor list         # lessons by chapter
  neurotutor sim run lif --set I=2 --duration 500 --format csv`,
		Args: args(0, 1, "at most one lesson id"),
		RunE: func(cmd *cobra.Command, a []string) error {
			if len(a) == 1 {
				tui.lesson = a[0]
			}
			tui.seedSet = cmd.Flags().Changed("seed")
			return tui.Run(cmd.Context(), stdout, stderr)
		},
		ValidArgsFunction: completeLessons,
	}
	root.SetOut(stdout)
	root.SetErr(stderr)
	root.SetFlagErrorFunc(flagError)
	root.Flags().BoolVar(&tui.noAutoRun, "paused", false, "open labs paused instead of running")
	root.Flags().StringArrayVar(&tui.set, "set", nil, "open the lesson's lab with a parameter set, key=value (repeatable; needs a lesson id)")
	root.Flags().Var(seedFlag{&tui.seed}, "seed", "open the lesson's lab with this random seed (needs a lesson id)")
	root.Flags().StringVar(&tui.theme, "theme", "", "colours for a dark or light background: dark, light or auto (default: $"+themeEnv+", else auto)")
	root.AddCommand(newListCmd(stdout), newShowCmd(stdout), newSimCmd(stdout, stderr), newRefsCmd(stdout), newServeCmd(stdout, stderr), newGlossaryCmd(stdout), newClassCmd(stdout))
	for _, c := range root.Commands() {
		c.SetFlagErrorFunc(flagError)
		for _, s := range c.Commands() {
			s.SetFlagErrorFunc(flagError)
		}
	}
	return root
}

// completeLessons offers lesson ids for shell completion.
func completeLessons(_ *cobra.Command, a []string, _ string) ([]string, cobra.ShellCompDirective) {
	if len(a) > 0 {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	e, err := loadEnv()
	if err != nil {
		return nil, cobra.ShellCompDirectiveError
	}
	return e.cat.IDs(), cobra.ShellCompDirectiveNoFileComp
}

// tuiOptions opens the full-screen tutorial.
type tuiOptions struct {
	lesson    string
	noAutoRun bool
	set       []string
	seed      uint64
	seedSet   bool
	theme     string
}

// Run opens the TUI at the lesson, or resumes.
func (o *tuiOptions) Run(ctx context.Context, stdout, stderr io.Writer) error {
	// Starting up allocates in a burst (the first frame, the lesson's
	// rendering) that the collector, tuned for the steady state, would
	// stop for two or three times: let the heap grow more for a second.
	gc := debug.SetGCPercent(400)
	time.AfterFunc(time.Second, func() { debug.SetGCPercent(gc) })
	e, err := loadEnv()
	if err != nil {
		return err
	}
	themeOpt, err := themeOption(o.theme)
	if err != nil {
		return err
	}
	var stateOpt ui.Option
	if o.lesson != "" {
		l, err := e.cat.Find(o.lesson)
		if err != nil {
			return asUsage(err)
		}
		if stateOpt, err = labState(e, l, o.set, o.seed, o.seedSet); err != nil {
			return err
		}
	} else if len(o.set) > 0 || o.seedSet {
		return usagef("--set and --seed need a lesson id: neurotutor <lesson-id> --set key=value --seed n")
	}
	var store *progress.Store
	var warning error
	if dir, err := progress.DefaultDir(); err != nil {
		store, _ = progress.Open("")
		warning = fmt.Errorf("%v; progress will not be saved", err)
	} else {
		store, warning = progress.Open(dir + "/" + progress.FileName)
	}
	opts := []ui.Option{ui.WithAutoRun(!o.noAutoRun)}
	if themeOpt != nil {
		opts = append(opts, themeOpt)
	}
	if stateOpt != nil {
		opts = append(opts, stateOpt) // before WithLesson builds the lab
	}
	if warning != nil {
		opts = append(opts, ui.WithStatus(warning.Error(), true))
	}
	start := o.lesson
	if start == "" {
		start = store.Last()
	}
	if start != "" {
		opts = append(opts, ui.WithLesson(start))
	}
	// 120 frames a second at most (Bubble Tea's default is 60): a frame
	// is written at the renderer's next tick, so this halves the wait for
	// the first frame and for each key's (8 ms rather than 17 at worst).
	// An idle tick compares the view with the last one and writes nothing.
	progOpts := []tea.ProgramOption{tea.WithContext(ctx), tea.WithOutput(stdout), tea.WithFPS(120)}
	if f, ok := stdout.(*os.File); ok && f == os.Stdout {
		// lipgloss detected the colour profile of standard output when it
		// started; asking again costs a terminfo read, and in tmux a run of
		// `tmux info`.
		progOpts = append(progOpts, tea.WithColorProfile(lipgloss.Writer.Profile))
	}
	p := tea.NewProgram(ui.New(e.cat, e.reg, store, opts...), progOpts...)
	_, err = p.Run()
	switch {
	case errors.Is(err, tea.ErrInterrupted) || (err != nil && ctx.Err() != nil):
		return interrupted("the tutorial was stopped by a signal; progress so far is saved")
	case err != nil:
		return fmt.Errorf("the terminal interface stopped: %w", err)
	}
	return nil
}
