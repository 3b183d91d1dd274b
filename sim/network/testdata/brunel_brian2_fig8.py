"""Reference run of Brunel's (2000) full network at the four points of his
figure 8, and of the lesson's state presets, in Brian2's C++ standalone
mode.

The network of sim/network/brunel.go (see brunel_standalone.py) at
N_E = 10 000, N_I = 2 500, C_E = 1 000, C_I = 250, J = 0.1 mV,
D = 1.5 ms, unless a point says otherwise; 1100 ms simulated, statistics
after the first 100 ms as brunel.go defines them (rate, CV of ISIs,
Golomb's χ, the population rate's CV on 1 ms bins, the spectral peak of
the last 512 ms). TestBrunelStatesBrian2 compares the Go model with this
file. Never run in CI. With Debian's python3-brian (Brian 2.5):

    cd sim/network/testdata
    /usr/bin/python3 brunel_brian2_fig8.py --seeds 2

It writes brunel_brian2_fig8.json beside itself (about 30 minutes on this
2-core machine, most of it the SR point's ≈ 6·10⁹ spike deliveries; each
point compiles its own project).
"""
import argparse
import json
import os

import numpy as np

import brunel_standalone as bs

NE, T_MS = 10000, 1100.0
# name: (g, ν_ext/ν_thr, J in mV, D in ms)
POINTS = {
    "SR": (3.0, 2.0, 0.1, 1.5),
    "SI_fast": (6.0, 4.0, 0.1, 1.5),
    "AI": (5.0, 2.0, 0.1, 1.5),
    "SI_slow": (4.5, 0.9, 0.1, 1.5),
}
HERE = os.path.dirname(os.path.abspath(__file__))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--seeds", type=int, default=2)
    ap.add_argument("--dir", default="/tmp/brunel_brian2_fig8")
    ap.add_argument("--only", nargs="*", help="points to run (default all)")
    a = ap.parse_args()
    path = os.path.join(HERE, "brunel_brian2_fig8.json")
    out = {}
    if os.path.exists(path):
        with open(path) as f:
            out = json.load(f)
    for name, (g, eta, J, D) in POINTS.items():
        if a.only and name not in a.only:
            continue
        rows = []
        for s in range(1, a.seeds + 1):
            M, took = bs.build(f"{a.dir}/{name}", s, NE, g, eta, J, D, T_MS)
            r = bs.statistics(np.array(M.i), np.array(M.t / bs.ms), NE, T_MS)
            r["seed"], r["build_and_run_s"] = s, took
            rows.append(r)
            print(name, json.dumps(r), flush=True)
        out[name] = {"n_e": NE, "g": g, "nu_ext": eta, "J": J, "D": D, "duration_ms": T_MS, "runs": rows}
        with open(path, "w") as f:
            json.dump(out, f, indent=1)


if __name__ == "__main__":
    main()
