#include "core/base/plural_rule.hpp"

#include "core/base/error.hpp"

#include <cctype>
#include <string>

namespace safetynet::core {

// One step of the postfix program: push a number or n, or apply an operator to the stack.
struct PluralRule::Node {
    enum class Op { Number, N, Not, Mul, Div, Mod, Add, Sub, Lt, Gt, Le, Ge, Eq, Ne, And, Or, Cond };
    Op op;
    std::uint64_t value = 0;
    // And, Or, Cond evaluate both sides (no side effects, so the result is the same as C's).
};

namespace {

using Node = PluralRule::Node;
using Op = Node::Op;

// Deep enough for any real rule (Arabic's nests 5 conditionals), shallow enough that a hostile
// header cannot exhaust the stack.
constexpr int max_depth = 64;

class Parser {
public:
    Parser(std::string_view text, std::string where) : m_text(text), m_where(std::move(where)) {}

    std::vector<Node> parse() {
        conditional(0);
        skip_space();
        if (m_at != m_text.size()) fail("unexpected \"" + std::string(1, m_text[m_at]) + "\"");
        return std::move(m_out);
    }

private:
    [[noreturn]] void fail(const std::string& what) const {
        throw Error("malformed-plural-rule", m_where, what + " at character " + std::to_string(m_at + 1));
    }
    void skip_space() {
        while (m_at < m_text.size() && std::isspace(static_cast<unsigned char>(m_text[m_at]))) ++m_at;
    }
    bool take(std::string_view token) {
        skip_space();
        if (m_text.substr(m_at, token.size()) != token) return false;
        m_at += token.size();
        return true;
    }
    void emit(Op op, std::uint64_t value = 0) { m_out.push_back({op, value}); }

    // conditional := or ( "?" conditional ":" conditional )?
    void conditional(int depth) {
        if (depth > max_depth) fail("the expression nests too deeply");
        logical_or(depth);
        if (!take("?")) return;
        conditional(depth + 1);
        if (!take(":")) fail("\":\" expected");
        conditional(depth + 1);
        emit(Op::Cond);
    }
    void logical_or(int depth) {
        logical_and(depth);
        while (take("||")) { logical_and(depth); emit(Op::Or); }
    }
    void logical_and(int depth) {
        equality(depth);
        while (take("&&")) { equality(depth); emit(Op::And); }
    }
    void equality(int depth) {
        relation(depth);
        for (;;) {
            if (take("==")) { relation(depth); emit(Op::Eq); }
            else if (take("!=")) { relation(depth); emit(Op::Ne); }
            else return;
        }
    }
    void relation(int depth) {
        additive(depth);
        for (;;) {
            if (take("<=")) { additive(depth); emit(Op::Le); }
            else if (take(">=")) { additive(depth); emit(Op::Ge); }
            else if (take("<")) { additive(depth); emit(Op::Lt); }
            else if (take(">")) { additive(depth); emit(Op::Gt); }
            else return;
        }
    }
    void additive(int depth) {
        multiplicative(depth);
        for (;;) {
            if (take("+")) { multiplicative(depth); emit(Op::Add); }
            else if (take("-")) { multiplicative(depth); emit(Op::Sub); }
            else return;
        }
    }
    void multiplicative(int depth) {
        unary(depth);
        for (;;) {
            if (take("*")) { unary(depth); emit(Op::Mul); }
            else if (take("/")) { unary(depth); emit(Op::Div); }
            else if (take("%")) { unary(depth); emit(Op::Mod); }
            else return;
        }
    }
    void unary(int depth) {
        if (depth > max_depth) fail("the expression nests too deeply");
        if (take("!")) { unary(depth + 1); emit(Op::Not); return; }
        if (take("(")) {
            conditional(depth + 1);
            if (!take(")")) fail("\")\" expected");
            return;
        }
        if (take("n")) { emit(Op::N); return; }
        skip_space();
        if (m_at >= m_text.size() || !std::isdigit(static_cast<unsigned char>(m_text[m_at])))
            fail("a number, n or \"(\" expected");
        std::uint64_t value = 0;
        while (m_at < m_text.size() && std::isdigit(static_cast<unsigned char>(m_text[m_at]))) {
            if (value > 1'000'000'000'000ULL) fail("the number is too large");
            value = value * 10 + static_cast<std::uint64_t>(m_text[m_at++] - '0');
        }
        emit(Op::Number, value);
    }

