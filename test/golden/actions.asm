  ld [arch]
  jne #0xc000003e, L69             ; x86_64
  ld [nr]
  jge #63, L48                     ; uname
  jge #34, L31                     ; pause
  jge #3, L17                      ; close
  jge #1, L11                      ; write
  ld [args[0].hi]
  jne #0, L69
  ld [args[0].lo]
  jeq #0, L67, L69
L11:
  jge #2, L70                      ; open
  ld [args[0].hi]
  jne #0, L16
  ld [args[0].lo]
  jeq #1, L51
L16:
  ret TRAP(3)
L17:
  jge #32, L20                     ; dup
  jge #4, L70                      ; stat
  ret TRACE(0)
L20:
  jge #33, L25                     ; dup2
  ld [args[0].hi]
  jne #0, L69
  ld [args[0].lo]
  jge #1024, L69, L67
L25:
  ld [args[1].hi]
  jne #0, L30
  ld [args[1].lo]
  jge #3, L30
  ret USER_NOTIF
L30:
  ret ERRNO(55)                    ; ENOANO
L31:
  jge #41, L35                     ; socket
  jlt #39, L70                     ; getpid
  jge #40, L70                     ; sendfile
  ret ERRNO(16)                    ; EBUSY
L35:
  jge #43, L46                     ; accept
  jge #42, L42                     ; connect
  ld [args[0].hi]
  jne #0, L41
  ld [args[0].lo]
  jeq #1, L67
L41:
  ret ERRNO(97)                    ; EAFNOSUPPORT
L42:
  ld [args[2].hi]
  jne #0, L70
  ld [args[2].lo]
  jgt #110, L70, L67
L46:
  jlt #62, L70                     ; kill
  ret TRAP(0)
L48:
  jge #201, L58                    ; time
  jge #102, L53                    ; getuid
  jge #64, L52                     ; semget
L51:
  ret LOG
L52:
  jge #101, L69, L70               ; ptrace
L53:
  jge #111, L56                    ; getpgrp
  jlt #110, L70                    ; getppid
  ret ERRNO(1)                     ; EPERM
L56:
  jlt #200, L70                    ; tkill
  ret TRACE(7)
L58:
  jge #257, L61                    ; openat
  jlt #234, L70                    ; tgkill
  jge #235, L70, L66               ; utimes
L61:
  jge #0x40000000, L68
  jge #258, L70                    ; mkdirat
  ld [args[2].lo]
  and #0x3
  jeq #0, L67
L66:
  ret ERRNO(13)                    ; EACCES
L67:
  ret ALLOW
L68:
  jge #0xffffffff, L70
L69:
  ret KILL_THREAD
L70:
  ret KILL_PROCESS
