// The checker against hand-made cases (each rule, the reported index) and against the running
// kernel on hundreds of random near-valid programs.
#include <doctest/doctest.h>

#include <cerrno>

#include "bpf/checker.h"
#include "program_gen.h"

namespace secco::bpf {
namespace {

using namespace op;

Insn ret_allow() {
  return stmt(RET | K, 0x7fff0000);
}

// The indices of the errors, in order.
std::vector<std::size_t> error_indices(const Program& p) {
  std::vector<std::size_t> out;
  for (const CheckError& e : check_program(p)) out.push_back(e.index);
  return out;
}

TEST_CASE("checker accepts a typical filter") {
  Program p = {stmt(LD | W | ABS, 4),
               jump(JMP | JEQ | K, 0xc000003e, 1, 0),
               stmt(RET | K, 0),
               stmt(LD | W | ABS, 0),
               jump(JMP | JEQ | K, 59, 0, 1),
               stmt(RET | K, 0x50001),
               stmt(LD | W | LEN, 0),
               stmt(ST, 3),
               stmt(LDX | MEM, 3),
               stmt(ALU | DIV | X, 0),
               stmt(ALU | LSH | K, 31),
               stmt(MISC | TAX, 0),
               stmt(LDX | W | LEN, 0),
               jump(JMP | JSET | X, 0, 0, 0),
               stmt(RET | A, 0)};
  CHECK(check_program(p).empty());
}

TEST_CASE("checker: program length") {
  CHECK(error_indices({}) == std::vector<std::size_t>{0});
  CHECK(check_program({}).front().message.find("empty") != std::string::npos);
  Program longest(kMaxInsns, stmt(RET | K, 0));
  CHECK(check_program(longest).empty());
  longest.push_back(stmt(RET | K, 0));
  CHECK(error_indices(longest) == std::vector<std::size_t>{4096});
}

TEST_CASE("checker: opcodes outside seccomp's set") {
  for (std::uint16_t code : {LD | H | ABS, LD | B | ABS, LD | W | IND, LDX | B | MSH, ALU | MOD | K, ALU | MOD | X,
                             RET | X, 0x08, 0xffff, 0x100 | RET}) {
    CAPTURE(code);
    auto errors = check_program({stmt(LD | IMM, 1), stmt(code, 1), ret_allow()});
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].index == 1);
    CHECK(errors[0].message.rfind("instruction 1: opcode 0x", 0) == 0);
  }
  CHECK(check_program({stmt(ALU | MOD | K, 3), ret_allow()})[0].message.find("classic BPF") != std::string::npos);
  int allowed = 0;
  for (unsigned c = 0; c <= 0xffff; ++c) allowed += seccomp_allows_opcode(static_cast<std::uint16_t>(c));
  CHECK(allowed == 41);
}

TEST_CASE("checker: seccomp_data loads") {
  for (std::uint32_t k = 0; k < 64; k += 4) CHECK(check_program({stmt(LD | W | ABS, k), ret_allow()}).empty());
  for (std::uint32_t k : {1U, 2U, 3U, 62U, 64U, 68U, 0xfffff000U, 0xffffffffU})
    CHECK(error_indices({stmt(LD | W | ABS, k), ret_allow()}) == std::vector<std::size_t>{0});
}

TEST_CASE("checker: constant division and shifts") {
  CHECK(error_indices({stmt(LD | IMM, 1), stmt(ALU | DIV | K, 0), ret_allow()}) == std::vector<std::size_t>{1});
  CHECK(check_program({stmt(ALU | DIV | K, 1), ret_allow()}).empty());
  CHECK(check_program({stmt(ALU | LSH | K, 31), stmt(ALU | RSH | K, 31), ret_allow()}).empty());
  CHECK(error_indices({stmt(ALU | LSH | K, 32), stmt(ALU | RSH | K, 0xffffffff), ret_allow()}) ==
        std::vector<std::size_t>{0, 1});
  // Shifts by X are checked at run time only.
  CHECK(check_program({stmt(LDX | IMM, 40), stmt(ALU | LSH | X, 0), ret_allow()}).empty());
}

TEST_CASE("checker: jumps") {
  CHECK(check_program({stmt(JMP | JA, 0), ret_allow()}).empty());
  CHECK(error_indices({stmt(JMP | JA, 1), ret_allow()}) == std::vector<std::size_t>{0});
  CHECK(error_indices({stmt(JMP | JA, 0xffffffff), ret_allow()}) == std::vector<std::size_t>{0});
  CHECK(check_program({jump(JMP | JEQ | K, 1, 1, 0), ret_allow(), ret_allow()}).empty());
  CHECK(error_indices({jump(JMP | JEQ | K, 1, 2, 0), ret_allow(), ret_allow()}) == std::vector<std::size_t>{0});
  CHECK(error_indices({jump(JMP | JGT | X, 0, 0, 2), ret_allow(), ret_allow()}) == std::vector<std::size_t>{0});
  auto both = check_program({jump(JMP | JGE | K, 0, 5, 5), ret_allow()});
  CHECK(both.size() == 1);  // one message when both branches have the same bad offset
  CHECK(both[0].message.find("past the end") != std::string::npos);
}

