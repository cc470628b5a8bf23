  ld [arch]
  jne #0xc000003e, L59             ; x86_64
  ld [nr]
  jge #247, L31                    ; waitid
  jge #157, L18                    ; prctl
  jge #134, L12                    ; uselib
  jge #101, L9                     ; ptrace
  jlt #27, L57                     ; mincore
  jge #28, L57, L60                ; madvise
L9:
  jge #103, L11                    ; syslog
  jge #102, L57, L60               ; getuid
L11:
  jge #104, L57, L60               ; getgid
L12:
  jge #137, L15                    ; statfs
  jlt #135, L60                    ; personality
  jge #136, L60, L57               ; ustat
L15:
  jge #140, L17                    ; getpriority
  jge #139, L60, L57               ; sysfs
L17:
  jge #153, L60, L57               ; vhangup
L18:
  jge #212, L25                    ; lookup_dcookie
  jge #161, L22                    ; chroot
  jlt #159, L57                    ; adjtimex
  jge #160, L57, L60               ; setrlimit
L22:
  jge #163, L24                    ; acct
  jge #162, L57, L60               ; sync
L24:
  jge #186, L57, L60               ; gettid
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
  jge #332, L45                    ; statx
  jge #313, L39                    ; finit_module
  jge #300, L36                    ; fanotify_init
  jlt #298, L57                    ; perf_event_open
  jge #299, L57, L60               ; recvmmsg
L36:
  jge #304, L38                    ; open_by_handle_at
  jge #302, L57, L60               ; prlimit64
L38:
  jge #306, L57, L60               ; syncfs
L39:
  jge #318, L42                    ; getrandom
  jlt #314, L60                    ; sched_setattr
  jge #317, L60, L57               ; seccomp
L42:
  jge #322, L44                    ; execveat
  jge #320, L60, L57               ; kexec_file_load
L44:
  jge #329, L60, L57               ; pkey_mprotect
L45:
  jge #438, L52                    ; pidfd_getfd
  jge #428, L49                    ; open_tree
  jlt #335, L57                    ; uretprobe
  jge #424, L57, L60               ; pidfd_send_signal
L49:
  jge #436, L51                    ; close_range
  jge #434, L57, L60               ; pidfd_open
L51:
  jge #437, L57, L60               ; openat2
L52:
  jge #441, L55                    ; epoll_pwait2
  jlt #439, L60                    ; faccessat2
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
