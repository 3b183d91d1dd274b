package server

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	gossh "golang.org/x/crypto/ssh"

	"github.com/neurotutor/neurotutor/server/sshtest"
)

// echo is a tiny program: it greets the visitor, shows the last key,
// panics on "!" and quits on "q".
type echo struct {
	v    Visitor
	last string
}

func (e echo) Init() tea.Cmd { return nil }

func (e echo) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if k, ok := msg.(tea.KeyPressMsg); ok {
		switch k.String() {
		case "q":
			return e, tea.Quit
		case "!":
			panic("a student's crash")
		}
		e.last = k.String()
	}
	return e, nil
}

func (e echo) View() tea.View {
	role := "student"
	if e.v.Teacher {
		role = "teacher"
	}
	return tea.NewView(fmt.Sprintf("hello %s, %s, %s\nlast key: [%s]", e.v.Name, role, e.v.ID, e.last))
}

// start runs a server on a loopback port with cfg and returns its address.
func start(t *testing.T, cfg Config) (*Server, string) {
	t.Helper()
	cfg.Addr = "127.0.0.1:0"
	cfg.HostKey = filepath.Join(t.TempDir(), "host_key")
	var done sync.WaitGroup
	app := func(s *Session) (tea.Model, func(), error) {
		done.Add(1)
		return echo{v: s.Visitor}, done.Done, nil
	}
	srv, err := New(cfg, app)
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go srv.Serve(ln)
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		srv.Shutdown(ctx)
		done.Wait() // every session's done ran
	})
	return srv, ln.Addr().String()
}

func open(t *testing.T, addr, user string, key *sshtest.Key) *sshtest.Term {
	t.Helper()
	c, err := sshtest.Dial(addr, user, key)
	if err != nil {
		t.Fatalf("dial as %s: %v", user, err)
	}
	term, err := sshtest.Open(c, 80, 24)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(term.Close)
	return term
}

// exitStatus is a session's exit status, −1 when it has none.
func exitStatus(err error) int {
	var ee *gossh.ExitError
	if errors.As(err, &ee) {
		return ee.ExitStatus()
	}
	if err == nil {
		return 0
	}
	return -1
}

const wait = 10 * time.Second

// TestIdentityAndRoles: a key named in --teacher-key is the teacher, by
// its comment; a student's key is known by its fingerprint and, listed
// in --authorized-keys, by its comment; a key not listed is refused.
func TestIdentityAndRoles(t *testing.T) {
	teacher := sshtest.NewKey(t, "Prof Ada")
	student := sshtest.NewKey(t, "bob@laptop")
	stranger := sshtest.NewKey(t, "")
	_, addr := start(t, Config{
		TeacherKeys:    []string{sshtest.WriteKeys(t, "teacher.pub", teacher)},
		AuthorizedKeys: sshtest.WriteKeys(t, "class_keys", student),
	})
	tt := open(t, addr, "ada", &teacher)
	tt.WaitText(t, "hello Prof Ada, teacher, "+gossh.FingerprintSHA256(teacher.Signer.PublicKey()), wait)
	st := open(t, addr, "bob", &student)
	st.WaitText(t, "hello bob@laptop, student, SHA256:", wait)
	if _, err := sshtest.Dial(addr, "eve", &stranger); err == nil {
		t.Error("a key not in --authorized-keys got in")
	}
	if _, err := sshtest.Dial(addr, "eve", nil); err == nil {
		t.Error("a keyless visitor got in although --authorized-keys is given")
	}
}

// TestKeylessStudentsByUser: without --authorized-keys a visitor without
// a key gets in, known by the SSH user.
func TestKeylessStudentsByUser(t *testing.T) {
	_, addr := start(t, Config{})
	term := open(t, addr, "carol", nil)
	term.WaitText(t, "hello carol, student, user:carol", wait)
	term.Type("x")
	term.WaitText(t, "last key: [x]", wait)
	term.Type("q")
	term.WaitEnd(t, wait)
	if s := exitStatus(term.Err()); s != 0 {
		t.Errorf("q ended the session with status %d", s)
	}
}

