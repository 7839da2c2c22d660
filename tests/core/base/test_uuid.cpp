// The one UUID maker: version 4, variant 10, lowercase, never the same twice.
#include "core/base/uuid.hpp"

#include <doctest/doctest.h>

#include <set>
#include <string>

using namespace safetynet::core;

TEST_CASE("uuid: version and variant bits over the given bytes") {
    CHECK(uuid_v4_text({}) == "00000000-0000-4000-8000-000000000000");
    std::array<std::uint8_t, 16> ones{};
    ones.fill(0xff);
    CHECK(uuid_v4_text(ones) == "ffffffff-ffff-4fff-bfff-ffffffffffff");
}

TEST_CASE("uuid: fresh ones are v4, well formed and distinct") {
    std::set<std::string> seen;
    for (int i = 0; i < 100; ++i) {
        const std::string u = new_uuid();
        CHECK(is_uuid(u));
        CHECK(u[14] == '4');
        CHECK(std::string("89ab").find(u[19]) != std::string::npos);
        seen.insert(u);
    }
    CHECK(seen.size() == 100);
}

TEST_CASE("uuid: the text form is checked") {
    CHECK(is_uuid("4f3c2a10-9b7e-4d21-8c55-0a1b2c3d4e5f"));
    CHECK(is_uuid("4F3C2A10-9B7E-4D21-8C55-0A1B2C3D4E5F"));
    CHECK_FALSE(is_uuid(""));
    CHECK_FALSE(is_uuid("4f3c2a10-9b7e-4d21-8c55-0a1b2c3d4e5"));    // one digit short
    CHECK_FALSE(is_uuid("4f3c2a10-9b7e-4d21-8c55-0a1b2c3d4e5fa"));  // one too many
    CHECK_FALSE(is_uuid("4f3c2a10x9b7e-4d21-8c55-0a1b2c3d4e5f"));
    CHECK_FALSE(is_uuid("4f3c2a10-9b7e-4d21-8c55-0a1b2c3d4g5f"));
}
