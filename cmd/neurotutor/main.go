// Command neurotutor is an interactive terminal tutorial that teaches
// deep-learning researchers the computational ideas of neuroscience, with a
// live simulation beside every lesson, and a headless CLI over the same
// lessons and models.
//
// Exit status: 0 on success, 2 on a usage error (unknown lesson, model or
// parameter, value out of range, bad flag), 130 when interrupted (SIGINT),
// 1 on any other failure.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"charm.land/fang/v2"
)

func main() {
	// An interrupt cancels the context; a second one ends the program at
	// once, the default.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	go func() { <-ctx.Done(); stop() }()
	os.Exit(run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

// run executes the command line and returns the exit status.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	root := newRootCmd(stdout, stderr)
	root.SetArgs(args)
	if err := fang.Execute(ctx, root, fang.WithErrorHandler(printError)); err != nil {
		var (
			ue *usageError
			ie *interruptedError
		)
		switch {
		case errors.As(err, &ue):
			return 2
		case errors.As(err, &ie):
			return 130
		}
		return 1
	}
	return 0
}

// printError writes an error as one plain line (or a few, for a list of
// problems) to stderr, with a pointer to --help for usage errors.
func printError(w io.Writer, _ fang.Styles, err error) {
	fmt.Fprintf(w, "neurotutor: %v\n", err)
	var ue *usageError
	if errors.As(err, &ue) {
		fmt.Fprintln(w, "Run 'neurotutor --help' for usage.")
	}
}
