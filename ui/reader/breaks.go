package reader

import (
	"regexp"
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// Glamour wraps list items at " ,.;-+|" as well as at spaces, so a DOI in
// the references or a number in a Try-it step can be cut at a full stop
// ("https://doi." / "org/10…", "χ ≈ 0." / "07"). Before rendering,
// protectBreaks swaps those characters inside a word of a list item for
// stand-ins from the Unicode private use area, which glamour does not
// break at and measures as one column; restoreBreaks swaps them back in
// the rendered text, the OSC 8 hyperlinks included. A URL is never broken
// (unless it is wider than the pane) and always a link.

// breakChars are glamour's list-item breakpoints other than the space,
// with their stand-ins at the same index of standIns.
const (
	breakChars = ".,;-+|"
	standIns   = "\ue000\ue001\ue002\ue003\ue004\ue005"
)

var (
	protector = strings.NewReplacer(pairs(true)...)
	restorer  = strings.NewReplacer(pairs(false)...)
	listItem  = regexp.MustCompile(`^(\s*(?:[-*+]|\d+[.)])\s+)(.*)$`)
	bareURL   = regexp.MustCompile(`^https?://\S+$`)
)

// pairs lists breakChars and standIns for a strings.Replacer, in the
// direction asked.
func pairs(protect bool) []string {
	from, to := []rune(breakChars), []rune(standIns)
	var out []string
	for i := range from {
		if protect {
			out = append(out, string(from[i]), string(to[i]))
		} else {
			out = append(out, string(to[i]), string(from[i]))
		}
	}
	return out
}

// protectBreaks rewrites the list items and the fenced code of md so
// glamour breaks them only at spaces (the document wraps code with the
// same breakpoints): URLs whole, and '.', ',', ';', '+' and '|' inside
// any other word (a number, "e.g.") kept with their neighbours. A bare
// URL in a list item becomes an autolink so it stays a link.
func protectBreaks(md string) string {
	var b strings.Builder
	inFence := false
	for line := range strings.Lines(md) {
		body := strings.TrimRight(line, "\n")
		if strings.HasPrefix(strings.TrimSpace(body), "```") {
			inFence = !inFence
		}
		switch m := listItem.FindStringSubmatch(body); {
		case inFence:
			body = protectWords(body, false)
		case m != nil:
			body = m[1] + protectWords(m[2], true)
		}
		b.WriteString(body)
		if strings.HasSuffix(line, "\n") {
			b.WriteByte('\n')
		}
	}
	return b.String()
}

// protectWords applies protectBreaks to the words of a list item, or of a
// line of code (link false: a URL there is shown as written).
func protectWords(s string, link bool) string {
	words := strings.Split(s, " ")
	for i, w := range words {
		words[i] = protectWord(w, link)
	}
	return strings.Join(words, " ")
}

func protectWord(w string, link bool) string {
	// A URL: all of it but trailing punctuation, which stays breakable.
	start := strings.Index(w, "https://")
	if start < 0 {
		start = strings.Index(w, "http://")
	}
	if start >= 0 {
		end := len(w)
		for end > start && strings.ContainsRune(".,;:)>", rune(w[end-1])) {
			end--
		}
		url := w[start:end]
		protected := protector.Replace(url)
		if link && bareURL.MatchString(url) && (start == 0 || !strings.ContainsAny(w[start-1:start], "(<")) {
			protected = "<" + protected + ">"
		}
		return w[:start] + protected + w[end:]
	}
	// Any other word: the breakpoints between two of its characters, but
	// not '-', where a compound word may break.
	r := []rune(w)
	for j := 1; j < len(r)-1; j++ {
		if k := strings.IndexRune(breakChars, r[j]); k >= 0 && r[j] != '-' {
			r[j] = []rune(standIns)[k]
		}
	}
	return string(r)
}

// restoreBreaks undoes protectBreaks in rendered text.
func restoreBreaks(s string) string { return restorer.Replace(s) }

// wrapCode breaks the lines of fenced code wider than width columns at a
// space, continuing them four columns further in: glamour would cut them
// at the pane's edge, inside a number or a name. A line with no space to
// break at is left to glamour.
func wrapCode(md string, width int) string {
	var b strings.Builder
	inFence := false
	for line := range strings.Lines(md) {
		body := strings.TrimRight(line, "\n")
		fence := strings.HasPrefix(strings.TrimSpace(body), "```")
		if fence {
			inFence = !inFence
		}
		if inFence && !fence && width > 8 {
			body = wrapCodeLine(body, width)
		}
		b.WriteString(body)
		if strings.HasSuffix(line, "\n") {
			b.WriteByte('\n')
		}
	}
	return b.String()
}

func wrapCodeLine(line string, width int) string {
	indent := strings.Repeat(" ", len(line)-len(strings.TrimLeft(line, " "))+4)
	var out []string
	for ansi.StringWidth(line) > width {
		cut := lastSpaceWithin(line, width)
		if cut <= 0 || strings.TrimSpace(line[:cut]) == "" {
			break
		}
		out = append(out, strings.TrimRight(line[:cut], " "))
		line = indent + strings.TrimLeft(line[cut:], " ")
		if len(indent) >= width/2 {
			break
		}
	}
	return strings.Join(append(out, line), "\n")
}

// lastSpaceWithin is the byte index of the last space of s that ends
// within width columns, or −1.
func lastSpaceWithin(s string, width int) int {
	last, col := -1, 0
	for i, r := range s {
		if col >= width {
			break
		}
		if r == ' ' {
			last = i
		}
		col += ansi.StringWidth(string(r))
	}
	return last
}
