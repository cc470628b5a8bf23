  ld [arch]
  jne #0xc000003e, L32             ; x86_64
  ld [nr]
  jge #10, L20                     ; mprotect
  jge #4, L13                      ; stat
  jge #2, L12                      ; open
  jlt #1, L31                      ; write
  ld [args[0].hi]
  jne #0, L32
  ld [args[0].lo]
  jeq #1, L31
  jeq #2, L31, L32
L12:
  jge #3, L31, L32                 ; close
L13:
  jge #6, L15                      ; lstat
  jge #5, L31, L32                 ; fstat
L15:
  jlt #8, L32                      ; lseek
  jlt #9, L31                      ; mmap
  ld [args[2].lo]
  and #0x4
  ja L30
L20:
  jge #16, L24                     ; ioctl
  jge #13, L23                     ; rt_sigaction
  jge #11, L31, L32                ; munmap
L23:
  jge #15, L31, L32                ; rt_sigreturn
L24:
  jge #232, L26                    ; epoll_wait
  jge #231, L31, L32               ; exit_group
L26:
  jlt #257, L32                    ; openat
  jge #258, L32                    ; mkdirat
  ld [args[2].lo]
  and #0x3
L30:
  jne #0, L32
L31:
  ret ALLOW
L32:
  ret KILL_THREAD
