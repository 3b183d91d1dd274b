package main

import (
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/neurotutor/neurotutor/lessons"
	"github.com/neurotutor/neurotutor/sim"
)

// usageError is an error the user caused on the command line: it exits
// with status 2.
type usageError struct{ err error }

func (e *usageError) Error() string { return e.err.Error() }
func (e *usageError) Unwrap() error { return e.err }

// usagef makes a usage error.
func usagef(format string, args ...any) error {
	return &usageError{fmt.Errorf(format, args...)}
}

// asUsage marks the errors a user causes as usage errors: unknown lessons,
// models and parameters, and values out of range.
func asUsage(err error) error {
	var (
		ul *lessons.UnknownLessonError
		um *sim.UnknownModelError
		pe *sim.ParamError
	)
	if errors.As(err, &ul) || errors.As(err, &um) || errors.As(err, &pe) {
		return &usageError{err}
	}
	return err
}

// interruptedError reports a command stopped by an interrupt (SIGINT,
// ctrl+c): it exits with status 130, as a shell expects.
type interruptedError struct{ what string }

func (e *interruptedError) Error() string { return "interrupted: " + e.what }

func interrupted(what string) error { return &interruptedError{what} }

// args checks the number of positional arguments, naming what is wanted.
func args(min, max int, what string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, a []string) error {
		switch {
		case len(a) < min:
			return usagef("%s needs %s", cmd.CommandPath(), what)
		case len(a) > max:
			return usagef("%s takes %s, got %d arguments: %s", cmd.CommandPath(), what, len(a), strings.Join(a, " "))
		}
		return nil
	}
}

// flagError turns cobra's flag errors into usage errors.
func flagError(_ *cobra.Command, err error) error { return &usageError{err} }
