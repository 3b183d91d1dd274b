package main

import (
	"strings"

	"github.com/neurotutor/neurotutor/sim"
)

// applySets applies --set key=value flags to m in the order given; every
// refusal is a usage error naming the key, the value and what is allowed.
func applySets(m sim.Model, sets []string) error {
	info := m.Info()
	for _, kv := range sets {
		k, v, ok := strings.Cut(kv, "=")
		if !ok {
			return usagef("--set %q is not key=value (for example --set %s=%s)", kv, info.Params[0].Key, info.Params[0].Format(info.Params[0].Default))
		}
		k = strings.TrimSpace(k)
		p, found := sim.FindParam(info.Params, k)
		if !found {
			return asUsage(m.Set(k, 0)) // the model names the key and its parameters
		}
		x, err := p.Parse(v)
		if err != nil {
			return usagef("%v", err)
		}
		if err := m.Set(k, x); err != nil {
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
