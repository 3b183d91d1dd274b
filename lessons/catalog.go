package lessons

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/neurotutor/neurotutor/sim"
)

// Files holds the embedded lesson tree and bibliography.
//
//go:embed content references.yaml glossary.yaml
var Files embed.FS

// Catalog is every lesson, validated, with the bibliography.
type Catalog struct {
	Chapters     []*Chapter
	Bibliography *Bibliography
	Glossary     *Glossary
	byID         map[string]*Lesson
	order        []*Lesson
}

// Lesson returns the lesson with the given id.
func (c *Catalog) Lesson(id string) (*Lesson, bool) {
	l, ok := c.byID[id]
	return l, ok
}

// All lists every lesson in reading order.
func (c *Catalog) All() []*Lesson { return c.order }

// IDs lists every lesson id in reading order.
func (c *Catalog) IDs() []string {
	ids := make([]string, len(c.order))
	for i, l := range c.order {
		ids[i] = l.ID
	}
	return ids
}

// Index is the position of the lesson in reading order, or −1.
func (c *Catalog) Index(id string) int {
	return slices.IndexFunc(c.order, func(l *Lesson) bool { return l.ID == id })
}

// ChapterOf returns the chapter holding the lesson.
func (c *Catalog) ChapterOf(l *Lesson) *Chapter {
	for _, ch := range c.Chapters {
		if ch.ID == l.Chapter {
			return ch
		}
	}
	return nil
}

// UnknownLessonError names a lesson id that is not in the catalog.
type UnknownLessonError struct {
	ID    string
	Known []string
}

func (e *UnknownLessonError) Error() string {
	return fmt.Sprintf("unknown lesson %q%s (lessons: %s)", e.ID, didYouMean(e.ID, e.Known), strings.Join(e.Known, ", "))
}

// Find returns the lesson with the given id or an *UnknownLessonError.
func (c *Catalog) Find(id string) (*Lesson, error) {
	if l, ok := c.byID[id]; ok {
		return l, nil
	}
	return nil, &UnknownLessonError{ID: id, Known: c.IDs()}
}

func didYouMean(s string, candidates []string) string {
	if c := sim.Suggest(s, candidates); c != "" {
		return " (did you mean " + c + "?)"
	}
	return ""
}

// Load reads content/<NN-chapter>/*.md and references.yaml from fsys and
// validates every lesson against the registry and the bibliography. The
// error lists every problem found, each naming its file and field.
func Load(fsys fs.FS, reg *sim.Registry) (*Catalog, error) {
	bibData, err := fs.ReadFile(fsys, "references.yaml")
	if err != nil {
		return nil, fmt.Errorf("read bibliography: %w", err)
	}
	bib, err := ParseBibliography(bibData)
	if err != nil {
		return nil, err
	}
	c := newCatalog(bib)
	files, err := fs.Glob(fsys, "content/*/*.md")
	if err != nil {
		return nil, err
	}
	var errs []error
	for _, f := range files {
		data, err := fs.ReadFile(fsys, f)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		l, err := Parse(strings.TrimPrefix(f, "content/"), data)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if prev, dup := c.byID[l.ID]; dup {
			errs = append(errs, fmt.Errorf("%s: id: %q is already used by %s", l.File, l.ID, prev.File))
			continue
		}
		c.byID[l.ID] = l
	}
	for _, l := range c.byID {
		errs = append(errs, c.validate(l, reg)...)
	}
	if data, err := fs.ReadFile(fsys, "glossary.yaml"); err == nil {
		g, gerrs := parseGlossary(data, c)
		c.Glossary = g
		errs = append(errs, gerrs...)
	} else {
		c.Glossary = &Glossary{}
	}
	if len(errs) > 0 {
		slices.SortFunc(errs, func(a, b error) int { return strings.Compare(a.Error(), b.Error()) })
		return nil, errors.Join(errs...)
	}
	c.arrange()
	return c, nil
}

// newCatalog starts a catalog with its chapters and no lessons.
func newCatalog(bib *Bibliography) *Catalog {
	c := &Catalog{Bibliography: bib, byID: map[string]*Lesson{}}
	for _, ct := range chapterTitles {
		c.Chapters = append(c.Chapters, &Chapter{ID: ct.id, Title: ct.title})
	}
	return c
}

