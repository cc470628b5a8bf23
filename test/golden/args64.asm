  ld [arch]
  jne #0xc000003e, L92             ; x86_64
  ld [nr]
  jge #29, L74                     ; shmget
  jge #8, L27                      ; lseek
  jge #2, L92                      ; open
  jge #1, L16                      ; write
  ld [args[2].lo]
  tax
  ld [args[2].lo]
  rsh #9
  lsh #9
  jne x, L92
  ld [args[2].lo]
  and #0xfff
  ja L84
L16:
  ld [args[2].lo]
  rsh #20
  jne #0, L92
  ld [args[0].lo]
  xor #0xffffffff
  jeq #0, L92
  ld [args[1].lo]
  tax
  ld [args[1].lo]
  xor x
  ja L84
L27:
  jge #11, L52                     ; munmap
  jge #9, L36                      ; mmap
  ld [args[1].hi]
  jne #0, L92
  ld [args[2].lo]
  add #1
  tax
  ld [args[1].lo]
  jeq x, L91, L92
L36:
  jge #10, L45                     ; mprotect
  ld [args[0].hi]
  jeq #0, L41
  jle #0, L43
  jge #0x1000000, L92, L91
L41:
  ld [args[0].lo]
  jeq #0, L91
L43:
  ld [args[0].lo]
  jge #0x10000, L91, L92
L45:
  ld [args[0].hi]
  jne #0, L92
  ld [args[0].lo]
  and #0xfff
  jne #0, L92
  ld [args[2].lo]
  jset #0x4, L92, L91
L52:
  jlt #16, L92                     ; ioctl
  jge #17, L61                     ; pread64
  ld [args[1].lo]
  jne #0x5401, L92
  ld [args[2].hi]
  tax
  ld [args[1].hi]
  or x
  ja L84
L61:
  jlt #28, L92                     ; madvise
  ld [args[1].hi]
  tax
  ld [args[0].hi]
  jlt x, L91
  ld [args[1].hi]
  tax
  ld [args[0].hi]
  jne x, L92
  ld [args[1].lo]
  tax
  ld [args[0].lo]
  jge x, L92, L91
L74:
  jge #203, L92                    ; sched_setaffinity
  jlt #157, L92                    ; prctl
  jge #202, L85                    ; futex
  jge #158, L92                    ; arch_prctl
  ld [args[0].hi]
  jne #0, L83
  ld [args[0].lo]
  jeq #22, L92
  jeq #38, L92
L83:
  ld [args[1].hi]
L84:
  jeq #0, L91, L92
L85:
  ld [args[1].lo]
  and #0x7f
  jeq #0, L91
  jeq #1, L91
  jeq #9, L91
  jne #10, L92
L91:
  ret ALLOW
L92:
  ret KILL_THREAD
