#pragma once
// The site's resource directory inside the app: loaded in the background from the file the
// site configuration names (HSDS 3.0 JSON), compiled for matching, with the details a screen
// shows. US ZIP centroids are fetched once the site is known (load_zips). Nothing about the
// person leaves the device: matching runs here.
#include "core/actions/capacity.hpp"
#include "core/base/error.hpp"
#include "core/directory/directory.hpp"
#include "core/directory/hsds_import.hpp"
#include "core/match/matcher.hpp"
#include "core/directory/service_details.hpp"
#include "core/directory/zip_centroids.hpp"
#include "ui/shell/platform.hpp"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace safetynet::ui {

// One matched service at one place, ready to show.
struct ServiceMatch {
    const core::ServiceDetails* details = nullptr;  // owned by the DirectoryService
    std::string location_id;
    std::string address;
    double distance_km = -1;  // negative when unknown
    double score = 0;
    std::vector<core::Reason> reasons;
};

class DirectoryService {
public:
    enum class Status { NotLoaded, Loading, Ready, Failed };

    // Starts loading `path` (a static file of the app); `done` runs when it is ready or failed.
    void load(Platform& platform, const std::string& path, std::function<void()> done = {});
    // Starts fetching the ZIP table (once), so a ZIP typed later can be placed.
    void load_zips(Platform& platform);
    Status status() const { return m_status; }
    // Why the directory failed to load (kind "directory-missing", "bad-directory", …), for
    // ui::error_text; nullptr unless status() is Failed.
    const core::Error* failure() const { return m_failure ? &*m_failure : nullptr; }
    // What the import of the site's directory file reported (records that could not be used,
    // each for ui::import_issue_text).
    const core::ImportReport& report() const { return m_report; }
    std::size_t service_count() const { return m_directory ? m_directory->services() : 0; }

    // Where a ZIP is, once the table has arrived.
    std::optional<core::ZipCentroid> place_zip(const std::string& zip) const;

    // The best services for `domains` (any of them) near `zip`, speaking one of `languages`
    // when given, best first. Empty until the directory is ready.
    std::vector<ServiceMatch> find(const std::vector<std::string>& domains, core::MatchQuery query);
    // A query's place from a ZIP (centroid and postal code), else from a fallback ZIP.
    void locate(core::MatchQuery& query, const std::string& zip, const std::string& fallback_zip) const;

    const core::ServiceDetailsIndex& details() const { return m_details; }

    // A service's, organization's or place's text in `lang` where the directory translates it
    // (core/directory/text_translations.hpp), else the original; `lang` names the language the
    // text is in, for the semantic node (WCAG 3.1.2). The original is in the site's
    // directory_language.
    struct ShownText {
        const std::string& text;
        std::string lang;
    };
    ShownText text(const core::Translations& translations, std::string_view lang, std::string_view field,
                   const std::string& original) const;
    void set_text_language(std::string lang) { m_text_language = std::move(lang); }

    // Capacity updates the site imported (core/actions/capacity.hpp): from now on find() leaves
    // out services without capacity, ranks waitlists lower and says since when; stale ones are
    // marked and ignored. Recomputed only when the records or the day change.
    void set_capacity(const std::vector<core::CapacityRecord>& records, const std::string& today, int stale_days);
    // Services of `domains` an update says have no capacity now (fresh), to list apart.
    struct Unavailable {
        std::string service, organization, since, note;
    };
    std::vector<Unavailable> unavailable(const std::vector<std::string>& domains) const;
    // The directory's services of an organization (by name, folded), for its capacity update.
    std::vector<std::pair<std::string, std::string>> services_of(const std::string& organization) const;  // id, name

private:
    Status m_status = Status::NotLoaded;
    std::optional<core::Error> m_failure;
    core::ImportReport m_report;
    std::unique_ptr<core::Directory> m_directory;
    std::unique_ptr<core::Matcher> m_matcher;
    core::ServiceDetailsIndex m_details;
    std::optional<core::ZipCentroids> m_zips;
    core::CapacityOverlay m_capacity;
    std::string m_capacity_key;  // what m_capacity was computed from
    bool m_zips_requested = false;
    std::string m_text_language = "en";
};

}  // namespace safetynet::ui
