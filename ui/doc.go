// Package ui is the terminal program: the root model routes between the
// contents and the lesson screen (text and lab), owns the global keys, the
// help overlay, the too-small notice and the theme, and records progress.
// New is the one entry point, for the local terminal and for any other
// session alike.
package ui
