#include "core/fhir/fhirpath_parser.hpp"

#include "core/fhir/fhirpath.hpp"
#include "core/fhir/fhirpath_functions.hpp"
#include "core/fhir/fhirpath_lexer.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdlib>

namespace safetynet::core::fhirpath {

namespace {

// Binding powers: FHIRPath N1 §6 "Operator precedence", weakest first.
constexpr int bp_implies = 1, bp_or = 2, bp_and = 3, bp_membership = 4, bp_equality = 5,
              bp_inequality = 6, bp_union = 7, bp_type = 8, bp_additive = 9, bp_multiplicative = 10,
              bp_unary = 11, bp_postfix = 12;

// Nesting beyond this is refused: the parser and the evaluator recurse once per level.
constexpr int max_depth = 200;

struct Infix {
    Op op;
    int bp;
};

class Parser {
public:
    explicit Parser(std::string_view text) : m_text(text), m_tokens(tokenize(text)) {}

    std::unique_ptr<Ast> run() {
        std::unique_ptr<Ast> e = expression(0);
        if (peek().kind != TokenKind::End) fail(peek(), "unexpected " + describe(peek()));
        return e;
    }

private:
    const Token& peek(std::size_t k = 0) const { return m_tokens[std::min(m_i + k, m_tokens.size() - 1)]; }
    const Token& take() { return m_tokens[std::min(m_i++, m_tokens.size() - 1)]; }
    bool at(TokenKind k) const { return peek().kind == k; }
    bool at_word(std::string_view w) const { return at(TokenKind::Identifier) && peek().text == w; }

    [[noreturn]] void fail(const Token& t, const std::string& message) const { throw SyntaxError(m_text, t.position, message); }

    static std::string describe(const Token& t) {
        switch (t.kind) {
        case TokenKind::End: return "end of expression";
        case TokenKind::String: return "string '" + t.text + "'";
        default: return "'" + t.text + "'";
        }
    }

    void expect(TokenKind k, const char* what) {
        if (!at(k)) fail(peek(), std::string("expected ") + what + ", found " + describe(peek()));
        take();
    }

    std::unique_ptr<Ast> node(Ast::Kind kind, std::size_t position) {
        auto a = std::make_unique<Ast>();
        a->kind = kind;
        a->position = position;
        return a;
    }

    // The tree may be at most max_depth deep: the evaluator recurses once per level, and long
    // chains (a.b.c…, 1+1+1…) nest as deeply as brackets do.
    std::unique_ptr<Ast> finish(std::unique_ptr<Ast> a) {
        int depth = 0;
        if (a->target) depth = a->target->depth;
        for (const auto& arg : a->args) depth = std::max(depth, static_cast<int>(arg->depth));
        if (depth + 1 > max_depth) throw SyntaxError(m_text, a->position, "the expression nests too deeply");
        a->depth = static_cast<std::uint16_t>(depth + 1);
        return a;
    }

    std::optional<Infix> infix() const {
        const Token& t = peek();
        switch (t.kind) {
        case TokenKind::Star: return Infix{Op::Times, bp_multiplicative};
        case TokenKind::Slash: return Infix{Op::Divide, bp_multiplicative};
        case TokenKind::Plus: return Infix{Op::Plus, bp_additive};
        case TokenKind::Minus: return Infix{Op::Minus, bp_additive};
        case TokenKind::Amp: return Infix{Op::Concatenate, bp_additive};
        case TokenKind::Pipe: return Infix{Op::Union, bp_union};
        case TokenKind::Less: return Infix{Op::Less, bp_inequality};
        case TokenKind::LessEqual: return Infix{Op::LessEqual, bp_inequality};
        case TokenKind::Greater: return Infix{Op::Greater, bp_inequality};
        case TokenKind::GreaterEqual: return Infix{Op::GreaterEqual, bp_inequality};
        case TokenKind::Equal: return Infix{Op::Equal, bp_equality};
        case TokenKind::Equivalent: return Infix{Op::Equivalent, bp_equality};
        case TokenKind::NotEqual: return Infix{Op::NotEqual, bp_equality};
        case TokenKind::NotEquivalent: return Infix{Op::NotEquivalent, bp_equality};
        case TokenKind::Identifier:
            if (t.text == "div") return Infix{Op::Div, bp_multiplicative};
            if (t.text == "mod") return Infix{Op::Mod, bp_multiplicative};
            if (t.text == "is") return Infix{Op::Is, bp_type};
            if (t.text == "as") return Infix{Op::As, bp_type};
            if (t.text == "in") return Infix{Op::In, bp_membership};
            if (t.text == "contains") return Infix{Op::Contains, bp_membership};
            if (t.text == "and") return Infix{Op::And, bp_and};
            if (t.text == "or") return Infix{Op::Or, bp_or};
            if (t.text == "xor") return Infix{Op::Xor, bp_or};
            if (t.text == "implies") return Infix{Op::Implies, bp_implies};
            return std::nullopt;
        default: return std::nullopt;
        }
    }

