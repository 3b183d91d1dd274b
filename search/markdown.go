package search

import (
	"regexp"
	"strings"
)

// Section is the text under one heading of a lesson, as plain text: one
// entry per paragraph, list item or line of a code block.
type Section struct {
	Heading string // "" for the text before the first heading
	Level   int    // 1 for #, 2 for ##, …; 0 before the first heading
	Lines   []string
}

var (
	linkRE   = regexp.MustCompile(`!?\[([^\]]*)\]\([^)]*\)`)
	strongRE = regexp.MustCompile(`\*\*([^*]+)\*\*|__([^_]+)__`)
	emRE     = regexp.MustCompile(`\*([^*\s][^*]*)\*`)
	listRE   = regexp.MustCompile(`^\s*([-*+]|\d+\.)\s+`)
)

// Inline strips inline markdown from one line: links keep their text,
// emphasis and code marks go.
func Inline(s string) string {
	s = linkRE.ReplaceAllString(s, "$1")
	s = strongRE.ReplaceAllString(s, "$1$2")
	s = emRE.ReplaceAllString(s, "$1")
	s = strings.ReplaceAll(s, "`", "")
	return s
}

// Sections splits markdown into its headings and their plain text.
// Headings inside fenced code blocks are text, not headings.
func Sections(md string) []Section {
	out := []Section{{}}
	cur := &out[0]
	fenced := false
	var para []string
	flush := func() {
		if len(para) > 0 {
			cur.Lines = append(cur.Lines, strings.Join(para, " "))
			para = para[:0]
		}
	}
	for _, line := range strings.Split(md, "\n") {
		t := strings.TrimSpace(line)
		if strings.HasPrefix(t, "```") || strings.HasPrefix(t, "~~~") {
			flush()
			fenced = !fenced
			continue
		}
		if fenced {
			if t != "" {
				cur.Lines = append(cur.Lines, t)
			}
			continue
		}
		if lvl := headingLevel(t); lvl > 0 {
			flush()
			out = append(out, Section{Heading: Inline(strings.TrimSpace(t[lvl:])), Level: lvl})
			cur = &out[len(out)-1]
			continue
		}
		if t == "" {
			flush()
			continue
		}
		if listRE.MatchString(t) {
			flush()
			t = listRE.ReplaceAllString(t, "")
		}
		para = append(para, Inline(t))
	}
	flush()
	if len(out[0].Lines) == 0 {
		out = out[1:]
	}
	return out
}

// headingLevel is the number of leading #s of an ATX heading, or 0.
func headingLevel(t string) int {
	n := 0
	for n < len(t) && t[n] == '#' {
		n++
	}
	if n == 0 || n > 6 || n == len(t) || t[n] != ' ' {
		return 0
	}
	return n
}

// Headings lists the headings of markdown in order.
func Headings(md string) []Section {
	var out []Section
	for _, s := range Sections(md) {
		if s.Level > 0 {
			out = append(out, Section{Heading: s.Heading, Level: s.Level})
		}
	}
	return out
}
