#!/usr/bin/env python3
"""Times migstats against the bare-parse floor and its peers, interleaved, several rounds.

Usage: python3 bench/compare.py [--rows N] [--rounds R] [--peers PYTHON] [--before BINARY]

Each round runs every job once, in an order rotated from the round before, so that a busy
spell on a shared machine falls on different jobs; each job's wall clock is timed here, its
user + system CPU time comes from the kernel (wait4, to the microsecond) and its peak RSS from
/usr/bin/time (wait4's would count the forked Python before exec). Prints the medians over the rounds as a Markdown table,
then the ratios the issue sets goals for. Peers (polars, DuckDB) run when PYTHON (default
python3) can import them; --before adds another migstats binary (an earlier build) for
comparison. Expects `cargo build --release --bin migstats --example bare_parse` done and
generates bench/out/ier-N-{crlf,lf}.csv with bench/generate.py when missing.
"""
import argparse
import os
import statistics
import subprocess
import sys
import time

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.dirname(here)
out_dir = os.path.join(here, "out")

ap = argparse.ArgumentParser()
ap.add_argument("--rows", type=int, default=1_000_000)
ap.add_argument("--rounds", type=int, default=7)
ap.add_argument("--peers", default="python3", help="Python with polars and/or duckdb")
ap.add_argument("--before", help="an earlier migstats binary to time as well")
args = ap.parse_args()

os.makedirs(out_dir, exist_ok=True)
files = {}
for eol in ("crlf", "lf"):
    path = os.path.join(out_dir, f"ier-{args.rows}-{eol}.csv")
    if not os.path.exists(path):
        subprocess.run([sys.executable, os.path.join(here, "generate.py"), str(args.rows), path, eol],
                       check=True)
    files[eol] = path

migstats = os.path.join(root, "target", "release", "migstats")
floor = os.path.join(root, "target", "release", "examples", "bare_parse")
for binary in (migstats, floor):
    if not os.path.exists(binary):
        sys.exit(f"{binary} missing: cargo build --release --bin migstats --example bare_parse")


def changes(binary, eol, *extra):
    return [binary, "--data", files[eol], *extra, "changes", "--format", "csv"]


jobs = {
    "migstats, CRLF": changes(migstats, "crlf"),
    "migstats, LF": changes(migstats, "lf"),
    "bare parse, CRLF": [floor, files["crlf"]],
    "bare parse, LF": [floor, files["lf"]],
    "migstats --method all, table": [migstats, "--data", files["crlf"], "--method", "all",
                                     "changes"],
    "migstats --method all, CSV": changes(migstats, "crlf", "--method", "all"),
}
if args.before:
    jobs["before (--before), CRLF"] = changes(args.before, "crlf")
    jobs["before --method all, table"] = [args.before, "--data", files["crlf"], "--method",
                                          "all", "changes"]
for peer, module in (("polars", "polars"), ("DuckDB", "duckdb")):
    if subprocess.run([args.peers, "-c", f"import {module}"], capture_output=True).returncode == 0:
        script = os.path.join(here, "peers", f"{module}_changes.py")
        jobs[f"{peer}, CRLF"] = [args.peers, script, files["crlf"],
                                 os.path.join(out_dir, f"{module}.csv")]
    else:
        print(f"({peer} not installed for {args.peers}: skipped)", file=sys.stderr)

names = list(jobs)
times = {n: [] for n in names}
env = dict(os.environ, COLUMNS="120")
for r in range(args.rounds):
    for name in names[r % len(names):] + names[:r % len(names)]:
        start = time.perf_counter()
        child = subprocess.Popen(["/usr/bin/time", "-f", "%M", *jobs[name]],
                                 stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)
        err = child.stderr.read().decode(errors="replace")
        child.stderr.close()
        if child.returncode != 0:
            sys.exit(f"{name} failed with status {child.returncode}: {err}")
        rss_kb = int(err.strip().splitlines()[-1])
        times[name].append((wall, usage.ru_utime + usage.ru_stime, rss_kb / 1024))

med = {n: tuple(statistics.median(t[i] for t in times[n]) for i in range(3)) for n in names}
print(f"{args.rows:,} rows, {args.rounds} interleaved rounds, medians; {os.cpu_count()} cores")
print()
print("| job | wall | CPU (user+sys) | peak RSS |")
print("|---|---|---|---|")
for n in names:
    wall, cpu, rss = med[n]
    print(f"| {n} | {wall:.3f} s | {cpu:.3f} s | {rss:.1f} MB |")
print()


def ratio(a, b, i, what):
    if a in med and b in med and med[b][i] > 0:
        print(f"- {a} / {b}, {what}: {med[a][i] / med[b][i]:.2f}")


ratio("migstats, CRLF", "polars, CRLF", 0, "wall")
ratio("migstats, CRLF", "DuckDB, CRLF", 0, "wall")
ratio("migstats, CRLF", "bare parse, CRLF", 0, "wall")
ratio("migstats, CRLF", "bare parse, CRLF", 1, "CPU")
ratio("migstats, LF", "bare parse, LF", 0, "wall")
ratio("migstats --method all, table", "migstats --method all, CSV", 0, "wall")
ratio("migstats --method all, table", "migstats --method all, CSV", 1, "CPU")
