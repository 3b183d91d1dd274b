package server

import (
	"context"
	"errors"
	"fmt"
	"io"
	"sync"
	"sync/atomic"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/ssh"
	"github.com/charmbracelet/colorprofile"
	gossh "golang.org/x/crypto/ssh"

	"github.com/neurotutor/neurotutor/screencast"
)

// Session is one visitor's terminal session, as the App sees it.
type Session struct {
	Visitor
	Width, Height int      // the terminal when the session began
	Environ       []string // the client's environment, with TERM

	lastInput atomic.Int64 // unix nanoseconds
	mu        sync.Mutex
	reason    string // why the server ended the session
	program   *tea.Program
}

// Touch counts as activity for the idle timeout: input does it, and the
// App does it for a student following a teacher who is teaching.
func (s *Session) Touch() { s.lastInput.Store(time.Now().UnixNano()) }

// idle is how long since the last activity.
func (s *Session) idle() time.Duration { return time.Since(time.Unix(0, s.lastInput.Load())) }

// end stops the session's program, saying why to the visitor.
func (s *Session) end(reason string) {
	s.mu.Lock()
	if s.reason == "" {
		s.reason = reason
	}
	p := s.program
	s.mu.Unlock()
	if p != nil {
		p.Quit()
	}
}

func (s *Session) endReason() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.reason
}

// touchReader counts every read of input as activity.
type touchReader struct {
	io.Reader
	s *Session
}

func (r touchReader) Read(p []byte) (int, error) {
	n, err := r.Reader.Read(p)
	if n > 0 {
		r.s.Touch()
	}
	return n, err
}

// lockedWriter serialises writes with the screen's frames.
type lockedWriter struct {
	w  io.Writer
	mu *sync.Mutex
}

func (l lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}

// refuse ends a session with one line and exit status 1.
func refuse(sess ssh.Session, reason string) {
	fmt.Fprintf(sess, "neurotutor: %s\r\n", reason)
	sess.Exit(1)
}

