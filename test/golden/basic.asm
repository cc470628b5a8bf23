  ld [arch]
  jne #0xc000003e, L30             ; x86_64
  ld [nr]
  jge #16, L23                     ; ioctl
  jge #4, L13                      ; stat
  jge #3, L29                      ; close
  jlt #1, L29                      ; write
  jge #2, L30                      ; open
  ld [args[0].lo]
  jlt #1, L30
  jge #3, L30
  ld [args[0].hi]
  jeq #0, L29, L30
L13:
  jge #10, L20                     ; mprotect
  jge #9, L18                      ; mmap
  jge #8, L29                      ; lseek
  jge #6, L30                      ; lstat
  jge #5, L29, L30                 ; fstat
L18:
  ld [args[2].lo]
  jset #0x4, L30, L29
L20:
  jge #13, L22                     ; rt_sigaction
  jge #11, L29, L30                ; munmap
L22:
  jge #15, L29, L30                ; rt_sigreturn
L23:
  jlt #231, L30                    ; exit_group
  jge #258, L30                    ; mkdirat
  jge #257, L27                    ; openat
  jge #232, L30, L29               ; epoll_wait
L27:
  ld [args[2].lo]
  jset #0x3, L30
L29:
  ret ALLOW
L30:
  ret KILL_THREAD
