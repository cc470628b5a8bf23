// The C API (include/secco/secco.h) over api::Compilation, import/ and runtime/: the same
// compiler the command line drives. Every entry point catches everything: no C++ exception crosses
// into C, and running out of memory is SECCO_ERR_NO_MEMORY.
#include <cstring>
#include <deque>
#include <map>
#include <memory>
#include <new>
#include <optional>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "api/compilation.h"
#include "bpf/dump.h"
#include "import/oci_import.h"
#include "runtime/emulator.h"
#include "runtime/install.h"
#include "secco/secco.h"
#include "target/target.h"

#ifndef SECCO_VERSION
#define SECCO_VERSION "unknown"
#endif

static_assert(sizeof(secco_u32) == 4 && sizeof(secco_u64) == 8, "secco.h's fixed-width types");
static_assert(sizeof(secco_insn) == sizeof(secco::bpf::Insn), "secco_insn is struct sock_filter");
static_assert(sizeof(secco_syscall) == 64, "secco_syscall is struct seccomp_data");

struct secco_options {
  secco::api::Settings settings;  // what secco_options_set names directly (arch, O, defaults, werror)
  bool arch_set = false;
  std::vector<std::string> definitions;
  std::vector<std::string> caps;
  std::optional<std::pair<unsigned, unsigned>> kernel;
};

struct secco_result {
  int status = SECCO_ERR_INTERNAL;
  std::vector<secco_insn> program;
  std::deque<std::string> strings;  // what diagnostics point into (a deque never moves its elements)
  std::vector<secco_diagnostic> diagnostics;
  std::string text;
  std::string arch = "x86_64";
  std::vector<std::string> sources;
  std::map<std::string, std::string> renders;

  const char* keep(std::string s) {
    strings.push_back(std::move(s));
    return strings.back().c_str();
  }
  void add(int severity, const std::string& file, secco_u32 line, secco_u32 column, const std::string& message) {
    diagnostics.push_back(secco_diagnostic{severity, keep(file), line, column, keep(message)});
  }
};

namespace {

using namespace secco;

thread_local std::string install_message;

template <typename F>
int guarded(F&& f) noexcept {
  try {
    return f();
  } catch (const std::bad_alloc&) {
    return SECCO_ERR_NO_MEMORY;
  } catch (...) {
    return SECCO_ERR_INTERNAL;
  }
}

std::vector<std::string> split_arches(const std::string& text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t comma = text.find(',', start);
    if (comma == std::string::npos) comma = text.size();
    out.push_back(text.substr(start, comma - start));
    start = comma + 1;
  }
  return out;
}

int severity_of(Severity s) {
  return s == Severity::Note ? SECCO_NOTE : s == Severity::Warning ? SECCO_WARNING : SECCO_ERROR;
}

int severity_of(oci::Problem::Severity s) {
  return s == oci::Problem::Severity::note      ? SECCO_NOTE
         : s == oci::Problem::Severity::warning ? SECCO_WARNING
                                                : SECCO_ERROR;
}

struct Input {
  enum Kind { text, file, oci } kind = text;
  std::string name;  // display name, or the path of a file
  std::string data;
};

// Runs one compilation into `r`.
void compile_into(const secco_options& o, Input in, secco_result& r) {
  api::Settings s = o.settings;
  if (in.kind == Input::oci) {
    oci::ImportOptions io;
    io.source_name = in.name;
    if (o.arch_set) io.arches = split_arches(s.arch);
    io.caps = o.caps;
    io.kernel = o.kernel;
    oci::ImportResult ir = oci::import_profile(in.data, io);
    for (const oci::Problem& p : ir.problems) {
      r.add(severity_of(p.severity), in.name, p.line, p.column, p.path.empty() ? p.message : p.path + ": " + p.message);
      r.text += oci::to_string(p, in.name) + "\n";
    }
    if (!ir.ok()) {
      r.status = SECCO_ERR_POLICY;
      return;
    }
    if (!o.arch_set) {
      s.arch.clear();
      for (const std::string& a : ir.arches) s.arch += (s.arch.empty() ? "" : ",") + a;
    }
    in.kind = Input::text;
    in.name += " (imported)";
    in.data = std::move(ir.text);
  }
  r.arch = s.arch;
  api::Compilation c(s);
  if (!c.settings_error().empty()) {
    r.add(SECCO_ERROR, "", 0, 0, c.settings_error());
    r.text += "error: " + c.settings_error() + "\n";
    r.status = SECCO_ERR_ARGUMENT;
    return;
  }
  bool readable = true;
  for (const std::string& d : o.definitions) readable = c.add_file(d, true) && readable;
  if (in.kind == Input::file)
    readable = c.add_file(in.name, false) && readable;
  else
    c.add_text(in.name, std::move(in.data), false);
  std::optional<bpf::Program> prog = readable ? c.compile() : std::nullopt;
  auto record = [&](const Diagnostic& d) {
    const SourceLoc& b = d.range.begin;
    const bool placed = b.file != kNoFile && b.file < c.sources().size();
    r.add(severity_of(d.severity), placed ? c.sources().name(b.file) : "", placed ? b.line : 0,
          placed && b.line != 0 ? b.col : 0, d.message);
  };
  for (const Diagnostic& d : c.diagnostics().all()) {
    record(d);
    for (const Diagnostic& n : d.notes) record(n);
  }
  std::ostringstream text;
  c.render_diagnostics(text);
  r.text += text.str();
  if (!readable) {
    r.status = SECCO_ERR_IO;
    return;
  }
  if (!prog) {
    r.status = SECCO_ERR_POLICY;
    return;
  }
  r.program.resize(prog->size());
  for (std::size_t i = 0; i < prog->size(); ++i)
    r.program[i] = secco_insn{(*prog)[i].code, (*prog)[i].jt, (*prog)[i].jf, (*prog)[i].k};
  r.sources = c.file_names();
  r.status = SECCO_OK;
}

