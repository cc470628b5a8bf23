  ld [arch]
  jne #0xc000003e, L32             ; x86_64
  ld [nr]
  jge #16, L24                     ; ioctl
  jge #4, L13                      ; stat
  jge #3, L31                      ; close
  jlt #1, L31                      ; write
  jge #2, L32                      ; open
  ld [args[0].hi]
  jne #0, L32
  ld [args[0].lo]
  jeq #1, L31
  jeq #2, L31, L32
L13:
  jge #10, L21                     ; mprotect
  jge #9, L18                      ; mmap
  jge #8, L31                      ; lseek
  jge #6, L32                      ; lstat
  jge #5, L31, L32                 ; fstat
L18:
  ld [args[2].lo]
  and #0x4
  ja L30
L21:
  jge #13, L23                     ; rt_sigaction
  jge #11, L31, L32                ; munmap
L23:
  jge #15, L31, L32                ; rt_sigreturn
L24:
  jlt #231, L32                    ; exit_group
  jge #258, L32                    ; mkdirat
  jge #257, L28                    ; openat
  jge #232, L32, L31               ; epoll_wait
L28:
  ld [args[2].lo]
  and #0x3
L30:
  jne #0, L32
L31:
  ret ALLOW
L32:
  ret KILL_THREAD
