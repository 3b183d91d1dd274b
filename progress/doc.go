// Package progress keeps the learner's progress — lessons read, challenges
// solved, the lesson last open — in a small JSON file in the user's state
// directory ($XDG_STATE_HOME/neurotutor, else ~/.local/state/neurotutor).
// Saves merge under a file lock, so two programs sharing the file lose
// nothing; writes are atomic and keep the file's mode and any fields this
// version does not know. A corrupt or unreadable file, or one written by a
// newer version, is moved aside under a unique name with a warning, never
// lost and never fatal.
package progress
