#!/bin/sh
# The C API from the outside: `cmake --install` into a scratch prefix, then the C example
# (examples/c_api/sandbox_child.c) compiled as C89 with -pedantic -Werror against that prefix,
# once with pkg-config and once with find_package(secco), and run: it compiles a policy, installs
# it in a forked child and checks the denied calls in the kernel.
# Usage: c_api_install.sh CMAKE BUILD_DIR SOURCE_DIR CC
set -eu
cmake_cmd=$1 build=$2 src=$3 cc=$4
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$cmake_cmd" --install "$build" --prefix "$tmp/prefix" >/dev/null
pcdir=$(dirname "$(find "$tmp/prefix" -name secco.pc | head -n 1)")
libdir=$(dirname "$pcdir")
flags=$(PKG_CONFIG_PATH=$pcdir pkg-config --cflags --libs secco)
# shellcheck disable=SC2086
"$cc" -std=c89 -pedantic -Wall -Wextra -Werror "$src/examples/c_api/sandbox_child.c" $flags \
  -Wl,-rpath,"$libdir" -o "$tmp/sandbox_child"
"$tmp/sandbox_child" >"$tmp/out.txt"
cat "$tmp/out.txt"
grep -q '^diagnostic: bad.secco:1:1: error: ' "$tmp/out.txt"
grep -q '^child: getppid denied with EACCES' "$tmp/out.txt"
grep -q "^oci diagnostic: bad.json: syscalls\[0\].args\[0\].op: unknown operator 'SCMP_CMP_FOO'" "$tmp/out.txt"
grep -q '^listener: ' "$tmp/out.txt"

"$cmake_cmd" -S "$src/examples/c_api" -B "$tmp/cmake-build" -DCMAKE_PREFIX_PATH="$tmp/prefix" \
  -DCMAKE_C_COMPILER="$cc" -DCMAKE_BUILD_RPATH="$libdir" >/dev/null
"$cmake_cmd" --build "$tmp/cmake-build" >/dev/null
"$tmp/cmake-build/sandbox_child" | grep -q '^child: getppid denied with EACCES'
echo "c_api_install: ok"
