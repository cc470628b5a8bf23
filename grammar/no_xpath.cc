// Executables link the static ANTLR runtime, where antlr4::Parser::compileParseTreePattern pulls in
// tree patterns, they pull in XPath, and XPath pulls in XPathLexer, whose static initialiser
// deserialises its ATN at every start of every program (0.28M instructions, a third of
// `secco --version`). secco uses neither tree patterns nor XPath: this file defines XPath's
// members, so the linker takes them from here and never loads XPath.cpp.o or XPathLexer.cpp.o from
// libantlr4-runtime.a. Calling any of them is an error (it cannot happen: nothing in secco
// names XPath). Linked as an object into executables only (grammar/CMakeLists.txt); a second
// definition, if a runtime update moved these members, fails the link instead of running.
#include <stdexcept>

#include "tree/xpath/XPath.h"
#include "tree/xpath/XPathElement.h"

namespace antlr4::tree::xpath {
namespace {

[[noreturn]] void unused() {
  throw std::logic_error("ANTLR's XPath is not part of secco");
}

}  // namespace

const std::string XPath::WILDCARD = "*";
const std::string XPath::NOT = "!";

XPath::XPath(Parser* parser, const std::string& path) : _path(path), _parser(parser) {
  unused();
}

std::vector<std::unique_ptr<XPathElement>> XPath::split(const std::string&) {
  unused();
}

std::vector<ParseTree*> XPath::findAll(ParseTree*, std::string const&, Parser*) {
  unused();
}

std::vector<ParseTree*> XPath::evaluate(ParseTree*) {
  unused();
}

std::unique_ptr<XPathElement> XPath::getXPathElement(Token*, bool) {
  unused();
}

}  // namespace antlr4::tree::xpath
