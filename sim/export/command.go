package export

import (
	"strings"

	"github.com/neurotutor/neurotutor/sim"
)

// MaxDuration is the longest run `sim run` accepts, in ms of simulated
// time.
const MaxDuration = 600_000

// SetFlags writes "--set key=value" for every parameter whose value
// differs from base(key), choice parameters first (a choice such as a
// neuron type may set other parameters, which must come after it), then
// the rest in the model's order.
func SetFlags(ps []sim.Param, values []float64, base func(key string) float64) []string {
	var choices, rest []string
	for i, p := range ps {
		if values[i] == base(p.Key) {
			continue
		}
		flag := "--set " + p.Key + "=" + p.Format(values[i])
		if len(p.Choices) > 0 {
			choices = append(choices, flag)
		} else {
			rest = append(rest, flag)
		}
	}
	return append(choices, rest...)
}

// Command joins words into one command line.
func Command(words ...string) string {
	var out []string
	for _, w := range words {
		if w != "" {
			out = append(out, w)
		}
	}
	return strings.Join(out, " ")
}
