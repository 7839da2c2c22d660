// A directory's text in other languages (core/directory/text_translations.hpp, the extension
// docs/DIRECTORY.md describes): read from HSDS JSON, kept by the index, shown by
// the details, broken entries warned of without losing anything.
#include "core/directory/hsds_import.hpp"
#include "core/directory/service_details.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <sstream>
#include <string>
#include <vector>

using namespace safetynet::core;

namespace {

const char* kBilingual = R"([
  {"id": "org1", "name": "Eastside Food Bank",
   "translations": {"es": {"name": "Banco de Alimentos del Este"}, "zh-Hans": {"name": "东区食物银行"}},
   "services": [
     {"id": "s1", "name": "Free Groceries", "status": "active",
      "description": "Bags of food every Tuesday.",
      "translations": {"es": {"name": "Comestibles gratis", "description": "Bolsas de comida cada martes."},
                       "zh-Hans": {"name": "免费食品杂货", "description": "每周二发放食物。"}},
      "service_at_locations": [{"location": {"id": "L1", "name": "Main Hall", "location_type": "physical",
        "latitude": 37.3, "longitude": -121.9, "translations": {"es": {"name": "Salón principal"}}}}]},
     {"id": "s2", "name": "Hot Meals", "status": "active", "description": "Lunch on weekdays."}
   ]}
])";

struct Imported {
    ImportReport report;
    Directory directory;
};

Imported import_text(const std::string& text) {
    std::stringstream in(text);
    DirectoryBuilder b;
    ImportReport r;
    import_hsds_json(in, "bilingual.json", b, r);
    return {r, b.finish("bilingual.json")};
}

std::uint32_t service_by_id(const Directory& d, const std::string& id) {
    for (std::uint32_t s = 0; s < d.services(); ++s)
        if (d.service_id(s) == id) return s;
    FAIL("no service " << id);
    return 0;
}

}  // namespace

TEST_CASE("the index keeps translated names and falls back to the original") {
    const Imported im = import_text(kBilingual);
    CHECK(im.report.errors.empty());
    CHECK(im.report.warnings.empty());
    const Directory& d = im.directory;
    const std::uint32_t s1 = service_by_id(d, "s1"), s2 = service_by_id(d, "s2");
    std::string shown;
    CHECK(d.service_name(s1, "es", &shown) == "Comestibles gratis");
    CHECK(shown == "es");
    CHECK(d.service_name(s1, "es-MX", &shown) == "Comestibles gratis");  // the primary subtag
    CHECK(d.service_name(s1, "zh-Hans", &shown) == "免费食品杂货");
    CHECK(d.service_name(s1, "zh", &shown) == "免费食品杂货");
    CHECK(shown == "zh-Hans");
    CHECK(d.service_name(s1, "vi", &shown) == "Free Groceries");
    CHECK(shown.empty());
    CHECK(d.service_name(s2, "es", &shown) == "Hot Meals");
    CHECK(shown.empty());
    CHECK(d.organization_name(s1, "es") == "Banco de Alimentos del Este");
    CHECK(d.organization_name(s2, "zh") == "东区食物银行");
    CHECK(d.organization_name(s2, "en") == "Eastside Food Bank");
    // And the image written to disk reads back the same.
    const Directory again = Directory::from_bytes(d.image(), "again");
    CHECK(again.service_name(service_by_id(again, "s1"), "es") == "Comestibles gratis");
}

TEST_CASE("the details show names and descriptions in the person's language, else the original") {
    const ServiceDetailsIndex index = ServiceDetailsIndex::from_hsds_json(kBilingual);
    const ServiceDetails* s1 = index.find("s1");
    REQUIRE(s1);
    std::string shown;
    CHECK(translated(s1->translations, "es", "description", s1->description, &shown) == "Bolsas de comida cada martes.");
    CHECK(shown == "es");
    CHECK(translated(s1->translations, "zh-Hans", "name", s1->name, &shown) == "免费食品杂货");
    CHECK(translated(s1->translations, "vi", "name", s1->name, &shown) == "Free Groceries");
    CHECK(shown.empty());
    CHECK(translated(s1->organization_translations, "es", "name", s1->organization) == "Banco de Alimentos del Este");
    REQUIRE(s1->places.size() == 1);
    CHECK(translated(s1->places[0].translations, "es", "name", s1->places[0].name) == "Salón principal");
    const ServiceDetails* s2 = index.find("s2");
    REQUIRE(s2);
    CHECK(translated(s2->translations, "es", "description", s2->description, &shown) == "Lunch on weekdays.");
    CHECK(shown.empty());
}

TEST_CASE("a broken translations entry is warned of by record and field, and loses nothing") {
    const Imported im = import_text(R"([
      {"id": "a", "name": "Food Pantry", "status": "active", "description": "Food.",
       "translations": {"es": {"name": "Despensa", "description": 7, "eligibility": "Todos"},
                        "not a language": {"name": "X"}, "vi": "Kho thực phẩm"}},
      {"id": "b", "name": "Clinic", "status": "active", "translations": ["es", "Clínica"]}])");
    CHECK(im.report.errors.empty());
    REQUIRE(im.report.warnings.size() == 5);
    std::vector<std::string> got;
    for (const ImportError& w : im.report.warnings) got.push_back(w.id + " " + w.field + ": " + w.message);
    std::sort(got.begin(), got.end());
    CHECK(got == std::vector<std::string>{
                     "a translations.es.description: must be a string",
                     "a translations.es.eligibility: is not translated here (name, description are)",
                     "a translations.not a language: is not a language code (BCP 47, such as es or zh-Hans)",
                     "a translations.vi: must be an object with name and/or description",
                     "b translations: must be an object of language codes, not an array",
                 });
    // Both services are kept, with their own text and the good part of the translations.
    const Directory& d = im.directory;
    REQUIRE(d.services() == 2);
    CHECK(d.service_name(service_by_id(d, "a"), "es") == "Despensa");
    CHECK(d.service_name(service_by_id(d, "a"), "vi") == "Food Pantry");
    CHECK(d.service_name(service_by_id(d, "b"), "es") == "Clinic");
}
