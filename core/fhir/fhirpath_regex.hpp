#pragma once
// Regular expressions for FHIRPath's matches(), matchesFull() and replaceMatches() (FHIRPath N1
// §5.6.9-§5.6.10: PCRE-like syntax, single-line mode), matched in time linear in the text.
//
// Why not std::regex: it backtracks, and patterns come with forms from anyone. Measured here,
// libstdc++'s std::regex_search of (a+)+b over 24 a's took 15 s, doubling with each further a,
// which would freeze a kiosk. This is a Thompson-NFA / Pike-VM matcher (Russ Cox, "Regular
// Expression Matching: the Virtual Machine Approach", 2009): every position of the text is
// visited once per instruction, whatever the pattern.
//
// Supported: literals (UTF-8), '.', [classes] with ranges and negation, \d \D \w \W \s \S,
// \t \n \r \f \v \0 \xHH \uHHHH and escaped punctuation, ^ $ (text start and end), \b \B,
// (groups), (?:groups), |, * + ? {n} {n,} {n,m} and their lazy forms (*? …). Not supported,
// and refused with an error rather than half-done: back-references and look-around (they need
// backtracking), named groups, flags.
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace safetynet::core::fhirpath {

class RegexError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

class Regex {
public:
    // Throws RegexError naming the problem.
    static Regex compile(std::string_view pattern);

    bool search(std::string_view text) const;      // a match anywhere (matches())
    bool full_match(std::string_view text) const;  // the whole text (matchesFull())
    // Every non-overlapping match, leftmost first, replaced by `replacement`, in which $0 … $9 are
    // the groups and $$ a dollar (replaceMatches()).
    std::string replace_all(std::string_view text, std::string_view replacement) const;

    struct Inst;
    struct Range {
        char32_t lo, hi;
    };

private:
    std::vector<Inst> m_program;
    std::vector<std::vector<Range>> m_classes;  // character classes, ranges sorted
    int m_groups = 0;                           // capturing groups, the whole match not counted
};

struct Regex::Inst {
    enum class Op : std::uint8_t { Char, Any, Split, Jump, Save, Begin, End, WordBoundary, NotWordBoundary, Match };
    Op op = Op::Match;
    bool negated = false;  // Char: the class negated
    int a = 0;             // Char: class index; Split/Jump: target (Split's preferred); Save: slot
    int b = 0;             // Split: the other target
};

}  // namespace safetynet::core::fhirpath
