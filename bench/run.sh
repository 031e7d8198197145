#!/usr/bin/env bash
# Times `migstats changes --data big.csv --format csv` on a 1,000,000-row IER_D01-layout CSV
# (~82 MB) with /usr/bin/time -v: wall clock and peak RSS. Target (issue 6): < 0.3 s, < 20 MB.
#
# Usage: bash bench/run.sh [ROWS] [COMMAND]   (defaults: 1000000 changes)
# Needs python3 and /usr/bin/time (Debian package `time`); uses hyperfine too if installed.
set -euo pipefail
cd "$(dirname "$0")/.."
rows="${1:-1000000}"
command="${2:-changes}"
mkdir -p bench/out
big="bench/out/big-${rows}.csv"
[ -s "$big" ] || python3 bench/generate.py "$rows" "$big"
if [ ! -x /usr/bin/time ]; then
    echo "install /usr/bin/time first: apt-get install -y time" >&2
    exit 2
fi
cargo build --release --quiet
bin=target/release/migstats
echo "file: $big ($(wc -c <"$big") bytes, $rows rows); cores: $(nproc)"
"$bin" "$command" --data "$big" --format csv >/dev/null # warm the page cache
for run in 1 2 3 4 5; do
    /usr/bin/time -v "$bin" "$command" --data "$big" --format csv 2>bench/out/time.txt >bench/out/result.csv
    wall=$(grep 'Elapsed (wall clock)' bench/out/time.txt | awk '{print $NF}')
    rss=$(grep 'Maximum resident set size' bench/out/time.txt | awk '{print $NF}')
    cpu=$(grep 'Percent of CPU' bench/out/time.txt | awk '{print $NF}')
    echo "run $run: wall $wall  peak RSS ${rss} KB  CPU $cpu"
done
echo "rows out: $(($(wc -l <bench/out/result.csv) - 1))"
if command -v hyperfine >/dev/null; then
    hyperfine --warmup 2 "$bin $command --data $big --format csv"
fi
