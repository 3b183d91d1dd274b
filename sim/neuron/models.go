package neuron

import "github.com/neurotutor/neurotutor/sim"

// Models lists the factories of this package's models.
func Models() []sim.Factory {
	return []sim.Factory{
		func() sim.Model { return NewLinear() },
		func() sim.Model { return NewLIF() },
		func() sim.Model { return NewHH() },
		func() sim.Model { return NewIzhikevich() },
		func() sim.Model { return NewDendrite() },
		func() sim.Model { return NewPoisson() },
	}
}
