#pragma once
// A language's plural rule: which of its plural forms a count takes. The rule is a gettext
// Plural-Forms expression (the GNU gettext manual, "Plural forms"), a C expression in n such as
//   (n % 10 == 1 && n % 100 != 11 ? 0 : n % 10 >= 2 && n % 10 <= 4 && (n % 100 < 12 || n % 100 > 14) ? 1 : 2)
// as assets/i18n/languages.json states it for each language (the build checks each against
// CLDR) and as a PO file's header carries it. Grammar, as gettext's own parser (plural.y):
//   ?: || && == != < > <= >= + - * / % ! ( ) n and decimal numbers; unsigned long arithmetic.
#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

namespace safetynet::core {

class PluralRule {
public:
    // Parses "nplurals=N; plural=EXPR;" (a Plural-Forms header) or, with nplurals given, the bare
    // EXPR. Throws core::Error "malformed-plural-rule" naming `where` and the position.
    static PluralRule parse_header(std::string_view header, std::string_view where);
    static PluralRule parse(std::string_view expression, std::size_t nplurals, std::string_view where);

    std::size_t nplurals() const { return m_nplurals; }
    // The form index for count n, in [0, nplurals): an expression that gives more (a broken
    // foreign catalog) falls to the last form; x / 0 and x % 0 give 0.
    std::size_t index(std::uint64_t n) const;

    struct Node;

private:
    std::shared_ptr<const std::vector<Node>> m_nodes;  // postfix program, evaluated on a stack
    std::size_t m_nplurals = 1;
};

}  // namespace safetynet::core
