  ld [arch]
  jne #0xc000003e, L59             ; x86_64
  ld [nr]
  jge #55, L44                     ; getsockopt
  jge #11, L11                     ; munmap
  jge #4, L7                       ; stat
  jeq #2, L60, L57                 ; open
L7:
  jeq #9, L9                       ; mmap
  jeq #5, L57, L60                 ; fstat
L9:
  ld [args[2].lo]
  jset #0x4, L52, L57
L11:
  jge #16, L18                     ; ioctl
  jeq #13, L14                     ; rt_sigaction
  jeq #14, L60, L57                ; rt_sigprocmask
L14:
  ld [args[0].lo]
  jne #31, L57
  ld [args[0].hi]
  jeq #0, L52, L57
L18:
  jge #42, L28                     ; connect
  jlt #40, L60                     ; sendfile
  jlt #41, L57                     ; socket
  ld [args[0].lo]
  jne #10, L52
  ld [args[0].hi]
  jne #0, L52
  ld [args[1].lo]
  and #0xf
  jeq #1, L57, L52
L28:
  jge #54, L35                     ; setsockopt
  jeq #49, L57                     ; bind
  jne #50, L60                     ; listen
  ld [args[1].hi]
  jne #0, L52
  ld [args[1].lo]
  jgt #1024, L52, L57
L35:
  ld [args[1].lo]
  jne #1, L52
  ld [args[1].hi]
  jne #0, L52
  ld [args[2].lo]
  jeq #2, L42
  jne #9, L52
L42:
  ld [args[2].hi]
  jeq #0, L57, L52
L44:
  jge #258, L53                    ; mkdirat
  jlt #231, L60                    ; exit_group
  jge #257, L48                    ; openat
  jge #234, L60, L57               ; tgkill
L48:
  ld [args[0].lo]
  jne #0xffffff9c, L52
  ld [args[2].lo]
  jnset #0x3, L57
L52:
  ret ERRNO(1)                     ; EPERM
L53:
  jlt #288, L60                    ; accept4
  jlt #289, L57                    ; signalfd4
  jge #0x40000000, L58
  jne #291, L60                    ; epoll_create1
L57:
  ret ALLOW
L58:
  jge #0xffffffff, L60
L59:
  ret KILL_THREAD
L60:
  ret KILL_PROCESS
