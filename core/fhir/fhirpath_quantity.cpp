#include "core/fhir/fhirpath_quantity.hpp"

#include "core/fhir/ucum.hpp"

#include <algorithm>
#include <array>

namespace safetynet::core::fhirpath {

namespace {

struct Keyword {
    std::string_view singular, plural, ucum;  // ucum empty: a calendar-only unit
};
// FHIRPath N1 §2.1.20: "year", "month" have no definite UCUM equivalent; the others do.
constexpr std::array<Keyword, 8> keywords{{
    {"year", "years", ""}, {"month", "months", ""}, {"week", "weeks", "wk"}, {"day", "days", "d"},
    {"hour", "hours", "h"}, {"minute", "minutes", "min"}, {"second", "seconds", "s"},
    {"millisecond", "milliseconds", "ms"},
}};

const Keyword* keyword(std::string_view word) {
    for (const Keyword& k : keywords) {
        if (word == k.singular || word == k.plural) return &k;
    }
    return nullptr;
}

// Calendar years and months as months (1 year = 12 months), for comparing them with each other.
std::optional<Decimal> in_months(const Quantity& q) {
    const Keyword* k = q.calendar ? keyword(q.unit) : nullptr;
    if (!k || !k->ucum.empty()) return std::nullopt;
    return k->singular == "year" ? Decimal::multiply(q.value, Decimal::of(12)) : std::optional<Decimal>(q.value);
}

// The UCUM unit a quantity is compared in: its own, or the definite equivalent of its calendar
// keyword. Year and month have none for equality; for equivalence they are taken as UCUM's
// 'a' and 'mo' (FHIRPath N1 §6.1.3: 1 year ~ 1 'a').
std::string_view ucum_unit(const Quantity& q, bool equivalence) {
    if (!q.calendar) return q.unit;
    const Keyword* k = keyword(q.unit);
    if (!k) return {};
    if (k->ucum.empty() && equivalence) return k->singular == "year" ? "a" : "mo";
    return k->ucum;
}

// `b`'s value in `a`'s unit.
std::optional<Decimal> value_in_unit_of(const Quantity& b, const Quantity& a, bool equivalence = false) {
    const std::optional<Decimal> ma = in_months(a), mb = in_months(b);
    if (ma && mb) return keyword(a.unit)->singular == "year" ? Decimal::divide(*mb, Decimal::of(12)) : mb;
    if ((ma || mb) && !equivalence) return std::nullopt;
    const std::string_view from = ucum_unit(b, equivalence), to = ucum_unit(a, equivalence);
    if (from.empty() || to.empty()) return std::nullopt;
    if (from == to) return b.value;
    const std::optional<ucum::Conversion> c = ucum::conversion(from, to);
    if (!c) return std::nullopt;
    // In decimal arithmetic: the magnitudes are short decimals (0.01, 86400, 453.59237), so
    // 303 cm is exactly 3.03 m and 180 s exactly 3 min.
    const std::optional<Decimal> f = Decimal::of_double(c->from), t = Decimal::of_double(c->to);
    const std::optional<Decimal> scaled = f ? Decimal::multiply(b.value, *f) : std::nullopt;
    return scaled && t ? Decimal::divide(*scaled, *t) : std::nullopt;
}

std::string quoted_unit(const Quantity& q) { return q.calendar ? q.unit : "'" + q.unit + "'"; }

}  // namespace

std::string Quantity::to_string() const { return value.to_string() + " " + quoted_unit(*this); }

bool is_calendar_keyword(std::string_view word) { return keyword(word) != nullptr; }

std::optional<Quantity> convert(const Quantity& q, std::string_view unit, bool calendar) {
    const Quantity target{Decimal(), std::string(unit), calendar};
    const std::optional<Decimal> v = value_in_unit_of(q, target);
    if (!v) return std::nullopt;
    return Quantity{*v, std::string(unit), calendar};
}

std::optional<int> compare(const Quantity& a, const Quantity& b) {
    const std::optional<Decimal> bv = value_in_unit_of(b, a);
    if (!bv) return std::nullopt;
    return a.value.compare(*bv);
}

bool equivalent(const Quantity& a, const Quantity& b) {
    const std::optional<Decimal> bv = value_in_unit_of(b, a, true);
    if (!bv) return false;
    const int places = std::min(a.value.significant_scale(), b.value.significant_scale());
    return a.value.rounded(places).compare(bv->rounded(places)) == 0;
}

std::optional<Quantity> add(const Quantity& a, const Quantity& b) {
    const std::optional<Decimal> bv = value_in_unit_of(b, a);
    const std::optional<Decimal> sum = bv ? Decimal::add(a.value, *bv) : std::nullopt;
    if (!sum) return std::nullopt;
    return Quantity{*sum, a.unit, a.calendar};
}

std::optional<Quantity> subtract(const Quantity& a, const Quantity& b) {
    return add(a, Quantity{b.value.negated(), b.unit, b.calendar});
}

std::optional<Quantity> multiply(const Quantity& a, const Quantity& b) {
    const std::string_view ua = ucum_unit(a, false), ub = ucum_unit(b, false);
    const std::optional<Decimal> v = Decimal::multiply(a.value, b.value);
    if (!v || ua.empty() || ub.empty()) return std::nullopt;
    std::string unit = ua == "1" ? std::string(ub) : ub == "1" ? std::string(ua) : std::string(ua) + "." + std::string(ub);
    if (!ucum::parse(unit)) return std::nullopt;
    return Quantity{*v, unit, false};
}

std::optional<Quantity> divide(const Quantity& a, const Quantity& b) {
    const std::string_view ua = ucum_unit(a, false), ub = ucum_unit(b, false);
    const std::optional<Decimal> v = Decimal::divide(a.value, b.value);
    if (!v || ua.empty() || ub.empty()) return std::nullopt;
    std::string unit = ua == ub ? "1" : ub == "1" ? std::string(ua) : std::string(ua) + "/(" + std::string(ub) + ")";
    if (!ucum::parse(unit)) return std::nullopt;
    return Quantity{*v, unit, false};
}

}  // namespace safetynet::core::fhirpath