TEST_CASE("checker: the last instruction returns") {
  CHECK(error_indices({stmt(LD | IMM, 0)}) == std::vector<std::size_t>{0});
  CHECK(error_indices({ret_allow(), stmt(LD | IMM, 0)}) == std::vector<std::size_t>{1});
  CHECK(check_program({stmt(RET | A, 0)}).empty());
}

TEST_CASE("checker: scratch memory") {
  CHECK(error_indices({stmt(ST, 16), ret_allow()}) == std::vector<std::size_t>{0});
  CHECK(error_indices({stmt(LD | MEM, 17), ret_allow()}) == std::vector<std::size_t>{0});
  CHECK(check_program({stmt(ST, 15), stmt(LD | MEM, 15), ret_allow()}).empty());
  CHECK(check_program({stmt(STX, 2), stmt(LDX | MEM, 2), ret_allow()}).empty());
  auto unwritten = check_program({stmt(ST, 1), stmt(LD | MEM, 2), ret_allow()});
  REQUIRE(unwritten.size() == 1);
  CHECK(unwritten[0].index == 1);
  CHECK(unwritten[0].message.find("M[2]") != std::string::npos);
  // Written on one branch only.
  Program one_branch = {jump(JMP | JEQ | K, 0, 0, 1), stmt(ST, 0), stmt(LD | MEM, 0), ret_allow()};
  CHECK(error_indices(one_branch) == std::vector<std::size_t>{2});
  // Written on both branches.
  Program both = {
      jump(JMP | JEQ | K, 0, 0, 2), stmt(ST, 0), stmt(JMP | JA, 1), stmt(ST, 0), stmt(LD | MEM, 0), ret_allow()};
  CHECK(check_program(both).empty());
  // The kernel's conservative corner: a return does not reset the written set, so the read at 4
  // (reached only from 2, after a write) is refused because 3 returned without writing.
  Program quirk = {jump(JMP | JEQ | K, 1, 0, 2),
                   stmt(ST, 0),
                   stmt(JMP | JA, 1),
                   stmt(RET | K, 0),
                   stmt(LD | MEM, 0),
                   stmt(RET | A, 0)};
  CHECK(error_indices(quirk) == std::vector<std::size_t>{4});
}

TEST_CASE("checker: several faults are all reported in index order") {
  Program p = {stmt(ALU | DIV | K, 0), stmt(LD | W | ABS, 3), stmt(ALU | MOD | X, 0), stmt(LD | IMM, 0)};
  CHECK(error_indices(p) == std::vector<std::size_t>{0, 1, 2, 3});
  CHECK(format_check_errors(check_program(p)).find("instruction 3: the last instruction must be a return") !=
        std::string::npos);
}

TEST_CASE("checker agrees with the kernel on random programs") {
  testing::Rng rng(20240611);
  const Program prefix = testing::probe_prefix();
  int accepted = 0, refused = 0;
  for (int round = 0; round < 2000; ++round) {
    Program p = prefix;
    Program body = testing::random_near_valid_program(rng, 1 + rng() % 24);
    p.insert(p.end(), body.begin(), body.end());
    const bool checker_ok = check_program(p).empty();
    const testing::KernelOutcome k = testing::run_in_kernel(p, {}, false);
    REQUIRE(k.signal == 0);
    CAPTURE(round);
    CAPTURE(format_check_errors(check_program(p)));
    CHECK(checker_ok == (k.install_errno == 0));
    if (!checker_ok) CHECK(k.install_errno == EINVAL);
    (checker_ok ? accepted : refused)++;
  }
  MESSAGE("kernel comparison: " << accepted << " accepted, " << refused << " refused");
  CHECK(accepted > 200);
  CHECK(refused > 200);
}

TEST_CASE("the kernel refuses the conservative-corner program too") {
  Program quirk = testing::probe_prefix();
  Program body = {jump(JMP | JEQ | K, 1, 0, 2),
                  stmt(ST, 0),
                  stmt(JMP | JA, 1),
                  stmt(RET | K, 0),
                  stmt(LD | MEM, 0),
                  stmt(RET | A, 0)};
  quirk.insert(quirk.end(), body.begin(), body.end());
  CHECK_FALSE(check_program(quirk).empty());
  CHECK(testing::run_in_kernel(quirk, {}, false).install_errno == EINVAL);
}

}  // namespace
}  // namespace secco::bpf
