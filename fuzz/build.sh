#!/usr/bin/env bash
# Builds a fuzz target with libFuzzer's coverage instrumentation on a stable toolchain, without
# cargo-fuzz (what `cargo fuzz build` does, minus sanitizers). Usage: bash fuzz/build.sh hostile
set -euo pipefail
cd "$(dirname "$0")"
target="${1:-hostile}"
export RUSTC_BOOTSTRAP=1
export RUSTFLAGS="-Cpasses=sancov-module -Cllvm-args=-sanitizer-coverage-level=4 \
 -Cllvm-args=-sanitizer-coverage-inline-8bit-counters -Cllvm-args=-sanitizer-coverage-pc-table \
 -Cllvm-args=-sanitizer-coverage-trace-compares --cfg fuzzing -Cdebug-assertions -Coverflow-checks"
# --target keeps the flags off build scripts and proc macros, as cargo-fuzz does.
cargo build --release --target x86_64-unknown-linux-gnu --bin "$target"
echo "built fuzz/target/x86_64-unknown-linux-gnu/release/$target"
