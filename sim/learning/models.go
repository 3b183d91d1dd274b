package learning

import "github.com/neurotutor/neurotutor/sim"

// Models lists the factories of this package's models.
func Models() []sim.Factory {
	return []sim.Factory{
		func() sim.Model { return NewHebb() },
		func() sim.Model { return NewSTDP() },
		func() sim.Model { return NewFeedback() },
		func() sim.Model { return NewForgetting() },
		func() sim.Model { return NewWakeSleep() },
		func() sim.Model { return NewDopamine() },
		func() sim.Model { return NewCredit() },
	}
}
