#!/bin/sh
# What translation validation costs: `secco compile` wall time with and without it (median of
# REPS runs) on the benchmark policies, on a policy of 1,000 argument comparisons and on the largest
# generated policy that still fits in 4,096 instructions; and the regions / solver calls of each
# proof (`secco verify`). Usage: bench/validation.sh [SECCO] (default build/secco).
# Environment: POLICIES (default ../shared/bench), REPS (default 5).
set -eu
src=$(cd "$(dirname "$0")/.." && pwd)
secco=${1:-$src/build/secco}
policies=${POLICIES:-$src/../shared/bench}
reps=${REPS:-5}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# N 32-bit comparisons spread over 126 x86_64 system calls, joined with || within a rule.
gen() {
  awk -v n="$1" 'BEGIN {
    print "DEFAULT_POLICY = errno(1)"
    split("read write open close stat fstat lstat poll lseek mmap mprotect munmap brk rt_sigaction rt_sigprocmask ioctl pread64 pwrite64 readv writev access pipe select sched_yield mremap msync mincore madvise shmget shmat shmctl dup dup2 pause nanosleep getitimer alarm setitimer getpid sendfile socket connect accept sendto recvfrom sendmsg recvmsg shutdown bind listen getsockname getpeername socketpair setsockopt getsockopt clone fork vfork execve exit wait4 kill uname semget semop semctl shmdt msgget msgsnd msgrcv msgctl fcntl flock fsync fdatasync truncate ftruncate getdents getcwd chdir fchdir rename mkdir rmdir creat link unlink symlink readlink chmod fchmod chown fchown lchown umask gettimeofday getrlimit getrusage sysinfo times ptrace getuid syslog getgid setuid setgid geteuid getegid setpgid getppid getpgrp setsid setreuid setregid getgroups setgroups setresuid getresuid setresgid getresgid getpgid setfsuid setfsgid getsid capget capset", names, " ")
    rules = int((n + 2) / 3); if (rules > length(names)) rules = length(names)
    per = int((n + rules - 1) / rules)
    for (r = 1; r <= rules; r++) {
      line = names[r] ":"
      for (c = 0; c < per; c++) {
        k = r * 1000 + c
        if (c % 3 == 0) t = "argL" (c % 6) " == " k
        else if (c % 3 == 1) t = "argH" (c % 6) " == " k
        else t = "(argL" (c % 6) " & " k ") == " (k % 7)
        line = line (c ? " || " : " ") t
      }
      print line
    }
  }'
}
gen 1000 >"$tmp/rules-1000.secco"
# The largest multiple of 100 comparisons that still compiles into 4,096 instructions.
n=100
while gen $((n + 100)) >"$tmp/try.secco" && "$secco" compile --no-validate -o /dev/null "$tmp/try.secco" 2>/dev/null; do
  n=$((n + 100))
done
gen "$n" >"$tmp/largest-$n.secco"

median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
wall() {  # wall seconds of one compile
  s=$(date +%s.%N)
  "$secco" compile "$@" -o "$tmp/out.bpf" >/dev/null 2>&1
  e=$(date +%s.%N)
  echo "$e - $s" | bc
}
printf '| policy | compile --no-validate (s) | compile (s) | added | proof |\n|---|---|---|---|---|\n'
for p in "$policies"/*.secco "$tmp/rules-1000.secco" "$tmp/largest-$n.secco"; do
  off=$(for i in $(seq "$reps"); do wall --no-validate "$p"; done | median)
  on=$(for i in $(seq "$reps"); do wall "$p"; done | median)
  "$secco" compile --no-validate -o "$tmp/p.bpf" "$p" 2>/dev/null
  proof=$("$secco" verify "$p" "$tmp/p.bpf" | sed 's/^[^(]*(\(.*\))$/\1/')
  printf '| %s | %.3f | %.3f | %+.0f%% | %s |\n' "$(basename "$p" .secco)" "$off" "$on" \
    "$(echo "($on - $off) * 100 / $off" | bc -l)" "$proof"
done
