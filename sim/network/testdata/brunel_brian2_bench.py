"""Time Brunel (2000) at N_E = 4000 in Brian2's C++ standalone mode beside
`neurotutor sim run brunel`, on one core, in the same session.

The network (see brunel_standalone.py): N_E = 4000, N_I = 1000,
C_E = 400, C_I = 100, J = 0.1 mV, g = 5, D = 1.5 ms, ν_ext = 2ν_thr
(Brunel's point C), dt = 0.1 ms, 1000 ms simulated.

Brian2 generates and compiles the project once per seed (the compile time
is recorded but left out of the comparison). Then, --reps times, in
alternating order, it runs

  brian2      the compiled binary ./main: whole-process wall time (loading
              the arrays, building synapses and spike queues, the run,
              writing the spike monitor), and Brian2's own time for the
              simulation loop alone (Network::_last_run_time);
  neurotutor  `neurotutor sim run brunel --set n_e=4000 --set J=0.1 …
              --duration 1000` with GOMAXPROCS=1, whole-process wall time
              (the model's reset draws the connectivity inside it).

Both run under `taskset -c <cpu>` when --taskset is given. With
--callgrind it also counts the instructions of one run of each under
valgrind's callgrind, a figure other processes on the machine cannot
disturb. Valgrind cannot run the -march=native build (it stops on an
instruction it does not know), so the count is of a second build without
that flag: generic x86-64 code, as Go compiles by default (GOAMD64=v1). The dynamics statistics of both (brunel.go's definitions, after
the first 100 ms) are recorded for each of --seeds seeds.

Never run in CI. With Debian's python3-brian (Brian 2.5) and a built
binary:

    go build -o /tmp/nt ./cmd/neurotutor
    cd sim/network/testdata
    /usr/bin/python3 brunel_brian2_bench.py --neurotutor /tmp/nt --reps 11 --taskset 1 --callgrind

It writes brunel_brian2_bench.json beside itself.
"""
import argparse
import json
import os
import platform
import re
import subprocess
import time

import numpy as np

import brunel_standalone as bs

NE, G_REL, ETA, J_MV, D_MS, T_MS = 4000, 5.0, 2.0, 0.1, 1.5, 1000.0
HERE = os.path.dirname(os.path.abspath(__file__))


def neurotutor_cmd(binary, seed):
    sets = {"n_e": NE, "J": J_MV, "g": G_REL, "nu_ext": ETA, "D": D_MS}
    cmd = [binary, "sim", "run", "brunel", "--duration", str(int(T_MS)), "--seed", str(seed)]
    for k, v in sets.items():
        cmd += ["--set", f"{k}={v:g}"]
    return cmd


def run_neurotutor(binary, seed, taskset=None):
    """Whole-process wall time and the metrics of one `sim run`."""
    cmd = neurotutor_cmd(binary, seed)
    if taskset is not None:
        cmd = ["taskset", "-c", str(taskset)] + cmd
    env = dict(os.environ, GOMAXPROCS="1")
    t0 = time.perf_counter()
    out = subprocess.run(cmd, env=env, check=True, capture_output=True).stdout
    return time.perf_counter() - t0, json.loads(out)["metrics"]


def instructions(cmd, cwd=None, env=None):
    """Instructions executed by cmd, counted by callgrind."""
    r = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null"] + cmd,
                       cwd=cwd, env=env, capture_output=True, text=True, check=True)
    return int(re.search(r"Collected : (\d+)", r.stderr).group(1))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--reps", type=int, default=11, help="timed runs of each program")
    ap.add_argument("--seeds", type=int, default=3, help="seeds for the dynamics statistics")
    ap.add_argument("--dir", default="/tmp/brunel_brian2_bench", help="Brian2 project directories")
    ap.add_argument("--neurotutor", help="path to a built neurotutor binary")
    ap.add_argument("--taskset", type=int, help="run both programs on this CPU")
    ap.add_argument("--callgrind", action="store_true", help="also count instructions")
    a = ap.parse_args()
    out = {"network": {"n_e": NE, "n_i": NE // 4, "c_e": NE // 10, "c_i": NE // 40, "J_mV": J_MV,
                       "g": G_REL, "nu_ext_over_nu_thr": ETA, "D_ms": D_MS, "dt_ms": 0.1,
                       "duration_ms": T_MS},
           "machine": {"cpu": platform.processor() or platform.machine(), "cores": os.cpu_count(),
                       "load_before": os.getloadavg()},
           "brian2": __import__("brian2").__version__, "seeds": []}
    for s in range(1, a.seeds + 1):
        d = f"{a.dir}/seed{s}"
        M, first = bs.build(d, s, NE, G_REL, ETA, J_MV, D_MS, T_MS)
        row = {"seed": s, "brian2_generate_compile_and_first_run_s": first,
               "brian2": bs.statistics(np.array(M.i), np.array(M.t / bs.ms), NE, T_MS)}
        if a.neurotutor:
            row["neurotutor"] = run_neurotutor(a.neurotutor, s)[1]
        out["seeds"].append(row)
        print(json.dumps(row), flush=True)
    d1 = f"{a.dir}/seed1"
    t = {"brian2_main_wall_s": [], "brian2_run_loop_s": [], "neurotutor_wall_s": []}
    for r in range(a.reps):
        order = ["brian2", "neurotutor"] if r % 2 == 0 else ["neurotutor", "brian2"]
        for who in order:
            if who == "brian2":
                wall, loop = bs.run_binary(d1, a.taskset)
                t["brian2_main_wall_s"].append(wall)
                t["brian2_run_loop_s"].append(loop)
            elif a.neurotutor:
                t["neurotutor_wall_s"].append(run_neurotutor(a.neurotutor, 1, a.taskset)[0])
        print(r, {k: v[-1] for k, v in t.items() if v}, flush=True)
    out["timing"] = {k: v for k, v in t.items() if v}
    out["timing_median_s"] = {k: float(np.median(v)) for k, v in t.items() if v}
    out["timing_spread_s"] = {k: [float(min(v)), float(max(v))] for k, v in t.items() if v}
    out["machine"]["load_after"] = os.getloadavg()
    path = os.path.join(HERE, "brunel_brian2_bench.json")
    with open(path, "w") as f:
        json.dump(out, f, indent=1)
    if a.callgrind:
        dp = f"{a.dir}/portable"
        bs.build(dp, 1, NE, G_REL, ETA, J_MV, D_MS, T_MS, native=False)
        out["instructions"] = {"brian2_main_portable": instructions(["./main"], cwd=dp)}
        if a.neurotutor:
            env = dict(os.environ, GOMAXPROCS="1", GODEBUG="asyncpreemptoff=1")
            out["instructions"]["neurotutor"] = instructions(neurotutor_cmd(a.neurotutor, 1), env=env)
        print(out["instructions"], flush=True)
        with open(path, "w") as f:
            json.dump(out, f, indent=1)


if __name__ == "__main__":
    main()
