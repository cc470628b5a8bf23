  ld [arch]
  jne #0xc000003e, L104            ; x86_64
  ld [nr]
  jge #131, L72                    ; sigaltstack
  jge #16, L15                     ; ioctl
  jge #4, L8                       ; stat
  jlt #2, L103                     ; open
  jge #3, L103, L104               ; close
L8:
  jge #11, L103                    ; munmap
  jge #9, L13                      ; mmap
  jge #8, L103                     ; lseek
  jge #6, L104                     ; lstat
  jge #5, L103, L104               ; fstat
L13:
  ld [args[2].lo]
  jset #0x4, L104, L103
L15:
  jge #73, L104                    ; flock
  jge #44, L42                     ; sendto
  jge #28, L26                     ; madvise
  jge #17, L23                     ; pread64
  ld [args[1].lo]
  jeq #0x5421, L103
  jeq #0x541b, L103
  jeq #0x5401, L103, L104
L23:
  jge #19, L25                     ; readv
  jge #18, L104, L103              ; pwrite64
L25:
  jge #21, L104, L103              ; access
L26:
  jge #40, L29                     ; sendfile
  jlt #29, L103                    ; shmget
  jge #39, L103, L104              ; getpid
L29:
  jge #42, L41                     ; connect
  jlt #41, L104                    ; socket
  ld [args[0].hi]
  jne #0, L104
  ld [args[0].lo]
  jge #3, L36
  jeq #0, L104, L37
L36:
  jne #10, L104
L37:
  ld [args[1].lo]
  and #0xf
  jeq #1, L103
  jeq #2, L103, L104
L41:
  jge #43, L104, L103              ; accept
L42:
  jlt #53, L103                    ; socketpair
  jge #60, L66                     ; exit
  jge #56, L63                     ; clone
  jlt #54, L104                    ; setsockopt
  ld [args[1].hi]
  jne #0, L104
  ld [args[1].lo]
  jeq #1, L55
  jne #6, L104
  ld [args[2].hi]
  jne #0, L104
  ld [args[2].lo]
  jeq #1, L103, L104
L55:
  ld [args[2].hi]
  jne #0, L104
  ld [args[2].lo]
  jge #7, L61
  jeq #2, L103
  jeq #4, L103, L104
L61:
  jlt #10, L103
  jeq #15, L103, L104
L63:
  jge #57, L104                    ; fork
  ld [args[0].lo]
  jset #0x10000, L103, L104
L66:
  jge #72, L68                     ; fcntl
  jge #61, L104, L103              ; wait4
L68:
  ld [args[1].lo]
  jge #5, L71
  jeq #0, L104, L103
L71:
  jeq #1030, L103, L104
L72:
  jge #262, L90                    ; newfstatat
  jge #257, L87                    ; openat
  jge #202, L78                    ; futex
  jge #187, L104                   ; readahead
  jge #186, L103                   ; gettid
  jge #132, L104, L103             ; utime
L78:
  jge #203, L83                    ; sched_setaffinity
  ld [args[1].lo]
  jge #130, L82
  jge #128, L103, L104
L82:
  jeq #137, L103, L104
L83:
  jlt #228, L104                   ; clock_gettime
  jge #230, L86                    ; clock_nanosleep
  jge #229, L104, L103             ; clock_getres
L86:
  jge #234, L104, L103             ; tgkill
L87:
  jge #258, L104                   ; mkdirat
  ld [args[2].lo]
  jset #0x243, L104, L103
L90:
  jlt #263, L103                   ; unlinkat
  jge #319, L101                   ; memfd_create
  jge #288, L97                    ; accept4
  jge #274, L95                    ; get_robust_list
  jge #273, L103, L104             ; set_robust_list
L95:
  jlt #281, L104                   ; epoll_pwait
  jge #282, L104, L103             ; signalfd
L97:
  jlt #289, L103                   ; signalfd4
  jge #292, L100                   ; dup3
  jge #291, L103, L104             ; epoll_create1
L100:
  jge #318, L103, L104             ; getrandom
L101:
  jlt #334, L104                   ; rseq
  jge #335, L104                   ; uretprobe
L103:
  ret ALLOW
L104:
  ret KILL_THREAD
