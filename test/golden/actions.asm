  ld [arch]
  jne #0xc000003e, L64             ; x86_64
  ld [nr]
  jge #32, L18                     ; dup
  jge #4, L65                      ; stat
  jge #3, L17                      ; close
  jge #1, L11                      ; write
  ld [args[0].hi]
  jne #0, L64
  ld [args[0].lo]
  ja L26
L11:
  jge #2, L65                      ; open
  ld [args[0].lo]
  jne #1, L16
  ld [args[0].hi]
  jeq #0, L49
L16:
  ret TRAP(3)
L17:
  ret TRACE(0)
L18:
  jge #200, L53                    ; tkill
  jge #64, L50                     ; semget
  jge #43, L46                     ; accept
  jge #34, L33                     ; pause
  jge #33, L27                     ; dup2
  ld [args[0].lo]
  jge #1024, L64
  ld [args[0].hi]
L26:
  jeq #0, L60, L64
L27:
  ld [args[1].hi]
  jne #0, L32
  ld [args[1].lo]
  jge #3, L32
  ret USER_NOTIF
L32:
  ret ERRNO(55)                    ; ENOANO
L33:
  jge #41, L36                     ; socket
  jne #39, L65                     ; getpid
  ret ERRNO(16)                    ; EBUSY
L36:
  jge #42, L42                     ; connect
  ld [args[0].lo]
  jne #1, L41
  ld [args[0].hi]
  jeq #0, L60
L41:
  ret ERRNO(97)                    ; EAFNOSUPPORT
L42:
  ld [args[2].hi]
  jne #0, L65
  ld [args[2].lo]
  jgt #110, L65, L60
L46:
  jlt #62, L65                     ; kill
  jge #63, L49                     ; uname
  ret TRAP(0)
L49:
  ret LOG
L50:
  jeq #110, L52                    ; getppid
  jeq #101, L64, L65               ; ptrace
L52:
  ret ERRNO(1)                     ; EPERM
L53:
  jge #258, L62                    ; mkdirat
  jge #257, L58                    ; openat
  jeq #200, L57                    ; tkill
  jeq #234, L61, L65               ; tgkill
L57:
  ret TRACE(7)
L58:
  ld [args[2].lo]
  jset #0x3, L61
L60:
  ret ALLOW
L61:
  ret ERRNO(13)                    ; EACCES
L62:
  jlt #0x40000000, L65
  jge #0xffffffff, L65
L64:
  ret KILL_THREAD
L65:
  ret KILL_PROCESS
