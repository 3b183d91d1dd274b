// Package lab is the live simulation pane of a lesson: it runs the
// lesson's model through sim.Run, shows its plots, parameters, metrics and
// challenges, and takes the lab keys. It animates only while running: ticks
// carry the lab's id and a sequence number, stale ticks are dropped, and no
// tick is scheduled while paused. Every string View shows is rendered in
// Update; View only returns it.
package lab
