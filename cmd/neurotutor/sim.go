package main

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/neurotutor/neurotutor/sim"
)

// maxDuration bounds `sim run --duration`, in ms of simulated time.
const maxDuration = 600_000

// maxSamples bounds the rows `sim run` prints unless --every asks for more.
const maxSamples = 20_000

func newSimCmd(stdout io.Writer) *cobra.Command {
	c := &cobra.Command{
		Use:   "sim",
		Short: "List the models or run one headless",
		Args:  args(0, 0, "a subcommand: list or run"),
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
			return ro.Run(cmd.Context(), stdout, nil)
		},
		ValidArgsFunction: func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
			e, err := loadEnv()
			if err != nil {
				return nil, cobra.ShellCompDirectiveError
			}
			return e.reg.IDs(), cobra.ShellCompDirectiveNoFileComp
		},
	}
	run.Flags().StringArrayVar(&ro.set, "set", nil, "set a parameter, key=value (repeatable)")
	run.Flags().Float64Var(&ro.duration, "duration", 0, "simulated time in ms (default: the model's plot window)")
	run.Flags().Uint64Var(&ro.seed, "seed", 1, "random seed")
	run.Flags().StringVar(&ro.format, "format", "json", "output format: json or csv")
	run.Flags().Float64Var(&ro.every, "every", 0, "ms between recorded samples (default: every step, at most 20000 rows)")
	c.AddCommand(list, run)
	return c
}

type simListOptions struct{ json bool }

type infoJSON struct {
	ID       string       `json:"id"`
	Title    string       `json:"title"`
	Summary  string       `json:"summary"`
	DT       float64      `json:"dt_ms"`
	StepNote string       `json:"step_note,omitempty"`
	Params   []sim.Param  `json:"params"`
	Metrics  []sim.Metric `json:"metrics"`
	Signals  []sim.Signal `json:"signals"`
	Plots    []string     `json:"plots"`
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
		all = append(all, infoJSON{info.ID, info.Title, info.Summary, info.DT, info.StepNote, info.Params, info.Metrics, info.Signals, plots})
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
		for _, p := range in.Params {
			fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\n", p.Key, p.Format(p.Default), p.Allowed(), p.Help)
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
	duration float64
	seed     uint64
	format   string
	every    float64
}

// number is a float64 that encodes NaN and ±Inf as JSON null.
type number float64

func (n number) MarshalJSON() ([]byte, error) {
	f := float64(n)
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return []byte("null"), nil
	}
	return strconv.AppendFloat(nil, f, 'g', -1, 64), nil
}

// Run runs the model and prints the result.
func (o *simRunOptions) Run(_ context.Context, stdout, _ io.Writer) error {
	if o.format != "json" && o.format != "csv" {
		return usagef("--format %q is not allowed: use json or csv", o.format)
	}
	e, err := loadEnv()
	if err != nil {
		return err
	}
	m, err := e.reg.New(o.model)
	if err != nil {
		return asUsage(err)
	}
	info := m.Info()
	for _, kv := range o.set {
		k, v, ok := strings.Cut(kv, "=")
		if !ok {
			return usagef("--set %q is not key=value (for example --set %s=%s)", kv, info.Params[0].Key, info.Params[0].Format(info.Params[0].Default))
		}
		k = strings.TrimSpace(k)
		p, found := sim.FindParam(info.Params, k)
		if !found {
			return asUsage(m.Set(k, 0)) // the model names the key and its parameters
		}
		x, err := p.Parse(v)
		if err != nil {
			return usagef("%v", err)
		}
		if err := m.Set(k, x); err != nil {
			return asUsage(err)
		}
	}
	if o.duration == 0 {
		o.duration = info.Window
	}
	if !(o.duration > 0 && o.duration <= maxDuration) {
		return usagef("--duration %g is not allowed: a number of ms above 0 and at most %d", o.duration, maxDuration)
	}
	steps := int(math.Round(o.duration / info.DT))
	every := max(1, int(math.Ceil(float64(steps)/maxSamples)))
	if o.every != 0 {
		if o.every < info.DT || o.every > o.duration {
			return usagef("--every %g is not allowed: from the model's step %g ms to the duration %g ms", o.every, info.DT, o.duration)
		}
		every = max(1, int(math.Round(o.every/info.DT)))
	}
	run := sim.NewRun(m, o.duration, every)
	run.Reset(o.seed)
	run.Advance(o.duration)
	if err := run.CheckFinite(); err != nil {
		return fmt.Errorf("model %s went wrong: %w", info.ID, err)
	}
	var t sim.Series
	cols := make([]sim.Series, len(info.Signals))
	for i, s := range info.Signals {
		run.Trace(s.Key, &cols[i])
	}
	if len(info.Signals) > 0 {
		run.Trace(info.Signals[0].Key, &t)
	}
	if o.format == "csv" {
		w := csv.NewWriter(stdout)
		header := []string{"t_ms"}
		for _, s := range info.Signals {
			header = append(header, s.Key)
		}
		w.Write(header)
		row := make([]string, len(header))
		for k := range t.X {
			row[0] = strconv.FormatFloat(t.X[k], 'g', -1, 64)
			for i := range cols {
				row[i+1] = strconv.FormatFloat(cols[i].Y[k], 'g', -1, 64)
			}
			w.Write(row)
		}
		w.Flush()
		return w.Error()
	}
	params := map[string]any{}
	for _, p := range info.Params {
		v, _ := m.Get(p.Key)
		if len(p.Choices) > 0 {
			params[p.Key] = p.Format(v)
		} else {
			params[p.Key] = number(v)
		}
	}
	metrics := map[string]number{}
	for i, v := range run.Metrics(nil) {
		metrics[info.Metrics[i].Key] = number(v)
	}
	series := map[string][]number{"t_ms": numbers(t.X)}
	for i, s := range info.Signals {
		series[s.Key] = numbers(cols[i].Y)
	}
	out := struct {
		Model    string              `json:"model"`
		Seed     uint64              `json:"seed"`
		Duration number              `json:"duration_ms"`
		DT       number              `json:"dt_ms"`
		Sample   number              `json:"sample_ms"`
		Params   map[string]any      `json:"params"`
		Metrics  map[string]number   `json:"metrics"`
		Series   map[string][]number `json:"series"`
	}{info.ID, o.seed, number(o.duration), number(info.DT), number(run.SampleMS()), params, metrics, series}
	enc := json.NewEncoder(stdout)
	return enc.Encode(out)
}

func numbers(xs []float64) []number {
	out := make([]number, len(xs))
	for i, x := range xs {
		out[i] = number(x)
	}
	return out
}
