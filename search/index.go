package search

import (
	"strings"
	"unicode/utf8"
)

// Doc is one lesson to index.
type Doc struct {
	ID, Title string
	Markdown  string
}

// Index holds every lesson's sections for searching.
type Index struct {
	docs []indexed
}

type indexed struct {
	Doc
	sections []Section
}

// Hit is one match in one lesson.
type Hit struct {
	Lesson, Title string
	Heading       string // the section's heading, "" before the first
	Section       int    // the section's index among the lesson's headings, −1 before the first
	Ordinal       int    // 0 for the section's first match, 1 for its second, …
	Snippet       string // the text around the match, on one line
	Match         Span   // the match inside Snippet
}

// NewIndex indexes docs in order.
func NewIndex(docs []Doc) *Index {
	ix := &Index{}
	for _, d := range docs {
		ix.docs = append(ix.docs, indexed{d, Sections(d.Markdown)})
	}
	return ix
}

// snippetRunes is about how much text a snippet shows around a match.
const snippetRunes = 70

// Search returns up to limit hits for q, lessons in order, matches in the
// order of the text (limit ≤ 0: all).
func (ix *Index) Search(q string, limit int) []Hit {
	query := NewQuery(q)
	if query.Empty() {
		return nil
	}
	var hits []Hit
	for _, d := range ix.docs {
		heading := -1
		for _, s := range d.sections {
			if s.Level > 0 {
				heading++
			}
			ord := 0
			for _, line := range s.Lines {
				for _, sp := range query.Find(line) {
					text, m := snippet(line, sp)
					hits = append(hits, Hit{Lesson: d.ID, Title: d.Title, Heading: s.Heading, Section: heading,
						Ordinal: ord, Snippet: text, Match: m})
					ord++
					if limit > 0 && len(hits) >= limit {
						return hits
					}
				}
			}
		}
	}
	return hits
}

// snippet cuts the text around sp from line, marking cuts with "…", and
// returns it with the match's place in it.
func snippet(line string, sp Span) (string, Span) {
	before := snippetRunes / 3
	start := sp.Start
	for n := 0; start > 0 && n < before; n++ {
		_, w := utf8.DecodeLastRuneInString(line[:start])
		start -= w
	}
	end := sp.End
	for n := 0; end < len(line) && n < snippetRunes-before; n++ {
		_, w := utf8.DecodeRuneInString(line[end:])
		end += w
	}
	// Cut at word boundaries when there is one near.
	if start > 0 {
		if i := strings.IndexByte(line[start:sp.Start], ' '); i >= 0 {
			start += i + 1
		}
	}
	if end < len(line) {
		if i := strings.LastIndexByte(line[sp.End:end], ' '); i >= 0 {
			end = sp.End + i
		}
	}
	prefix, suffix := "", ""
	if start > 0 {
		prefix = "…"
	}
	if end < len(line) {
		suffix = "…"
	}
	s := prefix + line[start:end] + suffix
	off := len(prefix) - start
	return s, Span{sp.Start + off, sp.End + off}
}
