// Package network holds models of groups of neurons: winner-take-all circuits,
// population codes, attractor memories, excitatory–inhibitory populations,
// spiking networks and graph topology.
package network
