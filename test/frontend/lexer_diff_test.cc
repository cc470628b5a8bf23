// The hand-written lexer (frontend/policy_lexer.h) against its oracle, the lexer ANTLR generates
// from grammar/Secco.g4: on every policy in the tree, on random policies and on mutated and random
// text, both must give the same tokens (type, text, start, stop, line, column, channel) and the
// same lexer errors (none). Also checks the two-stage parse (frontend/parse.cc): wherever the fast
// SLL stage accepts a line, full LL accepts it with the same parse tree.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "SeccoLexer.h"
#include "SeccoParser.h"
#include "frontend/byte_char_stream.h"
#include "frontend/lexer_oracle.h"
#include "frontend/line_check.h"
#include "frontend/policy_lexer.h"
#include "lib/random_policy.h"
#include "lib/test_support.h"
#include "target/target.h"

namespace secco::testing {
namespace {

namespace fs = std::filesystem;
using frontend::ByteCharStream;
using frontend::PolicyLexer;
using grammar::SeccoParser;

// Both lexers over `text`; fails the test case with the text when they differ.
void check_same_tokens(const std::string& text) {
  INFO("text: \"", text, "\"");
  REQUIRE(frontend::tokens_by_policy_lexer(text) == frontend::tokens_by_generated_lexer(text));
}

// The one-line parser of the driver, with a chosen prediction mode; errors throw.
class ModeParser {
 public:
  ModeParser() : lexer_(stream_), tokens_(&lexer_), parser_(&tokens_) {
    parser_.removeErrorListeners();
    parser_.setErrorHandler(std::make_shared<antlr4::BailErrorStrategy>());
  }

  // The parse tree of `line` in `mode`, or "" if it has a syntax error.
  std::string tree(const std::string& line, frontend::LineKind kind, antlr4::atn::PredictionMode mode) {
    stream_.reset(line);
    lexer_.reset();
    tokens_.setTokenSource(&lexer_);
    parser_.setTokenStream(&tokens_);
    parser_.getInterpreter<antlr4::atn::ParserATNSimulator>()->setPredictionMode(mode);
    try {
      antlr4::ParserRuleContext* t = nullptr;
      if (kind == frontend::LineKind::Rule) t = parser_.ruleLine();
      if (kind == frontend::LineKind::Definition) t = parser_.definitionLine();
      if (kind == frontend::LineKind::Default) t = parser_.defaultLine();
      if (kind == frontend::LineKind::Arch) t = parser_.archLine();
      return t ? t->toStringTree(&parser_) : "";
    } catch (const antlr4::ParseCancellationException&) {
      return "";
    }
  }

  // States of the DFAs that ANTLR's adaptive prediction builds; none while every decision the
  // parser meets is taken on the next token (Secco.g4 is LL(1) below `line`).
  std::size_t prediction_states() {
    parser_.getATN();  // loaded on first use (grammar/lazy-init.cmake): the DFAs exist from then on
    std::size_t n = 0;
    for (const antlr4::dfa::DFA& dfa : parser_.getInterpreter<antlr4::atn::ParserATNSimulator>()->decisionToDFA) {
      n += dfa.states.size() + (dfa.s0 != nullptr ? 1 : 0);
    }
    return n;
  }
  const antlr4::atn::ATN& atn() const { return parser_.getATN(); }

