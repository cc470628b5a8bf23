  ld [arch]
  jne #0xc000003e, L85             ; x86_64
  ld [nr]
  jlt #41, L83                     ; socket
  jge #257, L50                    ; openat
  jge #103, L16                    ; syslog
  jge #57, L83                     ; fork
  jge #56, L13                     ; clone
  jge #42, L83                     ; connect
  ld [args[0].hi]
  jne #0, L83
  ld [args[0].lo]
  jeq #40, L86, L83
L13:
  ld [args[0].lo]
  and #0x7e020000
  jeq #0, L83, L86
L16:
  jge #186, L39                    ; gettid
  jge #134, L19                    ; uselib
  jge #104, L83, L86               ; getgid
L19:
  jge #154, L34                    ; modify_ldt
  jge #137, L31                    ; statfs
  jlt #135, L86                    ; personality
  jge #136, L86                    ; ustat
  ld [args[0].hi]
  jne #0, L86
  ld [args[0].lo]
  jeq #0, L83
  jeq #8, L83
  jeq #0x20000, L83
  jeq #0x20008, L83
  jeq #0xffffffff, L83, L86
L31:
  jge #140, L33                    ; getpriority
  jge #139, L86, L83               ; sysfs
L33:
  jge #153, L86, L83               ; vhangup
L34:
  jge #161, L37                    ; chroot
  jge #157, L83                    ; prctl
  jge #155, L86, L83               ; pivot_root
L37:
  jlt #162, L86                    ; sync
  jge #163, L86, L83               ; acct
L39:
  jlt #212, L83                    ; lookup_dcookie
  jge #236, L44                    ; vserver
  jge #227, L43                    ; clock_settime
  jge #213, L83, L86               ; epoll_create
L43:
  jge #228, L83, L86               ; clock_gettime
L44:
  jge #247, L47                    ; waitid
  jlt #240, L86                    ; mq_open
  jge #246, L86, L83               ; kexec_load
L47:
  jge #251, L49                    ; ioprio_set
  jge #248, L86, L83               ; add_key
L49:
  jge #256, L86, L83               ; migrate_pages
L50:
  jlt #272, L83                    ; unshare
  jge #324, L68                    ; membarrier
  jge #301, L59                    ; fanotify_mark
  jge #279, L55                    ; move_pages
  jge #273, L83, L86               ; set_robust_list
L55:
  jge #298, L57                    ; perf_event_open
  jge #280, L83, L86               ; utimensat
L57:
  jlt #299, L86                    ; recvmmsg
  jge #300, L86, L83               ; fanotify_init
L59:
  jge #309, L63                    ; getcpu
  jlt #304, L83                    ; open_by_handle_at
  jlt #305, L86                    ; clock_adjtime
  jge #308, L86, L83               ; setns
L63:
  jge #320, L66                    ; kexec_file_load
  jge #314, L83                    ; sched_setattr
  jge #312, L86, L83               ; kcmp
L66:
  jlt #322, L86                    ; execveat
  jge #323, L86, L83               ; userfaultfd
L68:
  jlt #335, L83                    ; uretprobe
  jge #439, L77                    ; faccessat2
  jge #435, L74                    ; clone3
  jge #428, L73                    ; open_tree
  jge #424, L83, L86               ; pidfd_send_signal
L73:
  jge #434, L83, L86               ; pidfd_open
L74:
  jge #436, L76                    ; close_range
  ret ERRNO(38)                    ; ENOSYS
L76:
  jge #438, L86, L83               ; pidfd_getfd
L77:
  jge #444, L81                    ; landlock_create_ruleset
  jge #441, L80                    ; epoll_pwait2
  jge #440, L86, L83               ; process_madvise
L80:
  jge #442, L86, L83               ; mount_setattr
L81:
  jge #0x40000000, L84
  jge #450, L86                    ; set_mempolicy_home_node
L83:
  ret ALLOW
L84:
  jge #0xffffffff, L86
L85:
  ret KILL_THREAD
L86:
  ret ERRNO(1)                     ; EPERM
