  ld [arch]
  jne #0xc000003e, L88             ; x86_64
  ld [nr]
  jge #29, L69                     ; shmget
  jge #8, L26                      ; lseek
  jge #2, L88                      ; open
  jge #1, L15                      ; write
  ld [args[2].lo]
  tax
  ld [args[2].lo]
  rsh #9
  lsh #9
  jne x, L88
  ld [args[2].lo]
  jset #0xfff, L88, L87
L15:
  ld [args[2].lo]
  rsh #20
  jne #0, L88
  ld [args[0].lo]
  xor #0xffffffff
  jeq #0, L88
  ld [args[1].lo]
  tax
  ld [args[1].lo]
  xor x
  ja L79
L26:
  jge #11, L47                     ; munmap
  jge #9, L35                      ; mmap
  ld [args[1].hi]
  jne #0, L88
  ld [args[2].lo]
  add #1
  tax
  ld [args[1].lo]
  jeq x, L87, L88
L35:
  jge #10, L41                     ; mprotect
  ld [args[0].hi]
  jge #0x1000000, L88
  jne #0, L87
  ld [args[0].lo]
  jge #0x10000, L87, L79
L41:
  ld [args[0].hi]
  jne #0, L88
  ld [args[0].lo]
  jset #0xfff, L88
  ld [args[2].lo]
  jset #0x4, L88, L87
L47:
  jlt #16, L88                     ; ioctl
  jge #17, L56                     ; pread64
  ld [args[1].lo]
  jne #0x5401, L88
  ld [args[2].hi]
  tax
  ld [args[1].hi]
  or x
  ja L79
L56:
  jlt #28, L88                     ; madvise
  ld [args[1].hi]
  tax
  ld [args[0].hi]
  jlt x, L87
  ld [args[1].hi]
  tax
  ld [args[0].hi]
  jne x, L88
  ld [args[1].lo]
  tax
  ld [args[0].lo]
  jge x, L88, L87
L69:
  jge #203, L88                    ; sched_setaffinity
  jlt #157, L88                    ; prctl
  jge #202, L80                    ; futex
  jge #158, L88                    ; arch_prctl
  ld [args[0].lo]
  jeq #22, L76
  jne #38, L78
L76:
  ld [args[0].hi]
  jeq #0, L88
L78:
  ld [args[1].hi]
L79:
  jeq #0, L87, L88
L80:
  ld [args[1].lo]
  jnset #0x7f, L87
  ld [args[1].lo]
  and #0x7f
  jge #9, L86
  jeq #1, L87, L88
L86:
  jge #11, L88
L87:
  ret ALLOW
L88:
  ret KILL_THREAD
