// Checked reads of foreign documents (core/base/json_read.hpp, FieldReader): absent and null
// fields read as absent, a field of the wrong type is an error that names it.
#include "core/base/error.hpp"
#include "core/base/json_read.hpp"

#include <doctest/doctest.h>

#include <functional>
#include <string>

using namespace safetynet::core;
using nlohmann::json;

namespace {

// "kind | where | message" of the error `f` throws.
std::string error_of(const std::function<void()>& f) {
    try {
        f();
    } catch (const Error& e) {
        return e.kind() + " | " + e.where() + " | " + e.message();
    }
    return "no error";
}

}  // namespace

TEST_CASE("checked reads: present, absent, null, and a document that is not an object") {
    const FieldReader fields("fhir-test");
    const json j = json::parse(R"({"name": "Ana", "active": true, "telecom": [1, 2], "gone": null})");
    CHECK(fields.string(j, "name", "Patient") == "Ana");
    CHECK(fields.optional_string(j, "name", "Patient") == "Ana");
    CHECK(fields.required_string(j, "name", "Patient") == "Ana");
    CHECK(fields.boolean(j, "active", "Patient"));
    CHECK(fields.array(j, "telecom", "Patient").size() == 2);
    for (const char* key : {"missing", "gone"}) {
        CAPTURE(key);
        CHECK(FieldReader::find(j, key) == nullptr);
        CHECK_FALSE(fields.optional_string(j, key, "Patient").has_value());
        CHECK(fields.string(j, key, "Patient").empty());
        CHECK_FALSE(fields.boolean(j, key, "Patient"));
        CHECK(fields.array(j, key, "Patient").empty());
    }
    const json not_an_object = json::array({1});
    CHECK(FieldReader::find(not_an_object, "name") == nullptr);
    CHECK(fields.string(not_an_object, "name", "Patient").empty());
}

TEST_CASE("checked reads: a field of another type names the field, or the object that holds it") {
    const json j = json::parse(R"({"name": 7, "active": "yes", "telecom": {}})");
    const FieldReader at_field("fhir-test");
    CHECK(error_of([&] { at_field.string(j, "name", "Patient"); }) == "fhir-test | Patient.name | must be a string");
    CHECK(error_of([&] { at_field.boolean(j, "active", "Patient"); }) ==
          "fhir-test | Patient.active | must be true or false");
    CHECK(error_of([&] { at_field.array(j, "telecom", "Patient"); }) == "fhir-test | Patient.telecom | must be an array");
    CHECK(error_of([&] { at_field.required_string(j, "birthDate", "Patient"); }) ==
          "fhir-test | Patient.birthDate | missing");
    const FieldReader at_object("malformed-item", ErrorAt::Object);
    CHECK(error_of([&] { at_object.string(j, "name", "q1"); }) == "malformed-item | q1 | \"name\" must be a string");
}

TEST_CASE("lenient reads: another type reads as the fallback") {
    const json j = json::parse(R"({"name": 7, "count": "3", "flag": null, "n": 4, "ok": false})");
    CHECK(string_field(j, "name").empty());
    CHECK(integer_field(j, "count", -1) == -1);
    CHECK(integer_field(j, "n", -1) == 4);
    CHECK(bool_field(j, "flag", true));
    CHECK_FALSE(bool_field(j, "ok", true));
    CHECK(string_field(json(5), "name").empty());
}
