// Package progress keeps the learner's progress — lessons read, challenges
// solved, the lesson last open — in a small JSON file in the user's state
// directory ($XDG_STATE_HOME/neurotutor, else ~/.local/state/neurotutor).
// Writes are atomic (a temporary file renamed over the old one), and a
// corrupt or unreadable file is moved aside with a warning, never lost and
// never fatal.
package progress
