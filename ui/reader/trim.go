package reader

import "strings"

// TrimLineEnds drops the padding glamour leaves at the end of each line
// of rendered text (spaces and SGR style sequences) and closes the line's
// style with a reset instead, so that text printed to a terminal or a
// file ends where it seems to. It runs in one pass: a regular expression
// doing the same took longer than the rendering.
func TrimLineEnds(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; ; {
		j := strings.IndexByte(s[i:], '\n')
		last := j < 0
		if last {
			j = len(s)
		} else {
			j += i
		}
		line := s[i:j]
		if cut := paddingStart(line); cut < len(line) {
			b.WriteString(line[:cut])
			b.WriteString("\x1b[m")
		} else {
			b.WriteString(line)
		}
		if last {
			return b.String()
		}
		b.WriteByte('\n')
		i = j + 1
	}
}

// paddingStart is where the run of spaces and SGR sequences (ESC [
// digits and semicolons m) that ends line begins; len(line) if there is
// none.
func paddingStart(line string) int {
	end := len(line)
	for end > 0 {
		switch {
		case line[end-1] == ' ':
			end--
		case line[end-1] == 'm':
			k := end - 2
			for k >= 0 && (line[k] == ';' || line[k] >= '0' && line[k] <= '9') {
				k--
			}
			if k < 1 || line[k] != '[' || line[k-1] != '\x1b' {
				return end
			}
			end = k - 1
		default:
			return end
		}
	}
	return end
}
