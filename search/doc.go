// Package search finds text in the lessons: Unicode case-insensitive
// matching (τ finds Τ, Σ finds σ and ς), the headings of a lesson, and an
// index over every lesson that answers with the lesson, the section and a
// snippet around each match. It knows nothing of the terminal.
package search
