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
