package models

import "testing"

// TestIDsNameTheFactories: ids names each factory, in order. The registry
// falls back to building every model when they disagree, which works but
// costs a start-up (every model wired up to read its id), so a missing or
// misplaced id fails here.
func TestIDsNameTheFactories(t *testing.T) {
	fs := Factories()
	if len(ids) != len(fs) {
		t.Fatalf("ids lists %d models, the factories make %d: add the new model's id to ids, in the factories' order", len(ids), len(fs))
	}
	for i, f := range fs {
		if got := f().Info().ID; got != ids[i] {
			t.Errorf("factory %d makes %q, ids says %q", i, got, ids[i])
		}
	}
}
