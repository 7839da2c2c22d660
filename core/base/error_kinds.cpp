#include "core/base/error_kinds.hpp"

#include <algorithm>
#include <array>

namespace safetynet::core {

namespace {

// What the staff workspace's files, bundles, backups and passphrases can throw (the paths of
// issue 14 item 3), what a directory's import reports and what the site file is warned of. A position ("line", "column") is not listed: any error carrying one gets it
// appended by the screens ("error.line" / "error.line_column"), whatever its kind.
// Decryption (core/crypto/age_errors.hpp) names no place a person could act on: no "where".
constexpr std::array kKinds = {
    // passphrases and encrypted files (age)
    ScreenErrorKind{"wrong-passphrase", ""},
    ScreenErrorKind{"no-identity", ""},
    ScreenErrorKind{"header", ""},
    ScreenErrorKind{"header-truncated", ""},
    ScreenErrorKind{"header-mac", ""},
    ScreenErrorKind{"payload-auth", ""},
    ScreenErrorKind{"payload-truncated", ""},
    ScreenErrorKind{"armor", ""},
    // signed bundles (core/exchange)
    ScreenErrorKind{"bundle", ""},
    ScreenErrorKind{"bad-signature", ""},
    ScreenErrorKind{"untrusted-bundle", ""},
    ScreenErrorKind{"untrusted-signer", "where"},
    // files a person picks
    ScreenErrorKind{"malformed-json", "where"},
    ScreenErrorKind{"malformed-translation", "where"},
    ScreenErrorKind{"backup", "where"},
    ScreenErrorKind{"network-file", "where"},
    ScreenErrorKind{"network", "where"},
    ScreenErrorKind{"measure-report", "where"},
    ScreenErrorKind{"roster", "where"},
    ScreenErrorKind{"capacity-update", "where"},
    // a clinic's own forms (core/screening)
    ScreenErrorKind{"not-a-questionnaire", "where"},
    ScreenErrorKind{"malformed-questionnaire", "where"},
    ScreenErrorKind{"malformed-item", "where"},
    ScreenErrorKind{"unsupported-item-type", "where"},
    ScreenErrorKind{"unsupported-feature", "where"},
    ScreenErrorKind{"malformed-response", "where"},
    // a directory (core/directory): the load, and each issue of an HSDS import's report, whose
    // {where} is its file and row (ui::import_issue_text) and whose values are read where it
    // arises; "expected" is in a notation every language reads ("HH:MM", "0 … 130")
    ScreenErrorKind{"directory-missing", "where"},
    ScreenErrorKind{"bad-directory", "where"},
    ScreenErrorKind{"hsds-required", "where field"},
    ScreenErrorKind{"hsds-invalid", "where field expected"},
    ScreenErrorKind{"hsds-unusable", "where field"},
    ScreenErrorKind{"hsds-duplicate", "where field value"},
    ScreenErrorKind{"hsds-unknown-id", "where field value"},
    // the site's own settings (ui/shell/site_config, assets/site.json): what the staff see
    ScreenErrorKind{"site-json", "where"},
    ScreenErrorKind{"site-value", "where field expected"},
    ScreenErrorKind{"site-language", "where value"},
    ScreenErrorKind{"site-form", "where instrument"},
};

}  // namespace

std::span<const ScreenErrorKind> screen_error_kinds() { return kKinds; }

const ScreenErrorKind* find_screen_error_kind(std::string_view kind) {
    const auto it = std::find_if(kKinds.begin(), kKinds.end(), [&](const ScreenErrorKind& k) { return k.kind == kind; });
    return it == kKinds.end() ? nullptr : &*it;
}

}  // namespace safetynet::core