    std::string_view m_text;
    std::string m_where;
    std::size_t m_at = 0;
    std::vector<Node> m_out;
};

std::uint64_t apply(Op op, std::uint64_t a, std::uint64_t b) {
    switch (op) {
        case Op::Mul: return a * b;
        case Op::Div: return b == 0 ? 0 : a / b;
        case Op::Mod: return b == 0 ? 0 : a % b;
        case Op::Add: return a + b;
        case Op::Sub: return a - b;
        case Op::Lt: return a < b;
        case Op::Gt: return a > b;
        case Op::Le: return a <= b;
        case Op::Ge: return a >= b;
        case Op::Eq: return a == b;
        case Op::Ne: return a != b;
        case Op::And: return a && b;
        case Op::Or: return a || b;
        default: return 0;
    }
}

// The value after "name=" up to the next ";" in a Plural-Forms header.
std::string_view field(std::string_view header, std::string_view name, const std::string& where) {
    const std::size_t at = header.find(name);
    if (at == std::string_view::npos)
        throw Error("malformed-plural-rule", where, "\"" + std::string(name) + "\" is missing");
    std::string_view rest = header.substr(at + name.size());
    return rest.substr(0, rest.find(';'));
}

}  // namespace

PluralRule PluralRule::parse(std::string_view expression, std::size_t nplurals, std::string_view where) {
    if (nplurals == 0 || nplurals > 16)
        throw Error("malformed-plural-rule", std::string(where), "nplurals must be from 1 to 16");
    PluralRule rule;
    rule.m_nodes = std::make_shared<const std::vector<Node>>(Parser(expression, std::string(where)).parse());
    rule.m_nplurals = nplurals;
    return rule;
}

PluralRule PluralRule::parse_header(std::string_view header, std::string_view where) {
    const std::string at(where);
    const std::string_view count = field(header, "nplurals=", at);
    std::size_t nplurals = 0;
    for (const char c : count) {
        if (std::isspace(static_cast<unsigned char>(c))) continue;
        if (!std::isdigit(static_cast<unsigned char>(c)) || nplurals > 16)
            throw Error("malformed-plural-rule", at, "nplurals must be a number from 1 to 16");
        nplurals = nplurals * 10 + static_cast<std::size_t>(c - '0');
    }
    return parse(field(header, "plural=", at), nplurals, where);
}

std::size_t PluralRule::index(std::uint64_t n) const {
    if (!m_nodes) return 0;
    std::vector<std::uint64_t> stack;
    stack.reserve(16);
    for (const Node& node : *m_nodes) {
        switch (node.op) {
            case Op::Number: stack.push_back(node.value); break;
            case Op::N: stack.push_back(n); break;
            case Op::Not: stack.back() = !stack.back(); break;
            case Op::Cond: {
                const std::uint64_t no = stack.back(); stack.pop_back();
                const std::uint64_t yes = stack.back(); stack.pop_back();
                stack.back() = stack.back() ? yes : no;
                break;
            }
            default: {
                const std::uint64_t b = stack.back(); stack.pop_back();
                stack.back() = apply(node.op, stack.back(), b);
            }
        }
    }
    const std::uint64_t result = stack.empty() ? 0 : stack.back();
    return result < m_nplurals ? static_cast<std::size_t>(result) : m_nplurals - 1;
}

}  // namespace safetynet::core
