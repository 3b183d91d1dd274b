package cortex

import "github.com/neurotutor/neurotutor/sim"

// Models lists the factories of this package's models.
func Models() []sim.Factory {
	return []sim.Factory{
		func() sim.Model { return NewGlia() },
		func() sim.Model { return NewPredictive() },
		func() sim.Model { return NewRecap() },
	}
}
