package server

import (
	"context"
	"fmt"
	"net"
	"time"

	"charm.land/ssh"
	gossh "golang.org/x/crypto/ssh"
)

// overAddrKey marks, in a connection's context, that its address had
// more connections than allowed when it arrived.
type ctxKey string

const overAddrKey ctxKey = "neurotutor-over-address"

// countConn counts a new connection against its address. A connection
// over the cap is let through the handshake so that its session can say
// why it is refused; one over twice the cap is closed at once (a flood,
// not a student).
func (s *Server) countConn(ctx ssh.Context, c net.Conn) net.Conn {
	h := host(c.RemoteAddr().String())
	s.mu.Lock()
	s.perAddr[h]++
	n := s.perAddr[h]
	s.mu.Unlock()
	if lim := s.cfg.PerAddress; lim > 0 && n > lim {
		if n > 2*lim {
			s.uncountConn(c)
			c.Close()
			return nil
		}
		ctx.SetValue(overAddrKey, n)
	}
	return c
}

func (s *Server) uncountConn(c net.Conn) {
	h := host(c.RemoteAddr().String())
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.perAddr[h]--; s.perAddr[h] <= 0 {
		delete(s.perAddr, h)
	}
}

// admit takes a place for a session, or says why there is none.
func (s *Server) admit(v Visitor, ctx ssh.Context) (release func(), refusal string) {
	if n, over := ctx.Value(overAddrKey).(int); over {
		return nil, fmt.Sprintf("too many connections from %s (%d; at most %d from one address, --max-per-address); close one and try again", v.Addr, n, s.cfg.PerAddress)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if !v.Teacher && s.cfg.MaxSessions > 0 && s.students >= s.cfg.MaxSessions {
		return nil, fmt.Sprintf("the class is full (%d students, --max-sessions); try again when someone leaves", s.cfg.MaxSessions)
	}
	s.sessions++
	if !v.Teacher {
		s.students++
	}
	return func() {
		s.mu.Lock()
		defer s.mu.Unlock()
		s.sessions--
		if !v.Teacher {
			s.students--
		}
	}, ""
}

// Counts reports the sessions now and how many are students'.
func (s *Server) Counts() (sessions, students int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.sessions, s.students
}

// keepAlive probes the peer every KeepAlive and closes the connection
// when three probes in a row go unanswered, until ctx is done.
func (s *Server) keepAlive(ctx context.Context, conn gossh.Conn) {
	t := time.NewTicker(s.cfg.KeepAlive)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		replied := make(chan error, 1)
		go func() {
			_, _, err := conn.SendRequest("keepalive@openssh.com", true, nil)
			replied <- err
		}()
		select {
		case <-ctx.Done():
			return
		case err := <-replied:
			if err != nil {
				conn.Close()
				return
			}
		case <-time.After(3 * s.cfg.KeepAlive):
			conn.Close()
			return
		}
	}
}
