  ld [arch]
  jne #0xc000003e, L110            ; x86_64
  ld [nr]
  jge #72, L69                     ; fcntl
  jge #28, L25                     ; madvise
  jge #9, L12                      ; mmap
  jge #4, L9                       ; stat
  jlt #2, L109                     ; open
  jge #3, L109, L110               ; close
L9:
  jge #6, L11                      ; lstat
  jge #5, L109, L110               ; fstat
L11:
  jge #8, L109, L110               ; lseek
L12:
  jge #17, L22                     ; pread64
  jge #11, L17                     ; munmap
  ld [args[2].lo]
  and #0x4
  ja L95
L17:
  jlt #16, L109                    ; ioctl
  ld [args[1].lo]
  jeq #0x5421, L109
  jeq #0x541b, L109
  jeq #0x5401, L109, L110
L22:
  jge #19, L24                     ; readv
  jge #18, L110, L109              ; pwrite64
L24:
  jge #21, L110, L109              ; access
L25:
  jge #44, L42                     ; sendto
  jge #40, L29                     ; sendfile
  jlt #29, L109                    ; shmget
  jge #39, L109, L110              ; getpid
L29:
  jge #42, L41                     ; connect
  jlt #41, L110                    ; socket
  ld [args[0].hi]
  jne #0, L110
  ld [args[0].lo]
  jeq #1, L37
  jeq #2, L37
  jne #10, L110
L37:
  ld [args[1].lo]
  and #0xf
  jeq #1, L109
  jeq #2, L109, L110
L41:
  jge #43, L110, L109              ; accept
L42:
  jge #56, L63                     ; clone
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
  jge #61, L110, L109              ; wait4
L69:
  jge #262, L96                    ; newfstatat
  jge #203, L87                    ; sched_setaffinity
  jge #132, L80                    ; utime
  jge #73, L79                     ; flock
  ld [args[1].lo]
  jeq #1, L109
  jeq #2, L109
  jeq #3, L109
  jeq #4, L109
  jeq #1030, L109, L110
L79:
  jge #131, L109, L110             ; sigaltstack
L80:
  jge #187, L82                    ; readahead
  jge #186, L109, L110             ; gettid
L82:
  jlt #202, L110                   ; futex
  ld [args[1].lo]
  jeq #128, L109
  jeq #129, L109
  jeq #137, L109, L110
L87:
  jge #230, L90                    ; clock_nanosleep
  jlt #228, L110                   ; clock_gettime
  jge #229, L110, L109             ; clock_getres
L90:
  jge #257, L92                    ; openat
  jge #234, L110, L109             ; tgkill
L92:
  jge #258, L110                   ; mkdirat
  ld [args[2].lo]
  and #0x243
L95:
  jeq #0, L109, L110
L96:
  jge #289, L103                   ; signalfd4
  jge #274, L100                   ; get_robust_list
  jlt #263, L109                   ; unlinkat
  jge #273, L109, L110             ; set_robust_list
L100:
  jge #282, L102                   ; signalfd
  jge #281, L109, L110             ; epoll_pwait
L102:
  jge #288, L109, L110             ; accept4
L103:
  jge #318, L106                   ; getrandom
  jlt #291, L110                   ; epoll_create1
  jge #292, L110, L109             ; dup3
L106:
  jge #334, L108                   ; rseq
  jge #319, L110, L109             ; memfd_create
L108:
  jge #335, L110                   ; uretprobe
L109:
  ret ALLOW
L110:
  ret KILL_THREAD
