# Run after linking the secco executable with SECCO_STATIC_RUNTIME (CMakeLists.txt): it must be a
# static, position-dependent executable (no ld.so to run, no libc.so to map, no relocations at
# start) that exports nothing. Usage: cmake -DFILE=secco -P check_static_runtime.cmake
find_program(READELF readelf)
if(NOT READELF)
  return()
endif()
execute_process(COMMAND ${READELF} -h -l -W ${FILE} OUTPUT_VARIABLE header RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "readelf -h -l ${FILE} failed")
endif()
if(NOT header MATCHES "Type: +EXEC")
  message(FATAL_ERROR "${FILE} is not a position-dependent executable (link it with -no-pie)")
endif()
if(header MATCHES "INTERP|DYNAMIC")
  message(FATAL_ERROR "${FILE} is dynamically linked (link it with -static)")
endif()
