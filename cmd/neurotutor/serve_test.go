package main

import (
	"bytes"
	"context"
	"io"
	"net"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"
)

// lockedBuffer collects a session's output for polling.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// TestServeOverSSH starts the classroom server on a loopback port, opens
// one SSH session with a terminal, checks the tutorial draws at the chosen
// lesson, quits it with q, and stops the server.
func TestServeOverSSH(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	ready := make(chan net.Addr, 1)
	o := newServeOptions()
	o.addr, o.hostKey, o.lesson, o.fps, o.ready = "127.0.0.1:0", filepath.Join(t.TempDir(), "key"), "wta", 10, ready
	o.db = filepath.Join(t.TempDir(), "class.db")
	done := make(chan error, 1)
	var logs lockedBuffer
	go func() { done <- o.Run(ctx, io.Discard, &logs) }()
	var addr net.Addr
	select {
	case addr = <-ready:
	case err := <-done:
		t.Fatalf("serve ended early: %v", err)
	case <-time.After(10 * time.Second):
		t.Fatal("serve did not start")
	}
	client, err := gossh.Dial("tcp", addr.String(), &gossh.ClientConfig{
		User:            "student",
		Auth:            []gossh.AuthMethod{gossh.Password("")},
		HostKeyCallback: gossh.InsecureIgnoreHostKey(),
		Timeout:         5 * time.Second,
	})
	if err != nil {
		t.Fatalf("dial: %v", err)
	}
	defer client.Close()
	sess, err := client.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	var out lockedBuffer
	sess.Stdout = &out
	stdin, _ := sess.StdinPipe()
	if err := sess.RequestPty("xterm-256color", 40, 120, gossh.TerminalModes{}); err != nil {
		t.Fatal(err)
	}
	if err := sess.Shell(); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(10 * time.Second)
	for !strings.Contains(out.String(), "Winner-take-all") {
		if time.Now().After(deadline) {
			t.Fatalf("the session never showed the lesson; got %q", out.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
	stdin.Write([]byte("q"))
	waited := make(chan error, 1)
	go func() { waited <- sess.Wait() }()
	select {
	case <-waited:
	case <-time.After(10 * time.Second):
		t.Fatal("q did not end the session")
	}
	client.Close()
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("serve: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("serve did not stop")
	}
	if !strings.Contains(logs.String(), "connect with: ssh -p") {
		t.Errorf("no connection hint in the log: %q", logs.String())
	}
}

func TestServeRejectsBadFlags(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"serve", "--fps", "0"}, "--fps 0 is not allowed: a whole number from 1 to 30"},
		{[]string{"serve", "--addr", "nonsense"}, `--addr "nonsense" is not host:port`},
		{[]string{"serve", "--lesson", "wtaa"}, `unknown lesson "wtaa"`},
		{[]string{"serve", "--idle-timeout", "-1s"}, "--idle-timeout -1s is not allowed: a duration such as 30m, or 0 for never"},
		{[]string{"serve", "--handshake-timeout", "0"}, "--handshake-timeout 0s is not allowed: a positive duration"},
		{[]string{"serve", "--max-sessions", "-3"}, "--max-sessions -3 is not allowed: a whole number, 0 for no limit"},
		{[]string{"serve", "--max-per-address", "x"}, "a whole number, 0 for no limit"},
		{[]string{"serve", "--addr", "127.0.0.1:0", "--db", "/dev/null/x.db", "--teacher-key", "/nonexistent/teacher.pub"}, "--teacher-key /nonexistent/teacher.pub: open /nonexistent/teacher.pub: no such file"},
	} {
		_, errs, code := runCLI(c.args...)
		if code != 2 || !strings.Contains(errs, c.want) {
			t.Errorf("%v: exit %d, stderr %q; want 2 and %q", c.args, code, errs, c.want)
		}
	}
}
