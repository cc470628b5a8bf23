#!/usr/bin/env bash
# The README's first command: install what is missing, build, and compile the example policy.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh -DSECCO_WERROR=ON  # the same flags as scripts/test.sh: no rebuild between them
echo "== build/secco check examples/policies/server.secco" >&2
build/secco check examples/policies/server.secco
echo "== build/secco compile -f asm examples/policies/server.secco" >&2
build/secco compile -f asm examples/policies/server.secco
echo "== build/secco emulate examples/policies/server.secco openat 0xffffff9c 0 0x241" >&2
build/secco emulate examples/policies/server.secco openat 0xffffff9c 0 0x241
