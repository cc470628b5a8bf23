  ld [arch]
  jne #0xc000003e, L52             ; x86_64
  ld [nr]
  jge #257, L31                    ; openat
  jlt #16, L53                     ; ioctl
  jge #186, L22                    ; gettid
  jge #101, L13                    ; ptrace
  jge #17, L10                     ; pread64
  ld [args[1].lo]
  jeq #0x5412, L50, L53
L10:
  jne #56, L53                     ; clone
  ld [args[0].lo]
  jset #0x10000000, L50, L53
L13:
  jge #153, L18                    ; vhangup
  jge #104, L16                    ; getgid
  jeq #102, L53, L50               ; getuid
L16:
  jeq #134, L50                    ; uselib
  jeq #136, L50, L53               ; ustat
L18:
  jge #159, L20                    ; adjtimex
  jge #157, L53, L50               ; prctl
L20:
  jeq #160, L53                    ; setrlimit
  jeq #162, L53, L50               ; sync
L22:
  jlt #212, L53                    ; lookup_dcookie
  jge #236, L26                    ; vserver
  jeq #212, L50                    ; lookup_dcookie
  jeq #227, L50, L53               ; clock_settime
L26:
  jge #246, L28                    ; kexec_load
  jge #239, L53, L50               ; get_mempolicy
L28:
  jge #251, L30                    ; ioprio_set
  jeq #247, L53, L50               ; waitid
L30:
  jge #256, L50, L53               ; migrate_pages
L31:
  jlt #272, L53                    ; unshare
  jge #324, L44                    ; membarrier
  jge #303, L38                    ; name_to_handle_at
  jlt #273, L50                    ; set_robust_list
  jeq #279, L50                    ; move_pages
  jeq #298, L50                    ; perf_event_open
  jeq #300, L50, L53               ; fanotify_init
L38:
  jge #314, L42                    ; sched_setattr
  jge #308, L41                    ; setns
  jge #306, L53, L50               ; syncfs
L41:
  jeq #309, L53, L50               ; getcpu
L42:
  jlt #320, L53                    ; kexec_file_load
  jeq #322, L53, L50               ; execveat
L44:
  jlt #425, L53                    ; io_uring_setup
  jge #442, L48                    ; mount_setattr
  jlt #434, L50                    ; pidfd_open
  jeq #438, L50, L53               ; pidfd_getfd
L48:
  jge #0x40000000, L51
  jge #444, L53                    ; landlock_create_ruleset
L50:
  ret ERRNO(1)                     ; EPERM
L51:
  jge #0xffffffff, L53
L52:
  ret KILL_THREAD
L53:
  ret ALLOW
