  ld [arch]
  jne #0xc000003e, L85             ; x86_64
  ld [nr]
  jge #73, L62                     ; flock
  jge #11, L12                     ; munmap
  jge #4, L7                       ; stat
  jeq #2, L85, L86                 ; open
L7:
  jge #9, L10                      ; mmap
  jge #8, L86                      ; lseek
  jeq #5, L86, L85                 ; fstat
L10:
  ld [args[2].lo]
  jset #0x4, L85, L86
L12:
  jlt #16, L86                     ; ioctl
  jge #41, L23                     ; socket
  jge #21, L21                     ; access
  jge #17, L20                     ; pread64
  ld [args[1].lo]
  jeq #0x5401, L86
  jeq #0x541b, L86
  jeq #0x5421, L86, L85
L20:
  jeq #18, L85, L86                ; pwrite64
L21:
  jeq #39, L86                     ; getpid
  jeq #28, L86, L85                ; madvise
L23:
  jge #57, L56                     ; fork
  jge #53, L37                     ; socketpair
  jeq #41, L27                     ; socket
  jeq #43, L85, L86                ; accept
L27:
  ld [args[0].lo]
  jge #3, L30
  jeq #0, L85, L31
L30:
  jne #10, L85
L31:
  ld [args[0].hi]
  jne #0, L85
  ld [args[1].lo]
  and #0xf
  jlt #1, L85
  jge #3, L85, L86
L37:
  jeq #56, L54                     ; clone
  jeq #53, L85                     ; socketpair
  ld [args[1].hi]
  jne #0, L85
  ld [args[1].lo]
  jeq #1, L46
  jne #6, L85
  ld [args[2].lo]
  jeq #1, L52, L85
L46:
  ld [args[2].lo]
  jge #7, L50
  jeq #2, L52
  jeq #4, L52, L85
L50:
  jlt #10, L52
  jne #15, L85
L52:
  ld [args[2].hi]
  jeq #0, L86, L85
L54:
  ld [args[0].lo]
  jset #0x10000, L86, L85
L56:
  jge #72, L58                     ; fcntl
  jeq #60, L86, L85                ; exit
L58:
  ld [args[1].lo]
  jge #5, L61
  jeq #0, L85, L86
L61:
  jeq #1030, L86, L85
L62:
  jge #262, L77                    ; newfstatat
  jge #234, L74                    ; tgkill
  jlt #131, L85                    ; sigaltstack
  jge #228, L73                    ; clock_gettime
  jeq #202, L69                    ; futex
  jeq #186, L86                    ; gettid
  jeq #131, L86, L85               ; sigaltstack
L69:
  ld [args[1].lo]
  jge #130, L72
  jge #128, L86, L85
L72:
  jeq #137, L86, L85
L73:
  jeq #229, L85, L86               ; clock_getres
L74:
  jne #257, L85                    ; openat
  ld [args[2].lo]
  jset #0x243, L85, L86
L77:
  jlt #263, L86                    ; unlinkat
  jge #292, L83                    ; dup3
  jeq #273, L86                    ; set_robust_list
  jeq #288, L86                    ; accept4
  jeq #291, L86                    ; epoll_create1
  jeq #281, L86, L85               ; epoll_pwait
L83:
  jeq #334, L86                    ; rseq
  jeq #318, L86                    ; getrandom
L85:
  ret KILL_THREAD
L86:
  ret ALLOW
