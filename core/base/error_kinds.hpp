#pragma once
// The kinds of core::Error a person meets on a screen, and the named values each one's catalog
// text uses. The screens render such an error as the catalog text "error.<kind>" in the
// person's language (ui/shell/error_text.hpp); a kind not listed here is shown with a generic
// translated sentence plus its English detail. The build's catalog check and a test hold every
// catalog to this list (docs/TRANSLATIONS.md, "Errors").
#include <span>
#include <string_view>

namespace safetynet::core {

struct ScreenErrorKind {
    std::string_view kind;          // core::Error::kind()
    std::string_view placeholders;  // the names its text uses, space-separated ("where" is Error::where())
};

// Every kind the screens render from a catalog, in no particular order.
std::span<const ScreenErrorKind> screen_error_kinds();
// The entry for `kind`; nullptr when the screens show it generically.
const ScreenErrorKind* find_screen_error_kind(std::string_view kind);

}  // namespace safetynet::core
