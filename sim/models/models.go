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

// ids names the models of the factories below, in their order, so that
// the registry builds a model only when it is asked for (some take
// milliseconds to wire up; opening a lesson needs one). TestIDsNameTheFactories
// checks the list against the factories, one by one; a model missing from
// it would still work, at the cost of building every model at start.
var ids = []string{
	"linear", "lif", "hh", "izhikevich", "dendrite", "poisson", // neuron
	"wta", "wilson_cowan", "hopfield", "population", "robustness", "ring", "smallworld", "brunel", "chaos", // network
	"hebb", "stdp", "feedback", "forgetting", "wakesleep", "dopamine", "credit", // learning
	"attention", "orientation", "readout", "priors", "sparse", // vision
	"glia", "predictive", "recap", // cortex
}

// Registry returns a registry of every model.
func Registry() *sim.Registry { return sim.NewNamedRegistry(ids, Factories()) }

// Factories lists every model's factory, package by package.
func Factories() []sim.Factory {
	return slices.Concat(
		neuron.Models(),
		network.Models(),
		learning.Models(),
		vision.Models(),
		cortex.Models(),
	)
}
