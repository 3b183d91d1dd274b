"""Reference run of the scaled Brunel (2000) network in Brian2.

The same network as sim/network/brunel.go: N_E = 1000, N_I = 250,
C_E = 100, C_I = 25 (fixed in-degree, distinct sources), J = 1 mV,
τ = 20 ms, θ = 20 mV, V_r = 10 mV, τ_rp = 2 ms, D = 1.5 ms, C_E external
Poisson inputs of rate ν_ext each, dt = 0.1 ms, exact exponential decay.
For each of Brunel's four figure-8 points it simulates 1100 ms and writes
brunel_brian2.json with the rate, CV of ISIs and χ (1 ms spike-count bins)
measured after the first 100 ms, as the Go model defines them, for a few
seeds. Run with Debian's python3-brian (Brian 2.5):

    /usr/bin/python3 brunel_brian2.py
"""
import json

import numpy as np
from brian2 import (NeuronGroup, PoissonInput, SpikeMonitor, Synapses, Network,
                    defaultclock, ms, mV, Hz, seed as bseed, prefs)

prefs.codegen.target = "numpy"
NE, NI, CE, CI = 1000, 250, 100, 25
N = NE + NI
tau, theta, Vr, trp, D = 20 * ms, 20 * mV, 10 * mV, 2 * ms, 1.5 * ms
J = 1 * mV
T, TRANS = 1100.0, 100.0  # ms
STATES = {"SR": (3, 2), "AI": (5, 2), "SI_fast": (6, 4), "SI_slow": (4.5, 0.9)}


def metrics(i, t):
    keep = t > TRANS
    i, t = i[keep], t[keep]
    rate = len(t) / N / ((T - TRANS) / 1000)
    cvs = []
    for k in range(N):
        tk = np.sort(t[i == k])
        if len(tk) >= 3:
            d = np.diff(tk)
            cvs.append(d.std() / d.mean())
    nb = int(T - TRANS)
    counts = np.zeros((N, nb))
    b = np.minimum(((t - TRANS) // 1.0).astype(int), nb - 1)
    np.add.at(counts, (i, b), 1)
    pop = counts.mean(axis=0)
    chi2 = pop.var() / counts.var(axis=1).mean()
    return rate, float(np.mean(cvs)) if cvs else 0.0, float(np.sqrt(min(chi2, 1)))


def run(g, nu, s):
    bseed(s)
    np.random.seed(s)
    defaultclock.dt = 0.1 * ms
    nu_thr = theta / (J * CE * tau)
    G = NeuronGroup(N, "dv/dt = -v/tau : volt (unless refractory)", threshold="v >= theta",
                    reset="v = Vr", refractory=trp, method="exact")
    G.v = "Vr + (theta - Vr) * rand()"
    src, tgt = [], []
    for k in range(N):
        src.extend(np.random.choice(NE, CE, replace=False))
        src.extend(NE + np.random.choice(NI, CI, replace=False))
        tgt.extend([k] * (CE + CI))
    src, tgt = np.array(src), np.array(tgt)
    # Brunel: inputs that arrive during the refractory period are lost.
    S = Synapses(G, G, "w : volt", on_pre="v += w * int(not_refractory_post)", delay=D)
    S.connect(i=src, j=tgt)
    S.w = np.where(src < NE, 1.0, -g) * J
    P = PoissonInput(G, "v", CE, nu * nu_thr, weight="J * int(not_refractory)")
    M = SpikeMonitor(G)
    net = Network(G, S, P, M)
    net.run(T * ms)
    return metrics(np.array(M.i), np.array(M.t / ms))


out = {}
for name, (g, nu) in STATES.items():
    rows = [run(g, nu, s) for s in (1, 2, 3)]
    a = np.array(rows)
    out[name] = {"g": g, "nu_ext": nu, "rate_hz": a[:, 0].tolist(), "cv_isi": a[:, 1].tolist(),
                 "synchrony": a[:, 2].tolist()}
    print(name, a.mean(axis=0), flush=True)
with open("brunel_brian2.json", "w") as f:
    json.dump(out, f, indent=1)
