  ld [arch]
  jne #0xc000003e, L84             ; x86_64
  ld [nr]
  jlt #41, L82                     ; socket
  jge #257, L49                    ; openat
  jge #186, L38                    ; gettid
  jge #57, L15                     ; fork
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
  jlt #103, L82                    ; syslog
  jge #140, L31                    ; getpriority
  jge #135, L20                    ; personality
  jlt #104, L85                    ; getgid
  jge #134, L85, L82               ; uselib
L20:
  jge #137, L30                    ; statfs
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
  jge #139, L85, L82               ; sysfs
L31:
  jge #157, L35                    ; prctl
  jge #154, L34                    ; modify_ldt
  jge #153, L85, L82               ; vhangup
L34:
  jge #155, L85, L82               ; pivot_root
L35:
  jge #162, L37                    ; sync
  jge #161, L85, L82               ; chroot
L37:
  jge #163, L85, L82               ; acct
L38:
  jlt #212, L82                    ; lookup_dcookie
  jge #227, L41                    ; clock_settime
  jge #213, L82, L85               ; epoll_create
L41:
  jge #246, L45                    ; kexec_load
  jge #236, L44                    ; vserver
  jge #228, L82, L85               ; clock_gettime
L44:
  jge #240, L82, L85               ; mq_open
L45:
  jge #248, L47                    ; add_key
  jge #247, L82, L85               ; waitid
L47:
  jlt #251, L85                    ; ioprio_set
  jge #256, L85, L82               ; migrate_pages
L49:
  jlt #272, L82                    ; unshare
  jge #324, L67                    ; membarrier
  jge #298, L55                    ; perf_event_open
  jge #279, L54                    ; move_pages
  jge #273, L82, L85               ; set_robust_list
L54:
  jge #280, L82, L85               ; utimensat
L55:
  jge #305, L60                    ; clock_adjtime
  jge #301, L59                    ; fanotify_mark
  jlt #299, L85                    ; recvmmsg
  jge #300, L85, L82               ; fanotify_init
L59:
  jge #304, L85, L82               ; open_by_handle_at
L60:
  jge #314, L64                    ; sched_setattr
  jge #309, L63                    ; getcpu
  jge #308, L85, L82               ; setns
L63:
  jge #312, L85, L82               ; kcmp
L64:
  jge #322, L66                    ; execveat
  jge #320, L85, L82               ; kexec_file_load
L66:
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
