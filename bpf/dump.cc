// Format names and the dispatch of render(); the formats themselves live one per file.
#include "bpf/dump.h"

#include <array>

#include "bpf/disassembler.h"
#include "bpf/pcap_format.h"
#include "bpf/raw.h"

namespace secco::bpf {
namespace {

struct FormatName {
  Format format;
  std::string_view name;
};
constexpr std::array<FormatName, 7> kNames = {{{Format::Bin, "bin"},
                                               {Format::Asm, "asm"},
                                               {Format::C, "c"},
                                               {Format::Json, "json"},
                                               {Format::PcapD, "pcap-d"},
                                               {Format::PcapDD, "pcap-dd"},
                                               {Format::PcapDDD, "pcap-ddd"}}};

}  // namespace

std::optional<Format> parse_format(std::string_view name) {
  for (const FormatName& f : kNames)
    if (f.name == name) return f.format;
  return std::nullopt;
}

std::string_view format_name(Format format) {
  for (const FormatName& f : kNames)
    if (f.format == format) return f.name;
  return "?";
}

std::vector<std::string_view> format_names() {
  std::vector<std::string_view> names;
  for (const FormatName& f : kNames) names.push_back(f.name);
  return names;
}

std::string render(const Program& program, Format format, const RenderOptions& options) {
  switch (format) {
    case Format::Bin:
      return to_raw(program);
    case Format::Asm:
      return disassemble(program, options.target);
    case Format::C:
      return render_c(program, options);
    case Format::Json:
      return render_json(program, options);
    case Format::PcapD:
      return render_pcap(program, 1);
    case Format::PcapDD:
      return render_pcap(program, 2);
    case Format::PcapDDD:
      return render_pcap(program, 3);
  }
  return {};
}

}  // namespace secco::bpf
