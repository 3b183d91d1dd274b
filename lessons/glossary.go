package lessons

import (
	"bytes"
	"fmt"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/neurotutor/neurotutor/search"
)

// Term is one glossary entry.
type Term struct {
	Term    string   `yaml:"term"`
	Also    []string `yaml:"also"`    // other names the lessons use
	Means   string   `yaml:"means"`   // one line
	DL      string   `yaml:"dl"`      // the deep-learning counterpart, if any
	Lessons []string `yaml:"lessons"` // ids of lessons that use it
}

// Names is the term and its other names.
func (t Term) Names() []string { return append([]string{t.Term}, t.Also...) }

// Glossary is every term, in alphabetical order.
type Glossary struct {
	Terms []Term
}

// parseGlossary reads glossary.yaml and checks it against the lessons:
// every listed lesson exists and uses the term or one of its names.
func parseGlossary(data []byte, c *Catalog) (*Glossary, []error) {
	var terms []Term
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&terms); err != nil {
		return nil, []error{fmt.Errorf("glossary.yaml: %w", err)}
	}
	var errs []error
	seen := map[string]bool{}
	for i, t := range terms {
		where := fmt.Sprintf("glossary.yaml: term %d (%q)", i+1, t.Term)
		switch {
		case strings.TrimSpace(t.Term) == "":
			errs = append(errs, fmt.Errorf("%s: term: missing", where))
		case seen[strings.ToLower(t.Term)]:
			errs = append(errs, fmt.Errorf("%s: term: listed twice", where))
		}
		seen[strings.ToLower(t.Term)] = true
		if strings.TrimSpace(t.Means) == "" {
			errs = append(errs, fmt.Errorf("%s: means: missing", where))
		}
		if len(t.Lessons) == 0 {
			errs = append(errs, fmt.Errorf("%s: lessons: name at least one lesson that uses it", where))
		}
		for _, id := range t.Lessons {
			l, ok := c.byID[id]
			if !ok {
				errs = append(errs, fmt.Errorf("%s: lessons: unknown lesson %q%s", where, id, didYouMean(id, c.sortedIDs())))
				continue
			}
			if !usesAny(c.Markdown(l), t.Names()) {
				errs = append(errs, fmt.Errorf("%s: lessons: %s never mentions %s", where, id, strings.Join(t.Names(), " or ")))
			}
		}
	}
	slices.SortStableFunc(terms, func(a, b Term) int { return strings.Compare(strings.ToLower(a.Term), strings.ToLower(b.Term)) })
	return &Glossary{Terms: terms}, errs
}

func usesAny(text string, names []string) bool {
	for _, n := range names {
		if search.NewQuery(n).Contains(text) {
			return true
		}
	}
	return false
}

// sortedIDs lists the lesson ids, for suggestions before the order is known.
func (c *Catalog) sortedIDs() []string {
	ids := make([]string, 0, len(c.byID))
	for id := range c.byID {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	return ids
}

// Lookup finds a term by its name or another name, ignoring case.
func (g *Glossary) Lookup(name string) (Term, bool) {
	q := strings.Join(strings.Fields(name), " ")
	for _, t := range g.Terms {
		for _, n := range t.Names() {
			if strings.EqualFold(n, q) {
				return t, true
			}
		}
	}
	return Term{}, false
}

// Match lists the terms whose names, meaning or counterpart contain q
// (all terms for an empty q), names matches first.
func (g *Glossary) Match(q string) []Term {
	query := search.NewQuery(q)
	if query.Empty() {
		return g.Terms
	}
	var byName, other []Term
	for _, t := range g.Terms {
		switch {
		case usesAny(strings.Join(t.Names(), " · "), []string{q}):
			byName = append(byName, t)
		case query.Contains(t.Means) || query.Contains(t.DL):
			other = append(other, t)
		}
	}
	return append(byName, other...)
}

// UnknownTermError names a term not in the glossary.
type UnknownTermError struct {
	Term  string
	Known []string
}

func (e *UnknownTermError) Error() string {
	return fmt.Sprintf("no glossary entry for %q%s (try `neurotutor glossary` for the list)", e.Term, didYouMean(e.Term, e.Known))
}

// Find returns the term or an *UnknownTermError.
func (g *Glossary) Find(name string) (Term, error) {
	if t, ok := g.Lookup(name); ok {
		return t, nil
	}
	var known []string
	for _, t := range g.Terms {
		known = append(known, t.Names()...)
	}
	return Term{}, &UnknownTermError{Term: name, Known: known}
}
