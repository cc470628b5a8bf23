// Umbrella header for the predefined constants of spec §7. Only the build reads it: the compiler's
// preprocessor lists the macros it defines (-dM -E), and a generated probe program includes it to
// let the compiler evaluate each candidate (see target/gen/gen_tables.cc). Prefer the C library's
// header where there is one, and add Linux UAPI headers for what the C library does not cover; a
// header added here must not clash with the others (the probe must compile).
#ifndef SECCO_TARGET_PREDEFINED_UMBRELLA_H
#define SECCO_TARGET_PREDEFINED_UMBRELLA_H

#ifndef _GNU_SOURCE
#define _GNU_SOURCE 1
#endif

// C library.
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <netinet/udp.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/fanotify.h>
#include <sys/file.h>
#include <sys/inotify.h>
#include <sys/ioctl.h>
#include <sys/ipc.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/msg.h>
#include <sys/personality.h>
#include <sys/pidfd.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/random.h>
#include <sys/reboot.h>
#include <sys/resource.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/timerfd.h>
#include <sys/types.h>
#include <sys/uio.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <sys/xattr.h>

// Linux UAPI.
#include <asm/prctl.h>
#include <asm/unistd.h>  // __X32_SYSCALL_BIT
#include <linux/audit.h>
#include <linux/capability.h>
#include <linux/close_range.h>
#include <linux/falloc.h>
#include <linux/fs.h>
#include <linux/futex.h>
#include <linux/keyctl.h>
#include <linux/landlock.h>
#include <linux/memfd.h>
#include <linux/mman.h>
#include <linux/mount.h>
#include <linux/netlink.h>
#include <linux/openat2.h>
#include <linux/random.h>
#include <linux/reboot.h>
#include <linux/sched.h>
#include <linux/seccomp.h>
#include <linux/stat.h>

// The personality values (PER_LINUX, ...) are enum constants in <sys/personality.h>, and the table
// generator reads macros: a macro naming each one (a macro does not expand itself) makes it one.
#define PER_LINUX PER_LINUX
#define PER_LINUX_32BIT PER_LINUX_32BIT
#define PER_LINUX_FDPIC PER_LINUX_FDPIC
#define PER_SVR4 PER_SVR4
#define PER_SVR3 PER_SVR3
#define PER_SCOSVR3 PER_SCOSVR3
#define PER_OSR5 PER_OSR5
#define PER_WYSEV386 PER_WYSEV386
#define PER_ISCR4 PER_ISCR4
#define PER_BSD PER_BSD
#define PER_SUNOS PER_SUNOS
#define PER_XENIX PER_XENIX
#define PER_LINUX32 PER_LINUX32
#define PER_LINUX32_3GB PER_LINUX32_3GB
#define PER_IRIX32 PER_IRIX32
#define PER_IRIXN32 PER_IRIXN32
#define PER_IRIX64 PER_IRIX64
#define PER_RISCOS PER_RISCOS
#define PER_SOLARIS PER_SOLARIS
#define PER_UW7 PER_UW7
#define PER_OSF4 PER_OSF4
#define PER_HPUX PER_HPUX
#define PER_MASK PER_MASK

#endif  // SECCO_TARGET_PREDEFINED_UMBRELLA_H
