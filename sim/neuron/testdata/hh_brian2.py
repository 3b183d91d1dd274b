"""Reference numbers for the Hodgkin-Huxley model (sim/neuron/hh.go).

Run with Brian2 (2.5.1 was used):  python3 hh_brian2.py > hh_brian2.json

Same equations and constants as the Go model (Dayan & Abbott 2001, sec. 5.6):
C = 1 uF/cm2, gNa = 120, gK = 36, gL = 0.3 mS/cm2, ENa = 50, EK = -77,
EL = -54.387 mV; classical RK4 at dt = 0.01 ms; start at V = -65 mV with the
gates at their steady state there; a spike is an upward crossing of 0 mV.
Brian2 works per unit area here by giving C, g and I in per-cm2 units.
"""
import json

import numpy as np
from brian2 import (NeuronGroup, SpikeMonitor, StateMonitor, defaultclock, mV,
                    ms, msiemens, ufarad, uamp, cm, prefs, run, start_scope)

prefs.codegen.target = "numpy"

C = 1 * ufarad / cm**2
gNa, gK, gL = 120 * msiemens / cm**2, 36 * msiemens / cm**2, 0.3 * msiemens / cm**2
ENa, EK, EL = 50 * mV, -77 * mV, -54.387 * mV
eqs = """
dv/dt = (I - gNa*m**3*h*(v - ENa) - gK*n**4*(v - EK) - gL*(v - EL))/C : volt
dm/dt = alpha_m*(1 - m) - beta_m*m : 1
dh/dt = alpha_h*(1 - h) - beta_h*h : 1
dn/dt = alpha_n*(1 - n) - beta_n*n : 1
alpha_m = 1/exprel(-0.1*(v/mV + 40))/ms : Hz
beta_m = 4*exp(-0.0556*(v/mV + 65))/ms : Hz
alpha_h = 0.07*exp(-0.05*(v/mV + 65))/ms : Hz
beta_h = 1/(1 + exp(-0.1*(v/mV + 35)))/ms : Hz
alpha_n = 0.1/exprel(-0.1*(v/mV + 55))/ms : Hz
beta_n = 0.125*exp(-0.0125*(v/mV + 65))/ms : Hz
I : amp/meter**2
"""


def steady(u):
    am = 0.1 * (u + 40) / (1 - np.exp(-0.1 * (u + 40)))
    bm = 4 * np.exp(-0.0556 * (u + 65))
    ah = 0.07 * np.exp(-0.05 * (u + 65))
    bh = 1 / (1 + np.exp(-0.1 * (u + 35)))
    an = 0.01 * (u + 55) / (1 - np.exp(-0.1 * (u + 55)))
    bn = 0.125 * np.exp(-0.0125 * (u + 65))
    return am / (am + bm), ah / (ah + bh), an / (an + bn)


def group(currents):
    g = NeuronGroup(len(currents), eqs, threshold="v > 0*mV", refractory="v > 0*mV",
                    method="rk4")
    g.v = -65 * mV
    g.m, g.h, g.n = steady(-65.0)
    g.I = np.asarray(currents) * uamp / cm**2
    return g


def crossings(t, vk):
    """Upward 0 mV crossings, linearly interpolated, ms."""
    k = np.nonzero((vk[:-1] < 0) & (vk[1:] >= 0))[0]
    return t[k] + (t[k + 1] - t[k]) * (0 - vk[k]) / (vk[k + 1] - vk[k])


out = {"brian2": __import__("brian2").__version__, "dt_ms": 0.01}

# Rest, the first spike, steady rates, and a V trace at I = 10.
start_scope()
defaultclock.dt = 0.01 * ms
currents = [0.0, 7.0, 10.0, 20.0, 30.0]
g = group(currents)
mon = StateMonitor(g, "v", record=True)
run(1000 * ms)
t = np.asarray(mon.t / ms)
rates, peaks = [], []
for k in range(len(currents)):
    vk = np.asarray(mon.v[k] / mV)
    s = crossings(t, vk)
    s = s[s >= 200]
    rates.append(1000.0 * (len(s) - 1) / (s[-1] - s[0]) if len(s) >= 2 else 0.0)
    peaks.append(float(vk.max()))
out["rest_mV"] = float(np.asarray(mon.v[0] / mV)[-1])
out["steady"] = {"I_uA_cm2": currents, "rate_hz": rates, "peak_mV": peaks,
                 "note": "rate = 1/mean interval between 0 mV crossings after 200 ms of a 1000 ms run; peak = max V over the run"}
v10 = np.asarray(mon.v[2] / mV)
every = 50  # 0.5 ms
out["trace_I10"] = {"t_ms": [round(x, 6) for x in t[:5001:every].tolist()],
                    "v_mV": v10[:5001:every].tolist()}

# Rheobase for repetitive firing: smallest I (0.01 steps) with spikes in 500-1000 ms.
start_scope()
defaultclock.dt = 0.01 * ms
currents = np.round(np.arange(6.00, 6.405, 0.01), 2)
g = group(currents)
mon = StateMonitor(g, "v", record=True)
run(1000 * ms)
t = np.asarray(mon.t / ms)
late = []
for k in range(len(currents)):
    s = crossings(t, np.asarray(mon.v[k] / mV))
    late.append(int(np.sum(s >= 500)))
first = next(k for k, c in enumerate(late) if c >= 2)
out["rheobase"] = {"I_uA_cm2": currents.tolist(), "spikes_500_1000ms": late,
                   "repetitive_from_uA_cm2": float(currents[first])}
print(json.dumps(out, indent=1))
