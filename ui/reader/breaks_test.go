package reader_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/neurotutor/neurotutor/lessons"
	"github.com/neurotutor/neurotutor/sim/models"
	"github.com/neurotutor/neurotutor/ui/reader"
)

var (
	urlRE = regexp.MustCompile(`https?://\S+`)
	// A line ending in a digit and a full stop or comma, "0.", before a
	// line that opens with a digit: a number cut in two if the source has
	// the two pieces together.
	cutNumber = regexp.MustCompile(`\d[.,]$`)
)

// trimURL drops the punctuation that ends a sentence or a bracket around
// a URL, keeping the brackets of a DOI such as 10.1016/S0079-7421(08)60536-8.
func trimURL(u string) string {
	for {
		n := len(u)
		u = strings.TrimRight(u, ".,;:>")
		if strings.HasSuffix(u, ")") && strings.Count(u, ")") > strings.Count(u, "(") {
			u = u[:len(u)-1]
		}
		if len(u) == n {
			return u
		}
	}
}

// TestURLsAndNumbersAreNotBroken renders every lesson at a range of
// widths and checks that each URL (every DOI in the references) sits
// whole on one line and is an OSC 8 hyperlink, and that no number is cut
// at its decimal point.
func TestURLsAndNumbersAreNotBroken(t *testing.T) {
	cat, err := lessons.Default(models.Registry())
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range cat.All() {
		md := cat.Markdown(l)
		if strings.ContainsAny(md, "\ue000\ue001\ue002\ue003\ue004\ue005") {
			t.Fatalf("%s: the text holds a private-use character the reader uses as a stand-in", l.ID)
		}
		var urls []string
		for _, u := range urlRE.FindAllString(md, -1) {
			urls = append(urls, trimURL(u))
		}
		for _, width := range []int{48, 61, 62, 77, 100} {
			out, err := reader.Render(md, width, true)
			if err != nil {
				t.Fatal(err)
			}
			plain := ansi.Strip(out)
			lines := strings.Split(plain, "\n")
			for _, u := range urls {
				if len(u) > width-4 {
					continue // wider than the pane: it must break, and stays a link
				}
				whole := false
				for _, line := range lines {
					whole = whole || strings.Contains(line, u)
				}
				if !whole {
					t.Errorf("%s at %d columns: %s is broken across lines", l.ID, width, u)
				}
				if !strings.Contains(out, ";"+u+"\a") && !strings.Contains(out, ";"+u+"\x1b\\") {
					t.Errorf("%s at %d columns: %s is not an OSC 8 hyperlink", l.ID, width, u)
				}
			}
			inFence := false
			for i := 0; i+1 < len(lines); i++ {
				line := strings.TrimRight(lines[i], " ")
				if strings.HasPrefix(strings.TrimSpace(line), "```") {
					inFence = !inFence
				}
				fields, nextFields := strings.Fields(line), strings.Fields(lines[i+1])
				if inFence || len(fields) == 0 || len(nextFields) == 0 || !cutNumber.MatchString(line) ||
					strings.Contains(fields[len(fields)-1], "://") { // a URL wider than the pane must break
					continue
				}
				if joined := fields[len(fields)-1] + nextFields[0]; strings.Contains(md, joined) {
					t.Errorf("%s at %d columns: a number is cut at line %d:\n%s\n%s", l.ID, width, i, line, lines[i+1])
				}
			}
			if strings.ContainsAny(out, "\ue000\ue001\ue002\ue003\ue004\ue005") {
				t.Errorf("%s at %d columns: a stand-in character was left in the text", l.ID, width)
			}
		}
	}
}
