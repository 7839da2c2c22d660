#pragma once
// The tokens of FHIRPath (FHIRPath N1 Appendix A, the lexer rules of the grammar): identifiers
// (`delimited` ones too), string literals with their escapes, numbers, date/time literals,
// $this/$index/$total, operators and punctuation; comments and white space are skipped.
// Keywords (and, div, is, true …) come out as identifiers: where one is an operator and where a
// name depends on the place, which the parser knows.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace safetynet::core::fhirpath {

enum class TokenKind : std::uint8_t {
    End, Identifier, DelimitedIdentifier, String, Number, LongNumber, DateTime, Time, Special,
    Percent, LParen, RParen, LBracket, RBracket, LBrace, RBrace, Comma, Dot,
    Plus, Minus, Star, Slash, Amp, Pipe, Equal, Equivalent, NotEqual, NotEquivalent,
    Less, LessEqual, Greater, GreaterEqual,
};

struct Token {
    TokenKind kind = TokenKind::End;
    std::string text;          // identifiers and strings unescaped; date/time without '@' (and 'T' for Time); $name without '$'
    std::size_t position = 0;  // offset of the token in the expression
};

// All tokens of `expression`, ending with an End token. Throws fhirpath::SyntaxError
// (fhirpath.hpp) naming the position of an unterminated string or comment, a bad escape or a
// character that starts no token.
std::vector<Token> tokenize(std::string_view expression);

}  // namespace safetynet::core::fhirpath
