  ld [arch]
  jne #0xc000003e, L67             ; x86_64
  ld [nr]
  jge #55, L50                     ; getsockopt
  jge #4, L7                       ; stat
  jge #3, L64                      ; close
  jge #2, L68, L64                 ; open
L7:
  jge #14, L21                     ; rt_sigprocmask
  jge #10, L15                     ; mprotect
  jge #9, L12                      ; mmap
  jge #6, L68                      ; lstat
  jge #5, L64, L68                 ; fstat
L12:
  ld [args[2].lo]
  and #0x4
  ja L58
L15:
  jge #13, L17                     ; rt_sigaction
  jge #11, L64, L68                ; munmap
L17:
  ld [args[0].hi]
  jne #0, L64
  ld [args[0].lo]
  jeq #31, L59, L64
L21:
  jge #40, L24                     ; sendfile
  jge #16, L68                     ; ioctl
  jge #15, L64, L68                ; rt_sigreturn
L24:
  jge #49, L34                     ; bind
  jge #42, L68                     ; connect
  jlt #41, L64                     ; socket
  ld [args[0].hi]
  jne #0, L59
  ld [args[0].lo]
  jne #10, L59
  ld [args[1].lo]
  and #0xf
  jeq #1, L64, L59
L34:
  jge #51, L40                     ; getsockname
  jlt #50, L64                     ; listen
  ld [args[1].hi]
  jne #0, L59
  ld [args[1].lo]
  jgt #1024, L59, L64
L40:
  jlt #54, L68                     ; setsockopt
  ld [args[1].hi]
  jne #0, L59
  ld [args[1].lo]
  jne #1, L59
  ld [args[2].hi]
  jne #0, L59
  ld [args[2].lo]
  jeq #2, L64
  jeq #9, L64, L59
L50:
  jge #258, L60                    ; mkdirat
  jlt #231, L68                    ; exit_group
  jge #257, L54                    ; openat
  jge #234, L68, L64               ; tgkill
L54:
  ld [args[0].lo]
  jne #0xffffff9c, L59
  ld [args[2].lo]
  and #0x3
L58:
  jeq #0, L64
L59:
  ret ERRNO(1)                     ; EPERM
L60:
  jlt #288, L68                    ; accept4
  jge #292, L65                    ; dup3
  jlt #289, L64                    ; signalfd4
  jlt #291, L68                    ; epoll_create1
L64:
  ret ALLOW
L65:
  jlt #0x40000000, L68
  jge #0xffffffff, L68
L67:
  ret KILL_THREAD
L68:
  ret KILL_PROCESS
