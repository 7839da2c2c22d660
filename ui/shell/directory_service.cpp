#include "ui/shell/directory_service.hpp"

#include "core/directory/directory_builder.hpp"
#include "core/base/error.hpp"
#include "core/base/text_fold.hpp"
#include "core/directory/hsds_import.hpp"
#include "core/directory/need_map.hpp"

#include <cmath>
#include <string_view>

namespace safetynet::ui {

void DirectoryService::load(Platform& platform, const std::string& path, std::function<void()> done) {
    if (m_status == Status::Loading) return;
    m_status = Status::Loading;
    platform.fetch_asset(path, [this, path, done = std::move(done)](std::optional<std::string> text) {
        m_failure.reset();
        m_report = {};
        if (!text) {
            m_status = Status::Failed;
            m_failure = core::Error("directory-missing", path, "not found");
        } else {
            try {
                core::DirectoryBuilder builder;
                core::import_hsds_json(std::string_view(*text), path, builder, m_report);
                if (builder.services() == 0) throw core::Error("bad-directory", path, "no usable service");
                m_directory = std::make_unique<core::Directory>(builder.finish(path));
                m_matcher = std::make_unique<core::Matcher>(*m_directory);
                m_details = core::ServiceDetailsIndex::from_hsds_json(*text);
                m_status = Status::Ready;
            } catch (const core::Error& e) {
                m_status = Status::Failed;
                m_failure = e;
            }
        }
        if (done) done();
    });
}

void DirectoryService::load_zips(Platform& platform) {
    if (m_zips_requested) return;
    m_zips_requested = true;
    platform.fetch_asset("data/zip-centroids.bin", [this](std::optional<std::string> bytes) {
        if (!bytes) return;
        try {
            m_zips = core::ZipCentroids::parse(*bytes, "data/zip-centroids.bin");
        } catch (const core::Error&) {
            m_zips.reset();  // distances stay unknown; service areas still match by ZIP
        }
    });
}

std::optional<core::ZipCentroid> DirectoryService::place_zip(const std::string& zip) const {
    if (!m_zips || zip.empty()) return std::nullopt;
    return m_zips->find(zip);
}

void DirectoryService::locate(core::MatchQuery& query, const std::string& zip, const std::string& fallback_zip) const {
    const std::string& use = zip.empty() ? fallback_zip : zip;
    query.postal_code = use;
    if (const auto c = place_zip(use)) {
        query.latitude = c->latitude;
        query.longitude = c->longitude;
    }
}

std::vector<ServiceMatch> DirectoryService::find(const std::vector<std::string>& domains, core::MatchQuery query) {
    std::vector<ServiceMatch> out;
    if (m_status != Status::Ready) return out;
    query.needs = 0;
    const auto& needs = m_directory->need_domains();
    for (const std::string& d : domains)
        for (std::size_t i = 0; i < needs.size(); ++i)
            if (needs[i] == d) query.needs |= core::NeedMask{1} << i;
    if (query.needs == 0) return out;  // a need the directory's map does not know
    if (!m_capacity.by_service.empty()) query.capacity = &m_capacity.by_service;
    const core::MatchResult result = m_matcher->match(query);
    for (const core::MatchHit& hit : result.hits) {
        ServiceMatch m;
        m.details = m_details.find(m_directory->service_id(hit.service));
        if (!m.details) continue;
        m.location_id = m_directory->location_id(hit.row);
        if (const core::ServicePlace* p = m_details.place(*m.details, m.location_id)) m.address = p->address;
        m.distance_km = std::isnan(hit.distance_km) ? -1 : hit.distance_km;
        m.score = hit.score;
        m.reasons = hit.reasons;
        if (const auto n = m_capacity.notices.find(hit.service); n != m_capacity.notices.end()) {
            const core::CapacityNotice& c = n->second;
            if (c.stale) m.reasons.push_back({"capacity-stale", {{"date", c.updated.substr(0, 10)}}});
            else m.reasons.push_back({"capacity-" + c.status + "-since", {{"since", c.since}, {"note", c.note.empty() ? "" : " — " + c.note}}});
        }
        out.push_back(std::move(m));
    }
    return out;
}

void DirectoryService::set_capacity(const std::vector<core::CapacityRecord>& records, const std::string& today, int stale_days) {
    if (m_status != Status::Ready) return;
    std::string key = today + "|" + std::to_string(stale_days);
    for (const core::CapacityRecord& r : records) key += "|" + r.bundle_id + r.service_id;
    if (key == m_capacity_key) return;
    m_capacity = core::capacity_overlay(records, *m_directory, today, stale_days);
    m_capacity_key = std::move(key);
}

std::vector<DirectoryService::Unavailable> DirectoryService::unavailable(const std::vector<std::string>& domains) const {
    std::vector<Unavailable> out;
    if (m_status != Status::Ready) return out;
    core::NeedMask want = 0;
    const auto& needs = m_directory->need_domains();
    for (const std::string& d : domains)
        for (std::size_t i = 0; i < needs.size(); ++i)
            if (needs[i] == d) want |= core::NeedMask{1} << i;
    for (const auto& [svc, c] : m_capacity.notices)
        if (!c.stale && c.status == "no-capacity" && (m_directory->needs(svc) & want))
            out.push_back({m_directory->service_name(svc), m_directory->organization_name(svc), c.since, c.note});
    return out;
}

std::vector<std::pair<std::string, std::string>> DirectoryService::services_of(const std::string& organization) const {
    std::vector<std::pair<std::string, std::string>> out;
    if (m_status != Status::Ready) return out;
    const std::string want = core::fold_text(organization);
    for (std::uint32_t s = 0; s < m_directory->services(); ++s)
        if (core::fold_text(m_directory->organization_name(s)) == want)
            out.push_back({m_directory->service_id(s), m_directory->service_name(s)});
    return out;
}

DirectoryService::ShownText DirectoryService::text(const core::Translations& translations, std::string_view lang,
                                                  std::string_view field, const std::string& original) const {
    std::string shown;
    const std::string& t = core::translated(translations, lang, field, original, &shown);
    return {t, shown.empty() ? m_text_language : shown};
}

}  // namespace safetynet::ui
