#!/usr/bin/env bash
# Instructions executed by each benchmark job, counted by valgrind's callgrind: exact and the
# same on every run whatever else the machine is doing, unlike times on a shared machine.
#
# Usage: bash bench/instructions.sh [BEFORE_BINARY]   (after bench/run.sh has built the
# binaries and generated bench/out/ier-1000000-{crlf,lf}.csv; needs valgrind)
set -euo pipefail
cd "$(dirname "$0")/.."
migstats=target/release/migstats
floor=target/release/examples/bare_parse
before=${1:-}
crlf=bench/out/ier-1000000-crlf.csv
lf=bench/out/ier-1000000-lf.csv
for f in "$migstats" "$floor" "$crlf" "$lf"; do
    [ -e "$f" ] || { echo "$f missing: run bash bench/run.sh first" >&2; exit 2; }
done

count() {
    valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null |
        sed -n 's/.*Collected : \([0-9]*\).*/\1/p'
}

row() {
    local name=$1 columns=$2
    shift 2
    local now then=""
    now=$(COLUMNS=$columns count "$migstats" "$@")
    if [ -n "$before" ]; then
        then=$(COLUMNS=$columns count "$before" "$@")
    fi
    echo "| $name | $now | $then |"
}

echo "| job | instructions | before |"
echo "|---|---|---|"
echo "| bare parse, CRLF | $(count "$floor" "$crlf") | |"
echo "| bare parse, LF | $(count "$floor" "$lf") | |"
row "migstats, CRLF" "" --data "$crlf" changes --format csv
row "migstats, LF" "" --data "$lf" changes --format csv
row "--method all changes, CSV" "" --data "$crlf" --method all changes --format csv
row "--method all changes, table, COLUMNS=120 (blocks)" 120 --data "$crlf" --method all changes
row "--method all changes, table, natural width" "" --data "$crlf" --method all changes
row "summary, bundled" "" summary
row "summary, real ODS" "" --data tests/fixtures/14_November_2025_Small_boats_-_time_series.ods summary
