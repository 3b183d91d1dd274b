package e2e

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"time"

	"github.com/creack/pty"
)

// ptyTerm runs a program in a pseudo-terminal and plays the terminal's
// part: it answers the queries a program may send at start (background
// and foreground colour, primary device attributes, cursor position, a
// mode request) as xterm does, and it notes when given text has been
// drawn. It keeps no screen: what it watches is the output with escape
// sequences and whitespace removed, so a word drawn with cursor moves
// between its letters (a renderer skipping unchanged cells) still counts.
type ptyTerm struct {
	w, h int
	bg   string // the background the terminal reports, "rgb:rrrr/gggg/bbbb"

	pty   *os.File
	out   chan []byte // output as it is read
	cmd   *exec.Cmd
	start time.Time

	state   escState
	seq     []byte        // the escape sequence being read
	text    []byte        // printable output so far, without whitespace
	raw     []byte        // all output so far
	answers int           // queries answered
	cpu     time.Duration // the program's user and system time, once it has ended
}

type escState int

const (
	escNone   escState = iota
	escEsc             // after ESC
	escCSI             // in ESC [ … final
	escString          // in OSC, DCS, APC, PM or SOS, until BEL or ST
	escStrEsc          // an ESC inside a string: ST if a backslash follows
)

// startPTY starts argv in a w×h pseudo-terminal with the given
// environment and starts the clock.
func startPTY(w, h int, env []string, argv ...string) (*ptyTerm, error) {
	t := &ptyTerm{w: w, h: h, bg: "rgb:1c1c/1c1c/1c1c"}
	t.cmd = exec.Command(argv[0], argv[1:]...)
	t.cmd.Env = env
	t.start = time.Now()
	f, err := pty.StartWithSize(t.cmd, &pty.Winsize{Cols: uint16(w), Rows: uint16(h)})
	if err != nil {
		return nil, err
	}
	t.pty = f
	t.out = make(chan []byte, 64)
	go t.read()
	return t, nil
}

// waitDrawn reads the program's output until every one of want has been
// drawn and returns the time from start, or fails after limit or when the
// program ends first.
func (t *ptyTerm) waitDrawn(limit time.Duration, want ...string) (time.Duration, error) {
	keys := make([][]byte, len(want))
	for i, w := range want {
		keys[i] = squeeze([]byte(w))
	}
	timeout := time.After(limit)
	for {
		select {
		case c, ok := <-t.out:
			if !ok {
				return 0, fmt.Errorf("the program ended before %q was drawn; drawn: %q", missing(t.text, keys, want), tail(t.text, 400))
			}
			t.feed(c)
			if drawn(t.text, keys) {
				return time.Since(t.start), nil
			}
		case <-timeout:
			return 0, fmt.Errorf("%q not drawn within %v; drawn: %q", missing(t.text, keys, want), limit, tail(t.text, 400))
		}
	}
}

// waitExit reads the program's output until it ends and returns the time
// from start.
func (t *ptyTerm) waitExit(limit time.Duration) (time.Duration, error) {
	timeout := time.After(limit)
	for {
		select {
		case c, ok := <-t.out:
			if ok {
				t.feed(c)
				continue
			}
			err := t.cmd.Wait()
			d := time.Since(t.start)
			t.cpu = t.cmd.ProcessState.UserTime() + t.cmd.ProcessState.SystemTime()
			t.cmd = nil
			if err != nil {
				return 0, fmt.Errorf("%v; output: %q", err, tail(t.text, 400))
			}
			return d, nil
		case <-timeout:
			return 0, fmt.Errorf("still running after %v; output: %q", limit, tail(t.text, 400))
		}
	}
}

// read copies the program's output to t.out in chunks until the program
// has closed its side (Linux then reports EIO on the controller).
func (t *ptyTerm) read() {
	defer close(t.out)
	for {
		buf := make([]byte, 32<<10)
		n, err := t.pty.Read(buf)
		if n > 0 {
			t.out <- buf[:n]
		}
		if err != nil {
			return
		}
	}
}

// close ends the program if it still runs and releases the terminal. The
// program's CPU time is known after it.
func (t *ptyTerm) close() {
	if t.cmd != nil {
		_ = t.cmd.Process.Kill()
		_ = t.cmd.Wait()
		t.cpu = t.cmd.ProcessState.UserTime() + t.cmd.ProcessState.SystemTime()
		t.cmd = nil
	}
	for range t.out { // until the program's side is closed
	}
	_ = t.pty.Close()
}

// feed reads output: text goes to t.text, queries are answered.
func (t *ptyTerm) feed(p []byte) {
	t.raw = append(t.raw, p...)
	for _, c := range p {
		switch t.state {
		case escNone:
			switch {
			case c == 0x1b:
				t.state, t.seq = escEsc, t.seq[:0]
			case c > ' ' && c != 0x7f:
				t.text = append(t.text, c)
			}
		case escEsc:
			t.seq = append(t.seq, c)
			switch c {
			case '[':
				t.state = escCSI
			case ']', 'P', '_', '^', 'X':
				t.state = escString
			default:
				t.state = escNone // a two-byte sequence, or ESC ( B and the like: close enough
			}
		case escCSI:
			t.seq = append(t.seq, c)
			if c >= 0x40 && c <= 0x7e {
				t.state = escNone
				t.answer(t.seq)
			}
		case escString:
			switch c {
			case 0x07:
				t.state = escNone
				t.answer(t.seq)
			case 0x1b:
				t.state = escStrEsc
			default:
				t.seq = append(t.seq, c)
			}
		case escStrEsc:
			if c == '\\' {
				t.state = escNone
				t.answer(t.seq)
			} else {
				t.state, t.seq = escEsc, t.seq[:0]
				t.feed([]byte{c})
			}
		}
	}
}

// answer replies to a query as xterm does; seq is the sequence after ESC,
// without the string terminator.
func (t *ptyTerm) answer(seq []byte) {
	var reply string
	switch string(seq) {
	case "]11;?":
		reply = "\x1b]11;" + t.bg + "\x1b\\"
	case "]10;?":
		reply = "\x1b]10;rgb:d0d0/d0d0/d0d0\x1b\\"
	case "[c", "[0c":
		reply = "\x1b[?62;22c"
	case "[6n":
		reply = "\x1b[1;1R"
	default:
		// A mode request (CSI ? n $ p): xterm answers "not recognised"
		// for modes it does not know, such as synchronised output.
		if bytes.HasPrefix(seq, []byte("[?")) && bytes.HasSuffix(seq, []byte("$p")) {
			reply = "\x1b" + string(seq[:len(seq)-2]) + ";0$y"
		}
	}
	if reply != "" {
		t.answers++
		_, _ = t.pty.WriteString(reply)
	}
}

// squeeze drops whitespace: text is compared without it.
func squeeze(s []byte) []byte {
	return bytes.Map(func(r rune) rune {
		if r <= ' ' {
			return -1
		}
		return r
	}, s)
}

func drawn(text []byte, keys [][]byte) bool {
	for _, k := range keys {
		if !bytes.Contains(text, k) {
			return false
		}
	}
	return true
}

func missing(text []byte, keys [][]byte, want []string) string {
	for i, k := range keys {
		if !bytes.Contains(text, k) {
			return want[i]
		}
	}
	return ""
}

func tail(b []byte, n int) string {
	if len(b) > n {
		b = b[len(b)-n:]
	}
	return string(b)
}
