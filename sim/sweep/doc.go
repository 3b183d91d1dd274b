// Package sweep runs a model across a range of one parameter and collects
// its metrics at each value: the curve behind a single run (an f–I curve, a
// memory's capacity curve). Each point gets a fresh model from the factory,
// the same base settings and the same seeds, so a point does not depend on
// the ones before it. Points run in parallel, report progress, and stop
// when the context is cancelled.
package sweep
