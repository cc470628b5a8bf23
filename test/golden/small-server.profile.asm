  ld [arch]
  jne #0xc000003e, L103            ; x86_64
  ld [nr]
  jge #131, L71                    ; sigaltstack
  jge #16, L15                     ; ioctl
  jge #4, L8                       ; stat
  jlt #2, L102                     ; open
  jge #3, L102, L103               ; close
L8:
  jge #11, L102                    ; munmap
  jge #9, L13                      ; mmap
  jge #8, L102                     ; lseek
  jge #6, L103                     ; lstat
  jge #5, L102, L103               ; fstat
L13:
  ld [args[2].lo]
  jset #0x4, L103, L102
L15:
  jge #73, L103                    ; flock
  jge #44, L41                     ; sendto
  jge #28, L26                     ; madvise
  jge #17, L23                     ; pread64
  ld [args[1].lo]
  jeq #0x5401, L102
  jeq #0x541b, L102
  jeq #0x5421, L102, L103
L23:
  jge #19, L25                     ; readv
  jge #18, L103, L102              ; pwrite64
L25:
  jge #21, L103, L102              ; access
L26:
  jge #40, L29                     ; sendfile
  jlt #29, L102                    ; shmget
  jge #39, L102, L103              ; getpid
L29:
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
  jge #3, L103, L69
L40:
  jge #43, L103, L102              ; accept
L41:
  jlt #53, L102                    ; socketpair
  jge #60, L65                     ; exit
  jge #56, L62                     ; clone
  jlt #54, L103                    ; setsockopt
  ld [args[1].hi]
  jne #0, L103
  ld [args[1].lo]
  jeq #1, L54
  jne #6, L103
  ld [args[2].hi]
  jne #0, L103
  ld [args[2].lo]
  jeq #1, L102, L103
L54:
  ld [args[2].hi]
  jne #0, L103
  ld [args[2].lo]
  jge #7, L60
  jeq #2, L102
  jeq #4, L102, L103
L60:
  jlt #10, L102
  jeq #15, L102, L103
L62:
  jge #57, L103                    ; fork
  ld [args[0].lo]
  jset #0x10000, L102, L103
L65:
  jge #72, L67                     ; fcntl
  jge #61, L103, L102              ; wait4
L67:
  ld [args[1].lo]
  jge #5, L70
L69:
  jeq #0, L103, L102
L70:
  jeq #1030, L102, L103
L71:
  jge #262, L89                    ; newfstatat
  jge #257, L86                    ; openat
  jge #202, L77                    ; futex
  jge #187, L103                   ; readahead
  jge #186, L102                   ; gettid
  jge #132, L103, L102             ; utime
L77:
  jge #203, L82                    ; sched_setaffinity
  ld [args[1].lo]
  jge #130, L81
  jge #128, L102, L103
L81:
  jeq #137, L102, L103
L82:
  jlt #228, L103                   ; clock_gettime
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
  jge #288, L96                    ; accept4
  jge #274, L94                    ; get_robust_list
  jge #273, L102, L103             ; set_robust_list
L94:
  jlt #281, L103                   ; epoll_pwait
  jge #282, L103, L102             ; signalfd
L96:
  jlt #289, L102                   ; signalfd4
  jge #292, L99                    ; dup3
  jge #291, L102, L103             ; epoll_create1
L99:
  jge #318, L102, L103             ; getrandom
L100:
  jlt #334, L103                   ; rseq
  jge #335, L103                   ; uretprobe
L102:
  ret ALLOW
L103:
  ret KILL_THREAD
