  ld [arch]
  jne #0xc000003e, L85             ; x86_64
  ld [nr]
  jlt #41, L83                     ; socket
  jge #257, L50                    ; openat
  jge #186, L39                    ; gettid
  jge #57, L16                     ; fork
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
  jlt #103, L83                    ; syslog
  jge #140, L32                    ; getpriority
  jge #135, L21                    ; personality
  jlt #104, L86                    ; getgid
  jge #134, L86, L83               ; uselib
L21:
  jge #137, L31                    ; statfs
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
  jge #139, L86, L83               ; sysfs
L32:
  jge #157, L36                    ; prctl
  jge #154, L35                    ; modify_ldt
  jge #153, L86, L83               ; vhangup
L35:
  jge #155, L86, L83               ; pivot_root
L36:
  jge #162, L38                    ; sync
  jge #161, L86, L83               ; chroot
L38:
  jge #163, L86, L83               ; acct
L39:
  jlt #212, L83                    ; lookup_dcookie
  jge #227, L42                    ; clock_settime
  jge #213, L83, L86               ; epoll_create
L42:
  jge #246, L46                    ; kexec_load
  jge #236, L45                    ; vserver
  jge #228, L83, L86               ; clock_gettime
L45:
  jge #240, L83, L86               ; mq_open
L46:
  jge #248, L48                    ; add_key
  jge #247, L83, L86               ; waitid
L48:
  jlt #251, L86                    ; ioprio_set
  jge #256, L86, L83               ; migrate_pages
L50:
  jlt #272, L83                    ; unshare
  jge #324, L68                    ; membarrier
  jge #298, L56                    ; perf_event_open
  jge #279, L55                    ; move_pages
  jge #273, L83, L86               ; set_robust_list
L55:
  jge #280, L83, L86               ; utimensat
L56:
  jge #305, L61                    ; clock_adjtime
  jge #301, L60                    ; fanotify_mark
  jlt #299, L86                    ; recvmmsg
  jge #300, L86, L83               ; fanotify_init
L60:
  jge #304, L86, L83               ; open_by_handle_at
L61:
  jge #314, L65                    ; sched_setattr
  jge #309, L64                    ; getcpu
  jge #308, L86, L83               ; setns
L64:
  jge #312, L86, L83               ; kcmp
L65:
  jge #322, L67                    ; execveat
  jge #320, L86, L83               ; kexec_file_load
L67:
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
