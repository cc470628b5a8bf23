  ld [arch]
  jne #0xc000003e, L85             ; x86_64
  ld [nr]
  jge #29, L67                     ; shmget
  jge #8, L24                      ; lseek
  jge #2, L85                      ; open
  jge #1, L14                      ; write
  ld [args[2].lo]
  tax
  rsh #9
  lsh #9
  jne x, L85
  ld [args[2].lo]
  jset #0xfff, L85, L84
L14:
  ld [args[2].lo]
  rsh #20
  jne #0, L85
  ld [args[0].lo]
  xor #0xffffffff
  jeq #0, L85
  ld [args[1].lo]
  tax
  xor x
  ja L77
L24:
  jge #11, L45                     ; munmap
  jge #9, L33                      ; mmap
  ld [args[1].hi]
  jne #0, L85
  ld [args[2].lo]
  add #1
  tax
  ld [args[1].lo]
  jeq x, L84, L85
L33:
  jge #10, L39                     ; mprotect
  ld [args[0].hi]
  jge #0x1000000, L85
  jne #0, L84
  ld [args[0].lo]
  jge #0x10000, L84, L77
L39:
  ld [args[0].hi]
  jne #0, L85
  ld [args[0].lo]
  jset #0xfff, L85
  ld [args[2].lo]
  jset #0x4, L85, L84
L45:
  jlt #16, L85                     ; ioctl
  jge #17, L54                     ; pread64
  ld [args[1].lo]
  jne #0x5401, L85
  ld [args[2].hi]
  tax
  ld [args[1].hi]
  or x
  ja L77
L54:
  jlt #28, L85                     ; madvise
  ld [args[1].hi]
  tax
  ld [args[0].hi]
  jlt x, L84
  ld [args[1].hi]
  tax
  ld [args[0].hi]
  jne x, L85
  ld [args[1].lo]
  tax
  ld [args[0].lo]
  jge x, L85, L84
L67:
  jge #203, L85                    ; sched_setaffinity
  jlt #157, L85                    ; prctl
  jge #202, L78                    ; futex
  jge #158, L85                    ; arch_prctl
  ld [args[0].lo]
  jeq #22, L74
  jne #38, L76
L74:
  ld [args[0].hi]
  jeq #0, L85
L76:
  ld [args[1].hi]
L77:
  jeq #0, L84, L85
L78:
  ld [args[1].lo]
  jnset #0x7f, L84
  and #0x7f
  jge #9, L83
  jeq #1, L84, L85
L83:
  jge #11, L85
L84:
  ret ALLOW
L85:
  ret KILL_THREAD
