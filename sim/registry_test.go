package sim

import (
	"errors"
	"slices"
	"testing"
)

// named is a counter with its own id.
type named struct {
	counter
	id string
}

func (m *named) Info() Info { i := m.counter.Info(); i.ID = m.id; return i }

// factories makes a factory per id, counting the models built.
func factories(built *int, ids ...string) []Factory {
	var fs []Factory
	for _, id := range ids {
		fs = append(fs, func() Model { *built++; return &named{counter: counter{Params: NewParams(id)}, id: id} })
	}
	return fs
}

func TestNamedRegistryBuildsOnlyWhatIsAskedFor(t *testing.T) {
	built := 0
	r := NewNamedRegistry([]string{"b", "a", "c"}, factories(&built, "b", "a", "c"))
	if !slices.Equal(r.IDs(), []string{"a", "b", "c"}) || built != 0 {
		t.Fatalf("ids %v after building %d models, want a b c after none", r.IDs(), built)
	}
	if m, err := r.New("a"); err != nil || m.Info().ID != "a" || built != 1 {
		t.Fatalf("New(a) = %v, %v after building %d", m, err, built)
	}
	for range 2 {
		if info, err := r.Info("c"); err != nil || info.ID != "c" {
			t.Fatalf("Info(c) = %v, %v", info.ID, err)
		}
	}
	if built != 2 {
		t.Errorf("two calls of Info(c) and one New(a) built %d models, want 2", built)
	}
	var ue *UnknownModelError
	if _, err := r.New("d"); !errors.As(err, &ue) {
		t.Errorf("New(d) = %v, want an UnknownModelError", err)
	}
	if _, err := r.Info("d"); !errors.As(err, &ue) {
		t.Errorf("Info(d) = %v, want an UnknownModelError", err)
	}
}

func TestNamedRegistryWithoutAllIDsLearnsThem(t *testing.T) {
	built := 0
	r := NewNamedRegistry([]string{"a"}, factories(&built, "a", "b"))
	if !slices.Equal(r.IDs(), []string{"a", "b"}) {
		t.Errorf("ids %v, want a b: a model missing from the list is still registered", r.IDs())
	}
}

func TestNamedRegistryRefusesAMisnamedModel(t *testing.T) {
	built := 0
	r := NewNamedRegistry([]string{"a", "b"}, factories(&built, "b", "a"))
	defer func() {
		if recover() == nil {
			t.Errorf("building a model registered under another id did not panic")
		}
	}()
	r.New("a")
}
