// Package sshtest drives SSH sessions for tests: a real client
// (golang.org/x/crypto/ssh) on loopback, a terminal emulator that keeps
// the screen the session drew, and waits for what should appear on it.
package sshtest

import (
	"crypto/ed25519"
	"crypto/rand"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/charmbracelet/x/vt"
	gossh "golang.org/x/crypto/ssh"
)

// Key is a fresh ed25519 key pair for a test.
type Key struct {
	Signer gossh.Signer
	Pub    string // its authorized_keys line, with the comment
}

// NewKey makes a key whose public line carries comment.
func NewKey(t testing.TB, comment string) Key {
	t.Helper()
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	s, err := gossh.NewSignerFromKey(priv)
	if err != nil {
		t.Fatal(err)
	}
	line := strings.TrimSpace(string(gossh.MarshalAuthorizedKey(s.PublicKey())))
	if comment != "" {
		line += " " + comment
	}
	return Key{Signer: s, Pub: line + "\n"}
}

// WriteKeys writes the keys' public lines to a file in a temporary
// directory and returns its path.
func WriteKeys(t testing.TB, name string, keys ...Key) string {
	t.Helper()
	var b strings.Builder
	for _, k := range keys {
		b.WriteString(k.Pub)
	}
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// Dial connects as user, with the key when it is not nil, else with an
// empty password.
func Dial(addr, user string, key *Key) (*gossh.Client, error) {
	auth := []gossh.AuthMethod{gossh.Password("")}
	if key != nil {
		auth = []gossh.AuthMethod{gossh.PublicKeys(key.Signer)}
	}
	return gossh.Dial("tcp", addr, &gossh.ClientConfig{
		User: user, Auth: auth,
		HostKeyCallback: gossh.InsecureIgnoreHostKey(),
		Timeout:         10 * time.Second,
	})
}

// Term is a session with a terminal: what it draws goes through an
// emulator, whose screen can be read at any time.
type Term struct {
	Client *gossh.Client
	Sess   *gossh.Session
	in     io.WriteCloser
	mu     sync.Mutex
	em     *vt.Emulator
	raw    strings.Builder // everything received, for refusals and debugging
	done   chan struct{}
	err    error // from Wait
}

// Open opens a session with a w×h xterm-256color terminal on client and
// starts its shell.
func Open(client *gossh.Client, w, h int) (*Term, error) {
	sess, err := client.NewSession()
	if err != nil {
		return nil, err
	}
	t := &Term{Client: client, Sess: sess, em: vt.NewEmulator(w, h), done: make(chan struct{})}
	t.in, err = sess.StdinPipe()
	if err != nil {
		return nil, err
	}
	sess.Stdout = writerFunc(t.write)
	sess.Stderr = writerFunc(t.write)
	go io.Copy(t.in, t.em) // the terminal's answers to queries
	if err := sess.RequestPty("xterm-256color", h, w, gossh.TerminalModes{}); err != nil {
		return nil, err
	}
	if err := sess.Shell(); err != nil {
		return nil, err
	}
	go func() { t.err = sess.Wait(); close(t.done) }()
	return t, nil
}

type writerFunc func([]byte) (int, error)

func (f writerFunc) Write(p []byte) (int, error) { return f(p) }

func (t *Term) write(p []byte) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.raw.Write(p)
	return t.em.Write(p)
}

// Screen is the terminal's text now, one line per row.
func (t *Term) Screen() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.em.String()
}

// Raw is everything the session sent so far.
func (t *Term) Raw() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.raw.String()
}

// Type sends keys as typed.
func (t *Term) Type(s string) error {
	_, err := io.WriteString(t.in, s)
	return err
}

// Size is the terminal's width and height.
func (t *Term) Size() (w, h int) {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.em.Width(), t.em.Height()
}

// Resize tells the server the terminal is now w×h.
func (t *Term) Resize(w, h int) error {
	t.mu.Lock()
	t.em.Resize(w, h)
	t.mu.Unlock()
	return t.Sess.WindowChange(h, w)
}

// Done is closed when the session has ended.
func (t *Term) Done() <-chan struct{} { return t.done }

// Err is how the session ended (after Done): nil, or an *ssh.ExitError.
func (t *Term) Err() error { return t.err }

// Close ends the session and its connection.
func (t *Term) Close() {
	t.Sess.Close()
	t.Client.Close()
}

// WaitFor waits until cond holds for the screen, or fails the test after
// timeout with the screen it last saw.
func (t *Term) WaitFor(tb testing.TB, what string, timeout time.Duration, cond func(screen string) bool) string {
	tb.Helper()
	deadline := time.Now().Add(timeout)
	for {
		s := t.Screen()
		if cond(s) {
			return s
		}
		if time.Now().After(deadline) {
			tb.Fatalf("waited %s for %s; the screen shows:\n%s", timeout, what, s)
		}
		select {
		case <-time.After(20 * time.Millisecond):
		case <-t.done:
			if s := t.Screen(); cond(s) {
				return s
			}
			tb.Fatalf("the session ended (%v) while waiting for %s; it sent:\n%q", t.err, what, tail(t.Raw(), 2000))
		}
	}
}

// WaitText waits for text to be on the screen.
func (t *Term) WaitText(tb testing.TB, text string, timeout time.Duration) string {
	tb.Helper()
	return t.WaitFor(tb, fmt.Sprintf("%q on the screen", text), timeout, func(s string) bool { return strings.Contains(s, text) })
}

// WaitEnd waits for the session to end and returns everything it sent.
func (t *Term) WaitEnd(tb testing.TB, timeout time.Duration) string {
	tb.Helper()
	select {
	case <-t.done:
		return t.Raw()
	case <-time.After(timeout):
		tb.Fatalf("the session did not end within %s; it shows:\n%s", timeout, t.Screen())
	}
	return ""
}

func tail(s string, n int) string {
	if len(s) > n {
		return s[len(s)-n:]
	}
	return s
}
