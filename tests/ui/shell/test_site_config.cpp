#include "ui/shell/site_config.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <string>

using safetynet::ui::SiteConfig;

namespace {
bool warns(const SiteConfig& c, const std::string& text) {
    return std::any_of(c.warnings.begin(), c.warnings.end(), [&](const safetynet::core::Error& w) { return w.message() == text; });
}
}  // namespace

TEST_CASE("a site offering Arabic gets it, with no warning: every screen is laid out right to left") {
    const SiteConfig c = SiteConfig::parse(R"({"languages": ["en", "ar", "es"]})");
    CHECK(c.languages == std::vector<std::string>{"en", "ar", "es"});
    CHECK(c.warnings.empty());
}

TEST_CASE("a language SafetyNet does not know is named; the default site warns of nothing") {
    const SiteConfig c = SiteConfig::parse(R"({"languages": ["en", "xx"]})");
    CHECK(warns(c, "languages: xx is not a language SafetyNet knows (assets/i18n/languages.json)"));
    CHECK(SiteConfig::parse(R"({"languages": ["en", "es", "vi", "zh-Hans"]})").warnings.empty());
}

TEST_CASE("without a list a site offers English and Spanish; an empty list is named and gets the same") {
    CHECK(SiteConfig::parse("{}").languages == std::vector<std::string>{"en", "es"});
    const SiteConfig c = SiteConfig::parse(R"({"languages": []})");
    CHECK(c.languages == std::vector<std::string>{"en", "es"});
    CHECK(warns(c, "languages: the list is empty; offering English and Spanish"));
}

TEST_CASE("instrument_translations: all by default, validated-only when asked, anything else named") {
    CHECK(SiteConfig::parse("{}").instrument_translations == "all");
    const SiteConfig v = SiteConfig::parse(R"({"instrument_translations": "validated-only"})");
    CHECK(v.instrument_translations == "validated-only");
    CHECK(v.warnings.empty());
    const SiteConfig bad = SiteConfig::parse(R"({"instrument_translations": "validated"})");
    CHECK(bad.instrument_translations == "all");
    CHECK(warns(bad, "instrument_translations: expected \"all\" or \"validated-only\"; offering all"));
}
