  ld [arch]
  jne #0xc000003e, L84             ; x86_64
  ld [nr]
  jge #131, L62                    ; sigaltstack
  jge #21, L19                     ; access
  jge #4, L7                       ; stat
  jeq #2, L84, L85                 ; open
L7:
  jge #11, L13                     ; munmap
  jge #9, L11                      ; mmap
  jge #8, L85                      ; lseek
  jeq #5, L85, L84                 ; fstat
L11:
  ld [args[2].lo]
  jset #0x4, L84, L85
L13:
  jeq #16, L15                     ; ioctl
  jeq #18, L84, L85                ; pwrite64
L15:
  ld [args[1].lo]
  jeq #0x5401, L85
  jeq #0x541b, L85
  jeq #0x5421, L85, L84
L19:
  jge #73, L84                     ; flock
  jge #44, L35                     ; sendto
  jeq #28, L85                     ; madvise
  jeq #41, L25                     ; socket
  jeq #42, L85                     ; connect
  jeq #39, L85, L84                ; getpid
L25:
  ld [args[0].lo]
  jge #3, L28
  jeq #0, L84, L29
L28:
  jne #10, L84
L29:
  ld [args[0].hi]
  jne #0, L84
  ld [args[1].lo]
  and #0xf
  jlt #1, L84
  jge #3, L84, L85
L35:
  jlt #53, L85                     ; socketpair
  jge #57, L56                     ; fork
  jge #56, L54                     ; clone
  jlt #54, L84                     ; setsockopt
  ld [args[1].hi]
  jne #0, L84
  ld [args[1].lo]
  jeq #1, L46
  jne #6, L84
  ld [args[2].lo]
  jeq #1, L52, L84
L46:
  ld [args[2].lo]
  jge #7, L50
  jeq #2, L52
  jeq #4, L52, L84
L50:
  jlt #10, L52
  jne #15, L84
L52:
  ld [args[2].hi]
  jeq #0, L85, L84
L54:
  ld [args[0].lo]
  jset #0x10000, L85, L84
L56:
  jge #72, L58                     ; fcntl
  jeq #60, L85, L84                ; exit
L58:
  ld [args[1].lo]
  jge #5, L61
  jeq #0, L84, L85
L61:
  jeq #1030, L85, L84
L62:
  jge #262, L76                    ; newfstatat
  jge #228, L71                    ; clock_gettime
  jeq #202, L67                    ; futex
  jeq #186, L85                    ; gettid
  jeq #131, L85, L84               ; sigaltstack
L67:
  ld [args[1].lo]
  jge #130, L70
  jge #128, L85, L84
L70:
  jeq #137, L85, L84
L71:
  jge #234, L73                    ; tgkill
  jeq #229, L84, L85               ; clock_getres
L73:
  jne #257, L84                    ; openat
  ld [args[2].lo]
  jset #0x243, L84, L85
L76:
  jlt #263, L85                    ; unlinkat
  jge #292, L82                    ; dup3
  jeq #273, L85                    ; set_robust_list
  jeq #288, L85                    ; accept4
  jeq #291, L85                    ; epoll_create1
  jeq #281, L85, L84               ; epoll_pwait
L82:
  jeq #334, L85                    ; rseq
  jeq #318, L85                    ; getrandom
L84:
  ret KILL_THREAD
L85:
  ret ALLOW
