  ld [arch]
  jne #0xc000003e, L29             ; x86_64
  ld [nr]
  jge #73, L29                     ; flock
  jge #3, L17                      ; close
  jge #1, L8                       ; write
  ld [args[2].lo]
  jge #0x11000, L29, L28
L8:
  jge #2, L15                      ; open
  ld [args[2].lo]
  jlt #0x1000, L28
  ld [args[0].lo]
  jne #2, L29
  ld [args[0].hi]
  ja L24
L15:
  ld [args[1].lo]
  jset #0x3, L29, L28
L17:
  jlt #17, L29                     ; pread64
  jeq #72, L25                     ; fcntl
  jne #17, L29                     ; pread64
  ld [args[2].lo]
  jge #0x11001, L29
  jeq #0, L29
  ld [args[3].lo]
L24:
  jeq #0, L28, L29
L25:
  ld [args[1].lo]
  jlt #1, L29
  jge #4, L29
L28:
  ret ALLOW
L29:
  ret KILL_THREAD
