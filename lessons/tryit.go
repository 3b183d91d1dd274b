package lessons

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/neurotutor/neurotutor/sim"
)

// stepRE matches the start of a numbered Try-it step: "3. Set …".
var stepRE = regexp.MustCompile(`^(\d+)\. `)

// TryItSteps returns the text of each numbered step of the lesson's
// "## Try it" section, in order (step n at index n−1), each step's lines
// joined by spaces.
func TryItSteps(body string) []string {
	_, sec, ok := strings.Cut(body, "\n## Try it")
	if !ok {
		return nil
	}
	if end := strings.Index(sec, "\n## "); end >= 0 {
		sec = sec[:end]
	}
	var steps []string
	for line := range strings.Lines(sec) {
		line = strings.TrimRight(line, "\n")
		if m := stepRE.FindStringSubmatch(line); m != nil {
			steps = append(steps, strings.TrimSpace(line[len(m[0]):]))
			continue
		}
		if len(steps) > 0 && strings.TrimSpace(line) != "" {
			steps[len(steps)-1] += " " + strings.TrimSpace(line)
		}
	}
	return steps
}

// checkTryIt checks the lesson's Try-it states against its Try it
// section: each names an existing step, has a name, and every value it
// sets away from the lab's starting value (the lesson's, else the
// model's default) is written in its step's text
// (as a number, − or -, or a choice's name), so text and state agree.
func checkTryIt(l *Lesson, info sim.Info) []error {
	var errs []error
	steps := TryItSteps(l.Body)
	for i, st := range l.TryIt {
		field := fmt.Sprintf("tryit[%d]", i)
		if st.Step < 1 || st.Step > len(steps) {
			errs = append(errs, fmt.Errorf("%s: %s.step: %d is not a step of the Try it section (it has %d)", l.File, field, st.Step, len(steps)))
			continue
		}
		if strings.TrimSpace(st.Name) == "" {
			errs = append(errs, fmt.Errorf("%s: %s.name: missing", l.File, field))
		}
		text := strings.ToLower(steps[st.Step-1])
		for _, x := range st.Params {
			p, ok := sim.FindParam(info.Params, x.Key)
			if !ok {
				continue // reported by resolve
			}
			start, set := l.Lab.Params.Lookup(x.Key)
			if !set {
				start = p.Default
			}
			if x.Value == start {
				continue
			}
			if !mentions(text, x.Raw, p) {
				errs = append(errs, fmt.Errorf("%s: %s.params: %s = %s is not written in step %d of Try it", l.File, field, x.Key, x.Raw, st.Step))
			}
		}
	}
	return errs
}

// mentions reports whether text (lower case) writes the value raw of p:
// the number as written, with a Unicode or ASCII minus, or the choice's
// name.
func mentions(text, raw string, p sim.Param) bool {
	raw = strings.ToLower(strings.TrimSpace(raw))
	if len(p.Choices) > 0 {
		return strings.Contains(text, raw)
	}
	for _, form := range []string{raw, strings.Replace(raw, "-", "−", 1)} {
		for i := strings.Index(text, form); i >= 0; {
			end := i + len(form)
			before := i == 0 || !isDigitOrDot(text[i-1])
			after := end == len(text) || !isDigitAt(text, end)
			if before && after {
				return true
			}
			next := strings.Index(text[i+1:], form)
			if next < 0 {
				break
			}
			i += 1 + next
		}
	}
	return false
}

func isDigitOrDot(c byte) bool { return c >= '0' && c <= '9' || c == '.' }

// isDigitAt reports whether a digit (or a decimal point followed by one)
// continues a number at text[i].
func isDigitAt(text string, i int) bool {
	if text[i] >= '0' && text[i] <= '9' {
		return true
	}
	return text[i] == '.' && i+1 < len(text) && text[i+1] >= '0' && text[i+1] <= '9'
}
