package sweep

import (
	"context"
	"fmt"
	"math"
	"runtime"
	"sync"

	"github.com/neurotutor/neurotutor/sim"
)

// Setting is one parameter value applied before the swept one.
type Setting struct {
	Key   string
	Value float64
}

// Spec says what to sweep.
type Spec struct {
	New      func() sim.Model // a fresh model with default parameters
	Settings []Setting        // applied in order to every point's model
	Param    string           // the swept parameter
	Values   []float64        // its values, one point each
	Seeds    []uint64         // one run per seed at every point
	Duration float64          // simulated ms per run
}

// Result holds every run's metrics.
type Result struct {
	Param    sim.Param
	Metrics  []sim.Metric // all the model's metrics, in its order
	Values   []float64
	Seeds    []uint64
	Duration float64
	// Runs[i][s][k] is metric k at Values[i] with Seeds[s].
	Runs [][][]float64
}

// Stat summarises one metric at one point across the seeds.
type Stat struct {
	Mean, SD, Min, Max float64 // SD is the sample standard deviation, 0 for one seed
}

// Stat summarises metric k at point i.
func (r *Result) Stat(i, k int) Stat {
	runs := r.Runs[i]
	st := Stat{Min: math.Inf(1), Max: math.Inf(-1)}
	for _, ms := range runs {
		v := ms[k]
		st.Mean += v
		st.Min, st.Max = math.Min(st.Min, v), math.Max(st.Max, v)
	}
	n := float64(len(runs))
	st.Mean /= n
	if len(runs) > 1 {
		ss := 0.0
		for _, ms := range runs {
			d := ms[k] - st.Mean
			ss += d * d
		}
		st.SD = math.Sqrt(ss / (n - 1))
	}
	return st
}

// MetricIndex is the position of a metric key in r.Metrics, or −1.
func (r *Result) MetricIndex(key string) int {
	for i, m := range r.Metrics {
		if m.Key == key {
			return i
		}
	}
	return -1
}

// Points returns evenly spaced values of p from a to b inclusive, n of
// them (n = 1 gives a alone). Whole-number and choice parameters are
// rounded and repeated values dropped. Values outside p's range, a > b or
// n < 1 are errors.
func Points(p sim.Param, a, b float64, n int) ([]float64, error) {
	switch {
	case n < 1:
		return nil, fmt.Errorf("%d points is not allowed: at least 1", n)
	case !p.Check(a) && !(p.Integer && p.Check(math.Round(a))):
		return nil, fmt.Errorf("from %s is not allowed for %s: %s", sim.FormatValue(a), p.Key, p.Allowed())
	case !p.Check(b) && !(p.Integer && p.Check(math.Round(b))):
		return nil, fmt.Errorf("to %s is not allowed for %s: %s", sim.FormatValue(b), p.Key, p.Allowed())
	case a > b:
		return nil, fmt.Errorf("from %s is above to %s", sim.FormatValue(a), sim.FormatValue(b))
	case n > 1 && a == b:
		return nil, fmt.Errorf("from and to are both %s: %d points need a range", sim.FormatValue(a), n)
	}
	var out []float64
	for i := range n {
		v := a
		if n > 1 {
			v = a + (b-a)*float64(i)/float64(n-1)
		}
		v = math.Round(v*1e9) / 1e9 // 0.1 steps read as 0.1, not 0.30000000000000004
		if p.Integer || len(p.Choices) > 0 {
			v = math.Round(v)
		}
		if len(out) > 0 && out[len(out)-1] == v {
			continue
		}
		out = append(out, v)
	}
	return out, nil
}

// chunk is how many steps a run advances between checks of the context.
const chunk = 5000

// Run runs every (value, seed) pair, at most GOMAXPROCS at a time, and
// calls progress (if not nil) after each with the number done and the
// total, from one goroutine at a time. It returns the context's error when
// cancelled, and an error naming the point when a setting is refused or a
// model panics.
func Run(ctx context.Context, s Spec, progress func(done, total int)) (*Result, error) {
	probe := s.New()
	info := probe.Info()
	p, ok := sim.FindParam(info.Params, s.Param)
	if !ok {
		return nil, probe.Set(s.Param, 0) // names the key and the model's parameters
	}
	if len(s.Values) == 0 || len(s.Seeds) == 0 {
		return nil, fmt.Errorf("sweep: no values or no seeds")
	}
	res := &Result{Param: p, Metrics: info.Metrics, Values: s.Values, Seeds: s.Seeds, Duration: s.Duration,
		Runs: make([][][]float64, len(s.Values))}
	for i := range res.Runs {
		res.Runs[i] = make([][]float64, len(s.Seeds))
	}
	type job struct{ i, s int }
	jobs := make(chan job)
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var (
		mu    sync.Mutex
		done  int
		first error
	)
	fail := func(err error) {
		mu.Lock()
		if first == nil {
			first = err
		}
		mu.Unlock()
		cancel()
	}
	workers := min(runtime.GOMAXPROCS(0), len(s.Values)*len(s.Seeds))
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				ms, err := point(ctx, s, s.Values[j.i], s.Seeds[j.s])
				if err != nil {
					fail(err)
					continue
				}
				res.Runs[j.i][j.s] = ms
				mu.Lock()
				done++
				if progress != nil {
					progress(done, len(s.Values)*len(s.Seeds))
				}
				mu.Unlock()
			}
		}()
	}
feed:
	for i := range s.Values {
		for k := range s.Seeds {
			select {
			case jobs <- job{i, k}:
			case <-ctx.Done():
				break feed
			}
		}
	}
	close(jobs)
	wg.Wait()
	if first != nil {
		return nil, first
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return res, nil
}

// point runs one fresh model at one value and seed and returns its metrics.
func point(ctx context.Context, s Spec, v float64, seed uint64) (ms []float64, err error) {
	m := s.New()
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("model %s stopped with an internal error at %s = %s, seed %d: %v",
				m.Info().ID, s.Param, sim.FormatValue(v), seed, r)
		}
	}()
	for _, x := range s.Settings {
		if x.Key == s.Param {
			continue
		}
		if err := m.Set(x.Key, x.Value); err != nil {
			return nil, err
		}
	}
	if err := m.Set(s.Param, v); err != nil {
		return nil, err
	}
	r := sim.NewRun(m, m.Info().DT, 1<<30) // records nothing worth keeping
	r.Reset(seed)
	steps := int(math.Round(s.Duration / m.Info().DT))
	for steps > 0 {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		n := min(steps, chunk)
		r.Advance(float64(n) * m.Info().DT)
		steps -= n
	}
	if err := r.CheckFinite(); err != nil {
		return nil, fmt.Errorf("model %s went wrong at %s = %s, seed %d: %w", m.Info().ID, s.Param, sim.FormatValue(v), seed, err)
	}
	return r.Metrics(nil), nil
}

// DefaultDuration is the simulated time per point unless told otherwise:
// long enough for rates measured after a settling time (1000 ms), or the
// model's plot window when that is longer.
func DefaultDuration(info sim.Info) float64 { return max(1000, info.Window) }

// SettingsOf reads every parameter of m, in the model's order, as settings
// that put a fresh model in the same state.
func SettingsOf(m sim.Model) []Setting {
	var out []Setting
	for _, p := range m.Info().Params {
		v, _ := m.Get(p.Key)
		out = append(out, Setting{p.Key, v})
	}
	return out
}
