// The output formats of `secco compile -f FMT` (spec: cli.md) behind one entry point.
//
//   bin       raw struct sock_filter[] in host byte order (seccomp(2), seccomp_export_bpf)
//   asm       the project's assembler text (disassembler.h; round-trips through assemble())
//   c         a compilable C definition of a struct sock_filter array (c_format.cc)
//   json      instructions plus metadata (json_format.cc)
//   pcap-d, pcap-dd, pcap-ddd   libpcap's bpf_dump() options 1, 2, 3 (pcap_format.h)
//
// Every format is deterministic: the same program and options give the same bytes.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bpf/program.h"

namespace secco {
class Target;
}

namespace secco::bpf {

enum class Format { Bin, Asm, C, Json, PcapD, PcapDD, PcapDDD };

// "bin", "asm", "c", "json", "pcap-d", "pcap-dd", "pcap-ddd"; nullopt for anything else.
std::optional<Format> parse_format(std::string_view name);
std::string_view format_name(Format format);
// All names, in the order above (for --help and error messages).
std::vector<std::string_view> format_names();
// Whether the format is text (every format but bin).
inline bool is_text_format(Format f) {
  return f != Format::Bin;
}

struct RenderOptions {
  // Names system calls, errno values and the architecture in asm/c/json comments; may be null.
  const Target* target = nullptr;
  // Metadata for c and json. When `arch` is empty and `target` is set, both come from the target.
  std::string arch;
  std::uint32_t audit_arch = 0;
  std::vector<std::string> sources;  // policy files the program was compiled from
  std::string secco_version;
  std::string c_array_name = "secco_filter";  // identifier of the C array
};

std::string render(const Program& program, Format format, const RenderOptions& options);

// The individual renderers (render() dispatches to them).
std::string render_c(const Program& program, const RenderOptions& options);
std::string render_json(const Program& program, const RenderOptions& options);

}  // namespace secco::bpf
