// RFC 4180 CSV (core/directory/csv_reader.hpp).
#include "core/directory/csv_reader.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace safetynet::core;
using Fields = std::vector<std::string>;

namespace {
std::vector<CsvRecord> all(std::string_view data) {
    CsvReader r(data);
    std::vector<CsvRecord> out;
    CsvRecord rec;
    while (r.next(rec)) out.push_back(rec);
    return out;
}
}  // namespace

TEST_CASE("quoted fields hold commas, line breaks and doubled quotes") {
    const auto recs = all("a,\"b,c\",\"say \"\"hi\"\"\"\r\n\"multi\nline\",x,\"\"\n");
    REQUIRE(recs.size() == 2);
    CHECK(recs[0].fields == Fields{"a", "b,c", "say \"hi\""});
    CHECK(recs[0].line == 1);
    CHECK(recs[1].fields == Fields{"multi\nline", "x", ""});
    CHECK(recs[1].line == 2);
    CHECK(recs[1].error.empty());
}

TEST_CASE("line numbers count the line breaks inside quoted fields; CRLF is one break") {
    const auto recs = all("h1,h2\r\n\"a\r\nb\r\nc\",1\r\nnext,2\r\n\r\nafter,3");
    REQUIRE(recs.size() == 4);
    CHECK(recs[1].line == 2);
    CHECK(recs[2].line == 5);
    CHECK(recs[3].line == 7);  // after a blank line, and without a final line break
    CHECK(recs[3].fields == Fields{"after", "3"});
}

TEST_CASE("a UTF-8 byte order mark is skipped; lone CR ends a record too") {
    const auto recs = all("\xEF\xBB\xBFid,name\rx,Clínica\r");
    REQUIRE(recs.size() == 2);
    CHECK(recs[0].fields == Fields{"id", "name"});
    CHECK(recs[1].fields == Fields{"x", "Clínica"});
}

TEST_CASE("empty fields and trailing separators") {
    const auto recs = all(",,\n\"\",\n");
    REQUIRE(recs.size() == 2);
    CHECK(recs[0].fields == Fields{"", "", ""});
    CHECK(recs[1].fields == Fields{"", ""});
}

TEST_CASE("malformed records are reported, and reading goes on") {
    const auto recs = all("ok,1\nab\"c,2\n\"q\"x,3\nbad\xff,4\n\"open,5\n");
    REQUIRE(recs.size() == 5);
    CHECK(recs[0].error.empty());
    CHECK(recs[1].error.find("a quote inside field 1") == 0);
    CHECK(recs[2].error == "text after the closing quote of field 1");
    CHECK(recs[3].error == "field 1 is not valid UTF-8");
    CHECK(recs[4].error == "a quoted field is not closed before the end of the file");
    CHECK(recs[4].line == 5);
}

TEST_CASE("CR CR LF (a CRLF file converted once more, as the UK profile's examples are) ends one line") {
    CsvReader r("id,name\r\r\ns1,Pantry\r\r\ns2,\"two\r\r\nlines\"\r\r\ns3,x\rs4,y\n");
    CsvRecord rec;
    REQUIRE(r.next(rec));
    CHECK(rec.line == 1);
    REQUIRE(r.next(rec));
    CHECK(rec.line == 2);
    CHECK(rec.fields[1] == "Pantry");
    REQUIRE(r.next(rec));
    CHECK(rec.line == 3);
    CHECK(rec.fields[1] == "two\r\r\nlines");  // a quoted line end is kept as it is
    REQUIRE(r.next(rec));
    CHECK(rec.line == 5);
    REQUIRE(r.next(rec));
    CHECK(rec.line == 6);  // a lone CR ends a line too
    CHECK(rec.fields[0] == "s4");
    CHECK_FALSE(r.next(rec));
}
