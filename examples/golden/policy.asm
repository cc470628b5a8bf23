  ld [arch]
  jne #0xc000003e, L65             ; x86_64
  ld [nr]
  jge #55, L49                     ; getsockopt
  jge #4, L7                       ; stat
  jge #3, L62                      ; close
  jge #2, L66, L62                 ; open
L7:
  jge #14, L20                     ; rt_sigprocmask
  jge #10, L14                     ; mprotect
  jge #9, L12                      ; mmap
  jge #6, L66                      ; lstat
  jge #5, L62, L66                 ; fstat
L12:
  ld [args[2].lo]
  jset #0x4, L57, L62
L14:
  jge #13, L16                     ; rt_sigaction
  jge #11, L62, L66                ; munmap
L16:
  ld [args[0].lo]
  jne #31, L62
  ld [args[0].hi]
  jeq #0, L57, L62
L20:
  jge #40, L23                     ; sendfile
  jge #16, L66                     ; ioctl
  jge #15, L62, L66                ; rt_sigreturn
L23:
  jge #49, L33                     ; bind
  jge #42, L66                     ; connect
  jlt #41, L62                     ; socket
  ld [args[0].lo]
  jne #10, L57
  ld [args[0].hi]
  jne #0, L57
  ld [args[1].lo]
  and #0xf
  jeq #1, L62, L57
L33:
  jge #51, L39                     ; getsockname
  jlt #50, L62                     ; listen
  ld [args[1].hi]
  jne #0, L57
  ld [args[1].lo]
  jgt #1024, L57, L62
L39:
  jlt #54, L66                     ; setsockopt
  ld [args[1].lo]
  jne #1, L57
  ld [args[1].hi]
  jne #0, L57
  ld [args[2].lo]
  jeq #2, L47
  jne #9, L57
L47:
  ld [args[2].hi]
  jeq #0, L62, L57
L49:
  jge #258, L58                    ; mkdirat
  jlt #231, L66                    ; exit_group
  jge #257, L53                    ; openat
  jge #234, L66, L62               ; tgkill
L53:
  ld [args[0].lo]
  jne #0xffffff9c, L57
  ld [args[2].lo]
  jnset #0x3, L62
L57:
  ret ERRNO(1)                     ; EPERM
L58:
  jlt #288, L66                    ; accept4
  jge #292, L63                    ; dup3
  jlt #289, L62                    ; signalfd4
  jlt #291, L66                    ; epoll_create1
L62:
  ret ALLOW
L63:
  jlt #0x40000000, L66
  jge #0xffffffff, L66
L65:
  ret KILL_THREAD
L66:
  ret KILL_PROCESS
