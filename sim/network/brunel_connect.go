package network

import (
	"math/bits"
	"math/rand/v2"
)

// connect draws, for every neuron i in turn, C_E distinct excitatory and
// C_I distinct inhibitory sources (uniform, by rejection of repeats) and
// stores the transpose as compressed sparse rows: the targets of neuron s
// are outTgt[outOff[s]:outOff[s+1]], in increasing order, so a spike
// walks its targets' inputs front to back.
//
// Storing the sources to transpose them would take as much memory again
// as the targets (31 MB at N_E = 10 000), so connect draws them twice
// from the same state of the random stream: the first pass counts each
// source's targets, the second places them. The stream ends where one
// pass ends, so the rest of the run does not depend on the two passes.
func (m *Brunel) connect() {
	n := m.n
	m.mark = grow(m.mark, n)
	m.cursor = grow(m.cursor, n)
	m.row = grow(m.row, max(m.cE, m.cI))
	clear(m.cursor)
	saved := m.src
	m.drawSources(false)
	m.outOff[0] = 0
	for s := range n {
		m.outOff[s+1] = m.outOff[s] + m.cursor[s]
	}
	copy(m.cursor, m.outOff[:n])
	m.src = saved
	m.drawSources(true)
}

// drawSources draws every neuron's sources in the order connect's doc
// gives. It counts each source's targets into cursor, or with place
// writes the target at cursor[s] and advances it.
func (m *Brunel) drawSources(place bool) {
	for i := range m.n {
		m.pickSources(i, 0, m.nE, m.cE, place)
		m.pickSources(i, m.nE, m.nI, m.cI, place)
	}
}

// pickSources draws k distinct sources of neuron i among lo … lo+n−1.
func (m *Brunel) pickSources(i, lo, n, k int, place bool) {
	mark, row := m.mark, m.row[:k]
	for j := 0; j < k; {
		s := lo + int(uniformN(&m.src, uint64(n)))
		if mark[s] {
			continue
		}
		mark[s] = true
		row[j] = int32(s)
		j++
	}
	cursor, tgt := m.cursor, m.outTgt
	for _, s := range row {
		mark[s] = false
		if place {
			tgt[cursor[s]] = uint16(i)
		}
		cursor[s]++
	}
}

// uniformN returns a uniform integer in [0, n) from src, n > 0: the same
// value, from the same draws, as rand.New(src).IntN(n) on a 64-bit
// platform (Lemire's multiply-and-reject, as math/rand/v2 does it), but
// with a direct call the compiler can inline.
func uniformN(src *rand.PCG, n uint64) uint64 {
	if n&(n-1) == 0 {
		return src.Uint64() & (n - 1)
	}
	hi, lo := bits.Mul64(src.Uint64(), n)
	if lo < n {
		thresh := -n % n
		for lo < thresh {
			hi, lo = bits.Mul64(src.Uint64(), n)
		}
	}
	return hi
}

// uniform01 returns a uniform float64 in [0, 1) from src: the value
// rand.New(src).Float64() returns.
func uniform01(src *rand.PCG) float64 {
	return float64(src.Uint64()<<11>>11) / (1 << 53)
}
