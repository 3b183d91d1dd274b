// Package learning holds models of plasticity and learning: local Hebbian
// rules, spike-timing-dependent plasticity, learning rules compared with
// backpropagation, consolidation against forgetting, and generative models
// learnt with wake–sleep.
package learning
