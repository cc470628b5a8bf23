// For the fully static `secco` only (CMakeLists.txt): exceptions find their unwind tables through
// the .eh_frame_hdr search table (linked with --eh-frame-hdr), as in a dynamic program, not
// through frame registration.
//
// Why: the start files of a static link (crtbeginT.o) register the whole .eh_frame with libgcc's
// unwinder, which then sorts every frame description of the program on the first throw: 32
// million instructions, ten times a whole compile, paid by `--version`, `--help` and every
// error (all of which throw). The link redirects the start files' two calls here
// (--wrap=__register_frame_info, --wrap=__deregister_frame_info), so nothing is registered and the
// unwinder falls back to dl_iterate_phdr and PT_GNU_EH_FRAME, a binary search.
#include <cstddef>

// NOLINTBEGIN(bugprone-reserved-identifier,cert-dcl37-c,cert-dcl51-cpp): names the linker expects
extern "C" void __wrap___register_frame_info(const void* /*begin*/, void* /*object*/) {}
extern "C" void* __wrap___deregister_frame_info(const void* /*begin*/) {
  return nullptr;
}
// NOLINTEND(bugprone-reserved-identifier,cert-dcl37-c,cert-dcl51-cpp)
