package main

import (
	"context"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/neurotutor/neurotutor/sim"
	"github.com/neurotutor/neurotutor/sim/sweep"
)

// Bounds of `sim sweep`.
const (
	maxPoints = 1000
	maxSeeds  = 100
)

func newSimSweepCmd(stdout io.Writer) *cobra.Command {
	o := &simSweepOptions{}
	c := &cobra.Command{
		Use:   "sweep <model-id> --param KEY",
		Short: "Run a model across a range of one parameter and print its metrics at each value",
		Long: `Run a fresh model at each of --points values of --param, evenly spaced from
--from to --to (default: the parameter's whole range), for --duration ms
each, and print the chosen metrics. With --seeds K every point runs with
seeds --seed … --seed+K−1 and reports the mean, standard deviation, minimum
and maximum across them.`,
		Example: `  neurotutor sim sweep hh --param I --from 0 --to 30 --points 31 --metric rate_hz
  neurotutor sim sweep hopfield --param P --metric overlap --seeds 5 --format csv`,
		Args: args(1, 1, "one model id (see `neurotutor sim list`)"),
		RunE: func(cmd *cobra.Command, a []string) error {
			o.model = a[0]
			return o.Run(cmd.Context(), stdout, nil)
		},
		ValidArgsFunction: completeModels,
	}
	f := c.Flags()
	f.StringVar(&o.param, "param", "", "the parameter to sweep (required)")
	f.StringVar(&o.from, "from", "", "first value (default: the parameter's minimum)")
	f.StringVar(&o.to, "to", "", "last value (default: the parameter's maximum)")
	o.points, o.seed, o.seeds = 11, 1, 1
	f.Var(wholeFlag{&o.points, "a whole number from 1 to 1000"}, "points", "number of values, from 1 to 1000")
	f.StringSliceVar(&o.metrics, "metric", nil, "metrics to print, comma-separated (default: all)")
	f.StringArrayVar(&o.set, "set", nil, "set another parameter, key=value (repeatable)")
	f.Var(seedFlag{&o.seed}, "seed", "first random seed")
	f.Var(wholeFlag{&o.seeds, "a whole number from 1 to 100"}, "seeds", "number of seeds per point, from 1 to 100")
	f.Var(decimalFlag{&o.duration, "a number of ms"}, "duration", "simulated ms per run (default: 1000 or the model's plot window, whichever is longer)")
	f.StringVar(&o.format, "format", "json", "output format: json or csv")
	return c
}

// completeModels offers model ids for shell completion.
func completeModels(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
	e, err := loadEnv()
	if err != nil {
		return nil, cobra.ShellCompDirectiveError
	}
	return e.reg.IDs(), cobra.ShellCompDirectiveNoFileComp
}

type simSweepOptions struct {
	model, param, from, to, format string
	points, seeds                  int
	metrics, set                   []string
	seed                           uint64
	duration                       float64
}

// Run sweeps and prints the result.
func (o *simSweepOptions) Run(ctx context.Context, stdout, _ io.Writer) error {
	if err := checkFormat(o.format); err != nil {
		return err
	}
	if o.points < 1 || o.points > maxPoints {
		return usagef("--points %d is not allowed: a whole number from 1 to %d", o.points, maxPoints)
	}
	if o.seeds < 1 || o.seeds > maxSeeds {
		return usagef("--seeds %d is not allowed: a whole number from 1 to %d", o.seeds, maxSeeds)
	}
	e, m, err := loadModel(o.model)
	if err != nil {
		return err
	}
	info := m.Info()
	if o.param == "" {
		return usagef("sim sweep needs --param, one of: %s", strings.Join(paramKeys(info), ", "))
	}
	p, ok := sim.FindParam(info.Params, o.param)
	if !ok {
		return asUsage(m.Set(o.param, 0))
	}
	if err := applySets(m, o.set); err != nil {
		return err
	}
	from, to := p.Min, p.Max
	if o.from != "" {
		if from, err = p.Parse(o.from); err != nil {
			return usagef("--from: %v", err)
		}
	}
	if o.to != "" {
		if to, err = p.Parse(o.to); err != nil {
			return usagef("--to: %v", err)
		}
	}
	values, err := sweep.Points(p, from, to, o.points)
	if err != nil {
		return usagef("--from/--to/--points: %v", err)
	}
	if o.duration == 0 {
		o.duration = sweep.DefaultDuration(info)
	}
	if !(o.duration >= info.DT && o.duration <= maxDuration) {
		return usagef("--duration %g is not allowed: a number of ms from the model's step %g to %d", o.duration, info.DT, maxDuration)
	}
	cols, err := sweep.Columns(info.Metrics, o.metrics)
	if err != nil {
		return usagef("--metric: model %s has %v", info.ID, err)
	}
	base := sweep.SettingsOf(m)
	seeds := make([]uint64, o.seeds)
	for i := range seeds {
		seeds[i] = o.seed + uint64(i)
	}
	res, err := sweep.Run(ctx, sweep.Spec{
		New:      func() sim.Model { x, _ := e.reg.New(o.model); return x },
		Settings: base, Param: p.Key, Values: values, Seeds: seeds, Duration: o.duration,
	}, nil)
	if err != nil {
		return asUsage(err)
	}
	if o.format == "csv" {
		return res.WriteCSV(stdout, cols)
	}
	vals := make([]float64, len(base))
	for i, s := range base {
		vals[i] = s.Value
	}
	return res.WriteJSON(stdout, info.ID, info.Params, vals, cols)
}

func paramKeys(info sim.Info) []string {
	ks := make([]string, len(info.Params))
	for i, p := range info.Params {
		ks[i] = p.Key
	}
	return ks
}