    std::unique_ptr<Ast> expression(int min_bp) {
        if (++m_depth > max_depth) fail(peek(), "the expression nests too deeply");
        std::unique_ptr<Ast> lhs;
        if (at(TokenKind::Plus) || at(TokenKind::Minus)) {
            const Token& sign = take();
            lhs = node(Ast::Kind::Unary, sign.position);
            lhs->op = sign.kind == TokenKind::Minus ? Op::Negate : Op::Positive;
            lhs->target = expression(bp_unary);
            lhs = finish(std::move(lhs));
        } else {
            lhs = term();
        }
        for (;;) {
            if ((at(TokenKind::Dot) || at(TokenKind::LBracket)) && bp_postfix >= min_bp) {
                lhs = postfix(std::move(lhs));
                continue;
            }
            const std::optional<Infix> in = infix();
            if (!in || in->bp < min_bp) break;
            const Token& op = take();
            if (in->op == Op::Is || in->op == Op::As) {
                auto t = node(Ast::Kind::TypeOp, op.position);
                t->op = in->op;
                t->target = std::move(lhs);
                t->name = qualified_identifier();
                lhs = finish(std::move(t));
                continue;
            }
            auto b = node(Ast::Kind::Binary, op.position);
            b->op = in->op;
            b->args.push_back(std::move(lhs));
            b->args.push_back(expression(in->bp + 1));
            lhs = finish(std::move(b));
        }
        --m_depth;
        return lhs;
    }

    std::string qualified_identifier() {
        std::string name;
        for (;;) {
            if (!at(TokenKind::Identifier) && !at(TokenKind::DelimitedIdentifier)) fail(peek(), "expected a type name, found " + describe(peek()));
            name += take().text;
            if (!at(TokenKind::Dot)) return name;
            take();
            name += '.';
        }
    }

    std::unique_ptr<Ast> postfix(std::unique_ptr<Ast> target) {
        const Token& t = take();
        if (t.kind == TokenKind::LBracket) {
            auto index = node(Ast::Kind::Index, t.position);
            index->target = std::move(target);
            index->args.push_back(expression(0));
            expect(TokenKind::RBracket, "']'");
            return finish(std::move(index));
        }
        // After '.', any identifier is a name, keywords included (text.div, item.is).
        if (!at(TokenKind::Identifier) && !at(TokenKind::DelimitedIdentifier)) fail(peek(), "expected a name after '.', found " + describe(peek()));
        const Token& name = take();
        if (name.kind == TokenKind::Identifier && at(TokenKind::LParen)) return call(name, std::move(target));
        auto member = node(Ast::Kind::Member, name.position);
        member->name = name.text;
        member->target = std::move(target);
        return finish(std::move(member));
    }

    std::unique_ptr<Ast> literal(Value v, std::size_t position) {
        auto a = node(Ast::Kind::Literal, position);
        a->literal.push_back(std::move(v));
        return a;
    }

    std::unique_ptr<Ast> number(const Token& t) {
        Value v = Value::boolean(false);
        if (t.text.find('.') != std::string::npos) {
            const std::optional<Decimal> d = Decimal::parse(t.text);
            if (!d) fail(t, "not a number: " + t.text);
            v = Value::decimal(*d);
        } else {
            errno = 0;
            char* end = nullptr;
            const long long i = std::strtoll(t.text.c_str(), &end, 10);
            if (errno == ERANGE) fail(t, "the integer " + t.text + " is too large");
            v = Value::integer(i);
        }
        // A quantity: a number followed by a UCUM unit in quotes or a calendar keyword.
        if (at(TokenKind::String) || (at(TokenKind::Identifier) && is_calendar_keyword(peek().text))) {
            const bool calendar = at(TokenKind::Identifier);
            const std::string unit = take().text;
            const Decimal d = v.kind() == Value::Kind::Decimal ? v.as_decimal() : Decimal::of(v.as_integer());
            v = Value::quantity(Quantity{d, unit, calendar});
        }
        return literal(std::move(v), t.position);
    }

