  ld [arch]
  jne #0xc000003e, L68             ; x86_64
  ld [nr]
  jge #101, L51                    ; ptrace
  jge #32, L19                     ; dup
  jge #4, L69                      ; stat
  jge #3, L18                      ; close
  jge #1, L12                      ; write
  ld [args[0].hi]
  jne #0, L68
  ld [args[0].lo]
  ja L27
L12:
  jge #2, L69                      ; open
  ld [args[0].lo]
  jne #1, L17
  ld [args[0].hi]
  jeq #0, L50
L17:
  ret TRAP(3)
L18:
  ret TRACE(0)
L19:
  jge #64, L69                     ; semget
  jge #43, L47                     ; accept
  jge #40, L36                     ; sendfile
  jge #34, L34                     ; pause
  jge #33, L28                     ; dup2
  ld [args[0].lo]
  jge #1024, L68
  ld [args[0].hi]
L27:
  jeq #0, L64, L68
L28:
  ld [args[1].hi]
  jne #0, L33
  ld [args[1].lo]
  jge #3, L33
  ret USER_NOTIF
L33:
  ret ERRNO(55)                    ; ENOANO
L34:
  jlt #39, L69                     ; getpid
  ret ERRNO(16)                    ; EBUSY
L36:
  jge #42, L43                     ; connect
  jlt #41, L69                     ; socket
  ld [args[0].lo]
  jne #1, L42
  ld [args[0].hi]
  jeq #0, L64
L42:
  ret ERRNO(97)                    ; EAFNOSUPPORT
L43:
  ld [args[2].hi]
  jne #0, L69
  ld [args[2].lo]
  jgt #110, L69, L64
L47:
  jlt #62, L69                     ; kill
  jge #63, L50                     ; uname
  ret TRAP(0)
L50:
  ret LOG
L51:
  jge #258, L66                    ; mkdirat
  jge #257, L62                    ; openat
  jge #200, L58                    ; tkill
  jge #111, L69                    ; getpgrp
  jge #110, L57                    ; getppid
  jge #102, L69, L68               ; getuid
L57:
  ret ERRNO(1)                     ; EPERM
L58:
  jge #234, L61                    ; tgkill
  jge #201, L69                    ; time
  ret TRACE(7)
L61:
  jge #235, L69, L65               ; utimes
L62:
  ld [args[2].lo]
  jset #0x3, L65
L64:
  ret ALLOW
L65:
  ret ERRNO(13)                    ; EACCES
L66:
  jlt #0x40000000, L69
  jge #0xffffffff, L69
L68:
  ret KILL_THREAD
L69:
  ret KILL_PROCESS