// TestRefusesCommandsShellessAndForwarding: a command, a session without
// a terminal, a subsystem, and port forwarding in both directions are all
// refused.
func TestRefusesCommandsShellessAndForwarding(t *testing.T) {
	_, addr := start(t, Config{})
	c, err := sshtest.Dial(addr, "mallory", nil)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()

	sess, _ := c.NewSession()
	out, err := sess.CombinedOutput("cat /etc/passwd")
	if exitStatus(err) != 1 || !strings.Contains(string(out), "runs no commands") {
		t.Errorf("exec: status %d, output %q", exitStatus(err), out)
	}
	sess, _ = c.NewSession()
	sess.RequestPty("xterm", 24, 80, gossh.TerminalModes{})
	out, err = sess.CombinedOutput("sh")
	if exitStatus(err) != 1 || !strings.Contains(string(out), "runs no commands") {
		t.Errorf("exec with a terminal: status %d, output %q", exitStatus(err), out)
	}
	sess, _ = c.NewSession()
	var b strings.Builder
	sess.Stdout = &b
	if err := sess.Shell(); err != nil {
		t.Fatal(err)
	}
	if err := sess.Wait(); exitStatus(err) != 1 || !strings.Contains(b.String(), "needs a terminal") {
		t.Errorf("shell without a terminal: status %d, output %q", exitStatus(err), b.String())
	}
	sess, _ = c.NewSession()
	if err := sess.RequestSubsystem("sftp"); err == nil {
		t.Error("the sftp subsystem was granted")
	}
	if conn, err := c.Dial("tcp", addr); err == nil {
		conn.Close()
		t.Error("local port forwarding (direct-tcpip) was granted")
	}
	if ln, err := c.Listen("tcp", "127.0.0.1:0"); err == nil {
		ln.Close()
		t.Error("remote port forwarding (tcpip-forward) was granted")
	}
}

// TestSessionCap: past --max-sessions a student gets one line and exit
// status 1; the teacher still gets in.
func TestSessionCap(t *testing.T) {
	teacher := sshtest.NewKey(t, "teach")
	srv, addr := start(t, Config{MaxSessions: 1, TeacherKeys: []string{sshtest.WriteKeys(t, "t.pub", teacher)}})
	first := open(t, addr, "s1", nil)
	first.WaitText(t, "hello s1", wait)
	second := open(t, addr, "s2", nil)
	raw := second.WaitEnd(t, wait)
	if !strings.Contains(raw, "neurotutor: the class is full (1 students, --max-sessions)") || exitStatus(second.Err()) != 1 {
		t.Errorf("over the cap: status %d, sent %q", exitStatus(second.Err()), raw)
	}
	tt := open(t, addr, "t", &teacher)
	tt.WaitText(t, "hello teach, teacher", wait)
	if n, s := srv.Counts(); n != 2 || s != 1 {
		t.Errorf("counts: %d sessions, %d students; want 2 and 1", n, s)
	}
	first.Type("q")
	first.WaitEnd(t, wait)
	third := open(t, addr, "s3", nil)
	third.WaitText(t, "hello s3", wait)
}

// TestPerAddressCap: past --max-per-address a connection gets one line;
// past twice that it is closed before the handshake.
func TestPerAddressCap(t *testing.T) {
	_, addr := start(t, Config{PerAddress: 1})
	open(t, addr, "a", nil).WaitText(t, "hello a", wait)
	over := open(t, addr, "b", nil)
	if raw := over.WaitEnd(t, wait); !strings.Contains(raw, "too many connections from 127.0.0.1 (2; at most 1 from one address, --max-per-address)") {
		t.Errorf("over the per-address cap: %q", raw)
	}
	over.Close()
	// Two more raw connections make three from this address: whichever
	// is counted third is over twice the cap and closed at once.
	closed := make(chan bool, 2)
	for range 2 {
		c, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		go func() {
			c.SetReadDeadline(time.Now().Add(wait))
			_, err := io.ReadAll(c)
			closed <- err == nil
		}()
	}
	if !<-closed {
		t.Error("no connection over twice the per-address cap was closed at once")
	}
}

