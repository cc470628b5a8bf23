  ld [arch]
  jne #0xc000003e, L102            ; x86_64
  ld [nr]
  jge #131, L70                    ; sigaltstack
  jge #16, L15                     ; ioctl
  jge #4, L8                       ; stat
  jlt #2, L101                     ; open
  jge #3, L101, L102               ; close
L8:
  jge #11, L101                    ; munmap
  jge #9, L13                      ; mmap
  jge #8, L101                     ; lseek
  jge #6, L102                     ; lstat
  jge #5, L101, L102               ; fstat
L13:
  ld [args[2].lo]
  jset #0x4, L102, L101
L15:
  jge #73, L102                    ; flock
  jge #44, L42                     ; sendto
  jge #28, L26                     ; madvise
  jge #17, L23                     ; pread64
  ld [args[1].lo]
  jeq #0x5401, L101
  jeq #0x541b, L101
  jeq #0x5421, L101, L102
L23:
  jge #19, L25                     ; readv
  jge #18, L102, L101              ; pwrite64
L25:
  jge #21, L102, L101              ; access
L26:
  jge #40, L29                     ; sendfile
  jlt #29, L101                    ; shmget
  jge #39, L101, L102              ; getpid
L29:
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
  jge #60, L64                     ; exit
  jge #56, L61                     ; clone
  jlt #54, L102                    ; setsockopt
  ld [args[1].hi]
  jne #0, L102
  ld [args[1].lo]
  jeq #1, L53
  jne #6, L102
  ld [args[2].lo]
  jeq #1, L59, L102
L53:
  ld [args[2].lo]
  jge #7, L57
  jeq #2, L59
  jeq #4, L59, L102
L57:
  jlt #10, L59
  jne #15, L102
L59:
  ld [args[2].hi]
  jeq #0, L101, L102
L61:
  jge #57, L102                    ; fork
  ld [args[0].lo]
  jset #0x10000, L101, L102
L64:
  jge #72, L66                     ; fcntl
  jge #61, L102, L101              ; wait4
L66:
  ld [args[1].lo]
  jge #5, L69
  jeq #0, L102, L101
L69:
  jeq #1030, L101, L102
L70:
  jge #262, L88                    ; newfstatat
  jge #257, L85                    ; openat
  jge #202, L76                    ; futex
  jge #187, L102                   ; readahead
  jge #186, L101                   ; gettid
  jge #132, L102, L101             ; utime
L76:
  jge #203, L81                    ; sched_setaffinity
  ld [args[1].lo]
  jge #130, L80
  jge #128, L101, L102
L80:
  jeq #137, L101, L102
L81:
  jlt #228, L102                   ; clock_gettime
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
  jge #288, L95                    ; accept4
  jge #274, L93                    ; get_robust_list
  jge #273, L101, L102             ; set_robust_list
L93:
  jlt #281, L102                   ; epoll_pwait
  jge #282, L102, L101             ; signalfd
L95:
  jlt #289, L101                   ; signalfd4
  jge #292, L98                    ; dup3
  jge #291, L101, L102             ; epoll_create1
L98:
  jge #318, L101, L102             ; getrandom
L99:
  jlt #334, L102                   ; rseq
  jge #335, L102                   ; uretprobe
L101:
  ret ALLOW
L102:
  ret KILL_THREAD
