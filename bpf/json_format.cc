// The `json` output format: metadata and the instructions, for tools that post-process programs.
// Keys come in a fixed order (nlohmann::ordered_json keeps insertion order), so output is
// byte-for-byte deterministic:
//
//   {"format": "secco-bpf", "format_version": 1, "secco_version": "0.1.0", "arch": "x86_64",
//    "audit_arch": 3221225534, "sources": ["p.policy"], "length": 12,
//    "instructions": [{"index": 0, "code": 32, "jt": 0, "jf": 0, "k": 4,
//                      "asm": "ld [arch]", "comment": ""}, ...]}
//
// Numbers are JSON numbers (code, jt, jf, k unsigned); "asm" is the instruction in `asm` syntax
// with labels naming instruction indices, "comment" what the disassembler would annotate.
#include <nlohmann/json.hpp>

#include "bpf/disassembler.h"
#include "bpf/dump.h"
#include "target/target.h"

namespace secco::bpf {

std::string render_json(const Program& program, const RenderOptions& o) {
  const bool from_target = o.arch.empty() && o.target != nullptr;
  nlohmann::ordered_json doc;
  doc["format"] = "secco-bpf";
  doc["format_version"] = 1;
  doc["secco_version"] = o.secco_version;
  doc["arch"] = from_target ? std::string(o.target->name()) : o.arch;
  doc["audit_arch"] = from_target ? o.target->audit_arch() : o.audit_arch;
  doc["sources"] = o.sources;
  doc["length"] = program.size();
  nlohmann::ordered_json insns = nlohmann::ordered_json::array();
  for (const AsmLine& line : disassemble_lines(program, o.target)) {
    const Insn& in = program[line.index];
    nlohmann::ordered_json j;
    j["index"] = line.index;
    j["code"] = in.code;
    j["jt"] = in.jt;
    j["jf"] = in.jf;
    j["k"] = in.k;
    j["asm"] = line.text;
    j["comment"] = line.comment;
    insns.push_back(std::move(j));
  }
  doc["instructions"] = std::move(insns);
  return doc.dump(2) + "\n";
}

}  // namespace secco::bpf
