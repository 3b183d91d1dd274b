"""Reference spike times of the Izhikevich (2003) model from Brian2.

Writes izhikevich_brian2.json next to this script: for each published cell
type, the spike times (ms) over 500 ms of a current step I = 10 applied at
t = 0 from the resting state, integrated with RK4 at dt = 0.002 ms (125 times
finer than the Go model's 0.25 ms step). Run with the system Python that has
Brian2 (tested with Brian2 2.5.1):

    /usr/bin/python3 izhikevich_brian2.py

CI never runs this; the Go test reads the committed JSON.
"""
import json
import math
import os

from brian2 import NeuronGroup, SpikeMonitor, defaultclock, ms, prefs, run, start_scope, __version__

prefs.codegen.target = "numpy"

TYPES = {  # Izhikevich (2003), Fig. 2
    "RS": (0.02, 0.2, -65.0, 8.0),
    "IB": (0.02, 0.2, -55.0, 4.0),
    "CH": (0.02, 0.2, -50.0, 2.0),
    "FS": (0.1, 0.2, -65.0, 2.0),
    "LTS": (0.02, 0.25, -65.0, 2.0),
}
I_STEP = 10.0
DURATION = 500  # ms
DT = 0.002  # ms

eqs = """
dv/dt = (0.04*v**2 + 5*v + 140 - u + I)/ms : 1
du/dt = a*(b*v - u)/ms : 1
a : 1
b : 1
c : 1
d : 1
I : 1
"""


def rest(b, h=0.0):
    disc = (5 - b) ** 2 - 4 * 0.04 * (140 + h)
    return (-(5 - b) - math.sqrt(disc)) / (2 * 0.04)


out = {"brian2": __version__, "method": "rk4", "dt_ms": DT, "duration_ms": DURATION,
       "I": I_STEP, "spikes_ms": {}}
for name, (pa, pb, pc, pd) in TYPES.items():
    start_scope()
    defaultclock.dt = DT * ms
    g = NeuronGroup(1, eqs, threshold="v >= 30", reset="v = c; u += d", method="rk4")
    g.a, g.b, g.c, g.d, g.I = pa, pb, pc, pd, I_STEP
    g.v = rest(pb)
    g.u = pb * rest(pb)
    mon = SpikeMonitor(g)
    run(DURATION * ms)
    out["spikes_ms"][name] = [round(float(t / ms), 3) for t in mon.t]

path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "izhikevich_brian2.json")
with open(path, "w") as f:
    json.dump(out, f, indent=1)
print({k: len(v) for k, v in out["spikes_ms"].items()})
