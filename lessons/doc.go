// Package lessons owns the tutorial's content: the lesson files embedded
// from content/, the shared bibliography, and their validation. A lesson is
// markdown with a YAML front matter (see FORMAT.md beside this file); Load
// checks every lesson against the model registry and the bibliography and
// refuses an unknown model, parameter, metric, plot, citation, requirement
// or field, naming the file and the field.
//
// The package has no UI and no numerics beyond comparing a challenge's
// condition with the numbers a running model reports.
package lessons
