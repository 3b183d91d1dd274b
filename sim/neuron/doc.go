// Package neuron holds single-neuron models: the weighted-sum point neuron,
// integrate-and-fire, Hodgkin–Huxley, Izhikevich, compartmental dendrites
// and Poisson spike trains. Each model implements sim.Model.
package neuron
