#!/usr/bin/env python3
"""Writes an N-row CSV in the IER_D01 layout (title row, header, rows) for benchmarking.

Usage: python3 bench/generate.py N OUT.csv [FIXTURE]

Rows are drawn at random (fixed seed, so every run writes the same file) from the real Home
Office rows in FIXTURE, by default tests/fixtures/detailed/irr_d01.csv (Irr_D01, five
nationalities, 2018 Q1 - 2023 Q4, every method of entry).
"""
import csv
import os
import random
import sys

n = int(sys.argv[1])
out = sys.argv[2]
here = os.path.dirname(os.path.abspath(__file__))
fixture = sys.argv[3] if len(sys.argv) > 3 else os.path.join(
    here, "..", "tests", "fixtures", "detailed", "irr_d01.csv")

with open(fixture, newline="", encoding="utf-8") as f:
    rows = list(csv.reader(f))
header_at = next(i for i, r in enumerate(rows) if "Number of detections" in r)
header, data = rows[header_at], rows[header_at + 1:]
lines = [",".join(f'"{v}"' if "," in v else v for v in r) + "\n" for r in data]

rng = random.Random(20251126)
with open(out, "w", encoding="utf-8", newline="") as f:
    f.write("Data_IER_D01: Detections of irregular entry to the UK (benchmark rows drawn from real data)\n")
    f.write(",".join(header) + "\n")
    for start in range(0, n, 100_000):
        f.write("".join(rng.choices(lines, k=min(100_000, n - start))))
