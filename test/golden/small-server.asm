  ld [arch]
  jne #0xc000003e, L104            ; x86_64
  ld [nr]
  jge #73, L71                     ; flock
  jge #11, L14                     ; munmap
  jge #4, L8                       ; stat
  jge #3, L103                     ; close
  jge #2, L104, L103               ; open
L8:
  jge #9, L12                      ; mmap
  jge #8, L103                     ; lseek
  jge #6, L104                     ; lstat
  jge #5, L103, L104               ; fstat
L12:
  ld [args[2].lo]
  jset #0x4, L104, L103
L14:
  jlt #16, L103                    ; ioctl
  jge #40, L27                     ; sendfile
  jge #21, L24                     ; access
  jge #17, L22                     ; pread64
  ld [args[1].lo]
  jeq #0x5421, L103
  jeq #0x541b, L103
  jeq #0x5401, L103, L104
L22:
  jlt #18, L103                    ; pwrite64
  jge #19, L103, L104              ; readv
L24:
  jlt #28, L104                    ; madvise
  jge #39, L103                    ; getpid
  jge #29, L104, L103              ; shmget
L27:
  jge #56, L61                     ; clone
  jge #44, L42                     ; sendto
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
  jlt #54, L104                    ; setsockopt
  ld [args[1].hi]
  jne #0, L104
  ld [args[1].lo]
  jeq #1, L53
  jne #6, L104
  ld [args[2].hi]
  jne #0, L104
  ld [args[2].lo]
  jeq #1, L103, L104
L53:
  ld [args[2].hi]
  jne #0, L104
  ld [args[2].lo]
  jge #7, L59
  jeq #2, L103
  jeq #4, L103, L104
L59:
  jlt #10, L103
  jeq #15, L103, L104
L61:
  jge #60, L65                     ; exit
  jge #57, L104                    ; fork
  ld [args[0].lo]
  jset #0x10000, L103, L104
L65:
  jge #72, L67                     ; fcntl
  jge #61, L104, L103              ; wait4
L67:
  ld [args[1].lo]
  jge #5, L70
  jeq #0, L104, L103
L70:
  jeq #1030, L103, L104
L71:
  jge #262, L90                    ; newfstatat
  jge #257, L87                    ; openat
  jlt #131, L104                   ; sigaltstack
  jge #202, L78                    ; futex
  jge #187, L104                   ; readahead
  jge #186, L103                   ; gettid
  jge #132, L104, L103             ; utime
L78:
  jge #228, L84                    ; clock_gettime
  jge #203, L104                   ; sched_setaffinity
  ld [args[1].lo]
  jge #130, L83
  jge #128, L103, L104
L83:
  jeq #137, L103, L104
L84:
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
  jge #289, L98                    ; signalfd4
  jge #274, L95                    ; get_robust_list
  jge #273, L103, L104             ; set_robust_list
L95:
  jge #282, L97                    ; signalfd
  jge #281, L103, L104             ; epoll_pwait
L97:
  jge #288, L103, L104             ; accept4
L98:
  jge #318, L103                   ; getrandom
  jge #292, L104                   ; dup3
  jge #291, L103, L104             ; epoll_create1
L101:
  jlt #334, L104                   ; rseq
  jge #335, L104                   ; uretprobe
L103:
  ret ALLOW
L104:
  ret KILL_THREAD
