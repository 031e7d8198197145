#!/usr/bin/env python3
"""Where the two-thread run's extra CPU time goes: the same jobs on one core, on the other, and
on both at once, interleaved, medians of user + system CPU time (see bench/README.md).

Usage: python3 bench/threads.py [--rounds R] [--rows N]   (after bench/run.sh has built and
generated what it needs; `taskset` from util-linux pins a job to one core, and a migstats
pinned to one core reads with one thread, as `available_parallelism` is then 1).
"""
import argparse
import os
import statistics
import subprocess
import time

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.dirname(here)
ap = argparse.ArgumentParser()
ap.add_argument("--rounds", type=int, default=11)
ap.add_argument("--rows", type=int, default=1_000_000)
args = ap.parse_args()

data = os.path.join(here, "out", f"ier-{args.rows}-crlf.csv")
floor = [os.path.join(root, "target", "release", "examples", "bare_parse"), data]
mig = [os.path.join(root, "target", "release", "migstats"), "--data", data, "changes",
       "--format", "csv"]


def on(core, cmd):
    return ["taskset", "-c", str(core), *cmd]


# Each job is one or more processes started together; CPU time is the mean per process.
jobs = {
    "floor, core 0": [on(0, floor)],
    "floor, core 1": [on(1, floor)],
    "floor, either core": [floor],
    "two floors at once, one per core": [on(0, floor), on(1, floor)],
    "migstats, one thread, core 0": [on(0, mig)],
    "migstats, one thread, core 1": [on(1, mig)],
    "migstats, two threads": [mig],
}
names = list(jobs)
times = {n: [] for n in names}
for r in range(args.rounds):
    for name in names[r % len(names):] + names[:r % len(names)]:
        start = time.perf_counter()
        children = [subprocess.Popen(c, stdout=subprocess.DEVNULL) for c in jobs[name]]
        cpu = []
        for child in children:
            _, _, usage = os.wait4(child.pid, 0)
            cpu.append(usage.ru_utime + usage.ru_stime)
        times[name].append((time.perf_counter() - start, sum(cpu) / len(cpu)))

base = statistics.median(t[1] for t in times["floor, either core"])
print(f"{args.rounds} interleaved rounds, medians; load average {os.getloadavg()[0]:.2f}")
print()
print("| job | wall | CPU per process | CPU / floor's |")
print("|---|---|---|---|")
for n in names:
    wall = statistics.median(t[0] for t in times[n])
    cpu = statistics.median(t[1] for t in times[n])
    print(f"| {n} | {wall:.3f} s | {cpu:.3f} s | {cpu / base:.2f} |")
