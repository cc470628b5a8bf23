// Passes over the backend's instruction DAG (backend/codegen.h): they run after instruction
// selection, on the whole program's DAG, and before layout. What they need is machine state the
// IR does not have (what the accumulator, X and the scratch words hold), so they are not IR passes;
// they are named in the same pipeline (`--passes=...,lower-branches,reuse-loads`), printed with
// `--print-after=NAME` as a DAG dump and listed by `secco passes`. docs/passes.md describes them.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "backend/codegen.h"

namespace secco::backend {

struct DagPass {
  std::string_view name;
  std::string_view description;
  // Returns the new root. Nodes are immutable and hash-consed: a pass adds the nodes it changes,
  // unchanged parts keep their ids. Must not change what the program decides.
  Node (*run)(CodeGen& gen, Node root);
};

// Every DAG pass, by name.
const std::vector<DagPass>& dag_passes();
const DagPass* find_dag_pass(std::string_view name);
// The DAG passes of an optimisation level, comma-separated ("" at -O0).
std::string dag_pipeline_for_level(int level);

// The DAG as text, one node a line from the root down (a topological order):
//   n12: ld [nr] -> n11
//   n11: jeq #59, n10, n3
//   n3: ret #0x7fff0000
std::string print_dag(const CodeGen& gen, Node root);

// reuse-loads: an edge into code that first recomputes the value the accumulator already holds
// on that edge skips the recomputation (exposed for its tests).
Node reuse_loads(CodeGen& gen, Node root);

}  // namespace secco::backend
