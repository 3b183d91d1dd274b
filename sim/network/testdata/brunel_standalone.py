"""Brunel (2000) in Brian2's C++ standalone mode: shared by
brunel_brian2_bench.py (timing at N_E = 4000) and brunel_brian2_fig8.py
(the four states of Brunel's figure 8 at N_E = 10 000).

The network is sim/network/brunel.go's: N_E excitatory and N_I = N_E/4
inhibitory cells, fixed in-degree C_E = N_E/10, C_I = N_I/10 from distinct
sources, jumps J and −gJ after a delay D, τ = 20 ms, θ = 20 mV,
V_r = 10 mV, τ_rp = 2 ms, C_E external Poisson inputs per neuron at
ν_ext = η·ν_thr, ν_thr = θ/(J·C_E·τ), dt = 0.1 ms, exact exponential
decay. Inputs that arrive during the refractory period are lost, as in the
paper. The connectivity is drawn with numpy and handed to Brian2 as arrays
(Brian2's connect() draws a binomial in-degree, not Brunel's fixed one), so
the compiled binary loads it instead of drawing it. Excitatory and
inhibitory synapses are two Synapses objects with constant weights and one
homogeneous delay. Runs single-threaded (openmp_threads = 0) with Brian2's
default compiler flags (-O3 -ffast-math -march=native).
"""
import os
import subprocess
import time

import numpy as np
from brian2 import (NeuronGroup, PoissonInput, SpikeMonitor, Synapses, Network, device,
                    defaultclock, set_device, ms, mV, prefs, seed as bseed)

TRANS = 100.0  # ms left out of the statistics, as in brunel.go


def connectivity(s, NE, NI):
    """Fixed in-degree: every target draws C_E excitatory and C_I
    inhibitory distinct sources."""
    N, CE, CI = NE + NI, NE // 10, NI // 10
    rng = np.random.default_rng(s)
    src_e = np.concatenate([rng.choice(NE, CE, replace=False) for _ in range(N)])
    src_i = np.concatenate([rng.choice(NI, CI, replace=False) for _ in range(N)])
    return src_e, np.repeat(np.arange(N), CE), src_i, np.repeat(np.arange(N), CI)


def build(directory, s, NE, g, eta, J_mV, D_ms, T_ms, native=True):
    """Generate, compile and run the project once; return its spike
    monitor and the wall time of generation, compilation and first run.
    native=False drops -march=native from Brian2's flags: a binary for any
    x86-64 (as Go builds by default) that valgrind can also run."""
    device.reinit()
    device.activate()
    set_device("cpp_standalone", directory=directory, build_on_run=False)
    prefs.devices.cpp_standalone.openmp_threads = 0
    flags = [f for f in prefs.codegen.cpp.extra_compile_args_gcc if f != "-march=native"]
    if native and "-march=native" not in flags:
        flags.append("-march=native")
    prefs.codegen.cpp.extra_compile_args_gcc = flags
    NI = NE // 4
    N, CE = NE + NI, NE // 10
    tau, theta, Vr, trp = 20 * ms, 20 * mV, 10 * mV, 2 * ms
    J, D = J_mV * mV, D_ms * ms
    bseed(s)
    defaultclock.dt = 0.1 * ms
    nu_thr = theta / (J * CE * tau)
    G = NeuronGroup(N, "dv/dt = -v/tau : volt (unless refractory)", threshold="v >= theta",
                    reset="v = Vr", refractory=trp, method="exact")
    G.v = "Vr + (theta - Vr) * rand()"
    se, te, si, ti = connectivity(s, NE, NI)
    SE = Synapses(G[:NE], G, on_pre="v_post += J * int(not_refractory_post)", delay=D)
    SE.connect(i=se, j=te)
    SI = Synapses(G[NE:], G, on_pre="v_post += -g * J * int(not_refractory_post)", delay=D)
    SI.connect(i=si, j=ti)
    P = PoissonInput(G, "v", CE, eta * nu_thr, weight="J * int(not_refractory)")
    M = SpikeMonitor(G)
    net = Network(G, SE, SI, P, M)
    net.run(T_ms * ms, namespace={"tau": tau, "theta": theta, "Vr": Vr, "J": J, "g": g})
    t0 = time.time()
    device.build(directory=directory, compile=True, run=True, debug=False)
    return M, time.time() - t0


def run_binary(directory, taskset=None):
    """Run the compiled project again: its whole-process wall time and
    Brian2's own time for the simulation loop (Network::_last_run_time)."""
    cmd = ["./main"]
    if taskset is not None:
        cmd = ["taskset", "-c", str(taskset)] + cmd
    t0 = time.perf_counter()
    subprocess.run(cmd, cwd=directory, check=True, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - t0
    with open(os.path.join(directory, "results", "last_run_info.txt")) as f:
        return wall, float(f.read().split()[0])


def oscillation(pop):
    """osc_hz, osc_power as brunel.go's Oscillation computes them from the
    last 512 one-millisecond population counts."""
    x = pop[-512:].astype(float)
    n = len(x)
    x = (x - x.mean()) * (0.5 - 0.5 * np.cos(2 * np.pi * np.arange(n) / n))
    p = np.abs(np.fft.rfft(x)) ** 2
    lo, h, half = int(np.ceil(5 * n / 1000)), max(1, n // 256), n // 2
    sm = [p[max(lo, k - h):min(half, k + h) + 1].mean() for k in range(lo, half + 1)]
    k = int(np.argmax(sm))
    return (lo + k) * 1000 / n, float(sm[k] / p[lo:half + 1].mean())


def statistics(i, t, NE, T_ms):
    """The metrics of brunel.go after the first 100 ms: rate (all, E, I),
    mean CV of ISIs over cells with ≥ 3 spikes, Golomb's χ and the
    population rate's CV on 1 ms bins, and the spectral peak."""
    NI = NE // 4
    N = NE + NI
    keep = t > TRANS
    i, t = i[keep], t[keep]
    dur = (T_ms - TRANS) / 1000
    order = np.lexsort((t, i))
    i, t = i[order], t[order]
    cvs = []
    bounds = np.searchsorted(i, np.arange(N + 1))
    for k in range(N):
        tk = t[bounds[k]:bounds[k + 1]]
        if len(tk) >= 3:
            d = np.diff(tk)
            cvs.append(d.std() / d.mean())
    nb = int(T_ms - TRANS)
    b = np.minimum(((t - TRANS) // 1.0).astype(int), nb - 1)
    pop = np.bincount(b, minlength=nb)
    per = np.bincount(i, minlength=N) / nb  # fraction of bins with a spike
    chi2 = (pop / N).var() / (per * (1 - per)).mean()
    hz, power = oscillation(pop)
    return {"rate_hz": len(t) / N / dur, "rate_e_hz": float((i < NE).sum() / NE / dur),
            "rate_i_hz": float((i >= NE).sum() / NI / dur), "cv_isi": float(np.mean(cvs)) if cvs else 0.0,
            "synchrony": float(np.sqrt(min(chi2, 1))), "pop_cv": float(pop.std() / pop.mean()),
            "osc_hz": hz, "osc_power": power, "spikes": int(len(t))}
