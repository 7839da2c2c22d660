// The linear-time regular expressions behind matches(), matchesFull() and replaceMatches()
// (core/fhir/fhirpath_regex.hpp): they must agree with ECMAScript's (std::regex) wherever
// both apply, refuse what needs backtracking, and stay linear on patterns that make a
// backtracking matcher take exponential time.
#include "core/fhir/fhirpath_regex.hpp"

#include <doctest/doctest.h>

#include <regex>
#include <string>

using namespace safetynet::core::fhirpath;

TEST_CASE("regular expressions agree with std::regex where both apply") {
    const char* patterns[] = {
        "abc", "^abc$", "a.c", "a*", "a+b", "a?b", "(ab)+", "(a|b)*c", "a{2}", "a{2,}", "a{1,3}b", "[a-c]+", "[^a-c]+",
        "\\d{3}-\\d{4}", "\\w+@\\w+\\.org", "\\s+", "\\bcat\\b", "\\Bat", "^-?(0|[1-9][0-9]*)(\\.[0-9]+)?$", "x*?y", "(?:ab|cd)e",
        "[\\d.]+", "\\.", "[-a]", "colou?r", "^$", "a|", "(a|ab)(c|bcd)(d*)", "[A-Z][a-z]+ [A-Z]\\.", "\\(\\d+\\)", "a{0}b",
    };
    const char* subjects[] = {"abc", "xabcx", "aaab", "b", "", "ababc", "555-1234", "me@example.org", "a  b", "the cat sat",
                              "bat", "-12.50", "012", "xxxy", "cde", "1.2.3", "color", "colour", "abcd", "John Q. Public",
                              "(42)", "a-", "aa", "aaa"};
    for (const std::string p : patterns) {
        const Regex ours = Regex::compile(p);
        const std::regex theirs(p, std::regex::ECMAScript);
        // $1 without a group 1 is left as written (as JavaScript, and so fhirpath.js, does;
        // std::regex drops it): compare replacements only where there is a group.
        const bool group = p.find('(') != std::string::npos && p.find("(?:") == std::string::npos && p.find("\\(") == std::string::npos;
        const std::string with = group ? "<$1>" : "<$&>";
        for (const std::string s : subjects) {
            CAPTURE(p);
            CAPTURE(s);
            CHECK(ours.search(s) == std::regex_search(s, theirs));
            CHECK(ours.full_match(s) == std::regex_match(s, theirs));
            if (with == "<$1>") CHECK(ours.replace_all(s, with) == std::regex_replace(s, theirs, with));
        }
    }
}

TEST_CASE("'.' matches line breaks too, as FHIRPath's single-line mode asks") {
    CHECK(Regex::compile("A.*B").search("A\n\t\tB"));
    CHECK_FALSE(std::regex_search("A\nB", std::regex("A.B")));  // where ECMAScript differs
}

TEST_CASE("patterns that make backtracking matchers exponential stay linear") {
    // std::regex takes seconds at 24 characters and doubles with each one; these are 10,000.
    const std::string as(10000, 'a');
    CHECK_FALSE(Regex::compile("(a+)+b").search(as));
    CHECK_FALSE(Regex::compile("(a|aa)*c").full_match(as));
    CHECK(Regex::compile("(a*)*").full_match(as));
    CHECK(Regex::compile("^(a|a?)+$").search(as));
}

TEST_CASE("Unicode text is matched by code point") {
    CHECK(Regex::compile("^.{5}$").search("Taupō"));
    CHECK(Regex::compile("[ōé]").search("Taupō"));
    CHECK(Regex::compile("\\u014D").search("Taupō"));
    CHECK(Regex::compile("ō").replace_all("Taupō", "o") == "Taupo");
    CHECK(Regex::compile("").replace_all("aō", "-") == "-a-ō-");
}

TEST_CASE("what needs backtracking, or is malformed, is refused with a reason") {
    const auto error_of = [](const char* p) -> std::string {
        try {
            (void)Regex::compile(p);
        } catch (const RegexError& e) {
            return e.what();
        }
        return "no error";
    };
    CHECK(error_of("(a)\\1") == "back-references are not supported at character 4 of the regular expression");
    CHECK(error_of("a(?=b)") == "look-around and named groups are not supported at character 3 of the regular expression");
    CHECK(error_of("(ab") == "an unclosed ( at character 4 of the regular expression");
    CHECK(error_of("ab)") == "an unmatched ) at character 3 of the regular expression");
    CHECK(error_of("[z-a]") == "a bad range in a character class at character 5 of the regular expression");
    CHECK(error_of("*a") == "a quantifier with nothing to repeat at character 2 of the regular expression");
    CHECK(error_of("a{2000}") == "a repetition count over 1000 at character 8 of the regular expression");
    CHECK(error_of("(a{1000}){1000}") == "the regular expression is too large");
    CHECK(error_of(std::string(200, '(').c_str()) == "groups nested too deeply at character 102 of the regular expression");
    CHECK(error_of("\\q") == "an unknown escape \\q at character 1 of the regular expression");
}
