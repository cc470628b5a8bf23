  ld [arch]
  jne #0xc000003e, L44             ; x86_64
  ld [nr]
  jge #101, L5                     ; ptrace
  jeq #27, L45, L42                ; mincore
L5:
  jge #247, L22                    ; waitid
  jge #186, L17                    ; gettid
  jge #104, L9                     ; getgid
  jeq #102, L42, L45               ; getuid
L9:
  jge #153, L13                    ; vhangup
  jeq #134, L45                    ; uselib
  jeq #136, L45                    ; ustat
  jeq #139, L45, L42               ; sysfs
L13:
  jge #159, L15                    ; adjtimex
  jge #157, L42, L45               ; prctl
L15:
  jeq #160, L42                    ; setrlimit
  jeq #162, L42, L45               ; sync
L17:
  jlt #212, L42                    ; lookup_dcookie
  jlt #213, L45                    ; epoll_create
  jge #246, L45                    ; kexec_load
  jeq #227, L45                    ; clock_settime
  jeq #236, L45, L42               ; vserver
L22:
  jlt #298, L42                    ; perf_event_open
  jge #332, L33                    ; statx
  jge #306, L28                    ; syncfs
  jge #302, L27                    ; prlimit64
  jeq #299, L42, L45               ; recvmmsg
L27:
  jge #304, L45, L42               ; open_by_handle_at
L28:
  jge #320, L31                    ; kexec_file_load
  jeq #313, L45                    ; finit_module
  jeq #317, L45, L42               ; seccomp
L31:
  jlt #322, L45                    ; execveat
  jge #329, L45, L42               ; pkey_mprotect
L33:
  jge #438, L39                    ; pidfd_getfd
  jge #424, L36                    ; pidfd_send_signal
  jge #335, L45, L42               ; uretprobe
L36:
  jge #434, L38                    ; pidfd_open
  jge #428, L45, L42               ; open_tree
L38:
  jeq #436, L45, L42               ; close_range
L39:
  jge #0x40000000, L43
  jeq #439, L42                    ; faccessat2
  jne #441, L45                    ; epoll_pwait2
L42:
  ret ALLOW
L43:
  jge #0xffffffff, L45
L44:
  ret KILL_THREAD
L45:
  ret ERRNO(1)                     ; EPERM
