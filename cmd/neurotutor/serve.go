package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"os"
	"os/signal"
	"path/filepath"
	"runtime/debug"
	"syscall"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/spf13/cobra"

	"github.com/neurotutor/neurotutor/classdb"
	"github.com/neurotutor/neurotutor/classroom"
	"github.com/neurotutor/neurotutor/progress"
	"github.com/neurotutor/neurotutor/server"
	"github.com/neurotutor/neurotutor/ui"
)

func newServeCmd(stdout, stderr io.Writer) *cobra.Command {
	o := newServeOptions()
	c := &cobra.Command{
		Use:   "serve",
		Short: "Serve the tutorial over SSH to a class",
		Long: `Serve the tutorial over SSH: every student runs 'ssh -p 23234 <host>' in their
own terminal. It listens on localhost unless --addr says otherwise, and lets
anyone who can reach it in unless --authorized-keys names the keys allowed.

Each student's progress is kept by key fingerprint (or SSH user, for a student
without a key) in the class database, so a student who reconnects resumes;
'neurotutor class report' prints it.

With --teacher-key, the holder of that key leads: every student follows the
teacher's lesson, text and lab (simulated once on the server), can detach to
explore a copy and rejoin, and answers the teacher's predictions. Without it,
every session is independent.

Limits: a session that does not finish the SSH handshake, sends no input, or
runs past its maximum time is closed with a line saying why (a student
following the teacher counts as active while the teacher is); students beyond
--max-sessions, and connections beyond --max-per-address from one address,
are refused with a line (teachers always get in). A crash in one session ends
that session only. Peers that stop answering keepalives are dropped. The
server runs no commands, opens no subsystem and forwards no port.`,
		Example: `  neurotutor serve                                            # localhost:23234
  neurotutor serve --addr 0.0.0.0:23234 --teacher-key ~/.ssh/id_ed25519.pub
  neurotutor serve --addr 0.0.0.0:23234 --lesson wta          # independent sessions, all at one lesson
  neurotutor serve --authorized-keys ~/class/keys --teacher-key ~/.ssh/id_ed25519.pub`,
		Args: args(0, 0, "no arguments"),
		RunE: func(cmd *cobra.Command, _ []string) error {
			if len(o.teacherKeys) > 0 && !cmd.Flags().Changed("fps") {
				o.fps = classFPS
			}
			return o.Run(cmd.Context(), stdout, stderr)
		},
	}
	f := c.Flags()
	f.StringVar(&o.addr, "addr", o.addr, "address to listen on, host:port")
	f.StringVar(&o.hostKey, "host-key", "", "host key file, created if missing (default: in the state directory)")
	f.StringVar(&o.authorizedKeys, "authorized-keys", "", "only let in these public keys (an authorized_keys file, read at each sign-in; comments name the students)")
	f.StringArrayVar(&o.teacherKeys, "teacher-key", nil, "the teacher's public key (.pub or authorized_keys file); repeat for several teachers")
	f.StringVar(&o.db, "db", "", "the class database (default: "+classdb.FileName+" in the state directory)")
	f.StringVar(&o.lesson, "lesson", "", "open every session at this lesson (with a teacher: the class's first lesson)")
	f.StringVar(&o.theme, "theme", "", "every session's colours: dark, light or auto (default: $"+themeEnv+", else each terminal's background)")
	f.Var(wholeFlag{&o.fps, "a whole number from 1 to 30"}, "fps", "lab animation frames per second for each session (1–30; with --teacher-key the default is 10: every frame goes to every follower)")
	f.DurationVar(&o.handshake, "handshake-timeout", o.handshake, "close a connection that has not finished the SSH handshake by then")
	f.DurationVar(&o.idle, "idle-timeout", o.idle, "close a session without input for this long (0: never)")
	f.DurationVar(&o.maxSession, "max-session", o.maxSession, "close any session after this long (0: never)")
	f.Var(wholeFlag{&o.maxSessions, "a whole number, 0 for no limit"}, "max-sessions", "students connected at once (0: no limit; teachers always get in)")
	f.Var(wholeFlag{&o.perAddress, "a whole number, 0 for no limit"}, "max-per-address", "connections from one address at once (0: no limit; raise it when a class shares one NAT address)")
	return c
}

// classFPS is the frame rate of a class led by a teacher unless --fps
// says otherwise: the server encodes a frame once per terminal size, but
// sends it to every follower, and at 10 frames a second 100 followers
// take about 16 Mbit/s of a classroom's network (README, Teaching a
// class).
const classFPS = 10

// newServeOptions is serve's defaults.
func newServeOptions() *serveOptions {
	return &serveOptions{
		addr: "127.0.0.1:23234", fps: 15,
		handshake: server.DefaultHandshakeTimeout, idle: server.DefaultIdleTimeout, maxSession: server.DefaultMaxSession,
		maxSessions: server.DefaultMaxSessions, perAddress: server.DefaultPerAddress,
	}
}

type serveOptions struct {
	addr, hostKey, authorizedKeys, lesson, theme, db string
	teacherKeys                                      []string
	fps, maxSessions, perAddress                     int
	handshake, idle, maxSession                      time.Duration
	ready                                            chan<- net.Addr // tests: told the address once listening
}

