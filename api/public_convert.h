// Conversions between the public API's types (include/secco/) and the internal ones, shared by
// public_api.cc and public_runtime.cc. Both sides have the same layouts and enumerator orders; the
// static_asserts keep them so.
#pragma once

#include "bpf/dump.h"
#include "bpf/program.h"
#include "secco/action.h"
#include "secco/program.h"
#include "support/action.h"

namespace secco::detail {

static_assert(sizeof(Instruction) == sizeof(bpf::Insn), "Instruction and bpf::Insn must have one layout");

inline Program from_bpf(const bpf::Program& p) {
  Program out(p.size());
  for (std::size_t i = 0; i < p.size(); ++i) out[i] = Instruction{p[i].code, p[i].jt, p[i].jf, p[i].k};
  return out;
}

inline bpf::Program to_bpf(const Program& p) {
  bpf::Program out(p.size());
  for (std::size_t i = 0; i < p.size(); ++i) out[i] = bpf::Insn{p[i].code, p[i].jt, p[i].jf, p[i].k};
  return out;
}

static_assert(static_cast<int>(ActionType::kill_process) == static_cast<int>(ActionKind::KillProcess) &&
                  static_cast<int>(ActionType::kill_thread) == static_cast<int>(ActionKind::KillThread) &&
                  static_cast<int>(ActionType::trap) == static_cast<int>(ActionKind::Trap) &&
                  static_cast<int>(ActionType::return_errno) == static_cast<int>(ActionKind::Errno) &&
                  static_cast<int>(ActionType::user_notif) == static_cast<int>(ActionKind::UserNotif) &&
                  static_cast<int>(ActionType::trace) == static_cast<int>(ActionKind::Trace) &&
                  static_cast<int>(ActionType::log) == static_cast<int>(ActionKind::Log) &&
                  static_cast<int>(ActionType::allow) == static_cast<int>(ActionKind::Allow),
              "ActionType must list the kinds in ActionKind's order");

inline FilterAction from_action(Action a) {
  return FilterAction{static_cast<ActionType>(a.kind), a.data};
}
inline Action to_action(FilterAction a) {
  return Action{static_cast<ActionKind>(a.type), a.data};
}

static_assert(static_cast<int>(Format::bin) == static_cast<int>(bpf::Format::Bin) &&
                  static_cast<int>(Format::assembly) == static_cast<int>(bpf::Format::Asm) &&
                  static_cast<int>(Format::c) == static_cast<int>(bpf::Format::C) &&
                  static_cast<int>(Format::json) == static_cast<int>(bpf::Format::Json) &&
                  static_cast<int>(Format::pcap_d) == static_cast<int>(bpf::Format::PcapD) &&
                  static_cast<int>(Format::pcap_dd) == static_cast<int>(bpf::Format::PcapDD) &&
                  static_cast<int>(Format::pcap_ddd) == static_cast<int>(bpf::Format::PcapDDD),
              "Format must list the formats in bpf::Format's order");

inline bpf::Format to_bpf(Format f) {
  return static_cast<bpf::Format>(f);
}
inline Format from_bpf(bpf::Format f) {
  return static_cast<Format>(f);
}

}  // namespace secco::detail
