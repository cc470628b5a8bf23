# Run after ANTLR (cmake -P, with GEN set): the generated lexer and parser deserialise their ATN in
# a static initialiser, so every secco process paid for the grammar, `secco --version` included.
# This moves that set-up into the constructors as a function-local static (once, thread-safe).
# It also deserialises without ATNDeserializer::verifyATN, a consistency check of the tool's own
# output that cost every process ~0.5M instructions; test/frontend/grammar_test.cc runs it instead.
foreach(cls SeccoLexer SeccoParser)
  file(READ ${GEN}/${cls}.cpp src)
  set(before "${src}")
  string(REPLACE "${cls}::Initializer ${cls}::_init;" "" src "${src}")
  string(REGEX REPLACE "(${cls}::${cls}\\(([A-Za-z]+) \\*input\\) : ([A-Za-z]+)\\(input\\) {)"
                       "\\1\n  static Initializer lazy_init;\n  (void)lazy_init;" src "${src}")
  string(REPLACE "  atn::ATNDeserializer deserializer;\n"
                 "  atn::ATNDeserializationOptions options;\n  options.setVerifyATN(false);\n  atn::ATNDeserializer deserializer(options);\n"
                 src "${src}")
  string(FIND "${src}" "static Initializer lazy_init;" at)
  string(FIND "${src}" "options.setVerifyATN(false);" unverified)
  if(src STREQUAL before OR at EQUAL -1 OR unverified EQUAL -1)
    message(FATAL_ERROR "lazy-init.cmake: ${cls}.cpp is not in the expected shape")
  endif()
  file(WRITE ${GEN}/${cls}.cpp "${src}")
endforeach()

# The parser's ATN is deserialised on first use, not in the constructor (~0.5M instructions): the
# driver's first stage (SLL, BailErrorStrategy) never reads it, so a policy without syntax errors
# never pays for it. It is read by getATN() (which now loads it: expected tokens for an error
# message), by the reporting stage's error strategy (frontend/syntax_errors.cc calls getATN()
# before switching to it) and by adaptivePredict (only in `line`, which loads it first).
# The Initializer keeps the names; its ATN part becomes SeccoParser::deserializeATN().
file(READ ${GEN}/SeccoParser.cpp src)
set(before "${src}")
string(REPLACE "\n  _serializedATN = {\n"
               "}\n\n// lazy-init.cmake: the ATN part of the Initializer, run by getATN() on first use.\nvoid SeccoParser::deserializeATN() {\n  _serializedATN = {\n"
               src "${src}")
string(REPLACE "getInterpreter<atn::ParserATNSimulator>()->adaptivePredict("
               "(getATN(), getInterpreter<atn::ParserATNSimulator>())->adaptivePredict("
               src "${src}")
# Every rule function calls exitRule() on leaving through antlrcpp::finally, a std::function; a
# local object's destructor does the same without it (~90 instructions per rule entered), and calls
# exitRuleFast() (Secco.g4, @parser::members), exitRule() without a dynamic_cast.
string(REPLACE "  auto onExit = finally([=] {\n    exitRule();\n  });\n"
               "  struct OnExit {\n    SeccoParser* parser;\n    ~OnExit() { parser->exitRuleFast(); }\n  } onExit{this};\n"
               src "${src}")
string(REGEX MATCHALL "finally\\(" finallies "${src}")
list(LENGTH finallies n_finallies)
if(NOT n_finallies EQUAL 0)
  message(FATAL_ERROR "lazy-init.cmake: SeccoParser.cpp is not in the expected shape (finally)")
endif()
string(APPEND src "
const atn::ATN& SeccoParser::getATN() const {
  static const bool loaded = (deserializeATN(), true);  // once, thread-safe
  (void)loaded;
  return _atn;
}
")
string(REGEX MATCHALL "void SeccoParser::deserializeATN\\(\\)" split "${src}")
string(REGEX MATCHALL "adaptivePredict\\(" predicts "${src}")
string(REGEX MATCHALL "\\(getATN\\(\\), getInterpreter" guarded "${src}")
list(LENGTH split n_split)
list(LENGTH predicts n_predicts)
list(LENGTH guarded n_guarded)
if(NOT n_split EQUAL 1 OR NOT n_predicts EQUAL n_guarded)
  message(FATAL_ERROR "lazy-init.cmake: SeccoParser.cpp is not in the expected shape (lazy ATN)")
endif()
file(WRITE ${GEN}/SeccoParser.cpp "${src}")

file(READ ${GEN}/SeccoParser.h header)
set(before "${header}")
string(REPLACE "  virtual const antlr4::atn::ATN& getATN() const override { return _atn; };\n"
               "  virtual const antlr4::atn::ATN& getATN() const override;  // deserialises the ATN on first use\n  static void deserializeATN();\n"
               header "${header}")
if(header STREQUAL before)
  message(FATAL_ERROR "lazy-init.cmake: SeccoParser.h is not in the expected shape (lazy ATN)")
endif()
file(WRITE ${GEN}/SeccoParser.h "${header}")
