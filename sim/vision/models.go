package vision

import "github.com/neurotutor/neurotutor/sim"

// Models lists the factories of this package's models.
func Models() []sim.Factory {
	return []sim.Factory{
		func() sim.Model { return NewAttention() },
		func() sim.Model { return NewOrientation() },
		func() sim.Model { return NewReadout() },
		func() sim.Model { return NewPriors() },
		func() sim.Model { return NewSparse() },
	}
}
