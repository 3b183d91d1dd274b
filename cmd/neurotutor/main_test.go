package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "rewrite golden files")

func runCLI(args ...string) (stdout, stderr string, code int) {
	var out, errb bytes.Buffer
	code = run(context.Background(), args, &out, &errb)
	return out.String(), errb.String(), code
}

// TestGolden compares stdout of runs whose output depends only on a model.
func TestGolden(t *testing.T) {
	for _, c := range []struct {
		name string
		args []string
	}{
		{"sim-run-wta-json", []string{"sim", "run", "wta", "--duration", "20", "--every", "5"}},
		{"sim-run-wta-csv", []string{"sim", "run", "wta", "--duration", "2", "--every", "0.5", "--format", "csv", "--set", "I1=12.5", "--set", "noise=1", "--seed", "3"}},
		{"sim-run-linear-json", []string{"sim", "run", "linear", "--duration", "10", "--every", "2.5", "--set", "nonlin=threshold"}},
		{"sim-sweep-wta-json", []string{"sim", "sweep", "wta", "--param", "beta", "--from", "0.5", "--to", "1.5", "--points", "3", "--metric", "winner,gap", "--set", "noise=1", "--seeds", "2", "--duration", "100"}},
		{"sim-sweep-linear-csv", []string{"sim", "sweep", "linear", "--param", "nonlin", "--metric", "output", "--duration", "50", "--format", "csv"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			out, errs, code := runCLI(c.args...)
			if code != 0 || errs != "" {
				t.Fatalf("exit %d, stderr %q", code, errs)
			}
			path := filepath.Join("testdata", c.name+".golden")
			if *update {
				os.MkdirAll("testdata", 0o755)
				os.WriteFile(path, []byte(out), 0o644)
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if out != string(want) {
				t.Errorf("stdout differs from %s:\n%s", path, out)
			}
		})
	}
}

// TestUsageErrors checks each bad input exits 2 and names the bad value
// and what is allowed.
func TestUsageErrors(t *testing.T) {
	for _, c := range []struct {
		args []string
		want []string
	}{
		{[]string{"sim", "run", "wtaa"}, []string{`unknown model "wtaa"`, "did you mean wta?", "models: "}},
		{[]string{"sim", "run", "wta", "--set", "I9=3"}, []string{`no parameter "I9"`, "parameters: n, I1"}},
		{[]string{"sim", "run", "wta", "--set", "alpha=9"}, []string{"alpha = 9 is not allowed: a number from 0 to 3"}},
		{[]string{"sim", "run", "wta", "--set", "alpha"}, []string{`--set: "alpha" is not key=value (for example n=4)`}},
		{[]string{"sim", "run", "wta", "--set", "alpha=lots"}, []string{`alpha = "lots" is not allowed (not a plain decimal number): a number from 0 to 3`}},
		{[]string{"sim", "run", "linear", "--set", "nonlin=relu"}, []string{"one of linear, threshold, rectified"}},
		{[]string{"sim", "run", "wta", "--set", "n=2.5"}, []string{"n = 2.5 is not allowed: a whole number from 2 to 6"}},
		{[]string{"sim", "run", "wta", "--duration", "-5"}, []string{"--duration -5 is not allowed"}},
		{[]string{"sim", "run", "wta", "--duration", "1e9"}, []string{"from 0.1 (one step of model wta) to 600000"}},
		{[]string{"sim", "run", "wta", "--every", "0.01"}, []string{"--every 0.01 is not allowed"}},
		{[]string{"sim", "run", "wta", "--format", "xml"}, []string{`--format "xml" is not allowed: use json or csv`}},
		{[]string{"sim", "run", "wta", "--bogus"}, []string{"unknown flag: --bogus"}},
		{[]string{"sim", "run", "wta", "--seed", "-1"}, []string{`--seed "-1" is not allowed`, "a whole number from 0 to 18446744073709551615"}},
		{[]string{"sim", "sweep", "wta", "--param", "beta", "--points", "0x10"}, []string{`invalid argument "0x10" for "--points"`, "a whole number from 1 to 1000"}},
		{[]string{"sim", "sweep", "wta", "--param", "beta", "--duration", "NaN"}, []string{`"--duration"`, "not a plain decimal number"}},
		{[]string{"sim", "sweep", "wta", "--param", "beta", "--seed", "-1"}, []string{"a whole number from 0 to 18446744073709551615"}},
		{[]string{"serve", "--fps", "1_5"}, []string{`"--fps"`, "a whole number from 1 to 30"}},
		{[]string{"show", "wta", "--width", "8e1"}, []string{`"--width"`, "not a plain whole number"}},
		{[]string{"wta", "--seed", "0x1"}, []string{`"--seed"`, "a whole number from 0 to 18446744073709551615"}},
		{[]string{"sim", "run", "wta", "--seed", "0x10"}, []string{"a whole number from 0 to 18446744073709551615"}},
		{[]string{"sim", "run", "wta", "--every", "NaN"}, []string{"--every NaN is not allowed (not a plain decimal number): a number of ms from the model's step 0.1 to the duration"}},
		{[]string{"sim", "run", "wta", "--set", "alpha=1e-400"}, []string{"would be taken as 0): a number from 0 to 3"}},
		{[]string{"sim", "run", "wta", "--set", "I1=1_0"}, []string{"not a plain decimal number): a number from 0 to"}},
		{[]string{"sim", "run", "wta", "--set", "alpha=0x1p0"}, []string{"not a plain decimal number): a number from 0 to 3"}},
		{[]string{"sim", "run", "wta", "--duration", "1e-9"}, []string{"--duration 1e-9 is not allowed (it would run no step at all): a number of ms from 0.1"}},
		{[]string{"sim", "run", "wta", "--duration", "soon"}, []string{"--duration soon is not allowed (not a plain decimal number): a number of ms from 0.1 (one step of model wta) to 600000"}},
		{[]string{"sim", "run", "wta", "--set", "I1=12", "--set", "I1=13"}, []string{"I1 is given twice (I1=12, then I1=13): give each parameter once"}},
		{[]string{"sim", "run"}, []string{"needs one model id"}},
		{[]string{"sim", "sweep", "wta"}, []string{"needs --param, one of: n, I1"}},
		{[]string{"sim", "sweep", "wta", "--param", "betaa"}, []string{`no parameter "betaa"`, "did you mean beta?"}},
		{[]string{"sim", "sweep", "wta", "--param", "beta", "--from", "11"}, []string{"from 11 is not allowed for beta: a number from 0 to 10"}},
		{[]string{"sim", "sweep", "wta", "--param", "beta", "--from", "2", "--to", "1"}, []string{"from 2 is above to 1"}},
		{[]string{"sim", "sweep", "wta", "--param", "beta", "--to", "many"}, []string{`--to: beta = "many" is not allowed (not a plain decimal number): a number from 0 to 10`}},
		{[]string{"sim", "sweep", "wta", "--param", "beta", "--points", "0"}, []string{"--points 0 is not allowed: a whole number from 1 to 1000"}},
		{[]string{"sim", "sweep", "wta", "--param", "beta", "--seeds", "500"}, []string{"--seeds 500 is not allowed"}},
		{[]string{"sim", "sweep", "wta", "--param", "beta", "--metric", "winer"}, []string{`no metric "winer"`, "did you mean winner?", "metrics: winner, active"}},
		{[]string{"sim", "sweep", "wta", "--param", "beta", "--set", "alpha=9"}, []string{"alpha = 9 is not allowed"}},
		{[]string{"sim", "sweep", "wta", "--param", "beta", "--duration", "0.01"}, []string{"--duration 0.01 is not allowed"}},
		{[]string{"sim", "sweep", "wta", "--param", "beta", "--format", "xml"}, []string{`--format "xml" is not allowed`}},
		{[]string{"sim", "sweep"}, []string{"needs one model id"}},
		{[]string{"glossary", "rheobse"}, []string{`no glossary entry for "rheobse"`, "did you mean rheobase?"}},
		{[]string{"glossary", "a", "b"}, []string{"at most one term"}},
		{[]string{"--set", "I=3"}, []string{"--set and --seed need a lesson id"}},
		{[]string{"--seed", "3"}, []string{"--set and --seed need a lesson id"}},
		{[]string{"hh", "--set", "I=300"}, []string{"I = 300 is not allowed: a number from -20 to 200 µA/cm²"}},
		{[]string{"hh", "--set", "J=3"}, []string{`no parameter "J"`}},
		{[]string{"hh", "--theme", "blue"}, []string{`--theme "blue" is not allowed: use dark, light or auto`}},
		{[]string{"serve", "--theme", "blue"}, []string{`--theme "blue" is not allowed`}},
		{[]string{"show", "wta", "--theme", "sepia"}, []string{`--theme "sepia" is not allowed`}},
		{[]string{"show", "wtaa"}, []string{`unknown lesson "wtaa"`, "did you mean wta?"}},
		{[]string{"show"}, []string{"needs one lesson id"}},
		{[]string{"show", "wta", "--width", "5"}, []string{"--width 5 is not allowed"}},
		{[]string{"list", "extra"}, []string{"takes no arguments"}},
		{[]string{"no-such-lesson"}, []string{`unknown lesson "no-such-lesson"`}},
		{[]string{"wta", "linear"}, []string{"at most one lesson id"}},
	} {
		t.Run(strings.Join(c.args, " "), func(t *testing.T) {
			out, errs, code := runCLI(c.args...)
			if code != 2 {
				t.Errorf("exit %d, want 2 (stderr %q)", code, errs)
			}
			if out != "" {
				t.Errorf("stdout not empty: %q", out)
			}
			for _, w := range c.want {
				if !strings.Contains(errs, w) {
					t.Errorf("stderr %q lacks %q", errs, w)
				}
			}
			if !strings.Contains(errs, "neurotutor --help") {
				t.Errorf("stderr %q does not point to --help", errs)
			}
		})
	}
}

func TestJSONOutputsParse(t *testing.T) {
	for _, args := range [][]string{{"list", "--json"}, {"sim", "list", "--json"}, {"sim", "run", "linear"}} {
		out, errs, code := runCLI(args...)
		if code != 0 {
			t.Fatalf("%v: exit %d: %s", args, code, errs)
		}
		var v any
		if err := json.Unmarshal([]byte(out), &v); err != nil {
			t.Errorf("%v: output is not JSON: %v", args, err)
		}
	}
	out, _, _ := runCLI("sim", "run", "wta", "--duration", "100")
	var r struct {
		Model   string               `json:"model"`
		DT      float64              `json:"dt_ms"`
		Params  map[string]any       `json:"params"`
		Metrics map[string]float64   `json:"metrics"`
		Series  map[string][]float64 `json:"series"`
	}
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatal(err)
	}
	if r.Model != "wta" || r.DT != 0.1 || r.Metrics["winner"] != 2 || len(r.Series["t_ms"]) != 1001 || len(r.Series["r1"]) != 1001 {
		t.Errorf("sim run wta: model %s dt %g winner %g samples %d", r.Model, r.DT, r.Metrics["winner"], len(r.Series["t_ms"]))
	}
}

