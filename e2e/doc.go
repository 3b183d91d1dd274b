// Package e2e drives the built neurotutor binary in a real tmux session
// and asserts on what the screen shows. It skips, saying why, only when
// tmux is not installed; CI installs tmux so the test runs there.
package e2e
