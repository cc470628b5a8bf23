# The semantic engine's solver module, secco-z3.so (semantics/z3/, interface semantics/solver_module.h):
# the only code that links libz3; and secco-solver, which serves it to the static `secco`. The
# engine (semantics/solver.cc) dlopens it on the first query it cannot settle itself, from a place
# fixed here relative to the file that holds the engine:
#   build tree   <build>/secco-modules/secco-z3.so, beside bin secco and libsecco.so
#   installed    <libdir>/secco-modules/secco-z3.so: beside libsecco.so, and from <bindir> for secco
# Test programs (elsewhere in the build tree) link secco_solver_for_tests, which names the built module.
file(GLOB secco_z3_srcs CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/semantics/z3/*.cc)
list(FILTER secco_z3_srcs EXCLUDE REGEX "/solver_server\\.cc$")
add_library(secco_z3 MODULE ${secco_z3_srcs})
set_target_properties(
  secco_z3
  PROPERTIES OUTPUT_NAME secco-z3
             PREFIX ""
             LIBRARY_OUTPUT_DIRECTORY ${PROJECT_BINARY_DIR}/secco-modules
             CXX_VISIBILITY_PRESET hidden
             VISIBILITY_INLINES_HIDDEN ON)
target_include_directories(secco_z3 PRIVATE ${PROJECT_SOURCE_DIR})
target_link_libraries(secco_z3 PRIVATE PkgConfig::Z3 secco_warnings)
if(NOT SECCO_SANITIZE AND NOT SECCO_FUZZ)
  target_link_options(secco_z3 PRIVATE "LINKER:--no-undefined")
endif()
# secco-solver, beside the module: serves it over a socket to the fully static `secco`, which
# cannot dlopen (semantics/solver_process.h). It loads the module as the engine would.
add_executable(secco_solver ${PROJECT_SOURCE_DIR}/semantics/z3/solver_server.cc
                            ${PROJECT_SOURCE_DIR}/semantics/load_solver_module.cc)
set_target_properties(secco_solver PROPERTIES OUTPUT_NAME secco-solver RUNTIME_OUTPUT_DIRECTORY
                                                                      ${PROJECT_BINARY_DIR}/secco-modules)
target_include_directories(secco_solver PRIVATE ${PROJECT_SOURCE_DIR})
target_link_libraries(secco_solver PRIVATE ${CMAKE_DL_LIBS} secco_warnings)
# Built with whatever links the engine, so that a fresh `secco` finds its solver.
add_dependencies(secco_semantics secco_z3 secco_solver)

include(GNUInstallDirs)
set(secco_solver_dir ${CMAKE_INSTALL_LIBDIR}/secco-modules)
if(IS_ABSOLUTE "${CMAKE_INSTALL_LIBDIR}")
  set(secco_solver_from_bin "${secco_solver_dir}/secco-z3.so")
else()
  file(RELATIVE_PATH secco_solver_from_bin "/${CMAKE_INSTALL_BINDIR}" "/${secco_solver_dir}/secco-z3.so")
endif()
set_source_files_properties(
  ${PROJECT_SOURCE_DIR}/semantics/solver.cc
  PROPERTIES COMPILE_DEFINITIONS
             "SECCO_SOLVER_MODULE_NEAR=\"secco-modules/secco-z3.so\";SECCO_SOLVER_MODULE_FROM_BIN=\"${secco_solver_from_bin}\"")
install(TARGETS secco_z3 LIBRARY DESTINATION ${secco_solver_dir})
install(TARGETS secco_solver RUNTIME DESTINATION ${secco_solver_dir})

add_library(secco_solver_for_tests OBJECT ${PROJECT_SOURCE_DIR}/test/lib/solver_module_path.cc)
target_include_directories(secco_solver_for_tests PRIVATE ${PROJECT_SOURCE_DIR} ${PROJECT_SOURCE_DIR}/include)
target_link_libraries(secco_solver_for_tests PRIVATE secco_warnings)
target_compile_definitions(secco_solver_for_tests PRIVATE SECCO_SOLVER_MODULE_BUILT="$<TARGET_FILE:secco_z3>")
add_dependencies(secco_solver_for_tests secco_z3)