// arrange puts the lessons in their chapters and in reading order.
func (c *Catalog) arrange() {
	for _, ch := range c.Chapters {
		for _, l := range c.byID {
			if l.Chapter == ch.ID {
				ch.Lessons = append(ch.Lessons, l)
			}
		}
		slices.SortFunc(ch.Lessons, func(a, b *Lesson) int { return a.Order - b.Order })
		c.order = append(c.order, ch.Lessons...)
	}
}

// Parse reads one lesson file: front matter between --- lines, then the
// markdown body. Unknown front-matter fields are errors.
func Parse(file string, data []byte) (*Lesson, error) {
	front, body, err := splitLesson(file, data)
	if err != nil {
		return nil, err
	}
	l := &Lesson{File: file, Body: string(body)}
	dec := yaml.NewDecoder(bytes.NewReader(front))
	dec.KnownFields(true)
	if err := dec.Decode(l); err != nil {
		return nil, fmt.Errorf("%s: front matter: %w", file, err)
	}
	return l, nil
}

// splitLesson cuts a lesson file into its front matter and its body.
func splitLesson(file string, data []byte) (front, body []byte, err error) {
	rest, ok := bytes.CutPrefix(data, []byte("---\n"))
	if !ok {
		return nil, nil, fmt.Errorf("%s: must start with a --- front matter block", file)
	}
	front, body, ok = bytes.Cut(rest, []byte("\n---\n"))
	if !ok {
		return nil, nil, fmt.Errorf("%s: front matter is not closed by a --- line", file)
	}
	return front, body, nil
}

var (
	idRE       = regexp.MustCompile(`^[a-z][a-z0-9_-]*$`)
	citationRE = regexp.MustCompile(`\[@([^\]]+)\]`)
)

// validate checks one lesson, returning every problem found.
func (c *Catalog) validate(l *Lesson, reg *sim.Registry) []error {
	var errs []error
	bad := func(field, format string, args ...any) {
		errs = append(errs, fmt.Errorf("%s: %s: %s", l.File, field, fmt.Sprintf(format, args...)))
	}
	if !idRE.MatchString(l.ID) {
		bad("id", "%q must be lower-case letters, digits, - and _", l.ID)
	}
	if l.Title == "" {
		bad("title", "missing")
	}
	if l.Summary == "" {
		bad("summary", "missing")
	}
	dir := path.Dir(l.File)
	if _, name, _ := strings.Cut(dir, "-"); name != l.Chapter {
		bad("chapter", "%q does not match its directory %s", l.Chapter, dir)
	}
	for _, r := range l.Requires {
		if _, ok := c.byID[r]; !ok {
			bad("requires", "unknown lesson %q%s", r, didYouMean(r, c.IDs()))
		}
	}
	for _, k := range l.Refs {
		if _, ok := c.Bibliography.Lookup(k); !ok {
			bad("refs", "unknown citation key %q%s", k, didYouMean(k, c.Bibliography.Keys()))
		}
	}
	for _, m := range citationRE.FindAllStringSubmatch(l.Body, -1) {
		for _, k := range splitCitation(m[1]) {
			if !slices.Contains(l.Refs, k) {
				bad("body", "cites [@%s], which is not in refs", k)
			}
		}
	}
	if err := checkFences(l.Body); err != "" {
		bad("body", "%s", err)
	}
	for _, h := range []string{"## Deep-learning lens", "## Try it"} {
		if !strings.Contains(l.Body, "\n"+h) {
			bad("body", "missing the %q section", h)
		}
	}
	info, err := reg.Info(l.Lab.Model)
	if err != nil {
		bad("lab.model", "%v", err)
		return errs
	}
	resolve := func(field string, s Settings) {
		for i := range s {
			p, ok := sim.FindParam(info.Params, s[i].Key)
			if !ok {
				bad(field, "model %s has no parameter %q%s", info.ID, s[i].Key, didYouMean(s[i].Key, paramKeys(info)))
				continue
			}
			v, err := p.Parse(s[i].Raw)
			if err == nil && !p.Check(v) {
				err = fmt.Errorf("%s = %s is not allowed: %s", p.Key, s[i].Raw, p.Allowed())
			}
			if err != nil {
				bad(field, "%v", err)
				continue
			}
			s[i].Value = v
		}
	}
	resolve("lab.params", l.Lab.Params)
	for _, k := range l.Lab.Controls {
		if _, ok := sim.FindParam(info.Params, k); !ok {
			bad("lab.controls", "model %s has no parameter %q%s", info.ID, k, didYouMean(k, paramKeys(info)))
		}
	}
	for _, k := range l.Lab.Plots {
		if !slices.ContainsFunc(info.Plots, func(p sim.PlotSpec) bool { return p.Key == k }) {
			bad("lab.plots", "model %s has no plot %q", info.ID, k)
		}
	}
	if l.Lab.Seed == 0 {
		l.Lab.Seed = 1
	}
	for i := range l.Presets {
		p := &l.Presets[i]
		if p.Name == "" {
			bad(fmt.Sprintf("presets[%d].name", i), "missing")
		}
		resolve(fmt.Sprintf("presets[%d].params", i), p.Params)
	}
	for i := range l.TryIt {
		resolve(fmt.Sprintf("tryit[%d].params", i), l.TryIt[i].Params)
	}
	errs = append(errs, checkTryIt(l, info)...)
	ids := map[string]bool{}
	for i := range l.Challenges {
		ch := &l.Challenges[i]
		field := fmt.Sprintf("challenges[%d]", i)
		if ch.ID == "" || ids[ch.ID] {
			bad(field+".id", "missing or repeated id %q", ch.ID)
		}
		ids[ch.ID] = true
		if ch.Prompt == "" || ch.Hint == "" {
			bad(field, "a challenge needs a prompt and a hint")
		}
		if len(ch.When) == 0 {
			bad(field+".when", "a challenge needs at least one condition")
		}
		if !(ch.HoldMS >= 0 && ch.HoldMS <= 1e7) {
			bad(field+".hold_ms", "%v is not allowed: a number of ms from 0 to 10000000", ch.HoldMS)
		}
		if len(ch.Solution) == 0 {
			bad(field+".solution", "give the parameter values that solve it; a test runs them")
		}
		ch.conds = ch.conds[:0]
		for _, w := range ch.When {
			cond, err := parseCondition(w, info)
			if err != nil {
				bad(field+".when", "%v", err)
				continue
			}
			ch.conds = append(ch.conds, cond)
		}
		resolve(field+".solution", ch.Solution)
	}
	validatePredictions(l, info, bad, resolve)
	checkRanges(l, info, bad)
	return errs
}

