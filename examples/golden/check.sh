#!/bin/sh
# The CI check of docs/golden-workflow.md for this example, run by CTest (e2e_golden_example):
#   1. compile the policy to asm and diff it against the committed policy.asm;
#   2. run the policy's test cases.
# Usage: examples/golden/check.sh [SECCO]       (SECCO defaults to `secco` on PATH)
#        SECCO_BLESS=1 examples/golden/check.sh  rewrites policy.asm after an intended change
# Exit status 0 only when the program is unchanged and every case passes.
set -eu
secco=${1:-secco}
dir=$(dirname "$0")
out=$(mktemp)
trap 'rm -f "$out"' EXIT

"$secco" compile -f asm "$dir/policy.secco" -o "$out"
if [ "${SECCO_BLESS:-}" = 1 ]; then
  cp "$out" "$dir/policy.asm"
  echo "rewrote $dir/policy.asm"
fi
if ! diff -u "$dir/policy.asm" "$out"; then
  echo "error: the compiled program differs from $dir/policy.asm (diff above)." >&2
  echo "If the change is intended, regenerate it and commit it:" >&2
  echo "  secco compile -f asm $dir/policy.secco -o $dir/policy.asm" >&2
  exit 1
fi
"$secco" test "$dir/policy.secco" "$dir/policy.cases"
