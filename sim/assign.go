package sim

import (
	"fmt"
	"strings"
)

// Assignment is one parameter value given as key=value, as on the command
// line: `--set I1=12`.
type Assignment struct {
	Key   string
	Value float64
}

// ParseAssignments reads key=value pairs against a model's parameters.
// Each key must be one of the parameters and given once; each value a
// plain decimal number (see [ParseDecimal]) or, for a choice, a choice's
// name, inside the parameter's range. Unknown keys and values out of range
// are reported as a *ParamError; every error names what is allowed.
func ParseAssignments(model string, params []Param, kvs []string) ([]Assignment, error) {
	out := make([]Assignment, 0, len(kvs))
	given := map[string]string{}
	for _, kv := range kvs {
		k, v, ok := strings.Cut(kv, "=")
		if !ok {
			return nil, fmt.Errorf("%q is not key=value (for example %s)", kv, example(params))
		}
		k = strings.TrimSpace(k)
		p, found := FindParam(params, k)
		if !found {
			return nil, &ParamError{Model: model, Key: k, Value: v, Known: paramKeys(params)}
		}
		if prev, twice := given[k]; twice {
			return nil, fmt.Errorf("%s is given twice (%s, then %s): give each parameter once", k, prev, kv)
		}
		given[k] = kv
		x, err := p.Parse(v)
		if err != nil {
			return nil, err
		}
		if !p.Check(x) {
			return nil, &ParamError{Model: model, Key: k, Value: strings.TrimSpace(v), Param: &p}
		}
		out = append(out, Assignment{k, x})
	}
	return out, nil
}

// example is a key=value a user could type: the first parameter at its
// default.
func example(params []Param) string {
	if len(params) == 0 {
		return "key=1"
	}
	p := params[0]
	return p.Key + "=" + p.Format(p.Default)
}

func paramKeys(ps []Param) []string {
	ks := make([]string, len(ps))
	for i, p := range ps {
		ks[i] = p.Key
	}
	return ks
}
