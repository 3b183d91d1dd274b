package search

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// fold maps a rune to one representative of its case-folding orbit (the
// smallest rune in it), so that runes equal under Unicode simple case
// folding fold to the same rune: K, k and the Kelvin sign; Σ, σ and ς.
func fold(r rune) rune {
	min := r
	for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
		if f < min {
			min = f
		}
	}
	return min
}

// Span is a match: byte offsets [Start, End) into the searched text.
type Span struct{ Start, End int }

// Query is a prepared search string: folded, with runs of white space
// matching any run of white space.
type Query struct {
	words [][]rune
	raw   string
}

// NewQuery prepares q. An empty or all-space q matches nothing.
func NewQuery(q string) Query {
	var words [][]rune
	for _, w := range strings.Fields(q) {
		var f []rune
		for _, r := range w {
			f = append(f, fold(r))
		}
		words = append(words, f)
	}
	return Query{words: words, raw: q}
}

// Empty reports whether the query matches nothing.
func (q Query) Empty() bool { return len(q.words) == 0 }

// String is the query as typed.
func (q Query) String() string { return q.raw }

// Find returns every non-overlapping match of q in s, in order.
func (q Query) Find(s string) []Span {
	if q.Empty() {
		return nil
	}
	var out []Span
	for i := 0; i < len(s); {
		if end, ok := q.matchAt(s, i); ok {
			out = append(out, Span{i, end})
			i = end
			continue
		}
		_, n := utf8.DecodeRuneInString(s[i:])
		i += n
	}
	return out
}

// matchAt reports whether q matches s at byte i, and where the match ends.
func (q Query) matchAt(s string, i int) (int, bool) {
	for wi, w := range q.words {
		if wi > 0 { // one or more spaces between words
			j := i
			for j < len(s) {
				r, n := utf8.DecodeRuneInString(s[j:])
				if !unicode.IsSpace(r) {
					break
				}
				j += n
			}
			if j == i {
				return 0, false
			}
			i = j
		}
		for _, want := range w {
			if i >= len(s) {
				return 0, false
			}
			r, n := utf8.DecodeRuneInString(s[i:])
			if fold(r) != want {
				return 0, false
			}
			i += n
		}
	}
	return i, true
}

// Contains reports whether q matches anywhere in s.
func (q Query) Contains(s string) bool {
	if q.Empty() {
		return false
	}
	for i := 0; i < len(s); {
		if _, ok := q.matchAt(s, i); ok {
			return true
		}
		_, n := utf8.DecodeRuneInString(s[i:])
		i += n
	}
	return false
}
