  ld [arch]
  jne #0xc000003e, L84             ; x86_64
  ld [nr]
  jlt #41, L82                     ; socket
  jge #257, L49                    ; openat
  jge #103, L15                    ; syslog
  jge #57, L82                     ; fork
  jge #56, L13                     ; clone
  jge #42, L82                     ; connect
  ld [args[0].lo]
  jne #40, L82
  ld [args[0].hi]
  jeq #0, L85, L82
L13:
  ld [args[0].lo]
  jset #0x7e020000, L85, L82
L15:
  jge #186, L38                    ; gettid
  jge #134, L18                    ; uselib
  jge #104, L82, L85               ; getgid
L18:
  jge #154, L33                    ; modify_ldt
  jge #137, L30                    ; statfs
  jlt #135, L85                    ; personality
  jge #136, L85                    ; ustat
  ld [args[0].lo]
  jeq #0, L28
  jeq #8, L28
  jeq #0x20000, L28
  jeq #0x20008, L28
  jne #0xffffffff, L85
L28:
  ld [args[0].hi]
  jeq #0, L82, L85
L30:
  jge #140, L32                    ; getpriority
  jge #139, L85, L82               ; sysfs
L32:
  jge #153, L85, L82               ; vhangup
L33:
  jge #161, L36                    ; chroot
  jge #157, L82                    ; prctl
  jge #155, L85, L82               ; pivot_root
L36:
  jlt #162, L85                    ; sync
  jge #163, L85, L82               ; acct
L38:
  jlt #212, L82                    ; lookup_dcookie
  jge #236, L43                    ; vserver
  jge #227, L42                    ; clock_settime
  jge #213, L82, L85               ; epoll_create
L42:
  jge #228, L82, L85               ; clock_gettime
L43:
  jge #247, L46                    ; waitid
  jlt #240, L85                    ; mq_open
  jge #246, L85, L82               ; kexec_load
L46:
  jge #251, L48                    ; ioprio_set
  jge #248, L85, L82               ; add_key
L48:
  jge #256, L85, L82               ; migrate_pages
L49:
  jlt #272, L82                    ; unshare
  jge #324, L67                    ; membarrier
  jge #301, L58                    ; fanotify_mark
  jge #279, L54                    ; move_pages
  jge #273, L82, L85               ; set_robust_list
L54:
  jge #298, L56                    ; perf_event_open
  jge #280, L82, L85               ; utimensat
L56:
  jlt #299, L85                    ; recvmmsg
  jge #300, L85, L82               ; fanotify_init
L58:
  jge #309, L62                    ; getcpu
  jlt #304, L82                    ; open_by_handle_at
  jlt #305, L85                    ; clock_adjtime
  jge #308, L85, L82               ; setns
L62:
  jge #320, L65                    ; kexec_file_load
  jge #314, L82                    ; sched_setattr
  jge #312, L85, L82               ; kcmp
L65:
  jlt #322, L85                    ; execveat
  jge #323, L85, L82               ; userfaultfd
L67:
  jlt #335, L82                    ; uretprobe
  jge #439, L76                    ; faccessat2
  jge #435, L73                    ; clone3
  jge #428, L72                    ; open_tree
  jge #424, L82, L85               ; pidfd_send_signal
L72:
  jge #434, L82, L85               ; pidfd_open
L73:
  jge #436, L75                    ; close_range
  ret ERRNO(38)                    ; ENOSYS
L75:
  jge #438, L85, L82               ; pidfd_getfd
L76:
  jge #444, L80                    ; landlock_create_ruleset
  jge #441, L79                    ; epoll_pwait2
  jge #440, L85, L82               ; process_madvise
L79:
  jge #442, L85, L82               ; mount_setattr
L80:
  jge #0x40000000, L83
  jge #450, L85                    ; set_mempolicy_home_node
L82:
  ret ALLOW
L83:
  jge #0xffffffff, L85
L84:
  ret KILL_THREAD
L85:
  ret ERRNO(1)                     ; EPERM
