package main

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestGlossaryCommand(t *testing.T) {
	out, errs, code := runCLI("glossary")
	if code != 0 || errs != "" {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, want := range []string{"rheobase\n  The smallest constant current", "STDP (also: spike-timing-dependent plasticity)", "Lessons: noise"} {
		if !strings.Contains(out, want) {
			t.Errorf("glossary lacks %q", want)
		}
	}
	out, _, code = runCLI("glossary", "Fano  Factor", "--json")
	var term struct {
		Term    string   `json:"term"`
		DL      string   `json:"deep_learning"`
		Lessons []string `json:"lessons"`
	}
	if code != 0 || json.Unmarshal([]byte(out), &term) != nil {
		t.Fatalf("exit %d, output %q", code, out)
	}
	if term.Term != "Fano factor" || term.DL == "" || len(term.Lessons) == 0 || term.Lessons[0] != "noise" {
		t.Errorf("fano factor: %+v", term)
	}
}

func TestThemeEnvironment(t *testing.T) {
	t.Setenv(themeEnv, "purple")
	_, errs, code := runCLI("hh")
	if code != 2 || !strings.Contains(errs, `NEUROTUTOR_THEME "purple" is not allowed: use dark, light or auto`) {
		t.Errorf("exit %d, stderr %q", code, errs)
	}
}
