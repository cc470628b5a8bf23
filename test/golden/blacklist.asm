  ld [arch]
  jne #0xc000003e, L67             ; x86_64
  ld [nr]
  jge #257, L40                    ; openat
  jlt #16, L68                     ; ioctl
  jge #101, L14                    ; ptrace
  jge #57, L68                     ; fork
  jge #17, L10                     ; pread64
  ld [args[1].lo]
  jeq #0x5412, L65, L68
L10:
  jlt #56, L68                     ; clone
  ld [args[0].lo]
  and #0x10000000
  jeq #0, L68, L65
L14:
  jge #186, L29                    ; gettid
  jge #137, L22                    ; statfs
  jge #104, L19                    ; getgid
  jlt #102, L65                    ; getuid
  jge #103, L65, L68               ; syslog
L19:
  jge #135, L21                    ; personality
  jge #134, L65, L68               ; uselib
L21:
  jge #136, L65, L68               ; ustat
L22:
  jge #160, L26                    ; setrlimit
  jge #157, L25                    ; prctl
  jge #153, L65, L68               ; vhangup
L25:
  jge #159, L65, L68               ; adjtimex
L26:
  jge #162, L28                    ; sync
  jge #161, L65, L68               ; chroot
L28:
  jge #163, L65, L68               ; acct
L29:
  jge #228, L33                    ; clock_gettime
  jlt #212, L68                    ; lookup_dcookie
  jlt #213, L65                    ; epoll_create
  jge #227, L65, L68               ; clock_settime
L33:
  jge #247, L37                    ; waitid
  jge #239, L36                    ; get_mempolicy
  jge #236, L65, L68               ; vserver
L36:
  jge #246, L65, L68               ; kexec_load
L37:
  jge #251, L39                    ; ioprio_set
  jge #248, L65, L68               ; add_key
L39:
  jge #256, L65, L68               ; migrate_pages
L40:
  jlt #272, L68                    ; unshare
  jge #324, L58                    ; membarrier
  jge #301, L49                    ; fanotify_mark
  jge #279, L45                    ; move_pages
  jge #273, L68, L65               ; set_robust_list
L45:
  jge #298, L47                    ; perf_event_open
  jge #280, L68, L65               ; utimensat
L47:
  jlt #299, L65                    ; recvmmsg
  jge #300, L65, L68               ; fanotify_init
L49:
  jge #309, L53                    ; getcpu
  jlt #303, L68                    ; name_to_handle_at
  jlt #306, L65                    ; syncfs
  jge #308, L65, L68               ; setns
L53:
  jge #320, L56                    ; kexec_file_load
  jge #314, L68                    ; sched_setattr
  jge #310, L65, L68               ; process_vm_readv
L56:
  jlt #322, L65                    ; execveat
  jge #323, L65, L68               ; userfaultfd
L58:
  jlt #425, L68                    ; io_uring_setup
  jge #438, L61                    ; pidfd_getfd
  jge #434, L68, L65               ; pidfd_open
L61:
  jge #442, L63                    ; mount_setattr
  jge #439, L68, L65               ; faccessat2
L63:
  jge #0x40000000, L66
  jge #444, L68                    ; landlock_create_ruleset
L65:
  ret ERRNO(1)                     ; EPERM
L66:
  jge #0xffffffff, L68
L67:
  ret KILL_THREAD
L68:
  ret ALLOW
