  ld [arch]
  jne #0xc000003e, L110            ; x86_64
  ld [nr]
  jge #131, L77                    ; sigaltstack
  jge #16, L16                     ; ioctl
  jge #4, L8                       ; stat
  jlt #2, L109                     ; open
  jge #3, L109, L110               ; close
L8:
  jge #11, L109                    ; munmap
  jge #9, L13                      ; mmap
  jge #8, L109                     ; lseek
  jge #6, L110                     ; lstat
  jge #5, L109, L110               ; fstat
L13:
  ld [args[2].lo]
  and #0x4
  ja L95
L16:
  jge #73, L110                    ; flock
  jge #44, L43                     ; sendto
  jge #28, L27                     ; madvise
  jge #17, L24                     ; pread64
  ld [args[1].lo]
  jeq #0x5421, L109
  jeq #0x541b, L109
  jeq #0x5401, L109, L110
L24:
  jge #19, L26                     ; readv
  jge #18, L110, L109              ; pwrite64
L26:
  jge #21, L110, L109              ; access
L27:
  jge #40, L30                     ; sendfile
  jlt #29, L109                    ; shmget
  jge #39, L109, L110              ; getpid
L30:
  jge #42, L42                     ; connect
  jlt #41, L110                    ; socket
  ld [args[0].hi]
  jne #0, L110
  ld [args[0].lo]
  jeq #1, L38
  jeq #2, L38
  jne #10, L110
L38:
  ld [args[1].lo]
  and #0xf
  jeq #1, L109
  jeq #2, L109, L110
L42:
  jge #43, L110, L109              ; accept
L43:
  jlt #53, L109                    ; socketpair
  jge #60, L69                     ; exit
  jge #56, L65                     ; clone
  jlt #54, L110                    ; setsockopt
  ld [args[1].hi]
  jne #0, L110
  ld [args[1].lo]
  jeq #1, L56
  jne #6, L110
  ld [args[2].hi]
  jne #0, L110
  ld [args[2].lo]
  jeq #1, L109, L110
L56:
  ld [args[2].hi]
  jne #0, L110
  ld [args[2].lo]
  jeq #2, L109
  jeq #4, L109
  jeq #7, L109
  jeq #8, L109
  jeq #9, L109
  jeq #15, L109, L110
L65:
  jge #57, L110                    ; fork
  ld [args[0].lo]
  and #0x10000
  jeq #0, L110, L109
L69:
  jge #72, L71                     ; fcntl
  jge #61, L110, L109              ; wait4
L71:
  ld [args[1].lo]
  jeq #1, L109
  jeq #2, L109
  jeq #3, L109
  jeq #4, L109
  jeq #1030, L109, L110
L77:
  jge #262, L96                    ; newfstatat
  jge #257, L92                    ; openat
  jge #202, L83                    ; futex
  jge #187, L110                   ; readahead
  jge #186, L109                   ; gettid
  jge #132, L110, L109             ; utime
L83:
  jge #203, L88                    ; sched_setaffinity
  ld [args[1].lo]
  jeq #128, L109
  jeq #129, L109
  jeq #137, L109, L110
L88:
  jlt #228, L110                   ; clock_gettime
  jge #230, L91                    ; clock_nanosleep
  jge #229, L110, L109             ; clock_getres
L91:
  jge #234, L110, L109             ; tgkill
L92:
  jge #258, L110                   ; mkdirat
  ld [args[2].lo]
  and #0x243
L95:
  jeq #0, L109, L110
L96:
  jlt #263, L109                   ; unlinkat
  jge #319, L107                   ; memfd_create
  jge #288, L103                   ; accept4
  jge #274, L101                   ; get_robust_list
  jge #273, L109, L110             ; set_robust_list
L101:
  jlt #281, L110                   ; epoll_pwait
  jge #282, L110, L109             ; signalfd
L103:
  jlt #289, L109                   ; signalfd4
  jge #292, L106                   ; dup3
  jge #291, L109, L110             ; epoll_create1
L106:
  jge #318, L109, L110             ; getrandom
L107:
  jlt #334, L110                   ; rseq
  jge #335, L110                   ; uretprobe
L109:
  ret ALLOW
L110:
  ret KILL_THREAD
