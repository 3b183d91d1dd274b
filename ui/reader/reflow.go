package reader

import (
	"regexp"
	"strings"
)

// blockStart matches a line that starts a markdown block of its own: a
// list item, heading, table row, quote, fence, rule or HTML.
var blockStart = regexp.MustCompile(`^\s*([-*+]\s|\d+[.)]\s|#|\||>|` + "```" + `|---|<)`)

// Reflow joins the soft line breaks inside paragraphs and list items, so
// each becomes one source line. Glamour wraps list items at the source's
// line ends as well as at the pane width, which leaves ragged half-lines
// in a pane narrower than the source; fenced code is left as written.
func Reflow(md string) string {
	var out []string
	inFence, joinable := false, false
	for line := range strings.Lines(md) {
		line = strings.TrimRight(line, "\n")
		trimmed := strings.TrimSpace(line)
		if strings.HasPrefix(trimmed, "```") {
			inFence = !inFence
			out = append(out, line)
			joinable = false
			continue
		}
		switch {
		case inFence:
			out = append(out, line)
		case trimmed == "":
			out = append(out, line)
			joinable = false
		case joinable && !blockStart.MatchString(line) && !strings.HasSuffix(out[len(out)-1], "  "):
			out[len(out)-1] += " " + trimmed
		default:
			out = append(out, line)
			joinable = !strings.HasPrefix(trimmed, "#") && !strings.HasPrefix(trimmed, "|") &&
				!strings.HasPrefix(trimmed, "---") && !strings.HasPrefix(trimmed, "<")
		}
	}
	return strings.Join(out, "\n") + "\n"
}
