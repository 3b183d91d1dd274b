package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/ssh"
	"charm.land/wish/v2"
	"charm.land/wish/v2/activeterm"
	"charm.land/wish/v2/bubbletea"
	"charm.land/wish/v2/logging"
	"github.com/spf13/cobra"

	"github.com/neurotutor/neurotutor/progress"
	"github.com/neurotutor/neurotutor/ui"
)

func newServeCmd(stdout, stderr io.Writer) *cobra.Command {
	o := &serveOptions{}
	c := &cobra.Command{
		Use:   "serve",
		Short: "Serve the tutorial over SSH to a class",
		Long: `Serve the tutorial over SSH: every student runs 'ssh -p 23234 <host>' and gets
their own copy of the tutorial in their terminal, with their own progress for
the session. It listens on localhost unless --addr says otherwise, and lets
anyone who can reach it in unless --authorized-keys names the keys allowed.`,
		Example: `  neurotutor serve                                  # localhost:23234
  neurotutor serve --addr 0.0.0.0:23234 --lesson wta  # a classroom, everyone at one lesson
  neurotutor serve --authorized-keys ~/.ssh/class_keys`,
		Args: args(0, 0, "no arguments"),
		RunE: func(cmd *cobra.Command, _ []string) error { return o.Run(cmd.Context(), stdout, stderr) },
	}
	c.Flags().StringVar(&o.addr, "addr", "127.0.0.1:23234", "address to listen on, host:port")
	c.Flags().StringVar(&o.hostKey, "host-key", "", "host key file, created if missing (default: in the state directory)")
	c.Flags().StringVar(&o.authorizedKeys, "authorized-keys", "", "only let in these public keys (an authorized_keys file)")
	c.Flags().StringVar(&o.lesson, "lesson", "", "open every session at this lesson")
	c.Flags().StringVar(&o.theme, "theme", "", "every session's colours: dark, light or auto (default: $"+themeEnv+", else each terminal's background)")
	o.fps = 15
	c.Flags().Var(wholeFlag{&o.fps, "a whole number from 1 to 30"}, "fps", "lab animation frames per second for each session (1–30)")
	return c
}

type serveOptions struct {
	addr, hostKey, authorizedKeys, lesson, theme string
	fps                                          int
	ready                                        chan<- net.Addr // tests: told the address once listening
}

// Run serves until interrupted.
func (o *serveOptions) Run(ctx context.Context, stdout, stderr io.Writer) error {
	themeOpt, err := themeOption(o.theme)
	if err != nil {
		return err
	}
	if o.fps < 1 || o.fps > 30 {
		return usagef("--fps %d is not allowed: a whole number from 1 to 30", o.fps)
	}
	if _, _, err := net.SplitHostPort(o.addr); err != nil {
		return usagef("--addr %q is not host:port (for example 127.0.0.1:23234)", o.addr)
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
	handler := func(sess ssh.Session) (tea.Model, []tea.ProgramOption) {
		store, _ := progress.Open("") // each session keeps its own progress, in memory
		opts := []ui.Option{ui.WithFrameRate(o.fps)}
		if themeOpt != nil {
			opts = append(opts, themeOpt)
		}
		if o.lesson != "" {
			opts = append(opts, ui.WithLesson(o.lesson))
		}
		return ui.New(e.cat, e.reg, store, opts...), nil
	}
	sopts := []ssh.Option{
		wish.WithHostKeyPath(o.hostKey),
		wish.WithIdleTimeout(2 * time.Hour),
		wish.WithMiddleware(
			bubbletea.Middleware(handler),
			activeterm.Middleware(),
			logging.Middleware(),
		),
	}
	if o.authorizedKeys != "" {
		sopts = append(sopts, wish.WithAuthorizedKeys(o.authorizedKeys))
	}
	srv, err := wish.NewServer(sopts...)
	if err != nil {
		return fmt.Errorf("start the SSH server: %w", err)
	}
	ln, err := net.Listen("tcp", o.addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", o.addr, err)
	}
	ctx, stop := signal.NotifyContext(ctx, syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	host, port, _ := net.SplitHostPort(ln.Addr().String())
	fmt.Fprintf(stderr, "neurotutor: serving on %s — connect with: ssh -p %s %s (ctrl+c stops)\n", ln.Addr(), port, host)
	if o.ready != nil {
		o.ready <- ln.Addr()
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		if !errors.Is(err, ssh.ErrServerClosed) {
			return fmt.Errorf("SSH server: %w", err)
		}
		return nil
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil && !errors.Is(err, ssh.ErrServerClosed) {
		srv.Close()
	}
	fmt.Fprintln(stderr, "neurotutor: stopped serving")
	return nil
}
