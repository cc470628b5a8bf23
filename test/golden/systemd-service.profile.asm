  ld [arch]
  jne #0xc000003e, L59             ; x86_64
  ld [nr]
  jge #101, L6                     ; ptrace
  jlt #27, L57                     ; mincore
  jge #28, L57, L60                ; madvise
L6:
  jge #247, L31                    ; waitid
  jge #186, L24                    ; gettid
  jge #157, L19                    ; prctl
  jge #134, L13                    ; uselib
  jge #104, L57                    ; getgid
  jlt #102, L60                    ; getuid
  jge #103, L60, L57               ; syslog
L13:
  jge #137, L16                    ; statfs
  jlt #135, L60                    ; personality
  jge #136, L60, L57               ; ustat
L16:
  jge #140, L18                    ; getpriority
  jge #139, L60, L57               ; sysfs
L18:
  jge #153, L60, L57               ; vhangup
L19:
  jlt #159, L57                    ; adjtimex
  jge #161, L22                    ; chroot
  jge #160, L57, L60               ; setrlimit
L22:
  jlt #162, L60                    ; sync
  jge #163, L60, L57               ; acct
L24:
  jlt #212, L57                    ; lookup_dcookie
  jge #227, L27                    ; clock_settime
  jge #213, L57, L60               ; epoll_create
L27:
  jge #236, L29                    ; vserver
  jge #228, L57, L60               ; clock_gettime
L29:
  jlt #237, L60                    ; mbind
  jge #246, L60, L57               ; kexec_load
L31:
  jlt #298, L57                    ; perf_event_open
  jge #335, L46                    ; uretprobe
  jge #314, L40                    ; sched_setattr
  jge #302, L37                    ; prlimit64
  jlt #299, L60                    ; recvmmsg
  jge #300, L60, L57               ; fanotify_init
L37:
  jge #306, L39                    ; syncfs
  jge #304, L60, L57               ; open_by_handle_at
L39:
  jge #313, L60, L57               ; finit_module
L40:
  jge #322, L44                    ; execveat
  jge #318, L43                    ; getrandom
  jge #317, L60, L57               ; seccomp
L43:
  jge #320, L60, L57               ; kexec_file_load
L44:
  jge #332, L57                    ; statx
  jge #329, L60, L57               ; pkey_mprotect
L46:
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
