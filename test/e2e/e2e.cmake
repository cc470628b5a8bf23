# Extras of the e2e area (test_e2e, defined by secco_test_area in test/CMakeLists.txt): the
# programs its tests run, and what the install test needs to build a consumer of the installed
# package. Included from test/CMakeLists.txt right after secco_test_area(e2e ...).
if(TARGET test_e2e)
  add_dependencies(test_e2e secco secco_probe_syscall secco_shared)
  find_program(SECCO_PKG_CONFIG_TOOL NAMES pkg-config pkgconf)
  set(consumer_flags "")
  if(SECCO_SANITIZE)
    set(consumer_flags "-fsanitize=${SECCO_SANITIZE}")
  endif()
  target_compile_definitions(
    test_e2e
    PRIVATE SECCO_PROBE_SYSCALL="$<TARGET_FILE:secco_probe_syscall>"
            SECCO_CMAKE_COMMAND="${CMAKE_COMMAND}"
            SECCO_CXX_COMPILER="${CMAKE_CXX_COMPILER}"
            SECCO_PKG_CONFIG="${SECCO_PKG_CONFIG_TOOL}"
            SECCO_INSTALL_LIBDIR="${CMAKE_INSTALL_LIBDIR}"
            SECCO_CONSUMER_FLAGS="${consumer_flags}"
            SECCO_BUILD_TYPE="${CMAKE_BUILD_TYPE}"
            SECCO_TEST_VERSION="${PROJECT_VERSION}")
  if(TARGET self_sandbox)
    add_dependencies(test_e2e self_sandbox)
    target_compile_definitions(test_e2e PRIVATE SECCO_SELF_SANDBOX="$<TARGET_FILE:self_sandbox>")
  endif()
endif()

# The golden-file workflow of docs/golden-workflow.md, run exactly as a CI job would run it.
add_test(NAME e2e_golden_example COMMAND sh ${PROJECT_SOURCE_DIR}/examples/golden/check.sh $<TARGET_FILE:secco>
         WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})

# The C API, consumed as a C89 program from an installed prefix (pkg-config and find_package).
# Not in sanitizer builds: the installed library then needs the sanitizer runtime loaded first,
# which a plain C consumer does not do; the plain build runs it.
if(NOT SECCO_SANITIZE)
  add_test(NAME e2e_c_api_install COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/e2e/c_api_install.sh ${CMAKE_COMMAND}
                                           ${PROJECT_BINARY_DIR} ${PROJECT_SOURCE_DIR} ${CMAKE_C_COMPILER})
  set_tests_properties(e2e_c_api_install PROPERTIES TIMEOUT 600)
endif()