// TestHandshakeTimeout: a connection that never speaks SSH is closed.
func TestHandshakeTimeout(t *testing.T) {
	_, addr := start(t, Config{HandshakeTimeout: 200 * time.Millisecond})
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	c.SetReadDeadline(time.Now().Add(wait))
	began := time.Now()
	io.ReadAll(c) // the server's version line, then EOF when it gives up
	if took := time.Since(began); took >= wait {
		t.Errorf("a silent connection was still open after %s", took)
	}
}

// TestIdleTimeout: a session without input is closed with one line;
// Touch keeps another one open.
func TestIdleTimeout(t *testing.T) {
	_, addr := start(t, Config{IdleTimeout: 300 * time.Millisecond})
	term := open(t, addr, "dozy", nil)
	raw := term.WaitEnd(t, wait)
	if !strings.Contains(raw, "neurotutor: closed after 300ms without input (--idle-timeout)") || exitStatus(term.Err()) != 1 {
		t.Errorf("idle: status %d, sent %q", exitStatus(term.Err()), raw)
	}
}

// TestMaxSession: a session is closed with one line at --max-session
// even while typing.
func TestMaxSession(t *testing.T) {
	_, addr := start(t, Config{MaxSession: 400 * time.Millisecond})
	term := open(t, addr, "busy", nil)
	stop := make(chan struct{})
	go func() {
		for {
			select {
			case <-stop:
				return
			case <-time.After(50 * time.Millisecond):
				term.Type("k")
			}
		}
	}()
	raw := term.WaitEnd(t, wait)
	close(stop)
	if !strings.Contains(raw, "neurotutor: this session reached its time limit (400ms, --max-session)") {
		t.Errorf("max session: %q", raw)
	}
}

// TestPanicStaysInItsSession: one session's panic ends it with a line;
// another session carries on.
func TestPanicStaysInItsSession(t *testing.T) {
	_, addr := start(t, Config{})
	calm := open(t, addr, "calm", nil)
	calm.WaitText(t, "hello calm", wait)
	wild := open(t, addr, "wild", nil)
	wild.WaitText(t, "hello wild", wait)
	wild.Type("!")
	if raw := wild.WaitEnd(t, wait); !strings.Contains(raw, "stopped on an internal error (the class carries on") {
		t.Errorf("the panicking session said: %q", raw)
	}
	calm.Type("z")
	calm.WaitText(t, "last key: [z]", wait)
}

// TestBadKeyFiles: the messages for a private key, a file without keys
// and a missing file name the option and the file.
func TestBadKeyFiles(t *testing.T) {
	dir := t.TempDir()
	for _, c := range []struct{ data, want string }{
		{"-----BEGIN OPENSSH PRIVATE KEY-----\nabc\n", "is a private key: give its public half"},
		{"# nothing\n\n", "holds no public key"},
		{"ssh-ed25519 notbase64 x\n", "line 1: not a public key"},
	} {
		p := filepath.Join(dir, "k")
		writeFile(t, p, c.data)
		if _, err := New(Config{TeacherKeys: []string{p}, HostKey: filepath.Join(dir, "h")}, nil); err == nil || !strings.Contains(err.Error(), "--teacher-key "+p) || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: %v", c.data, err)
		}
	}
	if _, err := New(Config{AuthorizedKeys: filepath.Join(dir, "none"), HostKey: filepath.Join(dir, "h")}, nil); err == nil || !strings.Contains(err.Error(), "--authorized-keys") {
		t.Errorf("missing file: %v", err)
	}
}
