#!/bin/bash
# Records the built-in system-call frequency profile (backend/default-profile.txt) with strace.
# Each workload runs under `strace -f -c`; its counts are normalised to 10^6 calls, and the
# profile is the mean over the workloads that ran (a missing tool skips its workload, named on
# stderr). Output: `name weight` lines, heaviest first, weights summing to about 10^6.
# Usage: scripts/record-profile.sh [OUTPUT]   (default: backend/default-profile.txt)
# Needs: strace; uses whichever of cc/make, bash, python3, perl, curl, dpkg/apt-cache, git exist.
set -euo pipefail
src=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-$src/backend/default-profile.txt}
command -v strace >/dev/null || { echo "record-profile: strace is required (apt-get install strace)" >&2; exit 2; }
work=$(mktemp -d)
trap '[ -z "${server_pid:-}" ] || pkill -TERM -P "$server_pid" 2>/dev/null || true; rm -rf "$work"' EXIT
counts="$work/counts"
mkdir -p "$counts"

have() { command -v "$1" >/dev/null; }
# record NAME COMMAND...: runs COMMAND under strace, keeps per-call counts in $counts/NAME.
record() {
  local name=$1
  shift
  if ! strace -f -qq -c -o "$work/$name.strace" "$@" >/dev/null 2>&1; then
    echo "record-profile: workload '$name' failed; left out" >&2
    return 0
  fi
  # strace -c table: "% time seconds usecs/call calls [errors] syscall"; keep calls and name.
  awk '$1 ~ /^[0-9.]+$/ && $NF != "total" { print $NF, $4 }' "$work/$name.strace" >"$counts/$name"
  echo "record-profile: $name: $(awk '{ s += $2 } END { print s }' "$counts/$name") calls" >&2
}

# 1. A build: a small C project with make -j2 (compiler driver, cc1, as, ld).
if have cc && have make; then
  mkdir -p "$work/proj"
  for i in 1 2 3 4 5 6; do
    printf '#include <stdio.h>\n#include <string.h>\n#include <stdlib.h>\nint f%d(const char* s) { char b[64]; snprintf(b, sizeof b, "%%s%d", s); return (int)strlen(b) + atoi(s); }\n' "$i" "$i" >"$work/proj/f$i.c"
  done
  printf '#include <stdio.h>\nint f1(const char*);\nint main(void) { printf("%%d\\n", f1("7")); return 0; }\n' >"$work/proj/main.c"
  printf 'OBJ = main.o f1.o f2.o f3.o f4.o f5.o f6.o\napp: $(OBJ)\n\t$(CC) -o $@ $(OBJ)\n%%.o: %%.c\n\t$(CC) -O2 -c $<\n' >"$work/proj/Makefile"
  record build make -s -j2 -C "$work/proj"
else
  echo "record-profile: no cc/make; build workload left out" >&2
fi

# 2. A shell session: coreutils, pipes, subshells, redirections over a small tree.
record shell bash -c '
  cd "$1"; for i in $(seq 1 40); do echo "line $i $RANDOM" >>log.txt; done
  for i in $(seq 1 15); do ls -la /usr/bin | grep -c x >/dev/null; sort log.txt | uniq | wc -l >/dev/null;
    find /etc -maxdepth 1 -name "*.conf" | head -5 >/dev/null; cat /etc/passwd | cut -d: -f1 | tr a-z A-Z >/dev/null;
    sed -n "1,5p" log.txt >/dev/null; date >/dev/null; stat log.txt >/dev/null; cp log.txt copy.txt; rm copy.txt; done
' bash "$work"

# 3. Interpreter start-up: python3 with common imports, perl with a small script.
if have python3; then
  record python python3 -c 'import json, os, re, subprocess, collections, hashlib, pathlib, tempfile
d = {str(i): i * i for i in range(2000)}
json.loads(json.dumps(d)); [hashlib.sha256(k.encode()).hexdigest() for k in d]
list(pathlib.Path("/usr/lib").glob("*")); subprocess.run(["true"])'
fi
if have perl; then
  record perl perl -e 'use strict; use File::Find; my $n = 0; find(sub { $n++ }, "/usr/share/perl5"); my %h; $h{$_} = $_ * 2 for 1 .. 50000; open(my $f, "<", "/etc/services") or die; while (<$f>) { $n++ if /tcp/ } print "$n\n";'
fi

# 4. A network server on loopback: python's HTTP server (or perl's) under 200 curl requests.
if have python3 && have curl; then
  port=$((20000 + RANDOM % 20000))
  mkdir -p "$work/www" && head -c 20000 /dev/urandom >"$work/www/blob"
  strace -f -qq -c -o "$work/server.strace" python3 -m http.server "$port" --bind 127.0.0.1 --directory "$work/www" \
    >/dev/null 2>&1 &
  server_pid=$!
  for _ in $(seq 1 50); do curl -s -o /dev/null "http://127.0.0.1:$port/" && break; sleep 0.1; done
  for _ in $(seq 1 200); do curl -s -o /dev/null "http://127.0.0.1:$port/blob" || true; done
  # The server is strace's child: stop it (strace then writes its table and exits).
  pkill -TERM -P "$server_pid" 2>/dev/null || true
  wait "$server_pid" 2>/dev/null || true
  server_pid=
  awk '$1 ~ /^[0-9.]+$/ && $NF != "total" { print $NF, $4 }' "$work/server.strace" >"$counts/server"
  echo "record-profile: server: $(awk '{ s += $2 } END { print s }' "$counts/server") calls" >&2
fi

# 5. A package manager query.
if have dpkg && have apt-cache; then
  record packages bash -c 'dpkg -l >/dev/null; dpkg -S /bin/ls >/dev/null; apt-cache policy bash coreutils >/dev/null; apt-cache show dpkg >/dev/null'
fi

# 6. Version control: git over a throw-away repository.
if have git; then
  record git bash -c 'cd "$1" && git init -q r && cd r && for i in $(seq 1 20); do echo $i >f$i; git add f$i;
    git -c user.name=p -c user.email=p@p commit -qm $i; done; git log --oneline >/dev/null; git status >/dev/null;
    git diff HEAD~5 >/dev/null; git gc -q' bash "$work"
fi

ls "$counts"/* >/dev/null 2>&1 || { echo "record-profile: no workload ran" >&2; exit 1; }
{
  echo "# secco's built-in system-call profile: calls per 10^6, mean over the workloads of"
  echo "# scripts/record-profile.sh ($(cd "$counts" && ls | tr '\n' ' ' | sed 's/ $//')), x86_64 names."
  echo "# Regenerate with scripts/record-profile.sh; see docs/default-profile.md."
  awk -v n="$(ls "$counts" | wc -l)" '
    FNR == 1 { file++ }
    { calls[file, $1] = $2; total[file] += $2; names[$1] = 1 }
    END {
      for (name in names) {
        w = 0
        for (f = 1; f <= file; f++) if ((f, name) in calls) w += calls[f, name] * 1e6 / total[f]
        printf "%s %.1f\n", name, w / n
      }
    }' "$counts"/* | sort -k2,2gr -k1,1
} >"$out.tmp"
mv "$out.tmp" "$out"
echo "record-profile: wrote $out ($(grep -vc '^#' "$out") system calls)" >&2
