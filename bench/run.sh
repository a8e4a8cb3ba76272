#!/usr/bin/env bash
# Ember's benchmark runner: prints the JSON lines of ../shared/bench/SPEC.md.
#   bench/run.sh [group ...] [--quick]
# Compare with PyTorch: python3 ../shared/bench/compare.py --ours bench/run.sh [groups] [--quick]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD_DIR="${EMBER_BUILD_DIR:-$ROOT/build}"
BIN="$ROOT/bench/Ember.Bench/bin/Release/net10.0/Ember.Bench.dll"
if [ ! -f "$BUILD_DIR/lib/libember.so" ]; then
  cmake -S "$ROOT" -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE=Release >/dev/null && cmake --build "$BUILD_DIR" -j "$(nproc)" >/dev/null
fi
if [ ! -f "$BIN" ] || [ -n "$(find "$ROOT/managed" "$ROOT/bench/Ember.Bench" -name '*.cs' -newer "$BIN" -print -quit)" ]; then
  dotnet build "$ROOT/bench/Ember.Bench" -c Release -nologo -v:q >/dev/null
fi
EMBER_NATIVE_PATH="$BUILD_DIR/lib" exec dotnet "$BIN" "$@"
