  ld [arch]
  jne #0xc000003e, L94             ; x86_64
  ld [nr]
  jge #16, L53                     ; ioctl
  jge #8, L28                      ; lseek
  jge #1, L15                      ; write
  ld [args[2].lo]
  tax
  ld [args[2].lo]
  rsh #9
  lsh #9
  jne x, L94
  ld [args[2].lo]
  and #0xfff
  ja L85
L15:
  jge #2, L94                      ; open
  ld [args[2].lo]
  rsh #20
  jne #0, L94
  ld [args[0].lo]
  xor #0xffffffff
  jeq #0, L94
  ld [args[1].lo]
  st M[0]
  ld [args[1].lo]
  ldx M[0]
  xor x
  ja L85
L28:
  jge #10, L45                     ; mprotect
  jge #9, L37                      ; mmap
  ld [args[1].hi]
  jne #0, L94
  ld [args[2].lo]
  add #1
  tax
  ld [args[1].lo]
  jeq x, L93, L94
L37:
  ld [args[0].hi]
  jeq #0, L41
  jle #0, L43
  jge #0x1000000, L94, L93
L41:
  ld [args[0].lo]
  jeq #0, L93
L43:
  ld [args[0].lo]
  jge #0x10000, L93, L94
L45:
  jge #11, L94                     ; munmap
  ld [args[0].hi]
  jne #0, L94
  ld [args[0].lo]
  and #0xfff
  jne #0, L94
  ld [args[2].lo]
  jset #0x4, L94, L93
L53:
  jge #157, L77                    ; prctl
  jge #28, L64                     ; madvise
  jge #17, L94                     ; pread64
  ld [args[1].lo]
  jne #0x5401, L94
  ld [args[2].hi]
  st M[0]
  ld [args[1].hi]
  ldx M[0]
  or x
  ja L85
L64:
  jge #29, L94                     ; shmget
  ld [args[1].hi]
  tax
  ld [args[0].hi]
  jlt x, L93
  ld [args[1].hi]
  tax
  ld [args[0].hi]
  jne x, L94
  ld [args[1].lo]
  tax
  ld [args[0].lo]
  jge x, L94, L93
L77:
  jge #202, L86                    ; futex
  jge #158, L94                    ; arch_prctl
  ld [args[0].hi]
  jne #0, L84
  ld [args[0].lo]
  jeq #22, L94
  jeq #38, L94
L84:
  ld [args[1].hi]
L85:
  jeq #0, L93, L94
L86:
  jge #203, L94                    ; sched_setaffinity
  ld [args[1].lo]
  and #0x7f
  jeq #0, L93
  jeq #1, L93
  jeq #9, L93
  jne #10, L94
L93:
  ret ALLOW
L94:
  ret KILL_THREAD