// check refuses flag values out of range.
func (o *serveOptions) check() error {
	switch {
	case o.fps < 1 || o.fps > 30:
		return usagef("--fps %d is not allowed: a whole number from 1 to 30", o.fps)
	case o.handshake <= 0:
		return usagef("--handshake-timeout %s is not allowed: a positive duration such as 10s", o.handshake)
	case o.idle < 0:
		return usagef("--idle-timeout %s is not allowed: a duration such as 30m, or 0 for never", o.idle)
	case o.maxSession < 0:
		return usagef("--max-session %s is not allowed: a duration such as 4h, or 0 for never", o.maxSession)
	case o.maxSessions < 0:
		return usagef("--max-sessions %d is not allowed: a whole number, 0 for no limit", o.maxSessions)
	case o.perAddress < 0:
		return usagef("--max-per-address %d is not allowed: a whole number, 0 for no limit", o.perAddress)
	}
	if _, _, err := net.SplitHostPort(o.addr); err != nil {
		return usagef("--addr %q is not host:port (for example 127.0.0.1:23234)", o.addr)
	}
	return nil
}

// config is the server's configuration from the flags: 0 means "none"
// on the command line, a negative value in server.Config.
func (o *serveOptions) config(stderr io.Writer) server.Config {
	none := func(d time.Duration) time.Duration {
		if d == 0 {
			return -1
		}
		return d
	}
	noLimit := func(n int) int {
		if n == 0 {
			return -1
		}
		return n
	}
	return server.Config{
		Addr: o.addr, HostKey: o.hostKey, AuthorizedKeys: o.authorizedKeys, TeacherKeys: o.teacherKeys,
		HandshakeTimeout: o.handshake, IdleTimeout: none(o.idle), MaxSession: none(o.maxSession),
		MaxSessions: noLimit(o.maxSessions), PerAddress: noLimit(o.perAddress), Log: stderr,
	}
}

// Run serves until interrupted.
func (o *serveOptions) Run(ctx context.Context, stdout, stderr io.Writer) error {
	if err := o.check(); err != nil {
		return err
	}
	if os.Getenv("GOGC") == "" {
		// A server holds a Bubble Tea program per student: collect more
		// often and keep about 15% less memory per session, for a few
		// percent more CPU (README, Performance).
		debug.SetGCPercent(50)
	}
	themeOpt, err := themeOption(o.theme)
	if err != nil {
		return err
	}
	e, err := loadEnv()
	if err != nil {
		return err
	}
	if o.lesson != "" {
		if _, err := e.cat.Find(o.lesson); err != nil {
			return asUsage(err)
		}
	}
	if o.hostKey == "" {
		dir, err := progress.DefaultDir()
		if err != nil {
			return err
		}
		o.hostKey = filepath.Join(dir, "ssh_host_ed25519")
	}
	dbPath, err := classDBPath(o.db)
	if err != nil {
		return err
	}
	db, dbErr := classdb.Open(dbPath, classdb.Options{})
	if dbErr != nil {
		fmt.Fprintf(stderr, "neurotutor: %v\nneurotutor: serving anyway; progress is kept in memory for each session only\n", dbErr)
	}
	defer db.Close()
	var class *classroom.Hub
	if len(o.teacherKeys) > 0 {
		class = classroom.New(e.cat, e.reg, db, o.fps, log.New(stderr, "neurotutor: ", 0))
		defer class.Close()
		if o.lesson != "" {
			class.Open(o.lesson)
		}
	}

	renders := ui.NewRenderCache(64)
	app := func(s *server.Session) (tea.Model, func(), error) {
		seatOf := db.Student
		if s.Teacher {
			seatOf = db.Teacher
		}
		student, err := seatOf(s.ID, s.Name)
		opts := []ui.Option{ui.WithFrameRate(o.fps), ui.WithRemote(), ui.WithRenderCache(renders)}
		if themeOpt != nil {
			opts = append(opts, themeOpt)
		}
		switch {
		case dbErr != nil:
			opts = append(opts, ui.WithStatus("The class database could not be opened, so your progress is kept for this session only.", true))
		case err != nil:
			opts = append(opts, ui.WithStatus(err.Error()+"; your progress is kept for this session only", true))
		}
		if class != nil { // the class's lesson comes with its first view
			seat := class.Join(s.ID, s.Name, s.Teacher, s.Touch)
			opts = append(opts, ui.WithClass(seat))
			return ui.New(e.cat, e.reg, student, opts...), seat.Leave, nil
		}
		start := o.lesson
		if start == "" {
			start = student.Last()
		}
		if start != "" {
			opts = append(opts, ui.WithLesson(start))
		}
		return ui.New(e.cat, e.reg, student, opts...), nil, nil
	}
	srv, err := server.New(o.config(stderr), app)
	if err != nil {
		return asServeUsage(err)
	}
	ln, err := net.Listen("tcp", o.addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", o.addr, err)
	}
	ctx, stop := signal.NotifyContext(ctx, syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	host, port, _ := net.SplitHostPort(ln.Addr().String())
	fmt.Fprintf(stderr, "neurotutor: serving on %s — connect with: ssh -p %s %s (ctrl+c stops)\n", ln.Addr(), port, host)
	if db != nil {
		fmt.Fprintf(stderr, "neurotutor: progress is kept in %s ('neurotutor class report' prints it)\n", db.Path())
	}
	if o.ready != nil {
		o.ready <- ln.Addr()
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		if err != nil {
			return fmt.Errorf("SSH server: %w", err)
		}
		return nil
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	srv.Shutdown(sctx)
	fmt.Fprintln(stderr, "neurotutor: stopped serving")
	return nil
}

// asServeUsage marks the errors about key files as usage errors.
func asServeUsage(err error) error {
	var ke *server.KeyFileError
	if errors.As(err, &ke) {
		return &usageError{err}
	}
	return err
}
