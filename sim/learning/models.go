package learning

import "github.com/neurotutor/neurotutor/sim"

// Models lists the factories of this package's models.
func Models() []sim.Factory {
	return []sim.Factory{}
}
