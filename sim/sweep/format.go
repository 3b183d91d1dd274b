package sweep

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/neurotutor/neurotutor/sim"
	"github.com/neurotutor/neurotutor/sim/export"
)

// Columns picks metrics by key for output, in the order given; nil or
// empty picks them all. An unknown key is an *UnknownMetricError.
func Columns(metrics []sim.Metric, keys []string) ([]int, error) {
	if len(keys) == 0 {
		idx := make([]int, len(metrics))
		for i := range idx {
			idx[i] = i
		}
		return idx, nil
	}
	var idx []int
	for _, k := range keys {
		i := slices.IndexFunc(metrics, func(m sim.Metric) bool { return m.Key == k })
		if i < 0 {
			known := make([]string, len(metrics))
			for j, m := range metrics {
				known[j] = m.Key
			}
			return nil, &UnknownMetricError{Key: k, Known: known}
		}
		idx = append(idx, i)
	}
	return idx, nil
}

// UnknownMetricError names a metric the model does not report.
type UnknownMetricError struct {
	Key   string
	Known []string
}

func (e *UnknownMetricError) Error() string {
	s := fmt.Sprintf("no metric %q", e.Key)
	if c := sim.Suggest(e.Key, e.Known); c != "" {
		s += " (did you mean " + c + "?)"
	}
	return s + fmt.Sprintf(" (metrics: %s)", strings.Join(e.Known, ", "))
}

// WriteCSV writes one row per point: the parameter's value, then each
// chosen metric; with several seeds each metric has four columns,
// key_mean, key_sd, key_min and key_max.
func (r *Result) WriteCSV(w io.Writer, cols []int) error {
	cw := csv.NewWriter(w)
	header := []string{r.Param.Key}
	for _, k := range cols {
		key := r.Metrics[k].Key
		if len(r.Seeds) == 1 {
			header = append(header, key)
		} else {
			header = append(header, key+"_mean", key+"_sd", key+"_min", key+"_max")
		}
	}
	cw.Write(header)
	f := func(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }
	for i, v := range r.Values {
		row := []string{r.Param.Format(v)} // a choice by name
		for _, k := range cols {
			st := r.Stat(i, k)
			if len(r.Seeds) == 1 {
				row = append(row, f(st.Mean))
			} else {
				row = append(row, f(st.Mean), f(st.SD), f(st.Min), f(st.Max))
			}
		}
		cw.Write(row)
	}
	cw.Flush()
	return cw.Error()
}

// statJSON is one metric at one point.
type statJSON struct {
	Mean export.Number `json:"mean"`
	SD   export.Number `json:"sd"`
	Min  export.Number `json:"min"`
	Max  export.Number `json:"max"`
}

// WriteJSON writes one object: {"model", "param", "unit", "duration_ms",
// "seeds", "params", "points": [{"value", "metrics": {key: {"mean", "sd",
// "min", "max"}}}]}. params are the settings every point started from.
func (r *Result) WriteJSON(w io.Writer, model string, base []sim.Param, baseValues []float64, cols []int) error {
	type pointJSON struct {
		Value   any                 `json:"value"` // a number, or a choice's name
		Metrics map[string]statJSON `json:"metrics"`
	}
	pts := make([]pointJSON, len(r.Values))
	for i, v := range r.Values {
		var value any = export.Number(v)
		if len(r.Param.Choices) > 0 {
			value = r.Param.Format(v)
		}
		pts[i] = pointJSON{Value: value, Metrics: map[string]statJSON{}}
		for _, k := range cols {
			st := r.Stat(i, k)
			pts[i].Metrics[r.Metrics[k].Key] = statJSON{export.Number(st.Mean), export.Number(st.SD), export.Number(st.Min), export.Number(st.Max)}
		}
	}
	out := struct {
		Model    string         `json:"model"`
		Param    string         `json:"param"`
		Unit     string         `json:"unit"`
		Duration export.Number  `json:"duration_ms"`
		Seeds    []uint64       `json:"seeds"`
		Params   map[string]any `json:"params"`
		Points   []pointJSON    `json:"points"`
	}{model, r.Param.Key, r.Param.Unit, export.Number(r.Duration), r.Seeds, export.ParamValues(base, baseValues), pts}
	return json.NewEncoder(w).Encode(out)
}
