#!/usr/bin/env python3
"""The benchmark job in DuckDB, for comparison: small boat arrivals per nationality (and all)
for every year ending a quarter, against the same year-long period a year earlier, as CSV.

Usage: python3 bench/peers/duckdb_changes.py IN.csv OUT.csv
"""
import sys

import duckdb

src, out = sys.argv[1], sys.argv[2]
duckdb.sql(f"""
COPY (
  WITH quarterly AS (
    SELECT "Nationality" AS nat,
           CAST(substr("Quarter", 1, 4) AS INTEGER) * 4 + CAST(substr("Quarter", 7, 1) AS INTEGER) - 1 AS q,
           sum("Number of detections") AS n
    FROM read_csv('{src}', skip = 1, header = true)
    WHERE "Method of entry" = 'Small boat arrivals'
    GROUP BY ALL
  ),
  withall AS (SELECT * FROM quarterly UNION ALL SELECT 'all', q, sum(n) FROM quarterly GROUP BY q),
  ends AS (SELECT range AS e FROM range((SELECT min(q) + 3 FROM quarterly), (SELECT max(q) + 1 FROM quarterly))),
  yearly AS (
    SELECT nat, e, sum(n) AS n FROM withall JOIN ends ON q BETWEEN e - 3 AND e GROUP BY ALL
  )
  SELECT a.nat, a.e, a.n, b.n AS previous, a.n - b.n AS change, (a.n - b.n) / b.n * 100 AS percent
  FROM yearly a JOIN yearly b ON a.nat = b.nat AND b.e = a.e - 4
  ORDER BY a.nat, a.e
) TO '{out}' (HEADER)
""")
