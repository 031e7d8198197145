#!/usr/bin/env bash
# Builds the release binary and the bare-parse floor, then times them (and polars and DuckDB
# when the given Python has them) on 1,000,000-row IER_D01-layout CSVs, CRLF and LF,
# interleaved over several rounds: see bench/README.md.
#
# Usage: bash bench/run.sh [compare.py options]   e.g. --rounds 9 --peers ~/venv/bin/python
# Needs python3 (3.9 or later) and /usr/bin/time (Debian package `time`).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x /usr/bin/time ]; then
    echo "install /usr/bin/time first: apt-get install -y time" >&2
    exit 2
fi
cargo build --release --quiet --bin migstats --example bare_parse
exec python3 bench/compare.py "$@"
