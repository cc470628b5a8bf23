// The secco policy language (docs: /work/shared/spec/policy-language.md), one line at a time.
//
// A policy is read line by line and an expression never continues onto the next line, so the
// driver (frontend/parse.cc) splits the text into lines, lexes each line on its own and starts the
// parser at the entry rule for the line's kind, classified as spec §1 says:
//   blank / comment   no token but a COMMENT             (handled by the driver, no parse needed)
//   default           first token DEFAULT_*          ->  defaultLine
//   arch              first tokens `ARCH =`          ->  archLine
//   rule              contains ':'                   ->  ruleLine
//   definition        contains '=' (and is not a rule) ->  definitionLine
// `line` below is the union of all kinds, kept as the grammar's summary of one line.
//
// Operators: see `expr` below.
// Action keywords (allow, kill, trap, ...) are plain identifiers: `kill` and `trace`... are also names
// of system calls, and an action may be an errno name or user variable; the AST builder tells them
// apart. Number spellings are checked by the builder, so `09` or `0x` get a precise message.
//
// No labels (`name=X`, `# alt`): ANTLR's C++ target sets a token label through a dynamic_cast, and a
// labelled alternative allocates its context twice (the rule's, then the alternative's, copied);
// the AST builder reads children by position and tells alternatives apart by their first token.
// For the same reason a rule line is one rule, not `rule_ COMMENT? EOF` (~1,100 instructions per
// rule entered in ANTLR's runtime).
grammar Secco;

// Parser::exitRule() of ANTLR 4.9 without its dynamic_cast: the parent of a rule context is always
// a ParserRuleContext. Every rule function calls it on leaving (grammar/lazy-init.cmake).
@parser::members {
void exitRuleFast() {
  _ctx->stop = _input->LT(_matchedEOF ? 1 : -1);
  if (!_parseListeners.empty()) triggerExitRuleEvent();
  setState(_ctx->invokingState);
  _ctx = static_cast<antlr4::ParserRuleContext*>(_ctx->parent);
}
}

line : ruleLine | definitionLine | defaultLine | archLine | COMMENT? EOF ;

// SYSCALL [ '[' +A , -B ']' ] ':' BODY; the head may be a group (`@file-system`, spec §10).
ruleLine       : (IDENT | GROUP) actionList? ':' body COMMENT? EOF ;
definitionLine : definition COMMENT? EOF ;
defaultLine    : defaultSetting COMMENT? EOF ;
archLine       : archSetting COMMENT? EOF ;

actionList : '[' actionItem (',' actionItem)? ']' ;
actionItem : ('+' | '-') action ;

body
  : RETURN action
  | expr (';' RETURN action)?
  ;

// NAME = EXPR  or  NAME(p, q) = EXPR
definition : IDENT ('(' params? ')')? '=' expr ;
params     : IDENT (',' IDENT)* ;

defaultSetting : (DEFAULT_POSITIVE | DEFAULT_NEGATIVE | DEFAULT_POLICY) '=' action ;

// ARCH = x86_64, i386, x32  (spec §10; the driver classifies a line starting `ARCH =` as this)
archSetting : IDENT '=' IDENT (',' IDENT)* ;

// allow, kill, trap(3), errno(1), 13, EPERM, a user variable.
action
  : IDENT ('(' NUMBER ')')?
  | NUMBER
  ;

// Binary operators: an expression is operands joined by operators, one loop that ANTLR decides
// on the next token. The AST builder (frontend/ast_builder.cc, with ast::binary_op_level) groups the
// operands by the precedence of spec §5, tightest first: * / %, + -, << >>, &, ^, |,
// < <= > >=, == != &?, &&, ||; every binary operator is left-associative. (One rule per level
// would say the same here, but ANTLR's C++ runtime costs ~1,100 instructions per rule entered,
// and every operand would enter all ten.) The unary operators `!` and `~` bind tighter than any
// binary one, so they are operands (the first alternative of `primary`).
expr
  : primary ((STAR | SLASH | PERCENT | PLUS | MINUS | SHL | SHR | BITAND | BITXOR | BITOR
             | LT | LE | GT | GE | EQ | NE | TEST | ANDAND | OROR) primary)*
  ;

// Every alternative starts with its own token, which the builder switches on.
primary
  : ('!' | '~') primary
  | NUMBER
  | (TRUE | FALSE)
  | ARG
  | (IN | NOTIN) '(' expr (',' expr)* ')'
  | IDENT ('(' (expr (',' expr)*)? ')')?
  | '(' expr ')'
  ;

// ---- tokens ----

DEFAULT_POSITIVE : 'DEFAULT_POSITIVE' ;
DEFAULT_NEGATIVE : 'DEFAULT_NEGATIVE' ;
DEFAULT_POLICY   : 'DEFAULT_POLICY' ;
RETURN           : 'return' ;

// Case-insensitive keywords (ANTLR 4.7 has no caseInsensitive option).
IN    : [iI] [nN] ;
NOTIN : [nN] [oO] [tT] [iI] [nN] ;
TRUE  : [tT] [rR] [uU] [eE] ;
FALSE : [fF] [aA] [lL] [sS] [eE] ;

// argN / argLN / argHN; the builder rejects indices above 5 with a clear message.
ARG   : 'arg' [LH]? [0-9]+ ;
IDENT : [A-Za-z_] [A-Za-z0-9_]* ;
// A named system call group (systemd's names: `@file-system`, `@system-service`).
GROUP : '@' [A-Za-z0-9_] [A-Za-z0-9_-]* ;
// Anything that starts with a digit, so that `0x`, `09` or `12ab` reach the builder as one token.
NUMBER : [0-9] [0-9A-Za-z_]* ;

OROR   : '||' ;
ANDAND : '&&' ;
EQ     : '==' ;
NE     : '!=' ;
TEST   : '&?' ;
LE     : '<=' ;
GE     : '>=' ;
SHL    : '<<' ;
SHR    : '>>' ;
LT     : '<' ;
GT     : '>' ;
BITOR  : '|' ;
BITXOR : '^' ;
BITAND : '&' ;
PLUS   : '+' ;
MINUS  : '-' ;
STAR   : '*' ;
SLASH  : '/' ;
PERCENT : '%' ;
BANG   : '!' ;
TILDE  : '~' ;
LPAREN : '(' ;
RPAREN : ')' ;
LBRACK : '[' ;
RBRACK : ']' ;
COMMA  : ',' ;
SEMI   : ';' ;
COLON  : ':' ;
ASSIGN : '=' ;

// The driver lexes one line at a time (without its line break), so a comment runs to the end.
COMMENT : '#' ~[\n]* ;
WS      : [ \t]+ -> skip ;
// Any other character: reported by the driver as "unknown character".
UNKNOWN : . ;