func TestTextOutputs(t *testing.T) {
	for _, c := range []struct {
		args []string
		want []string
	}{
		{[]string{"list"}, []string{"The neuron", "linear", "The network", "wta"}},
		{[]string{"sim", "list"}, []string{"wta — Winner-take-all circuit", "alpha", "a number from 0 to 1.5", "metrics: winner"}},
		{[]string{"refs"}, []string{"[hubel1962receptive]", "https://doi.org/10.1113/jphysiol.1962.sp006837"}},
		{[]string{"refs", "--bibtex"}, []string{"@article{hubel1962receptive,", "journal = {The Journal of Physiology}"}},
		{[]string{"show", "wta", "--plain"}, []string{"# Winner-take-all", "Deep-learning lens", "## The lab: Winner-take-all circuit", "Rates over time:", "## Challenges"}},
		{[]string{"show", "linear", "--width", "60"}, []string{"Linear summation"}},
		{[]string{"--help"}, []string{"[lesson-id]", "sim", "list"}},
		{[]string{"--version"}, []string{"neurotutor version"}},
	} {
		t.Run(strings.Join(c.args, " "), func(t *testing.T) {
			out, errs, code := runCLI(c.args...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errs)
			}
			for _, w := range c.want {
				if !strings.Contains(out, w) {
					t.Errorf("stdout lacks %q:\n%.2000s", w, out)
				}
			}
		})
	}
}

