// Package server serves a Bubble Tea program over SSH with the limits a
// classroom needs: a handshake timeout, an idle timeout, a maximum session
// time, caps on sessions and on connections per address, keepalives that
// drop dead peers, and a panic in one session that never reaches another.
// It identifies each visitor by key fingerprint (or SSH user) and names
// the teachers. A session over a limit gets one line saying why, never a
// hang. It runs no commands, opens no subsystem and forwards no port.
package server

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"sync"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/ssh"
	"charm.land/wish/v2"
	gossh "golang.org/x/crypto/ssh"

	"github.com/neurotutor/neurotutor/screencast"
)

// Config is what the server enforces; zero durations and counts take the
// defaults below, except where 0 is said to mean "no limit".
type Config struct {
	Addr           string   // host:port to listen on
	HostKey        string   // private host key file, created if missing
	AuthorizedKeys string   // an authorized_keys file: only these keys (and the teachers') get in; "" admits anyone
	TeacherKeys    []string // .pub or authorized_keys files naming the teachers

	HandshakeTimeout time.Duration // to finish the SSH handshake
	IdleTimeout      time.Duration // without input (a follower's is restarted by Touch), then closed; < 0: none
	MaxSession       time.Duration // a session's longest life; < 0: none
	MaxSessions      int           // students at once (teachers always get in); < 0: no limit
	PerAddress       int           // connections from one address; < 0: no limit
	KeepAlive        time.Duration // between keepalive probes; three unanswered drop the peer

	Log io.Writer // one line per join, leave and refusal; nil: none
}

// The defaults, shown in serve --help.
const (
	DefaultHandshakeTimeout = 10 * time.Second
	DefaultIdleTimeout      = 30 * time.Minute
	DefaultMaxSession       = 4 * time.Hour
	DefaultMaxSessions      = 100
	DefaultPerAddress       = 10
	DefaultKeepAlive        = 30 * time.Second
)

func (c *Config) defaults() {
	set := func(d *time.Duration, v time.Duration) {
		if *d == 0 {
			*d = v
		}
	}
	set(&c.HandshakeTimeout, DefaultHandshakeTimeout)
	set(&c.IdleTimeout, DefaultIdleTimeout)
	set(&c.MaxSession, DefaultMaxSession)
	set(&c.KeepAlive, DefaultKeepAlive)
	if c.MaxSessions == 0 {
		c.MaxSessions = DefaultMaxSessions
	}
	if c.PerAddress == 0 {
		c.PerAddress = DefaultPerAddress
	}
}

// App builds the program of one session. done, if not nil, runs when the
// session ends, however it ends.
type App func(s *Session) (m tea.Model, done func(), err error)

// Server is the SSH server.
type Server struct {
	cfg      Config
	app      App
	ssh      *ssh.Server
	teachers []namedKey
	caster   *screencast.Caster // draws every session's screen

	mu       sync.Mutex
	students int            // sessions of students now
	sessions int            // all sessions now
	perAddr  map[string]int // connections now, by remote host
	live     map[*Session]bool
}

// New checks the configuration, reads the teachers' keys and builds the
// server; Serve starts it.
func New(cfg Config, app App) (*Server, error) {
	cfg.defaults()
	s := &Server{cfg: cfg, app: app, caster: screencast.New(), perAddr: map[string]int{}, live: map[*Session]bool{}}
	for _, path := range cfg.TeacherKeys {
		keys, err := readKeys("--teacher-key", path)
		if err != nil {
			return nil, err
		}
		s.teachers = append(s.teachers, keys...)
	}
	if cfg.AuthorizedKeys != "" {
		if _, err := readKeys("--authorized-keys", cfg.AuthorizedKeys); err != nil {
			return nil, err
		}
	}
	opts := []ssh.Option{
		wish.WithHostKeyPath(cfg.HostKey),
		ssh.PublicKeyAuth(s.authorize),
		func(srv *ssh.Server) error {
			srv.HandshakeTimeout = cfg.HandshakeTimeout
			// The transport's own deadline drops a peer that stopped
			// answering even the keepalives (a write to it would block).
			srv.IdleTimeout = 3*cfg.KeepAlive + cfg.KeepAlive/2
			if cfg.MaxSession > 0 {
				srv.MaxTimeout = cfg.MaxSession + time.Minute // the session says goodbye first
			}
			srv.ConnCallback = s.countConn
			srv.ConnectionCloseCallback = s.uncountConn
			srv.Handler = s.handle
			return nil
		},
	}
	if cfg.AuthorizedKeys == "" { // keyless students too, known by their user name
		opts = append(opts,
			ssh.PasswordAuth(func(ssh.Context, string) bool { return true }),
			ssh.KeyboardInteractiveAuth(func(ssh.Context, gossh.KeyboardInteractiveChallenge) bool { return true }))
	}
	srv, err := wish.NewServer(opts...)
	if err != nil {
		return nil, fmt.Errorf("start the SSH server: %w", err)
	}
	s.ssh = srv
	return s, nil
}

// Serve accepts connections on ln until Shutdown or Close.
func (s *Server) Serve(ln net.Listener) error {
	err := s.ssh.Serve(ln)
	if errors.Is(err, ssh.ErrServerClosed) {
		return nil
	}
	return err
}

// Shutdown stops accepting, ends every session (each is told why) and
// waits for them to close until ctx is done, then drops what is left.
func (s *Server) Shutdown(ctx context.Context) error {
	s.mu.Lock()
	for ss := range s.live {
		ss.end("the server is stopping; your progress is saved")
	}
	s.mu.Unlock()
	err := s.ssh.Shutdown(ctx)
	if err != nil && !errors.Is(err, ssh.ErrServerClosed) {
		return s.ssh.Close()
	}
	return nil
}

// track adds or removes a running session.
func (s *Server) track(ss *Session, on bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if on {
		s.live[ss] = true
	} else {
		delete(s.live, ss)
	}
}

// Close drops every connection at once.
func (s *Server) Close() error { return s.ssh.Close() }

func (s *Server) logf(format string, args ...any) {
	if s.cfg.Log != nil {
		fmt.Fprintf(s.cfg.Log, "neurotutor: "+format+"\n", args...)
	}
}

// host is the host part of a host:port address.
func host(addr string) string {
	if h, _, err := net.SplitHostPort(addr); err == nil {
		return h
	}
	return addr
}
