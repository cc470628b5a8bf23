  ld [arch]
  jne #0xc000003e, L110            ; x86_64
  ld [nr]
  jge #73, L76                     ; flock
  jge #11, L15                     ; munmap
  jge #4, L8                       ; stat
  jge #3, L109                     ; close
  jge #2, L110, L109               ; open
L8:
  jge #9, L12                      ; mmap
  jge #8, L109                     ; lseek
  jge #6, L110                     ; lstat
  jge #5, L109, L110               ; fstat
L12:
  ld [args[2].lo]
  and #0x4
  ja L95
L15:
  jlt #16, L109                    ; ioctl
  jge #40, L28                     ; sendfile
  jge #21, L25                     ; access
  jge #17, L23                     ; pread64
  ld [args[1].lo]
  jeq #0x5421, L109
  jeq #0x541b, L109
  jeq #0x5401, L109, L110
L23:
  jlt #18, L109                    ; pwrite64
  jge #19, L109, L110              ; readv
L25:
  jlt #28, L110                    ; madvise
  jge #39, L109                    ; getpid
  jge #29, L110, L109              ; shmget
L28:
  jge #56, L63                     ; clone
  jge #44, L43                     ; sendto
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
  jlt #54, L110                    ; setsockopt
  ld [args[1].hi]
  jne #0, L110
  ld [args[1].lo]
  jeq #1, L54
  jne #6, L110
  ld [args[2].hi]
  jne #0, L110
  ld [args[2].lo]
  jeq #1, L109, L110
L54:
  ld [args[2].hi]
  jne #0, L110
  ld [args[2].lo]
  jeq #2, L109
  jeq #4, L109
  jeq #7, L109
  jeq #8, L109
  jeq #9, L109
  jeq #15, L109, L110
L63:
  jge #60, L68                     ; exit
  jge #57, L110                    ; fork
  ld [args[0].lo]
  and #0x10000
  jeq #0, L110, L109
L68:
  jge #72, L70                     ; fcntl
  jge #61, L110, L109              ; wait4
L70:
  ld [args[1].lo]
  jeq #1, L109
  jeq #2, L109
  jeq #3, L109
  jeq #4, L109
  jeq #1030, L109, L110
L76:
  jge #262, L96                    ; newfstatat
  jge #257, L92                    ; openat
  jlt #131, L110                   ; sigaltstack
  jge #202, L83                    ; futex
  jge #187, L110                   ; readahead
  jge #186, L109                   ; gettid
  jge #132, L110, L109             ; utime
L83:
  jge #228, L89                    ; clock_gettime
  jge #203, L110                   ; sched_setaffinity
  ld [args[1].lo]
  jeq #128, L109
  jeq #129, L109
  jeq #137, L109, L110
L89:
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
  jge #289, L104                   ; signalfd4
  jge #274, L101                   ; get_robust_list
  jge #273, L109, L110             ; set_robust_list
L101:
  jge #282, L103                   ; signalfd
  jge #281, L109, L110             ; epoll_pwait
L103:
  jge #288, L109, L110             ; accept4
L104:
  jge #318, L109                   ; getrandom
  jge #292, L110                   ; dup3
  jge #291, L109, L110             ; epoll_create1
L107:
  jlt #334, L110                   ; rseq
  jge #335, L110                   ; uretprobe
L109:
  ret ALLOW
L110:
  ret KILL_THREAD