// checkFences reports an opening code fence without a language tag.
func checkFences(body string) string {
	open := false
	for line := range strings.Lines(body) {
		tag, ok := strings.CutPrefix(line, "```")
		if !ok {
			continue
		}
		if !open && strings.TrimSpace(tag) == "" {
			return "every fenced code block needs a language tag (```text if nothing else)"
		}
		open = !open
	}
	return ""
}

// splitCitation splits "@a; @b" into keys.
func splitCitation(s string) []string {
	var keys []string
	for _, part := range strings.Split(s, ";") {
		part = strings.TrimSpace(part)
		if k, ok := strings.CutPrefix(part, "@"); ok {
			keys = append(keys, strings.TrimSpace(k))
		}
	}
	return keys
}

// ExpandCitations replaces [@key] and [@a; @b] in text with their short
// forms, "(Hubel & Wiesel 1962)".
func (c *Catalog) ExpandCitations(text string) string {
	return citationRE.ReplaceAllStringFunc(text, func(m string) string {
		var parts []string
		for _, k := range splitCitation(m[1 : len(m)-1]) {
			if r, ok := c.Bibliography.Lookup(k); ok {
				parts = append(parts, r.Short())
			} else {
				parts = append(parts, k)
			}
		}
		return "(" + strings.Join(parts, "; ") + ")"
	})
}

// Markdown is the lesson as the reader shows it: citations expanded and a
// References section with the full entries appended.
func (c *Catalog) Markdown(l *Lesson) string {
	var s strings.Builder
	s.WriteString("# " + l.Title + "\n")
	s.WriteString(c.ExpandCitations(l.Body))
	if len(l.Refs) > 0 {
		s.WriteString("\n## References\n\n")
		for _, k := range l.Refs {
			r, _ := c.Bibliography.Lookup(k)
			s.WriteString("- " + r.Full() + "\n")
		}
	}
	return s.String()
}
