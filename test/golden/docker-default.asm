  ld [arch]
  jne #0xc000003e, L85             ; x86_64
  ld [nr]
  jge #272, L51                    ; unshare
  jge #157, L35                    ; prctl
  jge #135, L20                    ; personality
  jge #57, L17                     ; fork
  jge #42, L13                     ; connect
  jlt #41, L82                     ; socket
  ld [args[0].hi]
  jne #0, L82
  ld [args[0].lo]
  jeq #40, L86, L82
L13:
  jlt #56, L82                     ; clone
  ld [args[0].lo]
  and #0x7e020000
  jeq #0, L82, L86
L17:
  jge #104, L19                    ; getgid
  jge #103, L86, L82               ; syslog
L19:
  jge #134, L86, L82               ; uselib
L20:
  jge #140, L32                    ; getpriority
  jge #137, L31                    ; statfs
  jge #136, L86                    ; ustat
  ld [args[0].hi]
  jne #0, L86
  ld [args[0].lo]
  jeq #0, L82
  jeq #8, L82
  jeq #0x20000, L82
  jeq #0x20008, L82
  jeq #0xffffffff, L82, L86
L31:
  jge #139, L86, L82               ; sysfs
L32:
  jge #154, L34                    ; modify_ldt
  jge #153, L86, L82               ; vhangup
L34:
  jge #155, L86, L82               ; pivot_root
L35:
  jge #228, L43                    ; clock_gettime
  jge #186, L40                    ; gettid
  jge #162, L39                    ; sync
  jge #161, L86, L82               ; chroot
L39:
  jge #163, L86, L82               ; acct
L40:
  jge #213, L42                    ; epoll_create
  jge #212, L86, L82               ; lookup_dcookie
L42:
  jge #227, L86, L82               ; clock_settime
L43:
  jge #247, L47                    ; waitid
  jge #240, L46                    ; mq_open
  jge #236, L86, L82               ; vserver
L46:
  jge #246, L86, L82               ; kexec_load
L47:
  jge #251, L49                    ; ioprio_set
  jge #248, L86, L82               ; add_key
L49:
  jlt #256, L82                    ; migrate_pages
  jge #257, L82, L86               ; openat
L51:
  jge #323, L67                    ; userfaultfd
  jge #304, L60                    ; open_by_handle_at
  jge #298, L57                    ; perf_event_open
  jge #279, L56                    ; move_pages
  jge #273, L82, L86               ; set_robust_list
L56:
  jge #280, L82, L86               ; utimensat
L57:
  jge #300, L59                    ; fanotify_init
  jge #299, L82, L86               ; recvmmsg
L59:
  jge #301, L82, L86               ; fanotify_mark
L60:
  jge #312, L64                    ; kcmp
  jge #308, L63                    ; setns
  jge #305, L82, L86               ; clock_adjtime
L63:
  jge #309, L82, L86               ; getcpu
L64:
  jge #320, L66                    ; kexec_file_load
  jge #314, L82, L86               ; sched_setattr
L66:
  jge #322, L82, L86               ; execveat
L67:
  jge #438, L76                    ; pidfd_getfd
  jge #428, L72                    ; open_tree
  jge #335, L71                    ; uretprobe
  jge #324, L82, L86               ; membarrier
L71:
  jge #424, L82, L86               ; pidfd_send_signal
L72:
  jge #435, L74                    ; clone3
  jge #434, L82, L86               ; pidfd_open
L74:
  jge #436, L82                    ; close_range
  ret ERRNO(38)                    ; ENOSYS
L76:
  jge #442, L80                    ; mount_setattr
  jge #440, L79                    ; process_madvise
  jge #439, L82, L86               ; faccessat2
L79:
  jge #441, L82, L86               ; epoll_pwait2
L80:
  jge #450, L83                    ; set_mempolicy_home_node
  jlt #444, L86                    ; landlock_create_ruleset
L82:
  ret ALLOW
L83:
  jlt #0x40000000, L86
  jge #0xffffffff, L86
L85:
  ret KILL_THREAD
L86:
  ret ERRNO(1)                     ; EPERM
