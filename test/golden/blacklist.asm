  ld [arch]
  jne #0xc000003e, L67             ; x86_64
  ld [nr]
  jge #248, L37                    ; add_key
  jge #157, L23                    ; prctl
  jge #103, L17                    ; syslog
  jge #56, L11                     ; clone
  jlt #16, L68                     ; ioctl
  jge #17, L68                     ; pread64
  ld [args[1].lo]
  jeq #0x5412, L65, L68
L11:
  jge #101, L16                    ; ptrace
  jge #57, L68                     ; fork
  ld [args[0].lo]
  and #0x10000000
  jeq #0, L68, L65
L16:
  jge #102, L68, L65               ; getuid
L17:
  jge #135, L20                    ; personality
  jlt #104, L65                    ; getgid
  jge #134, L65, L68               ; uselib
L20:
  jge #137, L22                    ; statfs
  jge #136, L65, L68               ; ustat
L22:
  jge #153, L65, L68               ; vhangup
L23:
  jge #212, L30                    ; lookup_dcookie
  jge #161, L27                    ; chroot
  jlt #159, L68                    ; adjtimex
  jge #160, L68, L65               ; setrlimit
L27:
  jge #163, L29                    ; acct
  jge #162, L68, L65               ; sync
L29:
  jge #186, L68, L65               ; gettid
L30:
  jge #236, L34                    ; vserver
  jge #227, L33                    ; clock_settime
  jge #213, L68, L65               ; epoll_create
L33:
  jge #228, L68, L65               ; clock_gettime
L34:
  jge #246, L36                    ; kexec_load
  jge #239, L68, L65               ; get_mempolicy
L36:
  jge #247, L68, L65               ; waitid
L37:
  jge #309, L52                    ; getcpu
  jge #280, L45                    ; utimensat
  jge #257, L42                    ; openat
  jlt #251, L65                    ; ioprio_set
  jge #256, L65, L68               ; migrate_pages
L42:
  jge #273, L44                    ; set_robust_list
  jge #272, L65, L68               ; unshare
L44:
  jge #279, L65, L68               ; move_pages
L45:
  jge #301, L49                    ; fanotify_mark
  jge #299, L48                    ; recvmmsg
  jge #298, L65, L68               ; perf_event_open
L48:
  jge #300, L65, L68               ; fanotify_init
L49:
  jge #306, L51                    ; syncfs
  jge #303, L65, L68               ; name_to_handle_at
L51:
  jge #308, L65, L68               ; setns
L52:
  jge #425, L59                    ; io_uring_setup
  jge #320, L56                    ; kexec_file_load
  jlt #310, L68                    ; process_vm_readv
  jge #314, L68, L65               ; sched_setattr
L56:
  jge #323, L58                    ; userfaultfd
  jge #322, L68, L65               ; execveat
L58:
  jge #324, L68, L65               ; membarrier
L59:
  jge #442, L63                    ; mount_setattr
  jge #438, L62                    ; pidfd_getfd
  jge #434, L68, L65               ; pidfd_open
L62:
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
