#!/bin/sh
# The pass SDK from a clean temporary directory, exactly as docs/writing-a-pass.md tells a
# researcher: install secco to a prefix, build examples/pass_plugin out of tree with the
# documented CMakeLists.txt against find_package(secco), load it with --load-pass.
# Usage: test_sdk.sh SOURCE_DIR BUILD_DIR
set -eu
src=$1
build=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cmake --install "$build" --prefix "$work/prefix" >/dev/null
mkdir "$work/plugin"
cp "$src/examples/pass_plugin/lint_dangerous.cc" "$work/plugin/"
# The CMakeLists.txt is the first code block of docs/writing-a-pass.md, verbatim.
awk '/^```cmake$/ {on=1; next} on && /^```$/ {exit} on {print}' "$src/docs/writing-a-pass.md" >"$work/plugin/CMakeLists.txt"
test -s "$work/plugin/CMakeLists.txt"
cmake -S "$work/plugin" -B "$work/plugin/build" -DCMAKE_PREFIX_PATH="$work/prefix" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$work/plugin/build" >/dev/null
plugin=$(find "$work/plugin/build" -name '*.so' | head -n 1)
test -n "$plugin"
printf 'ptrace: arg0 == 16\nread: 1\n' >"$work/p.secco"
out=$("$work/prefix/bin/secco" check --load-pass "$plugin" --passes=unify,typecheck,lint-dangerous "$work/p.secco" 2>&1)
echo "$out"
echo "$out" | grep -q "warning: lint-dangerous: the rule for 'ptrace' can allow it"
