// --diagnostics-format=json: the diagnostics as one SARIF 2.1.0 log (the format GitHub code
// scanning, VS Code's SARIF viewer and clang's -fdiagnostics-format=sarif use). A result per error
// or warning; notes are its relatedLocations; a fix-it is a `fixes` entry replacing the range.
#include <nlohmann/json.hpp>

#include "support/diagnostics.h"

namespace secco {
namespace {

using nlohmann::json;

json region_of(const SourceRange& r) {
  json region = {{"startLine", r.begin.line}, {"startColumn", r.begin.col}};
  if (r.end.valid() && r.end.line == r.begin.line && r.end.col > r.begin.col) region["endColumn"] = r.end.col;
  return region;
}

json location_of(const SourceManager& sources, const Diagnostic& d) {
  json physical;
  if (d.range.begin.file != kNoFile && d.range.begin.file < sources.size()) {
    physical["artifactLocation"] = {{"uri", sources.name(d.range.begin.file)}};
    if (d.range.begin.valid()) physical["region"] = region_of(d.range);
  }
  json loc = json::object();
  if (!physical.empty()) loc["physicalLocation"] = physical;
  loc["message"] = {{"text", d.message}};
  return loc;
}

std::string rule_id(const Diagnostic& d) {
  return d.flag.empty() ? std::string("secco.error") : "-W" + d.flag;
}

}  // namespace

void Diagnostics::render_json(std::ostream& os) const {
  json results = json::array();
  for (const Diagnostic& d : diags_) {
    json r = {
        {"ruleId", rule_id(d)}, {"level", std::string(severity_word(d.severity))}, {"message", {{"text", d.message}}}};
    r["locations"] = json::array({location_of(sources_, d)});
    if (!d.notes.empty()) {
      json related = json::array();
      for (const Diagnostic& n : d.notes) related.push_back(location_of(sources_, n));
      r["relatedLocations"] = related;
    }
    if (d.fixit && d.range.begin.valid() && d.range.begin.file < sources_.size()) {
      json replacement = {{"deletedRegion", region_of(d.range)}, {"insertedContent", {{"text", *d.fixit}}}};
      json change = {{"artifactLocation", {{"uri", sources_.name(d.range.begin.file)}}},
                     {"replacements", json::array({replacement})}};
      r["fixes"] = json::array({{{"description", {{"text", "replace with '" + *d.fixit + "'"}}},
                                 {"artifactChanges", json::array({change})}}});
    }
    results.push_back(std::move(r));
  }
  json run = {{"tool", {{"driver", {{"name", "secco"}}}}}, {"columnKind", "utf8CodeUnits"}, {"results", results}};
  if (hidden_errors_ != 0 || hidden_warnings_ != 0)
    run["properties"] = {{"hiddenErrors", hidden_errors_}, {"hiddenWarnings", hidden_warnings_}};
  json log = {
      {"version", "2.1.0"}, {"$schema", "https://json.schemastore.org/sarif-2.1.0.json"}, {"runs", json::array({run})}};
  os << log.dump(2, ' ', false, json::error_handler_t::replace) << '\n';
}

}  // namespace secco
