  ld [arch]
  jne #0xc000003e, L69             ; x86_64
  ld [nr]
  jlt #41, L67                     ; socket
  jge #257, L42                    ; openat
  jge #134, L16                    ; uselib
  jge #57, L15                     ; fork
  jge #56, L13                     ; clone
  jge #42, L67                     ; connect
  ld [args[0].lo]
  jne #40, L67
  ld [args[0].hi]
  jeq #0, L70, L67
L13:
  ld [args[0].lo]
  jset #0x7e020000, L70, L67
L15:
  jeq #103, L70, L67               ; syslog
L16:
  jge #212, L34                    ; lookup_dcookie
  jge #186, L67                    ; gettid
  jge #153, L30                    ; vhangup
  jge #137, L29                    ; statfs
  jne #135, L70                    ; personality
  ld [args[0].lo]
  jeq #0, L27
  jeq #8, L27
  jeq #0x20000, L27
  jeq #0x20008, L27
  jne #0xffffffff, L70
L27:
  ld [args[0].hi]
  jeq #0, L67, L70
L29:
  jeq #139, L70, L67               ; sysfs
L30:
  jge #157, L32                    ; prctl
  jeq #154, L67, L70               ; modify_ldt
L32:
  jlt #161, L67                    ; chroot
  jeq #162, L67, L70               ; sync
L34:
  jge #236, L37                    ; vserver
  jlt #213, L70                    ; epoll_create
  jeq #227, L70, L67               ; clock_settime
L37:
  jge #246, L39                    ; kexec_load
  jge #240, L67, L70               ; mq_open
L39:
  jge #251, L41                    ; ioprio_set
  jeq #247, L67, L70               ; waitid
L41:
  jge #256, L70, L67               ; migrate_pages
L42:
  jlt #272, L67                    ; unshare
  jge #324, L55                    ; membarrier
  jge #298, L47                    ; perf_event_open
  jeq #272, L70                    ; unshare
  jeq #279, L70, L67               ; move_pages
L47:
  jge #312, L52                    ; kcmp
  jge #301, L50                    ; fanotify_mark
  jeq #299, L67, L70               ; recvmmsg
L50:
  jeq #304, L70                    ; open_by_handle_at
  jeq #308, L70, L67               ; setns
L52:
  jge #320, L54                    ; kexec_file_load
  jge #314, L67, L70               ; sched_setattr
L54:
  jeq #322, L67, L70               ; execveat
L55:
  jlt #335, L67                    ; uretprobe
  jge #440, L63                    ; process_madvise
  jge #434, L60                    ; pidfd_open
  jlt #424, L70                    ; pidfd_send_signal
  jge #428, L70, L67               ; open_tree
L60:
  jeq #435, L62                    ; clone3
  jeq #438, L70, L67               ; pidfd_getfd
L62:
  ret ERRNO(38)                    ; ENOSYS
L63:
  jge #444, L65                    ; landlock_create_ruleset
  jeq #441, L67, L70               ; epoll_pwait2
L65:
  jge #0x40000000, L68
  jge #450, L70                    ; set_mempolicy_home_node
L67:
  ret ALLOW
L68:
  jge #0xffffffff, L70
L69:
  ret KILL_THREAD
L70:
  ret ERRNO(1)                     ; EPERM
