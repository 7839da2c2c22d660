#pragma once
// The parsed form of a FHIRPath expression (FHIRPath N1 Appendix A): a tree of terms,
// invocations and operators, made once by the parser and walked by the evaluator.
#include "core/fhir/fhirpath_value.hpp"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace safetynet::core::fhirpath {

struct FunctionDef;

enum class Op : std::uint8_t {
    None,
    // binary, from the weakest binding to the strongest (FHIRPath N1 §6 / Appendix A)
    Implies, Or, Xor, And, In, Contains, Equal, Equivalent, NotEqual, NotEquivalent,
    Less, LessEqual, Greater, GreaterEqual, Union, Plus, Minus, Concatenate, Times, Divide, Div, Mod,
    // type operators and unary
    Is, As, Negate, Positive,
};

struct Ast {
    enum class Kind : std::uint8_t {
        Literal,   // `literal`: a System value
        Empty,     // {}
        Member,    // [target.]name: child elements called `name`
        Call,      // [target.]function(args)
        Index,     // target[args[0]]
        Unary,     // op target
        Binary,    // args[0] op args[1]
        TypeOp,    // target is/as type_name
        Variable,  // %name
        This, IndexVar, Total,  // $this, $index, $total
    };
    Kind kind = Kind::Empty;
    Op op = Op::None;
    std::size_t position = 0;           // where it starts in the expression text
    std::uint16_t depth = 1;            // of the tree below it (the parser bounds it)
    std::string name;                   // Member, Variable; the type name of TypeOp and of is()/as()/ofType()
    const FunctionDef* function = nullptr;
    std::vector<Value> literal;         // the value of a Literal (one item)
    std::unique_ptr<Ast> target;        // what a Member, Call, Index, Unary or TypeOp applies to
    std::vector<std::unique_ptr<Ast>> args;
};

}  // namespace safetynet::core::fhirpath
