#!/bin/sh
# Builds secco_bench (secco vs libseccomp on ../shared/bench) in BUILD_DIR and runs it; the tables go
# to stdout and, with --markdown FILE (default bench/results.md when RESULTS=1), to a file.
# Usage: bench/run.sh [secco_bench options, e.g. --reps 15 --only docker-default]
# Environment: BUILD_DIR (default build-bench next to the source tree), JOBS (default 2),
#              POLICIES (benchmark policy folder, default ../shared/bench), RESULTS=1.
set -eu
src=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$src/../build-bench}
policies=${POLICIES:-$src/../shared/bench}
cmake -S "$src" -B "$build" -DSECCO_BENCH=ON -DSECCO_BENCH_POLICIES="$policies" >/dev/null
cmake --build "$build" -j "${JOBS:-2}" --target secco_bench
set -- --policies "$policies" "$@"
if [ "${RESULTS:-0}" = 1 ]; then
  set -- "$@" --markdown "$src/bench/results.md"
fi
exec "$build/bench/secco_bench" "$@"
