// The IR's text form (`secco ir`, `--print-after`). Stable: the same module prints the same text.
#pragma once

#include <ostream>
#include <string>

#include "ir/module.h"

namespace secco::ir {

struct PrintOptions {
  bool locations = true;  // a `; line:col` comment after each value
};

void print(std::ostream& os, const Module& m, const PrintOptions& opts = {});
void print(std::ostream& os, const Function& f, const PrintOptions& opts = {});
std::string to_string(const Module& m, const PrintOptions& opts = {});
std::string to_string(const ActionOperand& a);

}  // namespace secco::ir
