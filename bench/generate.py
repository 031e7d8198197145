#!/usr/bin/env python3
"""Writes an N-row CSV in the IER_D01 layout (title row, header, rows) for benchmarking.

Usage: python3 bench/generate.py N OUT.csv [crlf|lf]   (default crlf)

The rows follow the real Home Office Irr_D01 table (2018 Q1 - 2023 Q4): the mix of method of
entry, nationality and region is drawn from bench/ier_d01_profile.csv (every combination in the
real table, with how many rows it has and its detections: 414 combinations, 177 nationalities,
4 methods of entry), sex and age group in the real table's proportions, and a count around the
combination's real mean. Rows come quarter by quarter, as in the published table, in random
order within a quarter (a fixed seed, so every run writes the same file). CRLF line ends by
default, as Python's csv module and the Home Office's CSV exports write them.
"""
import csv
import os
import random
import sys

n = int(sys.argv[1])
out = sys.argv[2]
eol = {"crlf": "\r\n", "lf": "\n"}[sys.argv[3] if len(sys.argv) > 3 else "crlf"]
here = os.path.dirname(os.path.abspath(__file__))

with open(os.path.join(here, "ier_d01_profile.csv"), newline="", encoding="utf-8") as f:
    profile = list(csv.DictReader(f))
combos = [(p["Method of entry"], p["Nationality"], p["Region"]) for p in profile]
weights = [int(p["rows"]) for p in profile]
means = [int(p["detections"]) / int(p["rows"]) for p in profile]
# Row counts in the real table (irregular_migration.csv, 10,816 rows).
sexes = (["Male", "Female", "Unknown", "Not currently recorded"], [7029, 3469, 307, 11])
ages = (
    ["25 to 39", "18 to 24", "17 and under", "40 and over", "Unknown", "Not currently recorded"],
    [3477, 2610, 2355, 2073, 290, 11],
)
quarters = [(y, q) for y in range(2018, 2024) for q in range(1, 5)]

rng = random.Random(20251126)
with open(out, "w", encoding="utf-8", newline="") as f:
    w = csv.writer(f, lineterminator=eol)
    w.writerow(["Data_IER_D01: Detections of irregular entry to the UK (benchmark rows modelled on real data)"])
    w.writerow(["Year", "Quarter", "Method of entry", "Nationality", "Region", "Sex", "Age Group",
                "Number of detections"])
    for i, (year, q) in enumerate(quarters):
        k = n * (i + 1) // len(quarters) - n * i // len(quarters)
        picks = rng.choices(range(len(combos)), weights=weights, k=k)
        sex = rng.choices(*sexes, k=k)
        age = rng.choices(*ages, k=k)
        w.writerows(
            (year, f"{year} Q{q}", *combos[c], s, a, int(rng.random() * 2 * means[c]))
            for c, s, a in zip(picks, sex, age)
        )
