package sim

import (
	"errors"
	"math"
	"strconv"
	"strings"
)

// maxDigits is the most significant digits a float64 keeps exactly enough
// to tell apart from its neighbours; more would silently be rounded away.
const maxDigits = 17

// ParseDecimal reads a plain decimal number as a person types it: an
// optional sign, digits with an optional decimal point, and an optional
// exponent (12, -0.5, .25, 3e-4). It refuses everything else strconv would
// take — hexadecimal (0x1p0), digit separators (1_0), NaN and Inf — and
// numbers that a float64 cannot hold as written: too large (1e400), so
// small they round to 0 or lose precision (1e-400, 1e-320), or with more
// than 17 significant digits. The error says which, in words that fit
// after "is not allowed: ".
func ParseDecimal(s string) (float64, error) {
	digits, ok := scanDecimal(s)
	if !ok {
		return 0, errors.New("not a plain decimal number")
	}
	if digits > maxDigits {
		return 0, errors.New("more significant digits than a number can keep, at most 17")
	}
	v, err := strconv.ParseFloat(s, 64)
	switch {
	case err != nil || math.IsInf(v, 0):
		return 0, errors.New("too large to hold")
	case v != 0 && math.Abs(v) < 0x1p-1022: // subnormal: precision lost
		return 0, errors.New("too close to zero to hold")
	case v == 0 && digits > 0:
		return 0, errors.New("too close to zero to hold, and would be taken as 0")
	}
	return v, nil
}

// scanDecimal checks s against [+-]? (d+ (. d*)? | . d+) ([eE] [+-]? d+)?
// and counts its significant digits (leading and trailing zeros of the
// mantissa excluded; 0 for a number whose digits are all zeros).
func scanDecimal(s string) (significant int, ok bool) {
	i := 0
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		i++
	}
	first, last := -1, -1 // positions of the first and last non-zero digit
	mantissa, pos := 0, 0 // digits seen; position among them
	dot := false
scan:
	for ; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9':
			if c != '0' {
				if first < 0 {
					first = pos
				}
				last = pos
			}
			mantissa++
			pos++
		case c == '.' && !dot:
			dot = true
		default:
			break scan
		}
	}
	if mantissa == 0 {
		return 0, false
	}
	if i < len(s) {
		if s[i] != 'e' && s[i] != 'E' {
			return 0, false
		}
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		start := i
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
		}
		if i == start || i != len(s) {
			return 0, false
		}
	}
	if first < 0 {
		return 0, true
	}
	return last - first + 1, true
}

// ParseWhole reads a whole number from lo to hi, written in plain decimal
// digits with an optional sign: no exponent, separator or base prefix.
func ParseWhole(s string, lo, hi int64) (int64, error) {
	if !isWhole(s) {
		return 0, errors.New("not a plain whole number")
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n < lo || n > hi {
		return 0, errors.New("out of range")
	}
	return n, nil
}

// ParseSeed reads a random seed: a whole number from 0 to 2⁶⁴−1 in plain
// decimal digits.
func ParseSeed(s string) (uint64, error) {
	if !isWhole(s) || s[0] == '-' {
		return 0, errors.New("not a plain whole number from 0")
	}
	n, err := strconv.ParseUint(strings.TrimPrefix(s, "+"), 10, 64)
	if err != nil {
		return 0, errors.New("out of range")
	}
	return n, nil
}

// MaxSeed is the largest seed, 2⁶⁴−1.
const MaxSeed = math.MaxUint64

func isWhole(s string) bool {
	i := 0
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		i++
	}
	if i == len(s) {
		return false
	}
	for ; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
