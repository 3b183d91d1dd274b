package main

import (
	"fmt"
	"math"
	"strconv"

	"github.com/neurotutor/neurotutor/sim"
)

// Flags for numbers, read strictly (see sim.ParseDecimal): pflag's own
// take 0x10, 1_0, NaN and Inf. Each names what is allowed when it refuses;
// the command's Run still checks its own range.

// wholeFlag is an int flag; allowed says in words what it takes.
type wholeFlag struct {
	p       *int
	allowed string
}

func (f wholeFlag) Set(s string) error {
	n, err := sim.ParseWhole(s, math.MinInt64, math.MaxInt64)
	if err != nil {
		return fmt.Errorf("not allowed (%v): %s", err, f.allowed)
	}
	*f.p = int(n)
	return nil
}
func (f wholeFlag) String() string { return strconv.Itoa(*f.p) }
func (f wholeFlag) Type() string   { return "int" }

// seedFlag is a random seed: a whole number from 0 to 2⁶⁴−1.
type seedFlag struct{ p *uint64 }

func (f seedFlag) Set(s string) error {
	n, err := sim.ParseSeed(s)
	if err != nil {
		return fmt.Errorf("not allowed (%v): a whole number from 0 to %d", err, uint64(sim.MaxSeed))
	}
	*f.p = n
	return nil
}
func (f seedFlag) String() string { return strconv.FormatUint(*f.p, 10) }
func (f seedFlag) Type() string   { return "seed" }

// decimalFlag is a float64 flag read as a plain decimal number.
type decimalFlag struct {
	p       *float64
	allowed string
}

func (f decimalFlag) Set(s string) error {
	v, err := sim.ParseDecimal(s)
	if err != nil {
		return fmt.Errorf("not allowed (%v): %s", err, f.allowed)
	}
	*f.p = v
	return nil
}
func (f decimalFlag) String() string { return sim.FormatValue(*f.p) }
func (f decimalFlag) Type() string   { return "ms" }
