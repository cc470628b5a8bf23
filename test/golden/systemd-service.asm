  ld [arch]
  jne #0xc000003e, L59             ; x86_64
  ld [nr]
  jge #247, L31                    ; waitid
  jlt #27, L57                     ; mincore
  jge #101, L7                     ; ptrace
  jge #28, L57, L60                ; madvise
L7:
  jge #160, L20                    ; setrlimit
  jge #135, L13                    ; personality
  jge #104, L12                    ; getgid
  jlt #102, L60                    ; getuid
  jge #103, L60, L57               ; syslog
L12:
  jge #134, L60, L57               ; uselib
L13:
  jge #140, L17                    ; getpriority
  jge #137, L16                    ; statfs
  jge #136, L60, L57               ; ustat
L16:
  jge #139, L60, L57               ; sysfs
L17:
  jge #157, L19                    ; prctl
  jge #153, L60, L57               ; vhangup
L19:
  jge #159, L60, L57               ; adjtimex
L20:
  jge #212, L25                    ; lookup_dcookie
  jge #186, L57                    ; gettid
  jge #162, L24                    ; sync
  jge #161, L60, L57               ; chroot
L24:
  jge #163, L60, L57               ; acct
L25:
  jge #228, L28                    ; clock_gettime
  jlt #213, L60                    ; epoll_create
  jge #227, L60, L57               ; clock_settime
L28:
  jge #237, L30                    ; mbind
  jge #236, L60, L57               ; vserver
L30:
  jge #246, L60, L57               ; kexec_load
L31:
  jlt #298, L57                    ; perf_event_open
  jge #332, L45                    ; statx
  jge #304, L37                    ; open_by_handle_at
  jge #302, L57                    ; prlimit64
  jlt #299, L60                    ; recvmmsg
  jge #300, L60, L57               ; fanotify_init
L37:
  jge #318, L42                    ; getrandom
  jge #313, L40                    ; finit_module
  jge #306, L57, L60               ; syncfs
L40:
  jlt #314, L60                    ; sched_setattr
  jge #317, L60, L57               ; seccomp
L42:
  jlt #320, L57                    ; kexec_file_load
  jlt #322, L60                    ; execveat
  jge #329, L60, L57               ; pkey_mprotect
L45:
  jlt #335, L57                    ; uretprobe
  jge #437, L51                    ; openat2
  jge #434, L50                    ; pidfd_open
  jlt #424, L60                    ; pidfd_send_signal
  jge #428, L60, L57               ; open_tree
L50:
  jge #436, L60, L57               ; close_range
L51:
  jge #441, L55                    ; epoll_pwait2
  jge #439, L54                    ; faccessat2
  jge #438, L60, L57               ; pidfd_getfd
L54:
  jge #440, L60, L57               ; process_madvise
L55:
  jge #0x40000000, L58
  jge #442, L60                    ; mount_setattr
L57:
  ret ALLOW
L58:
  jge #0xffffffff, L60
L59:
  ret KILL_THREAD
L60:
  ret ERRNO(1)                     ; EPERM
