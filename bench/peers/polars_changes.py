#!/usr/bin/env python3
"""The benchmark job in polars, for comparison: small boat arrivals per nationality (and all)
for every year ending a quarter, against the same year-long period a year earlier, as CSV.

Usage: python3 bench/peers/polars_changes.py IN.csv OUT.csv
"""
import sys

import polars as pl

src, out = sys.argv[1], sys.argv[2]
quarter = pl.col("Quarter")
quarterly = (
    pl.scan_csv(src, skip_rows=1)
    .filter(pl.col("Method of entry") == "Small boat arrivals")
    .with_columns(
        q=quarter.str.slice(0, 4).cast(pl.Int32) * 4 + quarter.str.slice(6, 1).cast(pl.Int32) - 1
    )
    .group_by("Nationality", "q")
    .agg(pl.col("Number of detections").sum().alias("n"))
)
quarterly = pl.concat(
    [quarterly, quarterly.group_by("q").agg(pl.col("n").sum()).select(
        pl.lit("all").alias("Nationality"), "q", "n")]
)
bounds = quarterly.select(lo=pl.col("q").min(), hi=pl.col("q").max())
# Each quarter counts towards the four year-long periods ending with it and the next three.
yearly = (
    quarterly.with_columns(end=pl.int_ranges(pl.col("q"), pl.col("q") + 4))
    .explode("end")
    .join(bounds, how="cross")
    .filter((pl.col("end") >= pl.col("lo") + 3) & (pl.col("end") <= pl.col("hi")))
    .group_by("Nationality", "end")
    .agg(pl.col("n").sum())
)
before = yearly.select("Nationality", end=pl.col("end") + 4, previous=pl.col("n"))
(
    yearly.join(before, on=["Nationality", "end"], how="inner")
    .with_columns(
        change=pl.col("n") - pl.col("previous"),
        percent=(pl.col("n") - pl.col("previous")) / pl.col("previous") * 100,
    )
    .sort("Nationality", "end")
    .collect()
    .write_csv(out)
)
