"""Reference for the STDP model's network mode (sim/learning/stdp.go).

The Brian 2 STDP example after Song, Miller & Abbott (2000): one LIF neuron
with a linearised synaptic current and N = 1000 plastic Poisson inputs at
15 Hz, additive all-to-all STDP with hard bounds, A- = 1.05 A+ (tau+ = tau-).
Writes the weight histogram (20 bins of w/w_max) after 100 s and the output
rate over the last 20 s, for several seeds, as JSON on stdout:

    /usr/bin/python3 stdp_brian2.py > stdp_brian2.json

Brian 2.5.1, numpy code generation, dt = 0.1 ms.
"""
import json

import numpy as np
from brian2 import (NeuronGroup, PoissonGroup, SpikeMonitor, Synapses, Network,
                    defaultclock, ms, mV, Hz, second, seed, prefs)

prefs.codegen.target = "numpy"
defaultclock.dt = 0.1 * ms

N = 1000
taum = 10 * ms
taupre = 20 * ms
taupost = taupre
Ee = 0 * mV
vt = -54 * mV
vr = -60 * mV
El = -74 * mV
taue = 5 * ms
F = 15 * Hz
gmax = 0.01
dApre = 0.01
dApost = -dApre * taupre / taupost * 1.05
dApost *= gmax
dApre *= gmax
DURATION = 100 * second

eqs = """
dv/dt = (ge * (Ee-vr) + El - v) / taum : volt
dge/dt = -ge / taue : 1
"""

out = {"duration_s": float(DURATION / second), "n": N, "rate_hz": float(F / Hz),
       "a_plus": dApre / gmax, "a_ratio": 1.05, "runs": []}
for run_seed in (1, 2, 3):
    seed(run_seed)
    inp = PoissonGroup(N, rates=F)
    neu = NeuronGroup(1, eqs, threshold="v>vt", reset="v = vr", method="exact")
    neu.v = vr
    S = Synapses(inp, neu,
                 """w : 1
                    dApre/dt = -Apre / taupre : 1 (event-driven)
                    dApost/dt = -Apost / taupost : 1 (event-driven)""",
                 on_pre="""ge += w
                    Apre += dApre
                    w = clip(w + Apost, 0, gmax)""",
                 on_post="""Apost += dApost
                    w = clip(w + Apre, 0, gmax)""")
    S.connect()
    S.w = "rand() * gmax"
    M = SpikeMonitor(neu)
    net = Network(inp, neu, S, M)
    net.run(DURATION)
    weights = np.asarray(S.w) / gmax
    hist, _ = np.histogram(weights, bins=20, range=(0, 1))
    spike_ms = np.asarray(M.t / ms)
    late = np.sum(spike_ms >= (DURATION / ms) - 20000) / 20.0
    out["runs"].append({
        "seed": run_seed,
        "hist": hist.tolist(),
        "frac_high": float(np.mean(weights > 0.8)),
        "frac_low": float(np.mean(weights < 0.2)),
        "w_mean": float(np.mean(weights)),
        "post_rate_hz_last20s": float(late),
    })
print(json.dumps(out, indent=1))
