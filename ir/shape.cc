#include "ir/shape.h"

#include <utility>

#include "ir/first_use.h"

namespace secco::ir {
namespace {

class ShapeWriter {
 public:
  explicit ShapeWriter(const Function& f) : f_(f), numbering_(f) {}

  Shape run() {
    const std::vector<BlockId>& rpo = f_.reverse_post_order();
    std::vector<std::uint64_t> label(f_.block_count(), kNoBlock);
    for (std::size_t i = 0; i < rpo.size(); ++i) label[rpo[i]] = i;
    auto block = [&](BlockId b) { return b < label.size() ? label[b] : std::uint64_t{kNoBlock}; };
    for (BlockId b : rpo) {
      const Terminator& t = f_.block(b).term;
      if (t.used_value() != kNoValue) schedule(t.used_value());
      put(static_cast<std::uint64_t>(t.kind));
      switch (t.kind) {
        case Terminator::Kind::None:
          break;
        case Terminator::Kind::Return:
          action(t.action);
          break;
        case Terminator::Kind::Branch:
          put(number(t.cond));
          put(block(t.on_true));
          put(block(t.on_false));
          break;
        case Terminator::Kind::Jump:
          put(block(t.on_true));
          break;
        case Terminator::Kind::Yield:
          put(number(t.yielded));
          break;
      }
    }
    return std::move(shape_);
  }

 private:
  void put(std::uint64_t w) { shape_.words.push_back(w); }
  std::uint64_t number(ValueId v) const { return numbering_.number(v); }

  void action(const ActionOperand& a) {
    put(static_cast<std::uint64_t>(a.form));
    switch (a.form) {
      case ActionOperand::Form::Concrete:
        // As printed: the data only for the kinds that have it.
        put(static_cast<std::uint64_t>(a.action.kind));
        put(a.action.has_data() ? a.action.data : 0);
        break;
      case ActionOperand::Form::Name:
        shape_.names.push_back(a.name);
        put(a.scope);
        break;
      default:
        break;
    }
  }

  void schedule(ValueId root) {
    numbering_.schedule(root, [&](ValueId v) { value(v); });
  }

  void value(ValueId id) {
    const Value& v = f_.value(id);
    put(static_cast<std::uint64_t>(v.op));
    put(static_cast<std::uint64_t>(v.type));
    switch (v.op) {
      case Opcode::Const:  // the name it was written with is not part of the shape
      case Opcode::ConstBool:
      case Opcode::ArgFull:
      case Opcode::ArgLow:
      case Opcode::ArgHigh:
      case Opcode::Param:
        put(v.imm);
        break;
      case Opcode::Ref:
      case Opcode::Call:
        shape_.names.push_back(v.name);
        put(v.scope);
        break;
      default:
        break;
    }
    put(v.operands.size());
    for (ValueId o : v.operands) put(number(o));
  }

  const Function& f_;
  FirstUseNumbering numbering_;
  Shape shape_;
};

}  // namespace

Shape shape_of(const Function& f) {
  return ShapeWriter(f).run();
}

}  // namespace secco::ir
