// Package sim holds the lab contract every simulation implements, the
// registry of models, and the numerical helpers models share: ODE steppers,
// seeded random streams, spike detection and spike-train statistics.
//
// A model is a plain state machine advanced one fixed step at a time. The
// [Run] harness drives it, records its signals into fixed-size ring buffers
// for time-trace plots, and is what the UI and the headless CLI both use.
// Nothing under sim imports a UI package.
package sim
