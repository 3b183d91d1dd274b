package e2e

import (
	"bytes"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestThemeFollowsTheTerminal starts the real binary in a pseudo-terminal
// that reports a light background, then in one with NO_COLOR set: the
// first complete frame comes either way, then the light theme's text
// colour (#1a1a1a) is drawn; with NO_COLOR no colour is.
func TestThemeFollowsTheTerminal(t *testing.T) {
	bin := build(t)
	if b := os.Getenv("NEUROTUTOR_BIN"); b != "" {
		bin = b
	}
	dir := t.TempDir()
	env := []string{"HOME=" + dir, "XDG_STATE_HOME=" + dir, "TERM=xterm-256color", "COLORTERM=truecolor", "LANG=C.UTF-8", "PATH=" + os.Getenv("PATH")}

	light, err := startPTY(120, 40, env, bin, "--paused", "wta")
	if err != nil {
		t.Fatal(err)
	}
	light.bg = "rgb:ffff/ffff/ffff"
	if _, err := light.waitDrawn(10*time.Second, wtaFrame...); err != nil {
		t.Fatal(err)
	}
	if err := light.waitRaw(10*time.Second, "38;2;26;26;26"); err != nil {
		t.Errorf("on a light background the light theme was not drawn: %v", err)
	}
	light.close()

	plain, err := startPTY(120, 40, append(env, "NO_COLOR=1"), bin, "--paused", "wta")
	if err != nil {
		t.Fatal(err)
	}
	defer plain.close()
	if _, err := plain.waitDrawn(10*time.Second, wtaFrame...); err != nil {
		t.Fatal(err)
	}
	time.Sleep(200 * time.Millisecond) // the background's answer and its frame
	plain.drain()
	if sgr := colourSGR(plain.raw); sgr != "" {
		t.Errorf("with NO_COLOR the output sets a colour: %q", sgr)
	}
}

// sgrRE matches a select-graphic-rendition sequence.
var sgrRE = regexp.MustCompile(`\x1b\[([0-9;:]*)m`)

// colourSGR returns the first SGR sequence in out that sets a foreground
// or background colour, "" if none does.
func colourSGR(out []byte) string {
	for _, m := range sgrRE.FindAllSubmatch(out, -1) {
		ps := strings.FieldsFunc(string(m[1]), func(r rune) bool { return r == ';' || r == ':' })
		for i := 0; i < len(ps); i++ {
			n, _ := strconv.Atoi(ps[i])
			switch {
			case n == 38 || n == 48:
				return string(m[0])
			case n >= 30 && n <= 37, n >= 40 && n <= 47, n >= 90 && n <= 97, n >= 100 && n <= 107:
				return string(m[0])
			}
		}
	}
	return ""
}

// waitRaw reads output until s has been written, escape sequences and
// all.
func (t *ptyTerm) waitRaw(limit time.Duration, s string) error {
	timeout := time.After(limit)
	for !bytes.Contains(t.raw, []byte(s)) {
		select {
		case c, ok := <-t.out:
			if !ok {
				return os.ErrClosed
			}
			t.feed(c)
		case <-timeout:
			return os.ErrDeadlineExceeded
		}
	}
	return nil
}

// drain reads what output is waiting.
func (t *ptyTerm) drain() {
	for {
		select {
		case c, ok := <-t.out:
			if !ok {
				return
			}
			t.feed(c)
		default:
			return
		}
	}
}
