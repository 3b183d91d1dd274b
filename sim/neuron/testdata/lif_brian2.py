"""Reference numbers for the leaky integrate-and-fire model (sim/neuron/lif.go).

Run with Brian2 (2.5.1 was used):  python3 lif_brian2.py > lif_brian2.json

The equations and parameters are the Go model's defaults:
    tau_m dV/dt = -(V - V_rest) + R*I + sigma*sqrt(2*tau_m)*xi
    V >= V_th -> spike, V <- V_reset, held for t_ref
R = 10 MOhm, tau_m = 10 ms, V_rest = V_reset = -65 mV, V_th = -50 mV, t_ref = 2 ms.

1. Noise-free rates at several currents, exact (linear) integration at
   dt = 0.005 ms, rate = 1 / mean interspike interval over 1 s.
2. Noise-driven firing (sigma = 3 mV) at dt = 0.1 ms, the Go model's step,
   with Euler-Maruyama; 40 independent neurons x 25 s, the first 100 ms
   of each dropped. Rate = spikes / time; CV of the pooled interspike
   intervals (population standard deviation over mean).
"""
import json

import numpy as np
from brian2 import (NeuronGroup, SpikeMonitor, defaultclock, mV, ms, Mohm, nA,
                    prefs, run, start_scope)

prefs.codegen.target = "numpy"

R, tau_m = 10 * Mohm, 10 * ms
v_rest, v_reset, v_th, t_ref = -65 * mV, -65 * mV, -50 * mV, 2 * ms
out = {"brian2": __import__("brian2").__version__,
       "params": {"R_Mohm": 10, "tau_m_ms": 10, "v_rest_mV": -65, "v_reset_mV": -65,
                  "v_th_mV": -50, "t_ref_ms": 2}}

# 1. Noise-free f-I points.
start_scope()
defaultclock.dt = 0.005 * ms
currents = [1.51, 1.6, 2.0, 3.0, 5.0]
eqs = """dv/dt = (-(v - v_rest) + R*I)/tau_m : volt (unless refractory)
I : amp"""
g = NeuronGroup(len(currents), eqs, threshold="v > v_th", reset="v = v_reset",
                refractory=t_ref, method="exact")
g.v = v_rest
g.I = np.array(currents) * nA
mon = SpikeMonitor(g)
run(1000 * ms)
rates = []
for k in range(len(currents)):
    t = np.asarray(mon.spike_trains()[k] / ms)
    rates.append(1000.0 * (len(t) - 1) / (t[-1] - t[0]))
out["deterministic"] = {"dt_ms": 0.005, "I_nA": currents, "rate_hz": rates}

# 2. Noise-driven firing.
start_scope()
defaultclock.dt = 0.1 * ms
sigma = 3 * mV
n, T, skip = 40, 25000.0, 100.0
noisy = []
for I in [1.4, 2.0]:
    start_scope()
    defaultclock.dt = 0.1 * ms
    eqs = """dv/dt = (-(v - v_rest) + R*I_inj)/tau_m + sigma*sqrt(2/tau_m)*xi : volt (unless refractory)
I_inj : amp"""
    g = NeuronGroup(n, eqs, threshold="v > v_th", reset="v = v_reset",
                    refractory=t_ref, method="euler")
    g.v = v_rest
    g.I_inj = I * nA
    mon = SpikeMonitor(g)
    run(T * ms)
    isis, count = [], 0
    for k in range(n):
        t = np.asarray(mon.spike_trains()[k] / ms)
        t = t[t >= skip]
        count += len(t)
        isis.extend(np.diff(t))
    isis = np.asarray(isis)
    noisy.append({"I_nA": I, "rate_hz": 1000.0 * count / (n * (T - skip)),
                  "cv_isi": float(isis.std() / isis.mean()), "spikes": count})
out["noisy"] = {"dt_ms": 0.1, "sigma_mV": 3, "neurons": n, "duration_ms": T, "skip_ms": skip,
                "points": noisy}
print(json.dumps(out, indent=1))
