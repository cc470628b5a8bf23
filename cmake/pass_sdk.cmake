# The pass SDK: what an out-of-tree pass plugin needs, installed beside the library product.
#
#   include/secco/sdk/   the IR, builder, rewrite, pass, analysis, plugin, interpreter, printer,
#                        verifier and diagnostics headers, at the paths the sources use
#                        (#include "passes/plugin.h")
#   lib/libsecco_pass_sdk.a the IR, the passes and their support code, position independent, to
#                        link into a plugin: functions the secco executable does not contain
#                        (ir::interpret, say) come from it; the ones it does contain resolve to
#                        secco's own copy when the plugin is loaded (one pass registry)
#   find_package(secco) -> secco::passes (headers, the archive, fmt, C++17)
set(SECCO_SDK_HEADERS
    ir/analyses.h
    ir/arith_rules.h
    ir/builder.h
    ir/constant_eval.h
    ir/function.h
    ir/interpreter.h
    ir/module.h
    ir/opcode.h
    ir/printer.h
    ir/rewrite.h
    ir/types.h
    ir/value_span.h
    ir/verifier.h
    passes/analysis_manager.h
    passes/pass.h
    passes/pass_manager.h
    passes/pass_registry.h
    passes/pass_stages.h
    passes/plugin.h
    support/action.h
    support/diagnostic_kinds.def
    support/diagnostics.h
    support/function_ref.h
    support/seccomp_data.h
    support/source_manager.h
    target/target.h)

# One archive from the stage libraries' objects (no recompilation).
add_library(secco_pass_sdk STATIC $<TARGET_OBJECTS:secco_ast> $<TARGET_OBJECTS:secco_ir> $<TARGET_OBJECTS:secco_passes> $<TARGET_OBJECTS:secco_support>
                                  $<TARGET_OBJECTS:secco_target_lib> $<TARGET_OBJECTS:secco_target_tables>)
set_target_properties(secco_pass_sdk PROPERTIES OUTPUT_NAME secco_pass_sdk EXPORT_NAME passes LINKER_LANGUAGE CXX)
target_include_directories(secco_pass_sdk INTERFACE $<BUILD_INTERFACE:${PROJECT_SOURCE_DIR}>
                                                    $<INSTALL_INTERFACE:${CMAKE_INSTALL_INCLUDEDIR}/secco/sdk>)
target_compile_features(secco_pass_sdk INTERFACE cxx_std_17)
target_link_libraries(secco_pass_sdk INTERFACE fmt::fmt ${CMAKE_DL_LIBS})
add_library(secco::passes ALIAS secco_pass_sdk)

install(TARGETS secco_pass_sdk EXPORT secco-targets ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR})
foreach(header ${SECCO_SDK_HEADERS})
  get_filename_component(dir ${header} DIRECTORY)
  install(FILES ${PROJECT_SOURCE_DIR}/${header} DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/secco/sdk/${dir})
endforeach()

# The IR and the passes (so the SDK) do not link the front end's parser (ANTLR): checked on the
# target link graph at configure time.
function(secco_check_not_linked target forbidden)
  set(pending ${target})
  set(seen "")
  while(pending)
    list(POP_FRONT pending t)
    if(NOT TARGET ${t} OR t IN_LIST seen)
      continue()
    endif()
    list(APPEND seen ${t})
    if(t STREQUAL forbidden)
      message(FATAL_ERROR "${target} links ${forbidden}: the IR and the passes must not depend on the parser")
    endif()
    get_target_property(libs ${t} LINK_LIBRARIES)
    get_target_property(interface ${t} INTERFACE_LINK_LIBRARIES)
    foreach(l IN LISTS libs interface)
      if(l AND NOT l MATCHES "NOTFOUND$")
        list(APPEND pending ${l})
      endif()
    endforeach()
  endwhile()
endfunction()
foreach(t secco_ir secco_passes secco_pass_sdk)
  secco_check_not_linked(${t} secco_grammar)
  secco_check_not_linked(${t} secco_frontend)
endforeach()
