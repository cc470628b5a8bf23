#!/usr/bin/env bash
# Builds every libFuzzer target in fuzz/ with clang (into ./build-fuzz or $SECCO_FUZZ_BUILD_DIR) and
# runs each for $SECCO_FUZZ_SECONDS seconds (default 60) on a scratch copy of its seed corpus
# fuzz/corpus/<name without fuzz_>/, so the checked-in seeds stay small. Exits non-zero as soon as a
# target crashes, leaks, times out or runs out of memory; the reproducer is left in the build dir
# (crash-*, timeout-*, oom-*) and the command to replay it is printed.
# Extra arguments go to every fuzzer (e.g. -jobs=2 -workers=2).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
build="${SECCO_FUZZ_BUILD_DIR:-build-fuzz}"
seconds="${SECCO_FUZZ_SECONDS:-60}"

if ! command -v clang++ >/dev/null || ! compgen -G "/usr/lib/llvm-*/lib/clang/*/lib/linux/libclang_rt.fuzzer-x86_64.a" >/dev/null; then
  SECCO_WITH_CLANG=1 bash scripts/install-deps.sh
fi
bash scripts/install-deps.sh
CC=clang CXX=clang++ cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSECCO_FUZZ=ON -DSECCO_TESTS=OFF >/dev/null

targets=()
for src in fuzz/fuzz_*.cc; do targets+=("$(basename "$src" .cc)"); done
cmake --build "$build" -j"$(nproc)" --target "${targets[@]}"

export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
status=0
for t in "${targets[@]}"; do
  seeds="fuzz/corpus/${t#fuzz_}"
  work="$build/corpus/${t#fuzz_}"
  mkdir -p "$work"
  [ -d "$seeds" ] && cp -n "$seeds"/* "$work"/ 2>/dev/null || true
  echo "== $t for ${seconds}s (corpus $work)"
  if ! (cd "$build" && "./fuzz/$t" -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 \
          -print_final_stats=1 "$@" "$root/$work" 2>&1 | tail -n 25); then
    echo "secco: $t failed; replay with: $build/fuzz/$t $build/<crash-file>" >&2
    status=1
    break
  fi
done
exit "$status"
