# Helpers of test/semantics: the off-by-one pass plugin, and libseccomp's form of each benchmark
# policy (P.c + lsc.h from ../shared/bench), whose exported programs `secco verify` must prove equal
# to P.secco.
add_library(secco_off_by_one MODULE ${CMAKE_CURRENT_LIST_DIR}/plugin/off_by_one_pass.cc)
target_include_directories(secco_off_by_one PRIVATE ${PROJECT_SOURCE_DIR})
target_link_libraries(secco_off_by_one PRIVATE Boost::boost fmt::fmt)
add_dependencies(test_semantics secco_off_by_one secco)
target_compile_definitions(test_semantics PRIVATE SECCO_OFF_BY_ONE_PLUGIN="$<TARGET_FILE:secco_off_by_one>")

set(SECCO_SHARED_BENCH "${PROJECT_SOURCE_DIR}/../shared/bench" CACHE PATH "Benchmark policies (P.secco, P.c, lsc.h)")
set(lsc_names "")
foreach(p blacklist docker-default small-server systemd-service)
  if(EXISTS "${SECCO_SHARED_BENCH}/${p}.c")
    add_executable(lsc_${p} ${SECCO_SHARED_BENCH}/${p}.c)
    target_link_libraries(lsc_${p} PRIVATE PkgConfig::SECCOMP)
    add_dependencies(test_semantics lsc_${p})
    list(APPEND lsc_names ${p})
  endif()
endforeach()
target_compile_definitions(test_semantics PRIVATE SECCO_SHARED_BENCH="${SECCO_SHARED_BENCH}"
                                                  SECCO_LSC_DIR="${CMAKE_CURRENT_BINARY_DIR}")
