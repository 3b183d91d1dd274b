package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/neurotutor/neurotutor/sim"
	"github.com/neurotutor/neurotutor/sim/export"
	"github.com/neurotutor/neurotutor/ui/runbar"
)

// maxDuration bounds `sim run --duration`, in ms of simulated time.
const maxDuration = export.MaxDuration

// maxSamples bounds the rows `sim run` prints unless --every asks for more.
const maxSamples = 20_000

func newSimCmd(stdout, stderr io.Writer) *cobra.Command {
	c := &cobra.Command{
		Use:   "sim",
		Short: "List the models or run one headless",
		Args:  args(0, 0, "a subcommand: list, run or sweep"),
		RunE:  func(cmd *cobra.Command, _ []string) error { return cmd.Help() },
	}
	lo := &simListOptions{}
	list := &cobra.Command{
		Use:     "list",
		Short:   "List the models with their parameters, ranges and metrics",
		Example: "  neurotutor sim list\n  neurotutor sim list --json",
		Args:    args(0, 0, "no arguments"),
		RunE:    func(cmd *cobra.Command, _ []string) error { return lo.Run(cmd.Context(), stdout, nil) },
	}
	list.Flags().BoolVar(&lo.json, "json", false, "print JSON")
	ro := &simRunOptions{}
	run := &cobra.Command{
		Use:   "run <model-id>",
		Short: "Run a model and print its metrics and recorded series",
		Example: `  neurotutor sim run wta --set I1=12 --set I2=11.5 --duration 300
  neurotutor sim run lif --set I=2 --duration 1000 --format csv > lif.csv`,
		Args: args(1, 1, "one model id (see `neurotutor sim list`)"),
		RunE: func(cmd *cobra.Command, a []string) error {
			ro.model = a[0]
			return ro.Run(cmd.Context(), stdout, stderr)
		},
		ValidArgsFunction: func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
			e, err := loadEnv()
			if err != nil {
				return nil, cobra.ShellCompDirectiveError
			}
			return e.reg.IDs(), cobra.ShellCompDirectiveNoFileComp
		},
	}
	run.Flags().StringArrayVar(&ro.set, "set", nil, "set a parameter, `key=value` (repeatable, each key once)")
	run.Flags().StringVar(&ro.duration, "duration", "", "simulated time in `ms`, up to 600000 (default: the model's plot window)")
	run.Flags().StringVar(&ro.seed, "seed", "1", "random `seed`, a whole number from 0 to 2^64-1")
	run.Flags().StringVar(&ro.format, "format", "json", "output `format`: json or csv")
	run.Flags().StringVar(&ro.every, "every", "", "`ms` between recorded samples, from the model's step to the duration (default: every step, at most 20000 rows)")
	c.AddCommand(list, run, newSimSweepCmd(stdout))
	return c
}

type simListOptions struct{ json bool }

// infoJSON is a model in `sim list --json`; every key is snake_case, as
// in `sim run`, and the README documents them.
type infoJSON struct {
	ID       string       `json:"id"`
	Title    string       `json:"title"`
	Summary  string       `json:"summary"`
	DT       float64      `json:"dt_ms"`
	StepNote string       `json:"step_note,omitempty"`
	Params   []paramJSON  `json:"params"`
	Metrics  []metricJSON `json:"metrics"`
	Signals  []signalJSON `json:"signals"`
	Plots    []string     `json:"plots"`

	params []sim.Param
}

type paramJSON struct {
	Key      string   `json:"key"`
	Label    string   `json:"label"`
	Unit     string   `json:"unit"`
	Min      float64  `json:"min"` // the lab slider's range
	Max      float64  `json:"max"`
	ValidMin float64  `json:"valid_min"` // where the model is valid: what sim run accepts
	ValidMax float64  `json:"valid_max"`
	Step     float64  `json:"step"`
	Default  float64  `json:"default"`
	Help     string   `json:"help"`
	Choices  []string `json:"choices,omitempty"`
	Integer  bool     `json:"integer"`
	Live     bool     `json:"live"`
	Log      bool     `json:"log,omitempty"` // the slider steps on a log grid
}

type metricJSON struct {
	Key   string `json:"key"`
	Label string `json:"label"`
	Unit  string `json:"unit"`
	Help  string `json:"help"`
}

type signalJSON struct {
	Key   string `json:"key"`
	Label string `json:"label"`
	Unit  string `json:"unit"`
	Gaps  bool   `json:"gaps"`
}

func newInfoJSON(info sim.Info, plots []string) infoJSON {
	in := infoJSON{ID: info.ID, Title: info.Title, Summary: info.Summary, DT: info.DT, StepNote: info.StepNote,
		Plots: plots, params: info.Params}
	for _, p := range info.Params {
		in.Params = append(in.Params, paramJSON{p.Key, p.Label, p.Unit, p.Min, p.Max, p.ValidMin, p.ValidMax, p.Step, p.Default, p.Help, p.Choices, p.Integer, p.Live, p.Log})
	}
	for _, m := range info.Metrics {
		in.Metrics = append(in.Metrics, metricJSON{m.Key, m.Label, m.Unit, m.Help})
	}
	for _, sg := range info.Signals {
		in.Signals = append(in.Signals, signalJSON{sg.Key, sg.Label, sg.Unit, sg.Gaps})
	}
	return in
}

