#!/usr/bin/env bash
# The README's second command: install what is missing, build with warnings as errors, and run
# the full test suite through CTest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh -DSECCO_WERROR=ON
ctest --test-dir "${SECCO_BUILD_DIR:-build}" --output-on-failure -j2
