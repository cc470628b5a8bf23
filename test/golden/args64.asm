  ld [arch]
  jne #0xc000003e, L83             ; x86_64
  ld [nr]
  jge #29, L66                     ; shmget
  jge #8, L24                      ; lseek
  jge #2, L83                      ; open
  jge #1, L14                      ; write
  ld [args[2].lo]
  tax
  rsh #9
  lsh #9
  jne x, L83
  ld [args[2].lo]
  jset #0xfff, L83, L82
L14:
  ld [args[2].lo]
  rsh #20
  jne #0, L83
  ld [args[0].lo]
  xor #0xffffffff
  jeq #0, L83
  ld [args[1].lo]
  tax
  xor x
  ja L75
L24:
  jge #11, L45                     ; munmap
  jeq #9, L40                      ; mmap
  jeq #10, L34                     ; mprotect
  ld [args[1].hi]
  jne #0, L83
  ld [args[2].lo]
  add #1
  tax
  ld [args[1].lo]
  jeq x, L82, L83
L34:
  ld [args[0].hi]
  jne #0, L83
  ld [args[0].lo]
  jset #0xfff, L83
  ld [args[2].lo]
  jset #0x4, L83, L82
L40:
  ld [args[0].hi]
  jge #0x1000000, L83
  jne #0, L82
  ld [args[0].lo]
  jge #0x10000, L82, L75
L45:
  jeq #16, L59                     ; ioctl
  jne #28, L83                     ; madvise
  ld [args[1].hi]
  tax
  ld [args[0].hi]
  jlt x, L82
  ld [args[1].hi]
  tax
  ld [args[0].hi]
  jne x, L83
  ld [args[1].lo]
  tax
  ld [args[0].lo]
  jge x, L83, L82
L59:
  ld [args[1].lo]
  jne #0x5401, L83
  ld [args[2].hi]
  tax
  ld [args[1].hi]
  or x
  ja L75
L66:
  jge #203, L83                    ; sched_setaffinity
  jge #202, L76                    ; futex
  jne #157, L83                    ; prctl
  ld [args[0].lo]
  jeq #22, L72
  jne #38, L74
L72:
  ld [args[0].hi]
  jeq #0, L83
L74:
  ld [args[1].hi]
L75:
  jeq #0, L82, L83
L76:
  ld [args[1].lo]
  jnset #0x7f, L82
  and #0x7f
  jge #9, L81
  jeq #1, L82, L83
L81:
  jge #11, L83
L82:
  ret ALLOW
L83:
  ret KILL_THREAD
