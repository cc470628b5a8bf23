// libpcap's text forms of a program, byte for byte as libpcap 1.10's bpf_dump() prints them with
// option 1, 2 and 3 (`tcpdump -d`, `-dd`, `-ddd`), so that secco output can be diffed against
// tcpdump's and fed to tools that read those forms.
#pragma once

#include <string>

#include "bpf/program.h"

namespace secco::bpf {

// One line of `-d` without its newline, as libpcap's bpf_image(insn, index) returns it.
std::string pcap_image(const Insn& insn, int index);

// The whole dump; `level` is bpf_dump's option: 1 = `-d`, 2 = `-dd`, 3 = `-ddd`.
std::string render_pcap(const Program& program, int level);

}  // namespace secco::bpf
