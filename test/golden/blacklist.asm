  ld [arch]
  jne #0xc000003e, L51             ; x86_64
  ld [nr]
  jge #257, L30                    ; openat
  jlt #16, L52                     ; ioctl
  jge #101, L12                    ; ptrace
  jge #17, L9                      ; pread64
  ld [args[1].lo]
  jeq #0x5412, L49, L52
L9:
  jne #56, L52                     ; clone
  ld [args[0].lo]
  jset #0x10000000, L49, L52
L12:
  jge #186, L22                    ; gettid
  jge #153, L18                    ; vhangup
  jge #104, L16                    ; getgid
  jeq #102, L52, L49               ; getuid
L16:
  jeq #134, L49                    ; uselib
  jeq #136, L49, L52               ; ustat
L18:
  jge #159, L20                    ; adjtimex
  jge #157, L52, L49               ; prctl
L20:
  jeq #160, L52                    ; setrlimit
  jeq #162, L52, L49               ; sync
L22:
  jge #236, L25                    ; vserver
  jeq #212, L49                    ; lookup_dcookie
  jeq #227, L49, L52               ; clock_settime
L25:
  jge #246, L27                    ; kexec_load
  jge #239, L52, L49               ; get_mempolicy
L27:
  jge #251, L29                    ; ioprio_set
  jeq #247, L52, L49               ; waitid
L29:
  jge #256, L49, L52               ; migrate_pages
L30:
  jlt #272, L52                    ; unshare
  jge #324, L43                    ; membarrier
  jge #303, L37                    ; name_to_handle_at
  jlt #273, L49                    ; set_robust_list
  jeq #279, L49                    ; move_pages
  jeq #298, L49                    ; perf_event_open
  jeq #300, L49, L52               ; fanotify_init
L37:
  jge #314, L41                    ; sched_setattr
  jge #308, L40                    ; setns
  jge #306, L52, L49               ; syncfs
L40:
  jeq #309, L52, L49               ; getcpu
L41:
  jlt #320, L52                    ; kexec_file_load
  jeq #322, L52, L49               ; execveat
L43:
  jlt #425, L52                    ; io_uring_setup
  jge #442, L47                    ; mount_setattr
  jlt #434, L49                    ; pidfd_open
  jeq #438, L49, L52               ; pidfd_getfd
L47:
  jge #0x40000000, L50
  jge #444, L52                    ; landlock_create_ruleset
L49:
  ret ERRNO(1)                     ; EPERM
L50:
  jge #0xffffffff, L52
L51:
  ret KILL_THREAD
L52:
  ret ALLOW
