# The library product and `cmake --install`: included once from the top-level CMakeLists.txt.
#
#   libsecco.so   the public API (include/secco/) in one shared library. The API sources are
#                 compiled here with hidden visibility and linked against the internal stage
#                 libraries, whose symbols --exclude-libs keeps private: a consumer sees only what
#                 SECCO_API marks and needs nothing but -lsecco (antlr4-runtime is the library's
#                 own DT_NEEDED entry; fmt is header-only, support/fmt.h).
#   install       bin/secco, include/secco/*.h and *.hpp (secco.h: the C API), lib/libsecco.so*, a CMake package
#                 (find_package(secco) -> target secco::secco) and lib/pkgconfig/secco.pc. Both
#                 package files are relocatable, so `cmake --install BUILD --prefix DIR` works.
#   example       examples/self_sandbox, a program that sandboxes itself through the library.
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

option(SECCO_EXAMPLES "Build the example programs" ON)

set(SECCO_PUBLIC_SOURCES ${PROJECT_SOURCE_DIR}/api/public_api.cc ${PROJECT_SOURCE_DIR}/api/public_runtime.cc
                         ${PROJECT_SOURCE_DIR}/api/c_api.cc)
# The same sources are also in secco_api (api/*.cc), where the tests use them directly.
set_source_files_properties(${SECCO_PUBLIC_SOURCES} PROPERTIES COMPILE_DEFINITIONS SECCO_VERSION="${PROJECT_VERSION}")

add_library(secco_shared SHARED ${SECCO_PUBLIC_SOURCES})
add_library(secco::secco ALIAS secco_shared)
set_target_properties(
  secco_shared
  PROPERTIES OUTPUT_NAME secco
             EXPORT_NAME secco
             VERSION ${PROJECT_VERSION}
             SOVERSION ${PROJECT_VERSION_MAJOR}.${PROJECT_VERSION_MINOR}
             CXX_VISIBILITY_PRESET hidden
             VISIBILITY_INLINES_HIDDEN ON)
target_include_directories(secco_shared PUBLIC $<BUILD_INTERFACE:${PROJECT_SOURCE_DIR}/include>
                                               $<INSTALL_INTERFACE:${CMAKE_INSTALL_INCLUDEDIR}>)
target_compile_features(secco_shared PUBLIC cxx_std_17)
target_link_libraries(secco_shared PRIVATE secco_api secco_warnings)
target_link_options(secco_shared PRIVATE "LINKER:--exclude-libs,ALL" "LINKER:--as-needed")
if(NOT SECCO_SANITIZE AND NOT SECCO_FUZZ)
  target_link_options(secco_shared PRIVATE "LINKER:--no-undefined")
endif()

install(TARGETS secco RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
if(TARGET secco_plugin_host)
  install(TARGETS secco_plugin_host RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})  # beside secco, for --load-pass
endif()
install(
  TARGETS secco_shared
  EXPORT secco-targets
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
  INCLUDES
  DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(
  DIRECTORY ${PROJECT_SOURCE_DIR}/include/secco
  DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}
  FILES_MATCHING
  PATTERN "*.h"
  PATTERN "*.hpp")

set(secco_cmake_dir ${CMAKE_INSTALL_LIBDIR}/cmake/secco)
install(
  EXPORT secco-targets
  NAMESPACE secco::
  FILE secco-targets.cmake
  DESTINATION ${secco_cmake_dir})
configure_package_config_file(${CMAKE_CURRENT_LIST_DIR}/secco-config.cmake.in ${PROJECT_BINARY_DIR}/secco-config.cmake
                              INSTALL_DESTINATION ${secco_cmake_dir})
write_basic_package_version_file(${PROJECT_BINARY_DIR}/secco-config-version.cmake COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/secco-config.cmake ${PROJECT_BINARY_DIR}/secco-config-version.cmake
        DESTINATION ${secco_cmake_dir})

# secco.pc finds its prefix from its own place (${pcfiledir}), so it stays right after --prefix.
if(IS_ABSOLUTE "${CMAKE_INSTALL_LIBDIR}")
  set(SECCO_PC_PREFIX "${CMAKE_INSTALL_PREFIX}")
else()
  file(RELATIVE_PATH secco_pc_up "/${CMAKE_INSTALL_LIBDIR}/pkgconfig" "/")
  string(REGEX REPLACE "/$" "" secco_pc_up "${secco_pc_up}")
  set(SECCO_PC_PREFIX "\${pcfiledir}/${secco_pc_up}")
endif()
configure_file(${CMAKE_CURRENT_LIST_DIR}/secco.pc.in ${PROJECT_BINARY_DIR}/secco.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/secco.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)

if(SECCO_EXAMPLES)
  add_executable(self_sandbox ${PROJECT_SOURCE_DIR}/examples/self_sandbox.cc)
  target_link_libraries(self_sandbox PRIVATE secco::secco secco_warnings)
endif()
