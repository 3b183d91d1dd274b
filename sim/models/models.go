// Package models assembles the registry of every model the tutorial
// offers, from the packages that hold them.
package models

import (
	"slices"

	"github.com/neurotutor/neurotutor/sim"
	"github.com/neurotutor/neurotutor/sim/cortex"
	"github.com/neurotutor/neurotutor/sim/learning"
	"github.com/neurotutor/neurotutor/sim/network"
	"github.com/neurotutor/neurotutor/sim/neuron"
	"github.com/neurotutor/neurotutor/sim/vision"
)

// Registry returns a registry of every model.
func Registry() *sim.Registry {
	return sim.NewRegistry(slices.Concat(
		neuron.Models(),
		network.Models(),
		learning.Models(),
		vision.Models(),
		cortex.Models(),
	)...)
}
