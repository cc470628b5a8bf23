// Rewords ANTLR's syntax errors for policy authors. DefaultErrorStrategy decides *that* a line is
// wrong and which tokens would have been acceptable; this file turns (previous token, offending
// token, acceptable tokens) into a sentence in the language of the spec, never in grammar terms.
// Only the first error of a line is reported: the rest of a broken line is usually fallout.
#include "frontend/syntax_errors.h"

#include <memory>
#include <string>

#include "SeccoParser.h"

namespace secco::frontend {
namespace {

using antlr4::Token;
using grammar::SeccoParser;

// A token as the author wrote it, quoted; long names are shortened.
std::string quoted(Token* t) {
  std::string text = t->getText();
  constexpr std::size_t kMax = 32;
  if (text.size() > kMax) text = text.substr(0, kMax) + "...";
  return "'" + text + "'";
}

bool has(const antlr4::misc::IntervalSet& set, std::size_t type) {
  return set.contains(type);
}

bool at_end_of_line(Token* t) {
  return t->getType() == Token::EOF || t->getType() == SeccoParser::COMMENT;
}

Token* previous_token(antlr4::Parser* parser, Token* offending) {
  std::size_t index = offending->getTokenIndex();
  if (index == 0 || index == static_cast<std::size_t>(-1)) return nullptr;
  return parser->getTokenStream()->get(index - 1);
}

// Expected a name: which one depends on the rule being parsed.
std::string expected_name(antlr4::Parser* parser, Token* offending, Token* previous) {
  std::string found = at_end_of_line(offending) ? "" : ", found " + quoted(offending);
  switch (parser->getContext()->getRuleIndex()) {
    case SeccoParser::RuleRuleLine:  // its first token
      return "expected a system call name" + found;
    case SeccoParser::RuleParams:
      return "expected a parameter name" + found;
    default:
      bool in_params =
          previous && (previous->getType() == SeccoParser::LPAREN || previous->getType() == SeccoParser::COMMA);
      return std::string(in_params ? "expected a parameter name" : "expected a name to define") + found;
  }
}

// Whether the parser stopped right after a complete expression: a definition's body, or a rule
// body without `; return ...`.
bool ends_with_expression(antlr4::Parser* parser) {
  antlr4::ParserRuleContext* ctx = parser->getContext();
  if (dynamic_cast<SeccoParser::DefinitionLineContext*>(ctx)) return true;
  auto* line = dynamic_cast<SeccoParser::RuleLineContext*>(ctx);
  SeccoParser::BodyContext* body = line ? line->body() : nullptr;
  return body && body->expr() && !body->RETURN();
}

// `arg4 == -1`: the language has no unary minus (numbers are unsigned 64-bit); name the value the
// author meant in the spelling that works.
std::string negative_number_hint(antlr4::Parser* parser, Token* o) {
  if (o->getType() != SeccoParser::MINUS) return "";
  antlr4::TokenStream* tokens = parser->getTokenStream();
  std::size_t next = o->getTokenIndex() + 1;
  if (next >= tokens->size() || tokens->get(next)->getType() != SeccoParser::NUMBER) return "";
  std::string digits = tokens->get(next)->getText();
  if (digits == "1") return "; there are no negative numbers: write 0xffffffffffffffff or ~0 for -1";
  return "; there are no negative numbers: write ~" + digits + " + 1 for -" + digits +
         " (or compare the low half, argLN, with the 32-bit value)";
}

std::string compose(antlr4::Parser* parser, Token* o, const antlr4::misc::IntervalSet& e) {
  Token* p = previous_token(parser, o);
  std::string after = p ? " after " + quoted(p) : "";
  bool end = at_end_of_line(o);
  std::string found = end ? "" : ", found " + quoted(o);

  if (has(e, SeccoParser::ARG)) {  // an operand was due
    if (o->getType() == SeccoParser::RPAREN && p && p->getType() == SeccoParser::LPAREN) {
      return "expected an expression between '(' and ')'";
    }
    return std::string("expected an expression") + (has(e, SeccoParser::RETURN) ? " or 'return ACTION'" : "") + after +
           negative_number_hint(parser, o);
  }
  if (has(e, SeccoParser::IDENT) && has(e, SeccoParser::NUMBER)) return "expected an action" + after;
  if (end && has(e, SeccoParser::RPAREN)) return "missing ')'";
  if (end && has(e, SeccoParser::RBRACK)) return "missing ']'";
  if (has(e, SeccoParser::COLON)) {
    if (p && p->getType() == SeccoParser::IDENT) return "expected ':' after the system call name";
    return "expected ':'" + after;
  }
  if (has(e, SeccoParser::ASSIGN)) return "expected '='" + after;
  if (has(e, SeccoParser::PLUS)) return "expected '+ACTION' or '-ACTION' in the action list" + found;
  if (has(e, SeccoParser::RETURN)) return "expected 'return'" + after;
  if (has(e, SeccoParser::IDENT)) return expected_name(parser, o, p);
  if (has(e, SeccoParser::NUMBER)) return "expected a number" + after;
  if (!end && o->getType() == SeccoParser::RPAREN && !has(e, SeccoParser::RPAREN)) return "unmatched ')'";
  if (has(e, SeccoParser::COMMA) && has(e, SeccoParser::RPAREN)) return "expected ',' or ')'" + found;
  if (has(e, SeccoParser::COMMA) && has(e, SeccoParser::RBRACK)) return "expected ',' or ']'" + found;
  if (has(e, SeccoParser::RBRACK)) return "expected ']'" + found;
  if (has(e, SeccoParser::RPAREN)) {
    bool params = parser->getContext()->getRuleIndex() == SeccoParser::RuleDefinition;
    return std::string(params ? "expected ',' or ')' in the parameter list" : "expected ')'") + found;
  }
  if (end) return "unexpected end of line" + after;
  if (ends_with_expression(parser)) {
    if (o->getType() == SeccoParser::ASSIGN) return "unexpected '=' after the expression; did you mean '=='?";
    return "unexpected " + quoted(o) + " after the expression";
  }
  return "unexpected " + quoted(o) + after;
}

// Reports at the offending token; when the line ended too early, just after the last token, where
// the missing piece belongs.
void report(LineErrorSink& sink, antlr4::Parser* parser, Token* o, const antlr4::misc::IntervalSet& expected) {
  if (sink.failed) return;
  sink.failed = true;
  std::string message = compose(parser, o, expected);
  Token* p = previous_token(parser, o);
  std::size_t begin = o->getStartIndex();
  std::size_t end = o->getStopIndex() + 1;
  if (at_end_of_line(o) && p) {
    begin = p->getStopIndex() + 1;
    end = begin;
  } else if (o->getType() == Token::EOF) {
    end = begin;
  }
  SourceLoc b{sink.file, sink.line, static_cast<std::uint32_t>(begin + 1)};
  SourceLoc e{sink.file, sink.line, static_cast<std::uint32_t>(end + 1)};
  sink.diags->report(diag::err_syntax, SourceRange(b, e)) << message;
}

class Strategy : public antlr4::DefaultErrorStrategy {
 public:
  explicit Strategy(LineErrorSink& sink) : sink_(sink) {}