int compile(const secco_options* options, Input in, secco_result** out) {
  if (out == nullptr) return SECCO_ERR_ARGUMENT;
  *out = nullptr;
  std::unique_ptr<secco_result> r(new (std::nothrow) secco_result);
  if (!r) return SECCO_ERR_NO_MEMORY;
  static const secco_options kDefaults;
  int status = guarded([&] {
    compile_into(options != nullptr ? *options : kDefaults, std::move(in), *r);
    return r->status;
  });
  if (status == SECCO_ERR_NO_MEMORY) return status;  // the result may be half-built: drop it
  if (status == SECCO_ERR_INTERNAL && r->status != SECCO_ERR_INTERNAL) r->program.clear();
  r->status = status;
  *out = r.release();
  return status;
}

bpf::Program to_program(const secco_insn* p, std::size_t n) {
  bpf::Program out(n);
  for (std::size_t i = 0; i < n; ++i) out[i] = bpf::Insn{p[i].code, p[i].jt, p[i].jf, p[i].k};
  return out;
}

int install(const secco_insn* program, std::size_t count, unsigned flags, int* listener_fd) {
  install_message.clear();
  if (listener_fd != nullptr) *listener_fd = -1;
  const unsigned known = SECCO_INSTALL_TSYNC | SECCO_INSTALL_LOG | SECCO_INSTALL_SPEC_ALLOW |
                         SECCO_INSTALL_NEW_LISTENER | SECCO_INSTALL_KEEP_PRIVS;
  if ((flags & ~known) != 0 || (program == nullptr && count != 0) ||
      ((flags & SECCO_INSTALL_NEW_LISTENER) != 0 && listener_fd == nullptr)) {
    install_message = "invalid arguments to secco_install";
    return SECCO_ERR_ARGUMENT;
  }
  runtime::InstallOptions o;
  o.set_no_new_privs = (flags & SECCO_INSTALL_KEEP_PRIVS) == 0;
  o.tsync = (flags & SECCO_INSTALL_TSYNC) != 0;
  o.require_tsync = o.tsync;
  o.log = (flags & SECCO_INSTALL_LOG) != 0;
  o.spec_allow = (flags & SECCO_INSTALL_SPEC_ALLOW) != 0;
  o.new_listener = (flags & SECCO_INSTALL_NEW_LISTENER) != 0;
  runtime::InstallResult k = runtime::install_filter(to_program(program, count), o);
  if (k.ok()) {
    if (listener_fd != nullptr) *listener_fd = k.listener_fd;
    return SECCO_OK;
  }
  install_message = k.message;
  switch (k.status) {
    case runtime::InstallStatus::EmptyProgram:
    case runtime::InstallStatus::ProgramTooLong:
    case runtime::InstallStatus::UnknownAction:
      return SECCO_ERR_ARGUMENT;
    case runtime::InstallStatus::NoSeccompFilter:
    case runtime::InstallStatus::UnsupportedAction:
    case runtime::InstallStatus::TsyncUnavailable:
    case runtime::InstallStatus::FlagUnsupported:
      return SECCO_ERR_UNSUPPORTED;
    case runtime::InstallStatus::OutOfMemory:
      return SECCO_ERR_NO_MEMORY;
    default:
      return SECCO_ERR_KERNEL;
  }
}

}  // namespace

