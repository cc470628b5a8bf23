// Jump layout: turns the instruction DAG into a linear program. Orders the nodes so that each
// instruction's fall-through successor comes right after it where possible (reverse post-order,
// taken branch visited first so the not-taken one falls through), adds `ja` where a straight-line
// instruction's successor is elsewhere, and replaces every conditional jump longer than 255 by a
// jump to an adjacent `ja` (32-bit offset), iterating to a fixed point because each insertion
// lengthens other jumps. Targets are never changed, only routed: a far `ret KILL` stays KILL.
#pragma once

#include "backend/codegen.h"

namespace secco::backend {

bpf::Program layout(const CodeGen& gen, Node root);

}  // namespace secco::backend
