package export

import (
	"encoding/csv"
	"encoding/json"
	"io"
	"math"
	"strconv"

	"github.com/neurotutor/neurotutor/sim"
)

// Record is one run's parameters, metrics and recorded series.
type Record struct {
	Model    string
	Seed     uint64
	Duration float64 // simulated ms since t = 0
	DT       float64 // the model's step, ms
	Sample   float64 // ms between recorded samples
	Params   []sim.Param
	Values   []float64 // current value of each of Params
	Metrics  []sim.Metric
	Measured []float64 // value of each of Metrics
	Signals  []sim.Signal
	T        []float64   // sample times, ms
	Series   [][]float64 // one per signal, aligned with T
}

// FromRun reads everything the run has recorded (the samples its buffers
// hold) with the model's current parameters and metrics.
func FromRun(r *sim.Run) Record {
	info := r.Info()
	rec := Record{
		Model: info.ID, Seed: r.Seed(), Duration: math.Round(float64(r.Steps())*info.DT*1e9) / 1e9, DT: info.DT, Sample: r.SampleMS(),
		Params: info.Params, Metrics: info.Metrics, Signals: info.Signals,
		Measured: r.Metrics(nil),
	}
	for _, p := range info.Params {
		v, _ := r.Model.Get(p.Key)
		rec.Values = append(rec.Values, v)
	}
	var s sim.Series
	for i, sg := range info.Signals {
		r.Trace(sg.Key, &s)
		if i == 0 {
			rec.T = append([]float64(nil), s.X...)
		}
		rec.Series = append(rec.Series, append([]float64(nil), s.Y...))
	}
	return rec
}

// Number is a float64 that encodes NaN and ±Inf as JSON null.
type Number float64

// MarshalJSON writes the shortest decimal, or null for NaN and ±Inf.
func (n Number) MarshalJSON() ([]byte, error) {
	f := float64(n)
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return []byte("null"), nil
	}
	return strconv.AppendFloat(nil, f, 'g', -1, 64), nil
}

// Numbers converts a slice for JSON.
func Numbers(xs []float64) []Number {
	out := make([]Number, len(xs))
	for i, x := range xs {
		out[i] = Number(x)
	}
	return out
}

// ParamValues maps each parameter to its value for JSON: a choice by
// name, a number otherwise.
func ParamValues(ps []sim.Param, vs []float64) map[string]any {
	out := map[string]any{}
	for i, p := range ps {
		if len(p.Choices) > 0 {
			out[p.Key] = p.Format(vs[i])
		} else {
			out[p.Key] = Number(vs[i])
		}
	}
	return out
}

// WriteJSON writes the record as one JSON object on one line:
// {"model", "seed", "duration_ms", "dt_ms", "sample_ms", "params",
// "metrics", "series": {"t_ms": […], signal: […]}}.
func (r Record) WriteJSON(w io.Writer) error {
	metrics := map[string]Number{}
	for i, v := range r.Measured {
		metrics[r.Metrics[i].Key] = Number(v)
	}
	series := map[string][]Number{"t_ms": Numbers(r.T)}
	for i, s := range r.Signals {
		series[s.Key] = Numbers(r.Series[i])
	}
	out := struct {
		Model    string              `json:"model"`
		Seed     uint64              `json:"seed"`
		Duration Number              `json:"duration_ms"`
		DT       Number              `json:"dt_ms"`
		Sample   Number              `json:"sample_ms"`
		Params   map[string]any      `json:"params"`
		Metrics  map[string]Number   `json:"metrics"`
		Series   map[string][]Number `json:"series"`
	}{r.Model, r.Seed, Number(r.Duration), Number(r.DT), Number(r.Sample), ParamValues(r.Params, r.Values), metrics, series}
	return json.NewEncoder(w).Encode(out)
}

// WriteCSV writes the series: a header row "t_ms,signal,…", then one row
// per sample.
func (r Record) WriteCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	header := []string{"t_ms"}
	for _, s := range r.Signals {
		header = append(header, s.Key)
	}
	cw.Write(header)
	row := make([]string, len(header))
	for k, t := range r.T {
		row[0] = strconv.FormatFloat(t, 'g', -1, 64)
		for i := range r.Series {
			row[i+1] = strconv.FormatFloat(r.Series[i][k], 'g', -1, 64)
		}
		cw.Write(row)
	}
	cw.Flush()
	return cw.Error()
}
