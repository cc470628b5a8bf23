  ld [arch]
  jne #0xc000003e, L66             ; x86_64
  ld [nr]
  jge #257, L39                    ; openat
  jlt #16, L67                     ; ioctl
  jge #101, L13                    ; ptrace
  jge #57, L67                     ; fork
  jge #17, L10                     ; pread64
  ld [args[1].lo]
  jeq #0x5412, L64, L67
L10:
  jlt #56, L67                     ; clone
  ld [args[0].lo]
  jset #0x10000000, L64, L67
L13:
  jge #186, L28                    ; gettid
  jge #137, L21                    ; statfs
  jge #104, L18                    ; getgid
  jlt #102, L64                    ; getuid
  jge #103, L64, L67               ; syslog
L18:
  jge #135, L20                    ; personality
  jge #134, L64, L67               ; uselib
L20:
  jge #136, L64, L67               ; ustat
L21:
  jge #160, L25                    ; setrlimit
  jge #157, L24                    ; prctl
  jge #153, L64, L67               ; vhangup
L24:
  jge #159, L64, L67               ; adjtimex
L25:
  jge #162, L27                    ; sync
  jge #161, L64, L67               ; chroot
L27:
  jge #163, L64, L67               ; acct
L28:
  jge #228, L32                    ; clock_gettime
  jlt #212, L67                    ; lookup_dcookie
  jlt #213, L64                    ; epoll_create
  jge #227, L64, L67               ; clock_settime
L32:
  jge #247, L36                    ; waitid
  jge #239, L35                    ; get_mempolicy
  jge #236, L64, L67               ; vserver
L35:
  jge #246, L64, L67               ; kexec_load
L36:
  jge #251, L38                    ; ioprio_set
  jge #248, L64, L67               ; add_key
L38:
  jge #256, L64, L67               ; migrate_pages
L39:
  jlt #272, L67                    ; unshare
  jge #324, L57                    ; membarrier
  jge #301, L48                    ; fanotify_mark
  jge #279, L44                    ; move_pages
  jge #273, L67, L64               ; set_robust_list
L44:
  jge #298, L46                    ; perf_event_open
  jge #280, L67, L64               ; utimensat
L46:
  jlt #299, L64                    ; recvmmsg
  jge #300, L64, L67               ; fanotify_init
L48:
  jge #309, L52                    ; getcpu
  jlt #303, L67                    ; name_to_handle_at
  jlt #306, L64                    ; syncfs
  jge #308, L64, L67               ; setns
L52:
  jge #320, L55                    ; kexec_file_load
  jge #314, L67                    ; sched_setattr
  jge #310, L64, L67               ; process_vm_readv
L55:
  jlt #322, L64                    ; execveat
  jge #323, L64, L67               ; userfaultfd
L57:
  jlt #425, L67                    ; io_uring_setup
  jge #438, L60                    ; pidfd_getfd
  jge #434, L67, L64               ; pidfd_open
L60:
  jge #442, L62                    ; mount_setattr
  jge #439, L67, L64               ; faccessat2
L62:
  jge #0x40000000, L65
  jge #444, L67                    ; landlock_create_ruleset
L64:
  ret ERRNO(1)                     ; EPERM
L65:
  jge #0xffffffff, L67
L66:
  ret KILL_THREAD
L67:
  ret ALLOW
