  ld [arch]
  jne #0xc000003e, L67             ; x86_64
  ld [nr]
  jge #42, L32                     ; connect
  jge #10, L14                     ; mprotect
  jge #4, L8                       ; stat
  jlt #2, L65                      ; open
  jge #3, L65, L68                 ; close
L8:
  jge #6, L10                      ; lstat
  jge #5, L65, L68                 ; fstat
L10:
  jlt #9, L68                      ; mmap
  ld [args[2].lo]
  and #0x4
  ja L60
L14:
  jge #15, L22                     ; rt_sigreturn
  jge #13, L17                     ; rt_sigaction
  jge #11, L65, L68                ; munmap
L17:
  jge #14, L68                     ; rt_sigprocmask
  ld [args[0].hi]
  jne #0, L65
  ld [args[0].lo]
  jeq #31, L61, L65
L22:
  jge #40, L24                     ; sendfile
  jge #16, L68, L65                ; ioctl
L24:
  jlt #41, L65                     ; socket
  ld [args[0].hi]
  jne #0, L61
  ld [args[0].lo]
  jne #10, L61
  ld [args[1].lo]
  and #0xf
  jeq #1, L65, L61
L32:
  jge #257, L53                    ; openat
  jge #54, L41                     ; setsockopt
  jge #50, L36                     ; listen
  jge #49, L65, L68                ; bind
L36:
  jge #51, L68                     ; getsockname
  ld [args[1].hi]
  jne #0, L61
  ld [args[1].lo]
  jgt #1024, L61, L65
L41:
  jge #231, L52                    ; exit_group
  jge #55, L68                     ; getsockopt
  ld [args[1].hi]
  jne #0, L61
  ld [args[1].lo]
  jne #1, L61
  ld [args[2].hi]
  jne #0, L61
  ld [args[2].lo]
  jeq #2, L65
  jeq #9, L65, L61
L52:
  jge #234, L68, L65               ; tgkill
L53:
  jge #291, L63                    ; epoll_create1
  jge #288, L62                    ; accept4
  jge #258, L68                    ; mkdirat
  ld [args[0].lo]
  jne #0xffffff9c, L61
  ld [args[2].lo]
  and #0x3
L60:
  jeq #0, L65
L61:
  ret ERRNO(1)                     ; EPERM
L62:
  jge #289, L68, L65               ; signalfd4
L63:
  jge #0x40000000, L66
  jge #292, L68                    ; dup3
L65:
  ret ALLOW
L66:
  jge #0xffffffff, L68
L67:
  ret KILL_THREAD
L68:
  ret KILL_PROCESS
