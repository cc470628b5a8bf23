// Jump layout: turns the instruction DAG into a linear program. Orders the nodes so that each
// instruction's fall-through successor comes right after it where possible (reverse post-order,
// taken branch visited first so the not-taken one falls through). Where a successor is elsewhere:
//   - a straight-line instruction gets a local copy of its successor when that is a `ret` (one
//     instruction, where `ja` + the shared `ret` would execute two), a `ja` otherwise;
//   - a conditional jump longer than 255 goes through a trampoline after it: a local `ret` copy when
//     the target is a `ret`, else a `ja` (32-bit offset). A trampoline to the same target that
//     already lies within reach ahead is reused (as bpf_dsl does) instead of adding one.
// Iterates to a fixed point because each insertion lengthens other jumps; `ret` nodes that nothing
// jumps to any more are dropped. Targets are never changed, only routed: a far `ret KILL` stays KILL.
#pragma once

#include "backend/codegen.h"

namespace secco::backend {

// Where a program's instructions went (for the "program too long" report).
struct LayoutStats {
  std::size_t ret_copies = 0;   // local `ret` copies (trampolines and fall-throughs)
  std::size_t trampolines = 0;  // `ja` instructions
};

// local_returns = false: every copy is a `ja` right after its jump (the layout before local
// returns). The kernel's scratch-memory check treats a `ret` as falling through to the next
// instruction, so a `ret` copy can make a later `ld M[i]` look unwritten; the backend then lays
// the program out again this way.
bpf::Program layout(const CodeGen& gen, Node root, LayoutStats* stats = nullptr, bool local_returns = true);

}  // namespace secco::backend
