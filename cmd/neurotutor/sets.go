package main

import (
	"github.com/neurotutor/neurotutor/sim"
)

// applySets applies --set key=value flags to m in the order given; every
// refusal is a usage error naming the key, the value and what is allowed
// (see sim.ParseAssignments: strict numbers, each key once).
func applySets(m sim.Model, sets []string) error {
	info := m.Info()
	as, err := sim.ParseAssignments(info.ID, info.Params, sets)
	if err != nil {
		return usagef("--set: %w", err)
	}
	for _, a := range as {
		if err := m.Set(a.Key, a.Value); err != nil {
			return asUsage(err)
		}
	}
	return nil
}

// loadModel loads the catalog and makes the model named on the command
// line; an unknown id is a usage error.
func loadModel(id string) (*env, sim.Model, error) {
	e, err := loadEnv()
	if err != nil {
		return nil, nil, err
	}
	m, err := e.reg.New(id)
	if err != nil {
		return nil, nil, asUsage(err)
	}
	return e, m, nil
}

// checkFormat refuses an output format other than json and csv.
func checkFormat(f string) error {
	if f != "json" && f != "csv" {
		return usagef("--format %q is not allowed: use json or csv", f)
	}
	return nil
}
