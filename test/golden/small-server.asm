  ld [arch]
  jne #0xc000003e, L102            ; x86_64
  ld [nr]
  jge #73, L69                     ; flock
  jge #11, L14                     ; munmap
  jge #4, L8                       ; stat
  jge #3, L101                     ; close
  jge #2, L102, L101               ; open
L8:
  jge #9, L12                      ; mmap
  jge #8, L101                     ; lseek
  jge #6, L102                     ; lstat
  jge #5, L101, L102               ; fstat
L12:
  ld [args[2].lo]
  jset #0x4, L102, L101
L14:
  jlt #16, L101                    ; ioctl
  jge #40, L27                     ; sendfile
  jge #21, L24                     ; access
  jge #17, L22                     ; pread64
  ld [args[1].lo]
  jeq #0x5401, L101
  jeq #0x541b, L101
  jeq #0x5421, L101, L102
L22:
  jlt #18, L101                    ; pwrite64
  jge #19, L101, L102              ; readv
L24:
  jlt #28, L102                    ; madvise
  jge #39, L101                    ; getpid
  jge #29, L102, L101              ; shmget
L27:
  jge #56, L59                     ; clone
  jge #44, L42                     ; sendto
  jge #42, L41                     ; connect
  jlt #41, L102                    ; socket
  ld [args[0].lo]
  jge #3, L34
  jeq #0, L102, L35
L34:
  jne #10, L102
L35:
  ld [args[0].hi]
  jne #0, L102
  ld [args[1].lo]
  and #0xf
  jlt #1, L102
  jge #3, L102, L101
L41:
  jge #43, L102, L101              ; accept
L42:
  jlt #53, L101                    ; socketpair
  jlt #54, L102                    ; setsockopt
  ld [args[1].hi]
  jne #0, L102
  ld [args[1].lo]
  jeq #1, L51
  jne #6, L102
  ld [args[2].lo]
  jeq #1, L57, L102
L51:
  ld [args[2].lo]
  jge #7, L55
  jeq #2, L57
  jeq #4, L57, L102
L55:
  jlt #10, L57
  jne #15, L102
L57:
  ld [args[2].hi]
  jeq #0, L101, L102
L59:
  jge #60, L63                     ; exit
  jge #57, L102                    ; fork
  ld [args[0].lo]
  jset #0x10000, L101, L102
L63:
  jge #72, L65                     ; fcntl
  jge #61, L102, L101              ; wait4
L65:
  ld [args[1].lo]
  jge #5, L68
  jeq #0, L102, L101
L68:
  jeq #1030, L101, L102
L69:
  jge #262, L88                    ; newfstatat
  jge #257, L85                    ; openat
  jlt #131, L102                   ; sigaltstack
  jge #202, L76                    ; futex
  jge #187, L102                   ; readahead
  jge #186, L101                   ; gettid
  jge #132, L102, L101             ; utime
L76:
  jge #228, L82                    ; clock_gettime
  jge #203, L102                   ; sched_setaffinity
  ld [args[1].lo]
  jge #130, L81
  jge #128, L101, L102
L81:
  jeq #137, L101, L102
L82:
  jge #230, L84                    ; clock_nanosleep
  jge #229, L102, L101             ; clock_getres
L84:
  jge #234, L102, L101             ; tgkill
L85:
  jge #258, L102                   ; mkdirat
  ld [args[2].lo]
  jset #0x243, L102, L101
L88:
  jlt #263, L101                   ; unlinkat
  jge #319, L99                    ; memfd_create
  jge #289, L96                    ; signalfd4
  jge #274, L93                    ; get_robust_list
  jge #273, L101, L102             ; set_robust_list
L93:
  jge #282, L95                    ; signalfd
  jge #281, L101, L102             ; epoll_pwait
L95:
  jge #288, L101, L102             ; accept4
L96:
  jge #318, L101                   ; getrandom
  jge #292, L102                   ; dup3
  jge #291, L101, L102             ; epoll_create1
L99:
  jlt #334, L102                   ; rseq
  jge #335, L102                   ; uretprobe
L101:
  ret ALLOW
L102:
  ret KILL_THREAD
