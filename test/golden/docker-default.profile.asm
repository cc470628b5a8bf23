  ld [arch]
  jne #0xc000003e, L69             ; x86_64
  ld [nr]
  jge #257, L43                    ; openat
  jlt #41, L67                     ; socket
  jge #186, L34                    ; gettid
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
  jlt #103, L67                    ; syslog
  jge #153, L30                    ; vhangup
  jge #137, L29                    ; statfs
  jge #134, L20                    ; uselib
  jge #104, L67, L70               ; getgid
L20:
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
  jlt #212, L67                    ; lookup_dcookie
  jge #236, L38                    ; vserver
  jeq #212, L70                    ; lookup_dcookie
  jeq #227, L70, L67               ; clock_settime
L38:
  jge #246, L40                    ; kexec_load
  jge #240, L67, L70               ; mq_open
L40:
  jge #251, L42                    ; ioprio_set
  jeq #247, L67, L70               ; waitid
L42:
  jge #256, L70, L67               ; migrate_pages
L43:
  jlt #272, L67                    ; unshare
  jge #312, L51                    ; kcmp
  jlt #273, L70                    ; set_robust_list
  jeq #279, L70                    ; move_pages
  jeq #298, L70                    ; perf_event_open
  jeq #300, L70                    ; fanotify_init
  jeq #304, L70                    ; open_by_handle_at
  jeq #308, L70, L67               ; setns
L51:
  jge #335, L56                    ; uretprobe
  jge #324, L67                    ; membarrier
  jge #320, L55                    ; kexec_file_load
  jge #314, L67, L70               ; sched_setattr
L55:
  jeq #322, L67, L70               ; execveat
L56:
  jge #438, L62                    ; pidfd_getfd
  jge #434, L60                    ; pidfd_open
  jlt #424, L70                    ; pidfd_send_signal
  jge #428, L70, L67               ; open_tree
L60:
  jne #435, L67                    ; clone3
  ret ERRNO(38)                    ; ENOSYS
L62:
  jge #444, L65                    ; landlock_create_ruleset
  jeq #439, L67                    ; faccessat2
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