// Run prints every model's description.
func (o *simListOptions) Run(_ context.Context, stdout, _ io.Writer) error {
	e, err := loadEnv()
	if err != nil {
		return err
	}
	var all []infoJSON
	for _, id := range e.reg.IDs() {
		m, _ := e.reg.New(id)
		info := m.Info()
		plots := make([]string, len(info.Plots))
		for i, p := range info.Plots {
			plots[i] = p.Key + " (" + p.Kind.String() + ")"
		}
		all = append(all, newInfoJSON(info, plots))
	}
	if o.json {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(all)
	}
	for _, in := range all {
		fmt.Fprintf(stdout, "%s — %s\n  %s\n  step %g ms", in.ID, in.Title, in.Summary, in.DT)
		if in.StepNote != "" {
			fmt.Fprintf(stdout, " (%s)", in.StepNote)
		}
		fmt.Fprintln(stdout)
		tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "  parameter\tdefault\tallowed\tmeaning")
		for _, p := range in.params {
			allowed := p.Allowed()
			if len(p.Choices) == 0 && (p.Min != p.ValidMin || p.Max != p.ValidMax) {
				allowed += " (lab slider " + sim.FormatValue(p.Min) + "…" + sim.FormatValue(p.Max) + ")"
			}
			fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\n", p.Key, p.Format(p.Default), allowed, p.Help)
		}
		tw.Flush()
		var ms []string
		for _, mt := range in.Metrics {
			s := mt.Key
			if mt.Unit != "" {
				s += " (" + mt.Unit + ")"
			}
			ms = append(ms, s)
		}
		fmt.Fprintf(stdout, "  metrics: %s\n  plots: %s\n\n", strings.Join(ms, ", "), strings.Join(in.Plots, ", "))
	}
	return nil
}

type simRunOptions struct {
	model    string
	set      []string
	duration string // ms; "" for the model's window
	seed     string
	format   string
	every    string // ms; "" for every step, at most maxSamples rows
}

// Run runs the model and prints the result. An interrupt (ctx done)
// stops the run within a few ms and prints nothing.
func (o *simRunOptions) Run(ctx context.Context, stdout, stderr io.Writer) error {
	if err := checkFormat(o.format); err != nil {
		return err
	}
	_, m, err := loadModel(o.model)
	if err != nil {
		return err
	}
	info := m.Info()
	if err := applySets(m, o.set); err != nil {
		return err
	}
	seed, err := sim.ParseSeed(o.seed)
	if err != nil {
		return usagef("--seed %q is not allowed (%v): a whole number from 0 to %d", o.seed, err, uint64(sim.MaxSeed))
	}
	duration, every, err := o.span(info)
	if err != nil {
		return err
	}
	run := sim.NewRun(m, duration, every)
	run.Reset(seed)
	bar := runbar.New(stderr, fmt.Sprintf("%s: %s ms of simulated time", info.ID, sim.FormatValue(duration)))
	err = run.AdvanceContext(ctx, duration, bar.Update)
	bar.Clear()
	if err != nil {
		return interrupted(fmt.Sprintf("sim run %s stopped at t = %.1f ms of %s ms; nothing was printed",
			info.ID, run.Model.Time(), sim.FormatValue(duration)))
	}
	if err := run.CheckFinite(); err != nil {
		return fmt.Errorf("model %s went wrong: %w", info.ID, err)
	}
	rec := export.FromRun(run)
	if o.format == "csv" {
		return rec.WriteCSV(stdout)
	}
	return rec.WriteJSON(stdout)
}

// span reads --duration and --every against the model: the simulated time
// in ms (at least one step) and the steps per recorded sample.
func (o *simRunOptions) span(info sim.Info) (duration float64, every int, err error) {
	step := sim.FormatValue(info.DT)
	duration = info.Window
	if o.duration != "" {
		duration, err = sim.ParseDecimal(o.duration)
		if err != nil || duration < info.DT || duration > maxDuration {
			why := ""
			if err != nil {
				why = " (" + err.Error() + ")"
			} else if duration > 0 && duration < info.DT {
				why = " (it would run no step at all)"
			}
			return 0, 0, usagef("--duration %s is not allowed%s: a number of ms from %s (one step of model %s) to %d",
				o.duration, why, step, info.ID, maxDuration)
		}
	}
	steps := int(math.Round(duration / info.DT))
	every = max(1, int(math.Ceil(float64(steps)/maxSamples)))
	if o.every != "" {
		ms, err := sim.ParseDecimal(o.every)
		if err != nil || ms < info.DT || ms > duration {
			why := ""
			if err != nil {
				why = " (" + err.Error() + ")"
			}
			return 0, 0, usagef("--every %s is not allowed%s: a number of ms from the model's step %s to the duration %s",
				o.every, why, step, sim.FormatValue(duration))
		}
		every = max(1, int(math.Round(ms/info.DT)))
	}
	return duration, every, nil
}