    std::unique_ptr<Ast> term() {
        const Token& t = take();
        switch (t.kind) {
        case TokenKind::LParen: {
            std::unique_ptr<Ast> e = expression(0);
            expect(TokenKind::RParen, "')'");
            return e;
        }
        case TokenKind::LBrace:
            expect(TokenKind::RBrace, "'}' (only {} is a literal)");
            return node(Ast::Kind::Empty, t.position);
        case TokenKind::Number: return number(t);
        case TokenKind::LongNumber: {
            errno = 0;
            const long long i = std::strtoll(t.text.c_str(), nullptr, 10);
            if (errno == ERANGE) fail(t, "the integer " + t.text + " is too large");
            return literal(Value::integer(i), t.position);
        }
        case TokenKind::String: return literal(Value::string(t.text), t.position);
        case TokenKind::DateTime: {
            const bool has_time = t.text.find('T') != std::string::npos;
            const std::optional<Temporal> v = has_time ? Temporal::parse_date_time(t.text) : Temporal::parse_date(t.text);
            if (!v) fail(t, "not a valid date/time: @" + t.text);
            return literal(Value::temporal(*v), t.position);
        }
        case TokenKind::Time: {
            const std::optional<Temporal> v = Temporal::parse_time(t.text);
            if (!v) fail(t, "not a valid time: @T" + t.text);
            return literal(Value::temporal(*v), t.position);
        }
        case TokenKind::Percent: {
            if (!at(TokenKind::Identifier) && !at(TokenKind::DelimitedIdentifier) && !at(TokenKind::String)) {
                fail(peek(), "expected a variable name after '%', found " + describe(peek()));
            }
            auto v = node(Ast::Kind::Variable, t.position);
            v->name = take().text;
            return v;
        }
        case TokenKind::Special:
            if (t.text == "this") return node(Ast::Kind::This, t.position);
            if (t.text == "index") return node(Ast::Kind::IndexVar, t.position);
            if (t.text == "total") return node(Ast::Kind::Total, t.position);
            fail(t, "unknown $" + t.text + " (only $this, $index and $total exist)");
        case TokenKind::Identifier:
            if (at(TokenKind::LParen)) return call(t, nullptr);
            if (t.text == "true" || t.text == "false") return literal(Value::boolean(t.text == "true"), t.position);
            if (t.text == "and" || t.text == "or" || t.text == "xor" || t.text == "implies" || t.text == "div" || t.text == "mod") {
                fail(t, "unexpected '" + t.text + "'");
            }
            [[fallthrough]];
        case TokenKind::DelimitedIdentifier: {
            auto m = node(Ast::Kind::Member, t.position);
            m->name = t.text;
            return m;
        }
        default: fail(t, "unexpected " + describe(t));
        }
    }

    std::unique_ptr<Ast> call(const Token& name, std::unique_ptr<Ast> target) {
        const FunctionDef* f = find_function(name.text);
        if (!f) fail(name, "unknown function " + name.text + "()");
        auto c = node(Ast::Kind::Call, name.position);
        c->name = name.text;
        c->function = f;
        c->target = std::move(target);
        expect(TokenKind::LParen, "'('");
        if (!at(TokenKind::RParen)) {
            for (;;) {
                c->args.push_back(expression(0));
                if (!at(TokenKind::Comma)) break;
                take();
            }
        }
        expect(TokenKind::RParen, "')'");
        if (c->args.size() < f->min_args || c->args.size() > f->max_args) {
            const std::string count = f->min_args == f->max_args ? std::to_string(f->min_args)
                                                                 : std::to_string(f->min_args) + " to " + std::to_string(f->max_args);
            fail(name, name.text + "() takes " + count + " argument" + (f->max_args == 1 && f->min_args == 1 ? "" : "s") +
                           ", not " + std::to_string(c->args.size()));
        }
        if (f->type_argument) {
            c->name = type_name_of(*c->args[0], name);
            c->args.clear();
        }
        return finish(std::move(c));
    }

    // is(FHIR.Patient), ofType(Quantity): the argument is a type specifier, read as the names of
    // the member chain the parser made of it.
    std::string type_name_of(const Ast& a, const Token& at_token) const {
        if (a.kind != Ast::Kind::Member) fail(at_token, at_token.text + "() needs a type name");
        if (!a.target) return a.name;
        return type_name_of(*a.target, at_token) + "." + a.name;
    }

    std::string_view m_text;
    std::vector<Token> m_tokens;
    std::size_t m_i = 0;
    int m_depth = 0;
};

}  // namespace

std::unique_ptr<Ast> parse(std::string_view expression) { return Parser(expression).run(); }

}  // namespace safetynet::core::fhirpath
