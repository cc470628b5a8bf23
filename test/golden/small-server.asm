  ld [arch]
  jne #0xc000003e, L103            ; x86_64
  ld [nr]
  jge #73, L70                     ; flock
  jge #11, L14                     ; munmap
  jge #4, L8                       ; stat
  jge #3, L102                     ; close
  jge #2, L103, L102               ; open
L8:
  jge #9, L12                      ; mmap
  jge #8, L102                     ; lseek
  jge #6, L103                     ; lstat
  jge #5, L102, L103               ; fstat
L12:
  ld [args[2].lo]
  jset #0x4, L103, L102
L14:
  jlt #16, L102                    ; ioctl
  jge #40, L27                     ; sendfile
  jge #21, L24                     ; access
  jge #17, L22                     ; pread64
  ld [args[1].lo]
  jeq #0x5401, L102
  jeq #0x541b, L102
  jeq #0x5421, L102, L103
L22:
  jlt #18, L102                    ; pwrite64
  jge #19, L102, L103              ; readv
L24:
  jlt #28, L103                    ; madvise
  jge #39, L102                    ; getpid
  jge #29, L103, L102              ; shmget
L27:
  jge #56, L60                     ; clone
  jge #44, L41                     ; sendto
  jge #42, L40                     ; connect
  jlt #41, L103                    ; socket
  ld [args[0].hi]
  jne #0, L103
  ld [args[0].lo]
  jge #3, L36
  jeq #0, L103, L37
L36:
  jne #10, L103
L37:
  ld [args[1].lo]
  and #0xf
  jge #3, L103, L68
L40:
  jge #43, L103, L102              ; accept
L41:
  jlt #53, L102                    ; socketpair
  jlt #54, L103                    ; setsockopt
  ld [args[1].hi]
  jne #0, L103
  ld [args[1].lo]
  jeq #1, L52
  jne #6, L103
  ld [args[2].hi]
  jne #0, L103
  ld [args[2].lo]
  jeq #1, L102, L103
L52:
  ld [args[2].hi]
  jne #0, L103
  ld [args[2].lo]
  jge #7, L58
  jeq #2, L102
  jeq #4, L102, L103
L58:
  jlt #10, L102
  jeq #15, L102, L103
L60:
  jge #60, L64                     ; exit
  jge #57, L103                    ; fork
  ld [args[0].lo]
  jset #0x10000, L102, L103
L64:
  jge #72, L66                     ; fcntl
  jge #61, L103, L102              ; wait4
L66:
  ld [args[1].lo]
  jge #5, L69
L68:
  jeq #0, L103, L102
L69:
  jeq #1030, L102, L103
L70:
  jge #262, L89                    ; newfstatat
  jge #257, L86                    ; openat
  jlt #131, L103                   ; sigaltstack
  jge #202, L77                    ; futex
  jge #187, L103                   ; readahead
  jge #186, L102                   ; gettid
  jge #132, L103, L102             ; utime
L77:
  jge #228, L83                    ; clock_gettime
  jge #203, L103                   ; sched_setaffinity
  ld [args[1].lo]
  jge #130, L82
  jge #128, L102, L103
L82:
  jeq #137, L102, L103
L83:
  jge #230, L85                    ; clock_nanosleep
  jge #229, L103, L102             ; clock_getres
L85:
  jge #234, L103, L102             ; tgkill
L86:
  jge #258, L103                   ; mkdirat
  ld [args[2].lo]
  jset #0x243, L103, L102
L89:
  jlt #263, L102                   ; unlinkat
  jge #319, L100                   ; memfd_create
  jge #289, L97                    ; signalfd4
  jge #274, L94                    ; get_robust_list
  jge #273, L102, L103             ; set_robust_list
L94:
  jge #282, L96                    ; signalfd
  jge #281, L102, L103             ; epoll_pwait
L96:
  jge #288, L102, L103             ; accept4
L97:
  jge #318, L102                   ; getrandom
  jge #292, L103                   ; dup3
  jge #291, L102, L103             ; epoll_create1
L100:
  jlt #334, L103                   ; rseq
  jge #335, L103                   ; uretprobe
L102:
  ret ALLOW
L103:
  ret KILL_THREAD