// handle runs one session: refusals, the place in the class, the program
// and its limits, and a last line when the server ended it.
func (s *Server) handle(sess ssh.Session) {
	v := s.visitor(sess)
	switch {
	case len(sess.Command()) > 0 || sess.RawCommand() != "":
		s.logf("refused %s (%s): asked to run %q", v.Name, v.Addr, sess.RawCommand())
		refuse(sess, "this server shows the tutorial only and runs no commands; connect without one: ssh -p <port> <host>")
		return
	case sess.Subsystem() != "":
		refuse(sess, "this server opens no subsystem")
		return
	}
	pty, winch, ok := sess.Pty()
	if !ok {
		refuse(sess, "the tutorial needs a terminal; connect with ssh -t, or from an interactive terminal")
		return
	}
	release, refusal := s.admit(v, sess.Context())
	if refusal != "" {
		s.logf("refused %s (%s): %s", v.Name, v.Addr, refusal)
		refuse(sess, refusal)
		return
	}
	defer release()
	role := "student"
	if v.Teacher {
		role = "teacher"
	}
	n, _ := s.Counts()
	s.logf("%s joined as %s from %s (%s) · %d connected", v.Name, role, v.Addr, v.ID, n)
	defer func() {
		n, _ := s.Counts()
		s.logf("%s left · %d connected", v.Name, n-1)
	}()

	env := append(sess.Environ(), "TERM="+pty.Term)
	ss := &Session{Visitor: v, Width: pty.Window.Width, Height: pty.Window.Height, Environ: env}
	ss.Touch()
	model, done, err := s.build(ss)
	if done != nil {
		defer done()
	}
	if err != nil {
		s.logf("%s: %v", v.Name, err)
		refuse(sess, err.Error())
		return
	}
	// The screen is drawn through the server's caster, which encodes a
	// change of screen once for every terminal showing it (a class
	// following its teacher); Bubble Tea's own renderer is off.
	var outMu sync.Mutex
	profile := colorprofile.Env(env)
	screen := s.caster.NewScreen(sess, &outMu, screencast.Terminal{
		Width: pty.Window.Width, Height: pty.Window.Height, Profile: profile, Term: pty.Term,
		MapNewline: true, // Wish's emulated terminal sends \n as \r\n
	})
	screen.OnPanic = func(r any) {
		s.logf("%s: drawing the screen failed (%v); the others carry on", v.Name, r)
		ss.end("this session stopped on an internal error (the class carries on, and your progress is saved); reconnect to continue")
	}
	p := tea.NewProgram(screen.Model(model),
		tea.WithoutRenderer(),
		tea.WithFPS(20), // its ticker now only sends Bubble Tea's terminal queries
		tea.WithInput(touchReader{sess, ss}),
		tea.WithOutput(lockedWriter{sess, &outMu}),
		tea.WithColorProfile(profile),
		tea.WithEnvironment(env),
		tea.WithWindowSize(pty.Window.Width, pty.Window.Height),
		tea.WithFilter(func(_ tea.Model, msg tea.Msg) tea.Msg {
			if _, ok := msg.(tea.SuspendMsg); ok { // ctrl+z would stop the server's side
				return tea.ResumeMsg{}
			}
			return msg
		}),
	)
	ss.mu.Lock()
	ss.program = p
	ss.mu.Unlock()
	s.track(ss, true)
	defer s.track(ss, false)

	ctx, cancel := context.WithCancel(sess.Context())
	defer cancel()
	go s.watch(ctx, ss, p, winch)
	if conn, ok := sess.Context().Value(ssh.ContextKeyConn).(gossh.Conn); ok {
		go s.keepAlive(ctx, conn)
	}
	screen.Start()
	_, err = p.Run()
	p.Kill()
	screen.Close()
	reason := ss.endReason()
	if errors.Is(err, tea.ErrProgramPanic) {
		reason = "this session stopped on an internal error (the class carries on, and your progress is saved); reconnect to continue"
		s.logf("%s: the session's program panicked; the others carry on", v.Name)
	}
	if reason != "" {
		refuse(sess, reason)
	}
}

// build calls the App, turning a panic into an error.
func (s *Server) build(ss *Session) (m tea.Model, done func(), err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("the session could not start: internal error (%v)", r)
		}
	}()
	return s.app(ss)
}

// watch passes window changes to the program and ends the session at the
// idle timeout or the maximum session time, until ctx is done.
func (s *Server) watch(ctx context.Context, ss *Session, p *tea.Program, winch <-chan ssh.Window) {
	defer func() {
		if r := recover(); r != nil {
			ss.end(fmt.Sprintf("internal error watching the session (%v)", r))
		}
	}()
	var maxC <-chan time.Time
	if s.cfg.MaxSession > 0 {
		t := time.NewTimer(s.cfg.MaxSession)
		defer t.Stop()
		maxC = t.C
	}
	var idleC <-chan time.Time
	if s.cfg.IdleTimeout > 0 {
		t := time.NewTicker(min(time.Minute, max(10*time.Millisecond, s.cfg.IdleTimeout/10)))
		defer t.Stop()
		idleC = t.C
	}
	for {
		select {
		case <-ctx.Done():
			p.Quit()
			return
		case w, ok := <-winch:
			if !ok {
				winch = nil
				continue
			}
			ss.Touch()
			p.Send(tea.WindowSizeMsg{Width: w.Width, Height: w.Height})
		case <-maxC:
			ss.end(fmt.Sprintf("this session reached its time limit (%s, --max-session); reconnect to carry on — your progress is saved", s.cfg.MaxSession))
			return
		case <-idleC:
			if ss.idle() >= s.cfg.IdleTimeout {
				ss.end(fmt.Sprintf("closed after %s without input (--idle-timeout); reconnect to carry on — your progress is saved", s.cfg.IdleTimeout))
				return
			}
		}
	}
}