// TestInterruptStopsALongRun cancels a ten-minute Brunel run (about half a
// minute of CPU) shortly after it starts: it must stop, exit 130 and print
// nothing on stdout.
func TestInterruptStopsALongRun(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	go func() { time.Sleep(200 * time.Millisecond); cancel() }()
	var out, errb bytes.Buffer
	done := make(chan int, 1)
	go func() { done <- run(ctx, []string{"sim", "run", "brunel", "--duration", "600000"}, &out, &errb) }()
	select {
	case code := <-done:
		if code != 130 || out.Len() != 0 || !strings.Contains(errb.String(), "interrupted: sim run brunel stopped at t = ") {
			t.Errorf("exit %d, stdout %d bytes, stderr %q; want 130, nothing, and where it stopped", code, out.Len(), errb.String())
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the run did not stop within 10 s of its interrupt")
	}
}

// TestSimListJSONIsSnakeCase walks every object of `sim list --json`:
// every key is lowercase snake_case, as in `sim run`.
func TestSimListJSONIsSnakeCase(t *testing.T) {
	out, errs, code := runCLI("sim", "list", "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var v any
	if err := json.Unmarshal([]byte(out), &v); err != nil {
		t.Fatal(err)
	}
	snake := regexp.MustCompile(`^[a-z][a-z0-9]*(_[a-z0-9]+)*$`)
	seen := map[string]bool{}
	var walk func(path string, v any)
	walk = func(path string, v any) {
		switch v := v.(type) {
		case map[string]any:
			for k, x := range v {
				if !snake.MatchString(k) {
					t.Errorf("%s: key %q is not snake_case", path, k)
				}
				seen[k] = true
				walk(path+"."+k, x)
			}
		case []any:
			for _, x := range v {
				walk(path+"[]", x)
			}
		}
	}
	walk("", v)
	for _, k := range []string{"id", "dt_ms", "params", "key", "min", "max", "default", "metrics", "signals", "unit"} {
		if !seen[k] {
			t.Errorf("no %q key in sim list --json", k)
		}
	}
}

// TestTextbookValuesRun runs values textbook protocols use, outside the
// labs' sliders but inside the models' valid ranges.
func TestTextbookValuesRun(t *testing.T) {
	for _, args := range [][]string{
		{"sim", "run", "lif", "--set", "t_ref=0", "--set", "I=3", "--duration", "200"},
		{"sim", "run", "hh", "--set", "I=50", "--duration", "100"},
		{"sim", "run", "poisson", "--set", "trials=2000", "--duration", "1000"},
		{"sim", "sweep", "hh", "--param", "I", "--from", "0", "--to", "100", "--points", "3", "--duration", "200"},
	} {
		var out, errb strings.Builder
		if code := run(context.Background(), args, &out, &errb); code != 0 || out.Len() == 0 {
			t.Errorf("%v: exit %d, stderr %q", args, code, errb.String())
		}
	}
}
