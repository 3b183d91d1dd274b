package network

import "github.com/neurotutor/neurotutor/sim"

// Models lists the factories of this package's models.
func Models() []sim.Factory {
	return []sim.Factory{
		func() sim.Model { return NewWTA() },
		func() sim.Model { return NewWilsonCowan() },
		func() sim.Model { return NewHopfield() },
		func() sim.Model { return NewPopulation() },
		func() sim.Model { return NewRobustness() },
		func() sim.Model { return NewRing() },
		func() sim.Model { return NewSmallWorld() },
		func() sim.Model { return NewBrunel() },
		func() sim.Model { return NewChaos() },
	}
}