 private:
  ByteCharStream stream_;
  PolicyLexer lexer_;
  antlr4::CommonTokenStream tokens_;
  SeccoParser parser_;
};

struct StageCounts {
  std::size_t accepted = 0;  // lines SLL accepted
  std::size_t missed = 0;    // lines only LL accepted (they pay for both stages)
};

// Where SLL accepts a line, LL accepts it with the same tree (what the two-stage parse relies on).
StageCounts check_sll_agrees(ModeParser& parser, const std::string& text) {
  StageCounts counts;
  std::istringstream lines(text);
  std::string line;
  SourceManager sources;
  FileId id = sources.add("t.secco", text);
  Diagnostics diags(sources);
  while (std::getline(lines, line)) {
    ByteCharStream input;
    input.reset(line);
    PolicyLexer lexer(input);
    std::vector<frontend::LexedToken> lexed;
    for (auto t = lexer.nextToken(); t->getType() != antlr4::Token::EOF; t = lexer.nextToken()) {
      lexed.push_back({t->getType(), t->getStartIndex(), t->getStopIndex() + 1});
    }
    std::optional<frontend::LineKind> kind = frontend::check_line(line, lexed, id, 1, diags);
    if (!kind || *kind == frontend::LineKind::BlankOrComment) continue;
    std::string sll = parser.tree(line, *kind, antlr4::atn::PredictionMode::SLL);
    if (sll.empty()) {
      if (!parser.tree(line, *kind, antlr4::atn::PredictionMode::LL).empty()) ++counts.missed;
      continue;
    }
    ++counts.accepted;
    INFO("line: \"", line, "\"");
    REQUIRE(parser.tree(line, *kind, antlr4::atn::PredictionMode::LL) == sll);
  }
  return counts;
}

std::vector<std::string> policy_texts() {
  std::vector<std::string> out;
  std::vector<fs::path> dirs = {source_path("test/policies"),
                                source_path("test/golden/policies"),
                                source_path("test/diagnostics/parse"),
                                source_path("test/ir/golden"),
                                source_path("examples/policies"),
                                source_path("examples/golden"),
                                source_path("fuzz/corpus/frontend"),
                                source_path("fuzz/corpus/pipeline"),
                                fs::path(SECCO_SOURCE_DIR) / ".." / "shared" / "bench"};
  std::vector<std::string> files;
  for (const fs::path& dir : dirs) {
    if (!fs::is_directory(dir)) continue;
    for (const auto& entry : fs::directory_iterator(dir)) {
      if (entry.is_regular_file()) files.push_back(entry.path().string());
    }
  }
  std::sort(files.begin(), files.end());
  for (const std::string& f : files) out.push_back(read_file(f));
  return out;
}

// `text` with a few random edits, drawn mostly from the characters tokens are made of.
std::string mutate(std::string text, std::mt19937_64& rng) {
  static const std::string kAlphabet = "azAZ_09@-#|&=!?<>^+*/%~()[],;: \t\r\n\"'.$\\\x01\x7f\x80\xc3\xa9\xff";
  static const std::vector<std::string> kWords = {"arg",
                                                  "argL",
                                                  "argH",
                                                  "arg7",
                                                  "return",
                                                  "in",
                                                  "NotIn",
                                                  "TRUE",
                                                  "fAlSe",
                                                  "DEFAULT_POLICY",
                                                  "DEFAULT_POSITIVE",
                                                  "0x",
                                                  "09",
                                                  "@file-system",
                                                  "&?",
                                                  "<<",
                                                  ">>=",
                                                  "||",
                                                  "&&",
                                                  "==",
                                                  "!="};
  std::uniform_int_distribution<std::size_t> edits(1, 4);
  for (std::size_t n = edits(rng); n > 0; --n) {
    std::size_t at = text.empty() ? 0 : rng() % (text.size() + 1);
    switch (rng() % 4) {
      case 0:
        text.insert(at, 1, kAlphabet[rng() % kAlphabet.size()]);
        break;
      case 1:
        text.insert(at, kWords[rng() % kWords.size()]);
        break;
      case 2:
        if (at < text.size()) text.erase(at, 1 + rng() % 3);
        break;
      default:
        if (at < text.size()) text[at] = kAlphabet[rng() % kAlphabet.size()];
        break;
    }
  }
  return text;
}

TEST_CASE("lexer: identical tokens to the generated lexer on every policy of the tree") {
  std::vector<std::string> texts = policy_texts();
  CHECK(texts.size() >= 20);
  ModeParser parser;
  StageCounts total;
  for (const std::string& text : texts) {
    check_same_tokens(text);  // the whole file at once: line counting across '\n'
    std::istringstream lines(text);
    for (std::string line; std::getline(lines, line);) check_same_tokens(line);
    StageCounts counts = check_sll_agrees(parser, text);
    total.accepted += counts.accepted;
    total.missed += counts.missed;
  }
  CHECK(total.accepted > 200);
  CHECK(total.missed == 0);                // no valid line of these policies needs the second stage
  CHECK(parser.prediction_states() == 0);  // no adaptivePredict in either stage
}

// grammar/lazy-init.cmake turns ANTLR's check of the deserialised ATN off at start-up (every
// process paid for it); the check runs here instead.
TEST_CASE("the generated ATNs pass ANTLR's verification") {
  ModeParser parser;
  CHECK_NOTHROW(antlr4::atn::ATNDeserializer().verifyATN(parser.atn()));
  antlr4::ANTLRInputStream input("");
  grammar::SeccoLexer lexer(&input);
  CHECK_NOTHROW(antlr4::atn::ATNDeserializer().verifyATN(lexer.getATN()));
}

TEST_CASE("lexer: identical tokens on random policies and their mutations") {
  PolicyGenerator generator(Target::default_target());
  std::mt19937_64 rng(property_seed());
  ModeParser parser;
  for (std::uint64_t i = 0; i < 60 * property_iterations(); ++i) {
    std::string text = generator.generate(property_seed() + i).text;
    check_same_tokens(text);
    StageCounts counts = check_sll_agrees(parser, text);
    CHECK(counts.missed == 0);  // a well-formed policy never needs the second stage
    std::string mutated = mutate(text, rng);
    check_same_tokens(mutated);
    check_sll_agrees(parser, mutated);
  }
}

TEST_CASE("lexer: identical tokens on mutated lines of the tree's policies and on random bytes") {
  std::mt19937_64 rng(property_seed() + 7);
  ModeParser parser;
  for (const std::string& text : policy_texts()) {
    std::istringstream lines(text);
    for (std::string line; std::getline(lines, line);) {
      std::string mutated = mutate(line, rng);
      check_same_tokens(mutated);
      check_sll_agrees(parser, mutated);
    }
  }
  for (int i = 0; i < 2000; ++i) {
    std::string bytes(rng() % 24, '\0');
    for (char& c : bytes) c = static_cast<char>(rng() % 256);
    check_same_tokens(bytes);
  }
}

TEST_CASE("lexer: longest match and rule order at the edges") {
  for (const char* text : {"",
                           " ",
                           "\t \t",
                           "arg",
                           "arg1",
                           "argL",
                           "argL1",
                           "argH12x",
                           "arg_1",
                           "Arg1",
                           "argl1",
                           "in",
                           "IN",
                           "iN",
                           "inx",
                           "notin",
                           "NOTIN",
                           "notin_",
                           "true",
                           "TRUE1",
                           "false",
                           "return",
                           "returns",
                           "Return",
                           "DEFAULT_POLICY",
                           "DEFAULT_POLICYx",
                           "default_policy",
                           "@",
                           "@-",
                           "@a-b-",
                           "@@a",
                           "0",
                           "0x",
                           "09",
                           "12ab_",
                           "1.5",
                           "#",
                           "# c # d",
                           "a#b",
                           "&?",
                           "&&?",
                           "|||",
                           "===",
                           "!==",
                           "<<=",
                           ">>>",
                           "<=>",
                           "?",
                           "\r",
                           "a\nb",
                           "x\n\n# c\ny",
                           "\xc3\xa9",
                           "\xff",
                           "$",
                           "a = b\r"}) {
    check_same_tokens(text);
  }
}

}  // namespace
}  // namespace secco::testing
