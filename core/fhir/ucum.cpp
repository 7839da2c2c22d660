// A recursive-descent reader of UCUM's grammar (UCUM §§1-7, "Syntax"):
//   main-term   := '/' term | term
//   term        := component (('.' | '/') component)*
//   component   := annotatable annotation? | annotation | factor | '(' term ')'
//   annotatable := [prefix] atom exponent?
#include "core/fhir/ucum.hpp"

#include "core/fhir/ucum_table.hpp"

#include <algorithm>
#include <cmath>
#include <string>

namespace safetynet::core::fhirpath::ucum {

namespace {

template <class Row>
const Row* find_code(const Row* rows, std::size_t count, std::string_view code) {
    const Row* end = rows + count;
    const Row* it = std::lower_bound(rows, end, code, [](const Row& r, std::string_view c) { return std::string_view(r.code) < c; });
    return it != end && std::string_view(it->code) == code ? it : nullptr;
}

void combine(Unit& into, const Unit& u, int sign) {
    into.magnitude *= sign > 0 ? u.magnitude : 1 / u.magnitude;
    for (std::size_t i = 0; i < into.dim.size(); ++i) into.dim[i] += sign * u.dim[i];
    into.special = into.special || u.special;
    into.arbitrary = into.arbitrary || u.arbitrary;
}

Unit of_atom(const ucum_table::Atom& a, double prefix) {
    Unit u;
    u.magnitude = a.magnitude * prefix;
    for (std::size_t i = 0; i < 7; ++i) u.dim[i] = a.dim[i];
    u.dim[7] = a.mole;
    u.special = a.flags & ucum_table::atom_special;
    u.arbitrary = a.flags & ucum_table::atom_arbitrary;
    return u;
}

// An atom with or without a prefix: "g", "mg", "[lb_av]", "mm[Hg]", "dL".
std::optional<Unit> simple_unit(std::string_view s) {
    if (const auto* a = find_code(ucum_table::atoms, ucum_table::atom_count, s)) return of_atom(*a, 1);
    for (std::size_t len = 2; len >= 1; --len) {  // prefixes are one or two characters
        if (s.size() <= len) continue;
        const auto* p = find_code(ucum_table::prefixes, ucum_table::prefix_count, s.substr(0, len));
        const auto* a = p ? find_code(ucum_table::atoms, ucum_table::atom_count, s.substr(len)) : nullptr;
        if (a && (a->flags & ucum_table::atom_metric)) return of_atom(*a, p->value);
    }
    return std::nullopt;
}

class Reader {
public:
    explicit Reader(std::string_view s) : m_s(s) {}

    std::optional<Unit> main_term() {
        Unit u;
        if (take('/')) {
            const std::optional<Unit> t = term();
            if (!t) return std::nullopt;
            combine(u, *t, -1);
        } else {
            const std::optional<Unit> t = term();
            if (!t) return std::nullopt;
            u = *t;
        }
        if (m_pos != m_s.size()) return std::nullopt;
        return u;
    }

private:
    std::optional<Unit> term() {
        std::optional<Unit> u = component();
        while (u && m_pos < m_s.size() && (m_s[m_pos] == '.' || m_s[m_pos] == '/')) {
            const int sign = m_s[m_pos++] == '.' ? 1 : -1;
            const std::optional<Unit> next = component();
            if (!next) return std::nullopt;
            combine(*u, *next, sign);
        }
        return u;
    }

    std::optional<Unit> component() {
        if (m_pos >= m_s.size()) return std::nullopt;
        if (m_s[m_pos] == '{') return annotation() ? std::optional<Unit>(Unit{}) : std::nullopt;
        if (take('(')) {
            std::optional<Unit> u = term();
            if (!u || !take(')')) return std::nullopt;
            return u;
        }
        // The symbol runs to the next operator outside square brackets ("B[10.nV]" keeps its dot).
        const std::size_t start = m_pos;
        int depth = 0;
        while (m_pos < m_s.size()) {
            const char c = m_s[m_pos];
            if (c == '[') ++depth;
            else if (c == ']') --depth;
            else if (depth == 0 && (c == '.' || c == '/' || c == '(' || c == ')' || c == '{')) break;
            ++m_pos;
        }
        std::string_view symbol = m_s.substr(start, m_pos - start);
        if (symbol.empty()) return std::nullopt;
        std::optional<Unit> u;
        if (std::all_of(symbol.begin(), symbol.end(), [](char c) { return c >= '0' && c <= '9'; })) {
            if (symbol.size() > 15) return std::nullopt;
            u = Unit{};  // a factor: a positive integer
            u->magnitude = std::stod(std::string(symbol));
        } else {
            // A trailing exponent: digits, with an optional sign, after the atom ("m2", "s-1", "10*3").
            std::size_t e = symbol.size();
            while (e > 0 && symbol[e - 1] >= '0' && symbol[e - 1] <= '9') --e;
            if (e > 0 && e < symbol.size() && (symbol[e - 1] == '+' || symbol[e - 1] == '-')) --e;
            int exponent = 1;
            if (symbol.size() - e > 3) return std::nullopt;
            if (e > 0 && e < symbol.size()) {
                exponent = std::stoi(std::string(symbol.substr(symbol[e] == '+' ? e + 1 : e)));
                symbol = symbol.substr(0, e);
            }
            const std::optional<Unit> base = simple_unit(symbol);
            if (!base || exponent == 0 || exponent > 99 || exponent < -99) return std::nullopt;
            u = Unit{};
            for (int i = 0; i < std::abs(exponent); ++i) combine(*u, *base, exponent > 0 ? 1 : -1);
        }
        if (m_pos < m_s.size() && m_s[m_pos] == '{' && !annotation()) return std::nullopt;
        return u;
    }

    // {any text but braces}: a comment, dimensionless.
    bool annotation() {
        const std::size_t close = m_s.find('}', m_pos);
        if (close == std::string_view::npos || m_s.substr(m_pos + 1, close - m_pos - 1).find('{') != std::string_view::npos) return false;
        m_pos = close + 1;
        return true;
    }

    bool take(char c) {
        if (m_pos < m_s.size() && m_s[m_pos] == c) {
            ++m_pos;
            return true;
        }
        return false;
    }

    std::string_view m_s;
    std::size_t m_pos = 0;
};

}  // namespace

std::optional<Unit> parse(std::string_view expression) {
    if (expression.empty() || expression.size() > 256) return std::nullopt;
    return Reader(expression).main_term();
}

std::optional<Conversion> conversion(std::string_view from, std::string_view to) {
    if (from == to) return Conversion{};
    const std::optional<Unit> a = parse(from), b = parse(to);
    if (!a || !b || a->dim != b->dim || a->special || b->special || a->arbitrary || b->arbitrary) return std::nullopt;
    return Conversion{a->magnitude, b->magnitude};
}

}  // namespace safetynet::core::fhirpath::ucum
