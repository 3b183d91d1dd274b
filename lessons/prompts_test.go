package lessons_test

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/neurotutor/neurotutor/lessons"
	"github.com/neurotutor/neurotutor/sim"
	"github.com/neurotutor/neurotutor/sim/models"
)

// mention is one parameter value a challenge's prompt states: "β = 0.2 or
// less", "g ≤ 2", "with π₁ no higher than 3".
type mention struct {
	key, text string
	op        string // = ≤ ≥ < >
	value     float64
	before    string // its clause up to it, lower case
}

// numberRE is a number as prompts write it.
const numberRE = `([−-]?\d+(?:\.\d+)?)`

// promptMentions finds the parameter values stated in a prompt, by each
// parameter's key, label, or first or last word of its label.
func promptMentions(prompt string, params []sim.Param) []mention {
	var out []mention
	clauses := regexp.MustCompile(`[.:;]\s|\)\.`).Split(prompt, -1)
	names := paramNames(params)
	for _, clause := range clauses {
		for _, p := range params {
			if len(p.Choices) > 0 {
				continue
			}
			for _, name := range names[p.Key] {
				re := regexp.MustCompile(`(?:^|[\s(])` + regexp.QuoteMeta(name) +
					`\s*(=|≤|≥|<|>| at most | at least | no higher than | no larger than | no slower than | at or below )\s*` + numberRE + `( or less| or more| or fewer)?`)
				for _, m := range re.FindAllStringSubmatch(clause, -1) {
					op := strings.TrimSpace(m[1])
					switch op {
					case "at most", "no higher than", "no larger than", "no slower than", "at or below":
						op = "≤"
					case "at least":
						op = "≥"
					}
					switch strings.TrimSpace(m[3]) {
					case "or less", "or fewer":
						op = "≤"
					case "or more":
						op = "≥"
					}
					var v float64
					fmt.Sscan(strings.Replace(m[2], "−", "-", 1), &v)
					at := strings.Index(clause, m[0])
					out = append(out, mention{p.Key, strings.TrimSpace(m[0]), op, v, strings.ToLower(clause[:at])})
				}
			}
		}
	}
	return out
}

// paramNames are the ways a prompt may name each parameter, by key: its
// key, its label, and the first and last words of its label when no other
// parameter is named so ("π₁" for "π₁ level 1", but not "σ" for "σ noise"
// beside a parameter labelled "σ").
func paramNames(params []sim.Param) map[string][]string {
	owners := map[string]map[string]bool{}
	add := func(name, key string) {
		if owners[name] == nil {
			owners[name] = map[string]bool{}
		}
		owners[name][key] = true
	}
	for _, p := range params {
		add(p.Key, p.Key)
		add(p.Label, p.Key)
		if f := strings.Fields(p.Label); len(f) > 1 {
			add(f[0], p.Key)
			add(f[len(f)-1], p.Key)
		}
	}
	names := map[string][]string{}
	for name, keys := range owners {
		if len(keys) == 1 {
			for k := range keys {
				names[k] = append(names[k], name)
			}
		}
	}
	return names
}

// holds reports whether v satisfies the mention.
func (m mention) holds(v float64) bool {
	switch m.op {
	case "=":
		return v == m.value
	case "≤":
		return v <= m.value
	case "≥":
		return v >= m.value
	case "<":
		return v < m.value
	case ">":
		return v > m.value
	}
	return false
}

// setupWords ask the learner to set something up.
var setupWords = regexp.MustCompile(`\b(set|first|with|make|move|double|hold|silence|switch|record|store|lower|raise|give|turn|change|bring|put|run)\b`)

// TestPromptsAgreeWithTheLab: a value a challenge's prompt states for a
// parameter either holds at the lab's starting values, or the prompt asks
// the learner to set it up ("First silence input 1 (x1 = 0)", "With
// η = 0.001 …"); a prompt never states as a fact, or asks to keep, a
// value the lab does not start with (why's first challenge once said
// "Inhibition is weak (β = 0.2 or less)" while the lab started at β = 1).
func TestPromptsAgreeWithTheLab(t *testing.T) {
	c := loadCatalog(t)
	reg := models.Registry()
	found := 0
	for _, l := range c.All() {
		info, err := reg.Info(l.Lab.Model)
		if err != nil {
			t.Fatal(err)
		}
		for _, ch := range l.Challenges {
			for _, m := range promptMentions(ch.Prompt, info.Params) {
				found++
				start := startValue(l, info, m.key)
				if m.holds(start) {
					continue
				}
				// The verb nearest before the value decides: "keep" says it
				// is so already, a setup word asks the learner to make it so.
				keep := strings.LastIndex(m.before, "keep")
				setup := -1
				if locs := setupWords.FindAllStringIndex(m.before, -1); len(locs) > 0 {
					setup = locs[len(locs)-1][0]
				}
				if setup < 0 || keep > setup {
					t.Errorf("%s/%s: the prompt says %q, but the lab starts at %s = %s; say that the learner sets it (\"First set …\", \"With …\")",
						l.ID, ch.ID, m.text, m.key, sim.FormatValue(start))
				}
			}
		}
	}
	if found < 30 {
		t.Errorf("only %d stated values found in all prompts; the parser has stopped finding them", found)
	}
}

// startValue is key's value at the lesson's start: the lesson's, else
// the model's default.
func startValue(l *lessons.Lesson, info sim.Info, key string) float64 {
	if v, ok := l.Lab.Params.Lookup(key); ok {
		return v
	}
	p, _ := sim.FindParam(info.Params, key)
	return p.Default
}