extern "C" {

const char* secco_status_string(int status) {
  switch (status) {
    case SECCO_OK:
      return "ok";
    case SECCO_ERR_POLICY:
      return "the policy has errors";
    case SECCO_ERR_ARGUMENT:
      return "invalid argument";
    case SECCO_ERR_NO_MEMORY:
      return "out of memory";
    case SECCO_ERR_IO:
      return "cannot read the file";
    case SECCO_ERR_KERNEL:
      return "the kernel refused the filter";
    case SECCO_ERR_UNSUPPORTED:
      return "not supported by this kernel";
    case SECCO_ERR_PROGRAM:
      return "the kernel would refuse this program";
    case SECCO_ERR_INTERNAL:
      return "internal error";
    default:
      return "unknown status";
  }
}

const char* secco_version(void) {
  return SECCO_VERSION;
}

int secco_options_new(secco_options** out) {
  if (out == nullptr) return SECCO_ERR_ARGUMENT;
  *out = new (std::nothrow) secco_options;
  return *out != nullptr ? SECCO_OK : SECCO_ERR_NO_MEMORY;
}

void secco_options_free(secco_options* options) {
  delete options;
}

int secco_options_set(secco_options* o, const char* name, const char* value) {
  if (o == nullptr || name == nullptr || value == nullptr) return SECCO_ERR_ARGUMENT;
  return guarded([&] {
    const std::string n = name, v = value;
    if (n == "arch") {
      if (v.empty()) return static_cast<int>(SECCO_ERR_ARGUMENT);
      o->settings.arch = v;
      o->arch_set = true;
    } else if (n == "opt_level") {
      if (v != "0" && v != "1" && v != "2") return static_cast<int>(SECCO_ERR_ARGUMENT);
      o->settings.opt_level = v[0] - '0';
    } else if (n == "default_positive") {
      o->settings.default_positive = v;
    } else if (n == "default_negative") {
      o->settings.default_negative = v;
    } else if (n == "default_policy") {
      o->settings.default_policy = v;
    } else if (n == "on_x32") {
      o->settings.on_x32 = v;
    } else if (n == "on_bad_arch") {
      o->settings.on_bad_arch = v;
    } else if (n == "werror") {
      if (v != "0" && v != "1") return static_cast<int>(SECCO_ERR_ARGUMENT);
      o->settings.warnings_as_errors = v == "1";
    } else if (n == "validate") {
      if (v != "0" && v != "1") return static_cast<int>(SECCO_ERR_ARGUMENT);
      o->settings.validate = v == "1";
    } else if (n == "definitions") {
      o->definitions.push_back(v);
    } else if (n == "caps") {
      if (!oci::is_capability_name(v)) return static_cast<int>(SECCO_ERR_ARGUMENT);
      o->caps.push_back(v);
    } else if (n == "kernel") {
      auto k = oci::parse_kernel_version(v);
      if (!k) return static_cast<int>(SECCO_ERR_ARGUMENT);
      o->kernel = k;
    } else {
      return static_cast<int>(SECCO_ERR_ARGUMENT);
    }
    return static_cast<int>(SECCO_OK);
  });
}

int secco_compile_text(const secco_options* options, const char* name, const char* text, size_t length,
                       secco_result** out) {
  if (name == nullptr || (text == nullptr && length != 0)) {
    if (out != nullptr) *out = nullptr;
    return SECCO_ERR_ARGUMENT;
  }
  Input in;
  try {
    in.name = name;
    in.data.assign(text == nullptr ? "" : text, length);
  } catch (...) {
    if (out != nullptr) *out = nullptr;
    return SECCO_ERR_NO_MEMORY;
  }
  return compile(options, std::move(in), out);
}

int secco_compile_file(const secco_options* options, const char* path, secco_result** out) {
  if (path == nullptr) {
    if (out != nullptr) *out = nullptr;
    return SECCO_ERR_ARGUMENT;
  }
  Input in;
  in.kind = Input::file;
  try {
    in.name = path;
  } catch (...) {
    if (out != nullptr) *out = nullptr;
    return SECCO_ERR_NO_MEMORY;
  }
  return compile(options, std::move(in), out);
}

int secco_compile_oci(const secco_options* options, const char* name, const char* json, size_t length,
                      secco_result** out) {
  if (name == nullptr || (json == nullptr && length != 0)) {
    if (out != nullptr) *out = nullptr;
    return SECCO_ERR_ARGUMENT;
  }
  Input in;
  in.kind = Input::oci;
  try {
    in.name = name;
    in.data.assign(json == nullptr ? "" : json, length);
  } catch (...) {
    if (out != nullptr) *out = nullptr;
    return SECCO_ERR_NO_MEMORY;
  }
  return compile(options, std::move(in), out);
}

void secco_result_free(secco_result* result) {
  delete result;
}

int secco_result_status(const secco_result* result) {
  return result != nullptr ? result->status : SECCO_ERR_ARGUMENT;
}

const secco_insn* secco_result_program(const secco_result* result, size_t* count) {
  const bool ok = result != nullptr && result->status == SECCO_OK && !result->program.empty();
  if (count != nullptr) *count = ok ? result->program.size() : 0;
  return ok ? result->program.data() : nullptr;
}

size_t secco_result_diagnostic_count(const secco_result* result) {
  return result != nullptr ? result->diagnostics.size() : 0;
}

const secco_diagnostic* secco_result_diagnostic(const secco_result* result, size_t i) {
  if (result == nullptr || i >= result->diagnostics.size()) return nullptr;
  return &result->diagnostics[i];
}

const char* secco_result_diagnostics_text(const secco_result* result) {
  return result != nullptr ? result->text.c_str() : "";
}

const char* secco_result_render(secco_result* result, const char* format, size_t* length) {
  if (length != nullptr) *length = 0;
  if (result == nullptr || format == nullptr || result->status != SECCO_OK) return nullptr;
  try {
    auto f = bpf::parse_format(format);
    if (!f) return nullptr;
    auto it = result->renders.find(format);
    if (it == result->renders.end()) {
      // A multi-ABI target names calls with its first ABI.
      const Target* target = Target::find(split_arches(result->arch).front());
      if (target == nullptr) return nullptr;
      bpf::RenderOptions ro;
      ro.target = target;
      ro.arch = std::string(target->name());
      ro.audit_arch = target->audit_arch();
      ro.sources = result->sources;
      ro.secco_version = SECCO_VERSION;
      bpf::Program p = to_program(result->program.data(), result->program.size());
      it = result->renders.emplace(format, bpf::render(p, *f, ro)).first;
    }
    if (length != nullptr) *length = it->second.size();
    return it->second.c_str();
  } catch (...) {
    return nullptr;
  }
}

int secco_syscall_number(const char* name, const char* arch, secco_u32* nr) {
  if (name == nullptr || arch == nullptr || nr == nullptr) return SECCO_ERR_ARGUMENT;
  return guarded([&] {
    const Target* t = Target::find(arch);
    if (t == nullptr) return static_cast<int>(SECCO_ERR_ARGUMENT);
    auto n = t->syscall_number(name);
    if (!n) return static_cast<int>(SECCO_ERR_ARGUMENT);
    *nr = *n;
    return static_cast<int>(SECCO_OK);
  });
}

int secco_audit_arch(const char* arch, secco_u32* value) {
  if (arch == nullptr || value == nullptr) return SECCO_ERR_ARGUMENT;
  return guarded([&] {
    std::optional<std::uint32_t> v;
    if (const Target* t = Target::find(arch)) v = t->audit_arch();
    if (!v) v = audit_arch_by_name(arch);
    if (!v) return static_cast<int>(SECCO_ERR_ARGUMENT);
    *value = *v;
    return static_cast<int>(SECCO_OK);
  });
}

int secco_emulate(const secco_insn* program, size_t count, const secco_syscall* call, secco_u32* value, size_t* steps) {
  if (program == nullptr || call == nullptr || value == nullptr) return SECCO_ERR_ARGUMENT;
  return guarded([&] {
    std::string err;
    auto emu = runtime::Emulator::create(to_program(program, count), err);
    if (!emu) return static_cast<int>(SECCO_ERR_PROGRAM);
    SeccompData d;
    d.nr = call->nr;
    d.arch = call->arch;
    d.instruction_pointer = call->instruction_pointer;
    for (int i = 0; i < 6; ++i) d.args[static_cast<std::size_t>(i)] = call->args[i];
    runtime::EmulatorResult e = emu->run(d);
    *value = e.value;
    if (steps != nullptr) *steps = e.steps;
    return static_cast<int>(SECCO_OK);
  });
}

int secco_install(const secco_result* result, unsigned flags, int* listener_fd) {
  return guarded([&] {
    if (result != nullptr && result->status == SECCO_OK)
      return install(result->program.data(), result->program.size(), flags, listener_fd);
    install_message = "no program to install: the compilation failed";
    return static_cast<int>(SECCO_ERR_ARGUMENT);
  });
}

int secco_install_program(const secco_insn* program, size_t count, unsigned flags, int* listener_fd) {
  return guarded([&] { return install(program, count, flags, listener_fd); });
}

const char* secco_install_message(void) {
  return install_message.c_str();
}

}  // extern "C"
