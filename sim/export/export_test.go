package export

import (
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/neurotutor/neurotutor/sim"
	"github.com/neurotutor/neurotutor/sim/neuron"
)

func record(t *testing.T) Record {
	t.Helper()
	m := neuron.NewLIF()
	if err := m.Set("I", 2); err != nil {
		t.Fatal(err)
	}
	r := sim.NewRun(m, 50, 10)
	r.Reset(4)
	r.Advance(50)
	return FromRun(r)
}

func TestFromRunAndFormats(t *testing.T) {
	rec := record(t)
	if rec.Model != "lif" || rec.Seed != 4 || rec.Duration != 50 {
		t.Fatalf("model %s seed %d duration %g, want lif 4 50", rec.Model, rec.Seed, rec.Duration)
	}
	var b strings.Builder
	if err := rec.WriteCSV(&b); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(b.String()), "\n")
	if !strings.HasPrefix(lines[0], "t_ms,") || len(lines) != len(rec.T)+1 {
		t.Errorf("csv header %q, %d lines for %d samples", lines[0], len(lines), len(rec.T))
	}
	b.Reset()
	if err := rec.WriteJSON(&b); err != nil {
		t.Fatal(err)
	}
	var got struct {
		Params map[string]any       `json:"params"`
		Series map[string][]float64 `json:"series"`
	}
	if err := json.Unmarshal([]byte(b.String()), &got); err != nil {
		t.Fatal(err)
	}
	if got.Params["I"] != 2.0 || len(got.Series["t_ms"]) != len(rec.T) {
		t.Errorf("params %v, %d times", got.Params, len(got.Series["t_ms"]))
	}
}

func TestNumberNull(t *testing.T) {
	b, _ := json.Marshal([]Number{1.5, Number(math.NaN()), Number(math.Inf(1))})
	if string(b) != "[1.5,null,null]" {
		t.Errorf("got %s", b)
	}
}

func TestSaveNeverOverwrites(t *testing.T) {
	dir := t.TempDir()
	rec := record(t)
	os.WriteFile(filepath.Join(dir, "run.json"), []byte("mine"), 0o644)
	c, j, err := Save(dir, "run", rec)
	if err != nil {
		t.Fatal(err)
	}
	if filepath.Base(c) != "run-2.csv" || filepath.Base(j) != "run-2.json" {
		t.Errorf("wrote %s and %s, want run-2.*", c, j)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "run.json")); string(b) != "mine" {
		t.Errorf("the existing file was overwritten: %q", b)
	}
	left, _ := filepath.Glob(filepath.Join(dir, ".neurotutor-export-*"))
	if len(left) > 0 {
		t.Errorf("temporary files left: %v", left)
	}
	if _, _, err := Save(filepath.Join(dir, "missing"), "run", rec); err == nil || !strings.Contains(err.Error(), "cannot write in") {
		t.Errorf("saving into a missing directory: %v", err)
	}
}
