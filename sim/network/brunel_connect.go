package network

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
	mark, cursor, tgt := m.mark, m.cursor, m.outTgt
	pick := func(i, lo, n, k int) {
		row := m.row[:k]
		for j := 0; j < k; {
			s := lo + m.rng.IntN(n)
			if mark[s] {
				continue
			}
			mark[s] = true
			row[j] = int32(s)
			j++
		}
		for _, s := range row {
			mark[s] = false
			if place {
				tgt[cursor[s]] = uint16(i)
			}
			cursor[s]++
		}
	}
	for i := range m.n {
		pick(i, 0, m.nE, m.cE)
		pick(i, m.nE, m.nI, m.cI)
	}
}
