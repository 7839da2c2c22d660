// [SECTION] UTF-8 and character classes
// [SECTION] Parsing: pattern -> tree
// [SECTION] Compiling: tree -> program
// [SECTION] Matching: the Pike VM
#include "core/fhir/fhirpath_regex.hpp"

#include <algorithm>

namespace safetynet::core::fhirpath {

using Op = Regex::Inst::Op;
using Range = Regex::Range;

namespace {

// Bounds that keep a hostile pattern from costing more than a form could need: nesting of
// groups, and instructions (a{1000}{1000} would otherwise expand to a million).
constexpr int max_nesting = 100;
constexpr std::size_t max_program = 20'000;
constexpr int max_repeat = 1000;

// ---------------------------------------------------------------------------------------------
// [SECTION] UTF-8 and character classes

// Code points of UTF-8 text and the byte offset of each (plus the end); a byte that starts no
// valid sequence stands for itself, so any bytes can be matched.
struct Decoded {
    std::vector<char32_t> cps;
    std::vector<std::size_t> offsets;
};

Decoded decode(std::string_view s) {
    Decoded d;
    std::size_t i = 0;
    while (i < s.size()) {
        const unsigned char c = static_cast<unsigned char>(s[i]);
        const int len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
        char32_t cp = c;
        bool valid = len > 0 && i + static_cast<std::size_t>(len) <= s.size();
        if (valid && len > 1) {
            cp = c & (0x7F >> len);
            for (int k = 1; k < len; ++k) {
                const unsigned char cc = static_cast<unsigned char>(s[i + k]);
                if ((cc & 0xC0) != 0x80) valid = false;
                cp = (cp << 6) | (cc & 0x3F);
            }
        }
        d.offsets.push_back(i);
        d.cps.push_back(valid ? cp : c);
        i += valid ? static_cast<std::size_t>(len) : 1;
    }
    d.offsets.push_back(s.size());
    return d;
}

bool is_word(char32_t c) { return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_'; }

std::vector<Range> normalized(std::vector<Range> r) {
    std::sort(r.begin(), r.end(), [](const Range& a, const Range& b) { return a.lo < b.lo; });
    std::vector<Range> out;
    for (const Range& x : r) {
        if (!out.empty() && x.lo <= out.back().hi + 1) out.back().hi = std::max(out.back().hi, x.hi);
        else out.push_back(x);
    }
    return out;
}

std::vector<Range> complement(const std::vector<Range>& r) {
    std::vector<Range> out;
    char32_t next = 0;
    for (const Range& x : normalized(r)) {
        if (x.lo > next) out.push_back({next, x.lo - 1});
        next = x.hi + 1;
    }
    if (next <= 0x10FFFF) out.push_back({next, 0x10FFFF});
    return out;
}

// \d \w \s and their negations (ECMAScript's ASCII meaning for \d and \w).
std::vector<Range> shorthand(char c) {
    switch (c) {
    case 'd': return {{'0', '9'}};
    case 'w': return {{'0', '9'}, {'A', 'Z'}, {'_', '_'}, {'a', 'z'}};
    case 's': return {{'\t', '\r'}, {' ', ' '}, {0xA0, 0xA0}, {0x2000, 0x200A}, {0x2028, 0x2029}, {0x3000, 0x3000}};
    case 'D': return complement(shorthand('d'));
    case 'W': return complement(shorthand('w'));
    default: return complement(shorthand('s'));
    }
}

bool in_class(const std::vector<Range>& ranges, char32_t c) {
    const auto it = std::upper_bound(ranges.begin(), ranges.end(), c, [](char32_t x, const Range& r) { return x < r.lo; });
    return it != ranges.begin() && c <= std::prev(it)->hi;
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Parsing: pattern -> tree

struct Node {
    enum class Kind : std::uint8_t { Empty, Class, Any, Concat, Alt, Repeat, Group, Begin, End, WordBoundary, NotWordBoundary };
    Kind kind = Kind::Empty;
    std::vector<Node> kids;
    int cls = -1;
    bool negated = false;
    int min = 0, max = -1;  // Repeat; max -1: unbounded
    bool greedy = true;
    int group = 0;  // Group: capture number, 0 for (?:…)
};

Node node_of(Node::Kind kind) {
    Node n;
    n.kind = kind;
    return n;
}

class Parser {
public:
    Parser(std::string_view pattern, std::vector<std::vector<Range>>& classes) : m_p(decode(pattern).cps), m_classes(classes) {}

    Node run(int& groups) {
        Node n = alternation(0);
        if (m_i < m_p.size()) fail(m_p[m_i] == ')' ? "an unmatched )" : "an unexpected character");
        groups = m_groups;
        return n;
    }

private:
    [[noreturn]] void fail(const std::string& what) const { fail_at(m_i, what); }
    [[noreturn]] void fail_at(std::size_t at, const std::string& what) const {
        throw RegexError(what + " at character " + std::to_string(at + 1) + " of the regular expression");
    }
    bool more() const { return m_i < m_p.size(); }
    char32_t peek() const { return m_p[m_i]; }

    Node alternation(int depth) {
        if (depth > max_nesting) fail("groups nested too deeply");
        Node alt = node_of(Node::Kind::Alt);
        alt.kids.push_back(concatenation(depth));
        while (more() && peek() == '|') {
            ++m_i;
            alt.kids.push_back(concatenation(depth));
        }
        return alt.kids.size() == 1 ? std::move(alt.kids[0]) : alt;
    }

    Node concatenation(int depth) {
        Node cat = node_of(Node::Kind::Concat);
        while (more() && peek() != '|' && peek() != ')') cat.kids.push_back(repetition(depth));
        return cat;
    }

    Node repetition(int depth) {
        Node atom_node = atom(depth);
        for (int stacked = 0; more(); ++stacked) {
            if (stacked > 3) fail("too many quantifiers in a row");
            int min = 0, max = -1;
            const char32_t c = peek();
            if (c == '*') {
                ++m_i;
            } else if (c == '+') {
                min = 1;
                ++m_i;
            } else if (c == '?') {
                max = 1;
                ++m_i;
            } else if (c == '{' && bounds(min, max)) {
            } else {
                break;
            }
            const bool anchor = atom_node.kind == Node::Kind::Begin || atom_node.kind == Node::Kind::End;
            if (anchor) fail("a quantifier after an anchor");
            Node r = node_of(Node::Kind::Repeat);
            r.min = min;
            r.max = max;
            if (more() && peek() == '?') {
                r.greedy = false;
                ++m_i;
            }
            r.kids.push_back(std::move(atom_node));
            atom_node = std::move(r);
        }
        return atom_node;
    }

    // {n}, {n,}, {n,m}; a '{' that starts none of them is a literal (as in ECMAScript).
    bool bounds(int& min, int& max) {
        std::size_t j = m_i + 1;
        const auto number = [&](int& out) {
            const std::size_t start = j;
            long v = 0;
            while (j < m_p.size() && m_p[j] >= '0' && m_p[j] <= '9') {
                v = std::min<long>(v * 10 + (m_p[j] - '0'), 1'000'000);
                ++j;
            }
            out = static_cast<int>(v);
            return j > start;
        };
        if (!number(min)) return false;
        max = min;
        if (j < m_p.size() && m_p[j] == ',') {
            ++j;
            max = -1;
            if (j < m_p.size() && m_p[j] != '}' && !number(max)) return false;
        }
        if (j >= m_p.size() || m_p[j] != '}') return false;
        m_i = j + 1;
        if (min > max_repeat || max > max_repeat) fail("a repetition count over " + std::to_string(max_repeat));
        if (max != -1 && max < min) fail("a repetition {n,m} with m < n");
        return true;
    }

    Node class_node(std::vector<Range> ranges, bool negated) {
        m_classes.push_back(normalized(std::move(ranges)));
        Node n = node_of(Node::Kind::Class);
        n.cls = static_cast<int>(m_classes.size() - 1);
        n.negated = negated;
        return n;
    }

    Node atom(int depth) {
        const char32_t c = m_p[m_i++];
        switch (c) {
        case '.': return node_of(Node::Kind::Any);  // single-line mode: any character, line breaks too
        case '^': return node_of(Node::Kind::Begin);
        case '$': return node_of(Node::Kind::End);
        case '[': return bracket();
        case '(': {
            Node g = node_of(Node::Kind::Group);
            if (more() && peek() == '?') {
                if (m_i + 1 < m_p.size() && m_p[m_i + 1] == ':') {
                    m_i += 2;
                } else {
                    fail("look-around and named groups are not supported");
                }
            } else {
                g.group = ++m_groups;
            }
            g.kids.push_back(alternation(depth + 1));
            if (!more() || peek() != ')') fail("an unclosed (");
            ++m_i;
            return g;
        }
        case '*': case '+': case '?': fail("a quantifier with nothing to repeat");
        case '\\': return escape();
        default: return class_node({{c, c}}, false);
        }
    }

    // One escaped character or shorthand, outside or inside [ ].
    std::vector<Range> escaped(bool in_bracket, bool& boundary, bool& negated_boundary) {
        if (!more()) fail("a \\ at the end");
        const std::size_t at = m_i - 1;  // the backslash
        const char32_t c = m_p[m_i++];
        const auto hex = [&](int digits) {
            char32_t v = 0;
            for (int k = 0; k < digits; ++k) {
                if (!more()) fail("a short hexadecimal escape");
                const char32_t h = m_p[m_i++];
                const int d = (h >= '0' && h <= '9') ? static_cast<int>(h - '0') : (h >= 'a' && h <= 'f') ? static_cast<int>(h - 'a' + 10)
                              : (h >= 'A' && h <= 'F') ? static_cast<int>(h - 'A' + 10) : -1;
                if (d < 0) fail("a bad hexadecimal escape");
                v = v * 16 + static_cast<char32_t>(d);
            }
            return v;
        };
        switch (c) {
        case 'd': case 'D': case 'w': case 'W': case 's': case 'S': return shorthand(static_cast<char>(c));
        case 't': return {{'\t', '\t'}};
        case 'n': return {{'\n', '\n'}};
        case 'r': return {{'\r', '\r'}};
        case 'f': return {{'\f', '\f'}};
        case 'v': return {{'\v', '\v'}};
        case '0': return {{0, 0}};
        case 'x': { const char32_t v = hex(2); return {{v, v}}; }
        case 'u': { const char32_t v = hex(4); return {{v, v}}; }
        case 'b':
            if (in_bracket) return {{'\b', '\b'}};
            boundary = true;
            return {};
        case 'B':
            if (in_bracket) fail("\\B in a character class");
            negated_boundary = true;
            return {};
        default:
            if ((c >= '1' && c <= '9') || c == 'k') fail_at(at, "back-references are not supported");
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) fail_at(at, std::string("an unknown escape \\") + static_cast<char>(c));
            return {{c, c}};  // escaped punctuation stands for itself
        }
    }

    Node escape() {
        bool boundary = false, negated_boundary = false;
        std::vector<Range> r = escaped(false, boundary, negated_boundary);
        if (boundary) return node_of(Node::Kind::WordBoundary);
        if (negated_boundary) return node_of(Node::Kind::NotWordBoundary);
        return class_node(std::move(r), false);
    }

    Node bracket() {
        bool negated = false;
        if (more() && peek() == '^') {
            negated = true;
            ++m_i;
        }
        std::vector<Range> ranges;
        bool first = true;
        for (;;) {
            if (!more()) fail("an unclosed [");
            if (peek() == ']' && !first) break;
            first = false;
            // One member: a character (maybe the start of a range) or a shorthand class.
            const auto member = [&](bool& single, char32_t& ch) {
                if (peek() == '\\') {
                    ++m_i;
                    bool b = false, nb = false;
                    std::vector<Range> r = escaped(true, b, nb);
                    single = r.size() == 1 && r[0].lo == r[0].hi;
                    ch = single ? r[0].lo : 0;
                    return r;
                }
                ch = m_p[m_i++];
                single = true;
                return std::vector<Range>{{ch, ch}};
            };
            bool single = false;
            char32_t lo = 0;
            std::vector<Range> r = member(single, lo);
            if (single && m_i + 1 < m_p.size() && peek() == '-' && m_p[m_i + 1] != ']') {
                ++m_i;
                bool single_hi = false;
                char32_t hi = 0;
                member(single_hi, hi);
                if (!single_hi || hi < lo) fail("a bad range in a character class");
                ranges.push_back({lo, hi});
            } else {
                ranges.insert(ranges.end(), r.begin(), r.end());
            }
        }
        ++m_i;  // ]
        return class_node(std::move(ranges), negated);
    }

    std::vector<char32_t> m_p;
    std::size_t m_i = 0;
    int m_groups = 0;
    std::vector<std::vector<Range>>& m_classes;
};

// ---------------------------------------------------------------------------------------------
// [SECTION] Compiling: tree -> program

class Emitter {
public:
    explicit Emitter(std::vector<Regex::Inst>& program) : m_prog(program) {}

    void emit(const Node& n) {
        switch (n.kind) {
        case Node::Kind::Empty: break;
        case Node::Kind::Class: push({Op::Char, n.negated, n.cls, 0}); break;
        case Node::Kind::Any: push({Op::Any, false, 0, 0}); break;
        case Node::Kind::Begin: push({Op::Begin, false, 0, 0}); break;
        case Node::Kind::End: push({Op::End, false, 0, 0}); break;
        case Node::Kind::WordBoundary: push({Op::WordBoundary, false, 0, 0}); break;
        case Node::Kind::NotWordBoundary: push({Op::NotWordBoundary, false, 0, 0}); break;
        case Node::Kind::Concat:
            for (const Node& k : n.kids) emit(k);
            break;
        case Node::Kind::Group:
            if (n.group > 0) push({Op::Save, false, 2 * n.group, 0});
            emit(n.kids[0]);
            if (n.group > 0) push({Op::Save, false, 2 * n.group + 1, 0});
            break;
        case Node::Kind::Alt: alternatives(n); break;
        case Node::Kind::Repeat: repeat(n); break;
        }
    }

private:
    int push(const Regex::Inst& i) {
        if (m_prog.size() >= max_program) throw RegexError("the regular expression is too large");
        m_prog.push_back(i);
        return static_cast<int>(m_prog.size() - 1);
    }
    int here() const { return static_cast<int>(m_prog.size()); }

    void alternatives(const Node& n) {
        std::vector<int> jumps;
        for (std::size_t k = 0; k + 1 < n.kids.size(); ++k) {
            const int split = push({Op::Split, false, 0, 0});
            m_prog[split].a = here();
            emit(n.kids[k]);
            jumps.push_back(push({Op::Jump, false, 0, 0}));
            m_prog[split].b = here();
        }
        emit(n.kids.back());
        for (int j : jumps) m_prog[j].a = here();
    }

    // x{min,max}: x repeated min times, then (max - min) optional copies, or a loop.
    void repeat(const Node& n) {
        for (int k = 0; k < n.min; ++k) emit(n.kids[0]);
        const auto prefer = [&](int split, int body, int skip) {
            m_prog[split].a = n.greedy ? body : skip;
            m_prog[split].b = n.greedy ? skip : body;
        };
        if (n.max == -1) {
            const int split = push({Op::Split, false, 0, 0});
            emit(n.kids[0]);
            push({Op::Jump, false, split, 0});
            prefer(split, split + 1, here());
            return;
        }
        std::vector<int> splits;
        for (int k = n.min; k < n.max; ++k) {
            splits.push_back(push({Op::Split, false, 0, 0}));
            emit(n.kids[0]);
        }
        for (int s : splits) prefer(s, s + 1, here());
    }

    std::vector<Regex::Inst>& m_prog;
};

// ---------------------------------------------------------------------------------------------
// [SECTION] Matching: the Pike VM

struct Thread {
    int pc;
    std::vector<std::ptrdiff_t> caps;
};

class Vm {
public:
    Vm(const std::vector<Regex::Inst>& prog, const std::vector<std::vector<Range>>& classes, const Decoded& text, std::size_t slots)
        : m_prog(prog), m_classes(classes), m_text(text), m_slots(slots), m_mark(prog.size(), 0) {}

    // Follows jumps, splits, saves and assertions from `pc` at position `i`, adding the threads
    // that wait on a character (or match) to `list`, in priority order.
    void add(std::vector<Thread>& list, int pc, std::vector<std::ptrdiff_t> caps, std::size_t i) {
        std::vector<Thread> stack;
        stack.push_back({pc, std::move(caps)});
        while (!stack.empty()) {
            Thread t = std::move(stack.back());
            stack.pop_back();
            if (m_mark[t.pc] == m_generation) continue;
            m_mark[t.pc] = m_generation;
            const Regex::Inst& in = m_prog[t.pc];
            const std::size_t n = m_text.cps.size();
            switch (in.op) {
            case Op::Jump: stack.push_back({in.a, std::move(t.caps)}); break;
            case Op::Split:
                stack.push_back({in.b, t.caps});
                stack.push_back({in.a, std::move(t.caps)});
                break;
            case Op::Save:
                t.caps[static_cast<std::size_t>(in.a)] = static_cast<std::ptrdiff_t>(m_text.offsets[i]);
                stack.push_back({t.pc + 1, std::move(t.caps)});
                break;
            case Op::Begin:
                if (i == 0) stack.push_back({t.pc + 1, std::move(t.caps)});
                break;
            case Op::End:
                if (i == n) stack.push_back({t.pc + 1, std::move(t.caps)});
                break;
            case Op::WordBoundary:
            case Op::NotWordBoundary: {
                const bool before = i > 0 && is_word(m_text.cps[i - 1]);
                const bool after = i < n && is_word(m_text.cps[i]);
                if ((before != after) == (in.op == Op::WordBoundary)) stack.push_back({t.pc + 1, std::move(t.caps)});
                break;
            }
            default: list.push_back(std::move(t));
            }
        }
    }

    std::vector<std::ptrdiff_t> run(std::size_t from, bool anchored_full) {
        const std::size_t n = m_text.cps.size();
        std::vector<Thread> current, next;
        std::vector<std::ptrdiff_t> matched;
        ++m_generation;
        for (std::size_t i = from; i <= n; ++i) {
            // A new attempt starts at every position until something matched (lowest priority).
            if (matched.empty() && (!anchored_full || i == from)) add(current, 0, std::vector<std::ptrdiff_t>(m_slots, -1), i);
            ++m_generation;
            if (current.empty()) {
                if (anchored_full || !matched.empty()) break;
                continue;  // this start failed at once (an assertion): try the next position
            }
            next.clear();
            for (Thread& t : current) {
                const Regex::Inst& in = m_prog[t.pc];
                if (in.op == Op::Match) {
                    if (anchored_full && i != n) continue;
                    matched = std::move(t.caps);
                    break;  // threads after this one have lower priority
                }
                if (i == n) continue;
                const char32_t c = m_text.cps[i];
                const bool ok = in.op == Op::Any || (in_class(m_classes[static_cast<std::size_t>(in.a)], c) != in.negated);
                if (ok) add(next, t.pc + 1, std::move(t.caps), i + 1);
            }
            std::swap(current, next);
        }
        return matched;
    }

private:
    const std::vector<Regex::Inst>& m_prog;
    const std::vector<std::vector<Range>>& m_classes;
    const Decoded& m_text;
    std::size_t m_slots;
    std::vector<unsigned> m_mark;
    unsigned m_generation = 0;
};

}  // namespace

Regex Regex::compile(std::string_view pattern) {
    Regex re;
    const Node tree = Parser(pattern, re.m_classes).run(re.m_groups);
    // Save 0 / 1 around the whole pattern give the match's span.
    Emitter emitter(re.m_program);
    re.m_program.push_back({Op::Save, false, 0, 0});
    emitter.emit(tree);
    re.m_program.push_back({Op::Save, false, 1, 0});
    re.m_program.push_back({Op::Match, false, 0, 0});
    return re;
}

namespace {

// Byte offsets of the whole match and of each group (-1 for a group that took no part), for the
// first match starting at code point `from` or later (only at `from`, and ending at the end,
// when `anchored_full`); empty when there is none.
std::vector<std::ptrdiff_t> find(const std::vector<Regex::Inst>& program, const std::vector<std::vector<Range>>& classes, int groups,
                                 const Decoded& text, std::size_t from, bool anchored_full) {
    Vm vm(program, classes, text, 2 * static_cast<std::size_t>(groups + 1));
    return vm.run(from, anchored_full);
}

}  // namespace

bool Regex::search(std::string_view text) const { return !find(m_program, m_classes, m_groups, decode(text), 0, false).empty(); }
bool Regex::full_match(std::string_view text) const { return !find(m_program, m_classes, m_groups, decode(text), 0, true).empty(); }

std::string Regex::replace_all(std::string_view text, std::string_view replacement) const {
    const Decoded d = decode(text);
    const auto cp_at = [&](std::ptrdiff_t byte) {
        return static_cast<std::size_t>(std::lower_bound(d.offsets.begin(), d.offsets.end(), static_cast<std::size_t>(byte)) - d.offsets.begin());
    };
    std::string out;
    std::size_t from = 0;  // a code point index
    while (from <= d.cps.size()) {
        const std::vector<std::ptrdiff_t> m = find(m_program, m_classes, m_groups, d, from, false);
        if (m.empty()) break;
        const std::size_t begin = static_cast<std::size_t>(m[0]), end = static_cast<std::size_t>(m[1]);
        out.append(text.substr(d.offsets[from], begin - d.offsets[from]));
        for (std::size_t k = 0; k < replacement.size(); ++k) {
            const char c = replacement[k];
            const bool group = c == '$' && k + 1 < replacement.size() && replacement[k + 1] >= '0' && replacement[k + 1] - '0' <= m_groups;
            if (c == '$' && k + 1 < replacement.size() && replacement[k + 1] == '$') {
                out += '$';
                ++k;
            } else if (group) {
                const std::size_t g = static_cast<std::size_t>(replacement[++k] - '0');
                if (m[2 * g] >= 0) out.append(text.substr(static_cast<std::size_t>(m[2 * g]), static_cast<std::size_t>(m[2 * g + 1] - m[2 * g])));
            } else {
                out += c;
            }
        }
        from = cp_at(m[1]);
        if (end == begin) {
            // An empty match: keep the next character and go on after it.
            if (from >= d.cps.size()) return out;
            out.append(text.substr(d.offsets[from], d.offsets[from + 1] - d.offsets[from]));
            ++from;
        }
    }
    if (from < d.cps.size()) out.append(text.substr(d.offsets[from]));
    return out;
}

}  // namespace safetynet::core::fhirpath