 protected:
  void reportNoViableAlternative(antlr4::Parser* parser, const antlr4::NoViableAltException& e) override {
    stop(parser, e.getOffendingToken(), e.getExpectedTokens());
  }
  void reportInputMismatch(antlr4::Parser* parser, const antlr4::InputMismatchException& e) override {
    stop(parser, e.getOffendingToken(), e.getExpectedTokens());
  }
  void reportFailedPredicate(antlr4::Parser* parser, const antlr4::FailedPredicateException& e) override {
    stop(parser, e.getOffendingToken(), parser->getExpectedTokens());
  }
  void reportUnwantedToken(antlr4::Parser* parser) override {
    stop(parser, parser->getCurrentToken(), getExpectedTokens(parser));
  }
  void reportMissingToken(antlr4::Parser* parser) override {
    stop(parser, parser->getCurrentToken(), getExpectedTokens(parser));
  }

 private:
  // Recovery inside a line buys nothing (its AST is dropped), so the first error ends the line.
  [[noreturn]] void stop(antlr4::Parser* parser, Token* offending, const antlr4::misc::IntervalSet& expected) {
    report(sink_, parser, offending, expected);
    throw antlr4::ParseCancellationException("syntax error");
  }

  LineErrorSink& sink_;
};

// Catches any error that bypasses the strategy, so ANTLR never prints to the console.
class Listener : public antlr4::BaseErrorListener {
 public:
  explicit Listener(LineErrorSink& sink) : sink_(sink) {}

  void syntaxError(antlr4::Recognizer* recognizer, Token* offending, std::size_t, std::size_t column,
                   const std::string&, std::exception_ptr) override {
    auto* parser = dynamic_cast<antlr4::Parser*>(recognizer);
    if (parser && offending) {
      report(sink_, parser, offending, parser->getExpectedTokens());
    } else if (!sink_.failed) {
      sink_.failed = true;
      SourceLoc at{sink_.file, sink_.line, static_cast<std::uint32_t>(column + 1)};
      sink_.diags->report(diag::err_syntax, at) << "unexpected character";
    }
  }

 private:
  LineErrorSink& sink_;
};

}  // namespace

struct SyntaxErrorHandler::Impl {
  Impl(antlr4::Parser& p, LineErrorSink& sink)
      : parser(p),
        listener(sink),
        bail(std::make_shared<antlr4::BailErrorStrategy>()),
        reporting(std::make_shared<Strategy>(sink)) {}

  void stage(antlr4::atn::PredictionMode mode, const std::shared_ptr<antlr4::ANTLRErrorStrategy>& strategy) {
    parser.getInterpreter<antlr4::atn::ParserATNSimulator>()->setPredictionMode(mode);
    parser.setErrorHandler(strategy);
  }

  antlr4::Parser& parser;
  bool fast = false;  // the stage set last
  Listener listener;
  std::shared_ptr<antlr4::BailErrorStrategy> bail;
  std::shared_ptr<Strategy> reporting;
};

SyntaxErrorHandler::SyntaxErrorHandler(antlr4::Parser& parser, LineErrorSink& sink)
    : impl_(std::make_unique<Impl>(parser, sink)) {
  parser.removeErrorListeners();
  parser.addErrorListener(&impl_->listener);
  fast_stage();
}

void SyntaxErrorHandler::fast_stage() {
  if (impl_->fast) return;  // most lines: the previous one was valid
  impl_->stage(antlr4::atn::PredictionMode::SLL, impl_->bail);
  impl_->fast = true;
}

void SyntaxErrorHandler::full_stage() {
  // The reporting strategy reads the grammar's ATN through the parser's interpreter, which does not
  // load it (grammar/lazy-init.cmake): getATN() does, once.
  impl_->parser.getATN();
  impl_->stage(antlr4::atn::PredictionMode::LL, impl_->reporting);
  impl_->fast = false;
}

SyntaxErrorHandler::~SyntaxErrorHandler() = default;

}  // namespace secco::frontend
