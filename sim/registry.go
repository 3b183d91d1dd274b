package sim

import (
	"fmt"
	"slices"
	"strings"
)

// Factory makes a fresh model with default parameters.
type Factory func() Model

// Registry maps model ids to factories.
type Registry struct {
	ids       []string
	factories map[string]Factory
	infos     map[string]Info
}

// NewRegistry registers every factory under its model's id. It panics on a
// duplicate id, which is a programmer error.
func NewRegistry(fs ...Factory) *Registry {
	r := &Registry{factories: map[string]Factory{}, infos: map[string]Info{}}
	for _, f := range fs {
		info := f().Info()
		id := info.ID
		if _, dup := r.factories[id]; dup {
			panic("sim: duplicate model id " + id)
		}
		r.factories[id] = f
		r.infos[id] = info
		r.ids = append(r.ids, id)
	}
	slices.Sort(r.ids)
	return r
}

// IDs lists the registered model ids in order.
func (r *Registry) IDs() []string { return r.ids }

// New makes a model by id. An unknown id is an *UnknownModelError.
func (r *Registry) New(id string) (Model, error) {
	f, ok := r.factories[id]
	if !ok {
		return nil, &UnknownModelError{ID: id, Known: r.ids}
	}
	return f(), nil
}

// Info describes a model without building a new one. An unknown id is an
// *UnknownModelError.
func (r *Registry) Info(id string) (Info, error) {
	info, ok := r.infos[id]
	if !ok {
		return Info{}, &UnknownModelError{ID: id, Known: r.ids}
	}
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
