  ld [arch]
  jne #0xc000003e, L31             ; x86_64
  ld [nr]
  jge #73, L31                     ; flock
  jge #3, L18                      ; close
  jge #1, L8                       ; write
  ld [args[2].lo]
  jge #0x11000, L31, L30
L8:
  jge #2, L15                      ; open
  ld [args[2].lo]
  jlt #0x1000, L30
  ld [args[0].hi]
  jne #0, L31
  ld [args[0].lo]
  jeq #2, L30, L31
L15:
  ld [args[1].lo]
  and #0x3
  ja L25
L18:
  jlt #17, L31                     ; pread64
  jge #72, L26                     ; fcntl
  jge #18, L31                     ; pwrite64
  ld [args[2].lo]
  jlt #1, L31
  jgt #0x11000, L31
  ld [args[3].lo]
L25:
  jeq #0, L30, L31
L26:
  ld [args[1].lo]
  jeq #1, L30
  jeq #2, L30
  jne #3, L31
L30:
  ret ALLOW
L31:
  ret KILL_THREAD
