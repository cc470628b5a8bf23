  ld [arch]
  jne #0xc000003e, L25             ; x86_64
  ld [nr]
  jge #16, L20                     ; ioctl
  jge #8, L14                      ; lseek
  jlt #1, L24                      ; write
  jeq #3, L24                      ; close
  jeq #1, L9                       ; write
  jeq #5, L24, L25                 ; fstat
L9:
  ld [args[0].lo]
  jlt #1, L25
  jge #3, L25
  ld [args[0].hi]
  jeq #0, L24, L25
L14:
  jge #13, L19                     ; rt_sigaction
  jeq #9, L17                      ; mmap
  jeq #10, L25, L24                ; mprotect
L17:
  ld [args[2].lo]
  jset #0x4, L25, L24
L19:
  jge #15, L24, L25                ; rt_sigreturn
L20:
  jeq #257, L22                    ; openat
  jeq #231, L24, L25               ; exit_group
L22:
  ld [args[2].lo]
  jset #0x3, L25
L24:
  ret ALLOW
L25:
  ret KILL_THREAD
