package sim

import (
	"fmt"
	"slices"
	"strings"
	"sync"
)

// Factory makes a fresh model with default parameters.
type Factory func() Model

// Registry maps model ids to factories. It is safe for concurrent use.
type Registry struct {
	ids       []string // sorted
	factories []Factory
	index     map[string]int // id → factory

	mu    sync.Mutex
	infos map[string]Info // built on first use
}

// NewRegistry registers every factory under its model's id, building each
// model once to learn it. It panics on a duplicate id, which is a
// programmer error.
func NewRegistry(fs ...Factory) *Registry {
	r := &Registry{factories: fs, index: map[string]int{}, infos: map[string]Info{}}
	for i, f := range fs {
		info := f().Info()
		r.add(info.ID, i)
		r.infos[info.ID] = info
	}
	slices.Sort(r.ids)
	return r
}

// NewNamedRegistry registers fs under the ids given in the same order, so
// that no model is built before it is asked for: opening one lesson builds
// one model rather than all of them. Lists of different lengths (a model
// added to its package but not to ids) make it learn every id as
// NewRegistry does; a model whose id differs from the one it is registered
// under panics when built, a programmer error the model tests catch.
func NewNamedRegistry(ids []string, fs []Factory) *Registry {
	if len(ids) != len(fs) {
		return NewRegistry(fs...)
	}
	r := &Registry{factories: fs, index: map[string]int{}, infos: map[string]Info{}}
	for i, id := range ids {
		r.add(id, i)
	}
	slices.Sort(r.ids)
	return r
}

func (r *Registry) add(id string, i int) {
	if _, dup := r.index[id]; dup {
		panic("sim: duplicate model id " + id)
	}
	r.index[id] = i
	r.ids = append(r.ids, id)
}

// IDs lists the registered model ids in order.
func (r *Registry) IDs() []string { return r.ids }

// New makes a model by id. An unknown id is an *UnknownModelError.
func (r *Registry) New(id string) (Model, error) {
	i, ok := r.index[id]
	if !ok {
		return nil, &UnknownModelError{ID: id, Known: r.ids}
	}
	m := r.factories[i]()
	if got := m.Info().ID; got != id {
		panic(fmt.Sprintf("sim: the model registered as %q says its id is %q", id, got))
	}
	return m, nil
}

// Info describes a model, building it the first time only. An unknown id
// is an *UnknownModelError.
func (r *Registry) Info(id string) (Info, error) {
	r.mu.Lock()
	info, ok := r.infos[id]
	r.mu.Unlock()
	if ok {
		return info, nil
	}
	m, err := r.New(id)
	if err != nil {
		return Info{}, err
	}
	info = m.Info()
	r.mu.Lock()
	r.infos[id] = info
	r.mu.Unlock()
	return info, nil
}

// UnknownModelError names a model id that is not registered.
type UnknownModelError struct {
	ID    string
	Known []string
}

func (e *UnknownModelError) Error() string {
	return fmt.Sprintf("unknown model %q%s (models: %s)", e.ID, didYouMean(e.ID, e.Known), strings.Join(e.Known, ", "))
}
