// Search folding and tokenisation (core/base/text_fold.hpp).
#include "core/base/text_fold.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace safetynet::core;
using Tokens = std::vector<std::string>;

TEST_CASE("folding removes accents and case the way the reference does (NFD, no marks, lower)") {
    CHECK(fold_text("Clínica GRATUITA") == "clinica gratuita");
    CHECK(fold_text("Ñandú") == "nandu");
    CHECK(fold_text("Línea de Crisis") == "linea de crisis");
    CHECK(fold_text("Thực phẩm miễn phí") == "thuc pham mien phi");  // Vietnamese: stacked marks
    CHECK(fold_text("İstanbul") == "istanbul");                      // the dot above is a mark
    CHECK(fold_text("e\xcc\x81") == "e");                            // a combining acute on its own
    CHECK(fold_text("ß") == "ß");                                    // no decomposition: stays
    CHECK(fold_text("長者午餐") == "長者午餐");                      // no case, no marks
}

TEST_CASE("tokens are runs of word characters; the reference keeps only [a-z0-9]") {
    CHECK(tokenize("Food Pantry - Northside (24/7)", TokenChars::Ascii) == Tokens{"food", "pantry", "northside", "24", "7"});
    CHECK(tokenize("SSI/SSDI Application-Help", TokenChars::Ascii) == Tokens{"ssi", "ssdi", "application", "help"});
    CHECK(tokenize("Đường dây nóng", TokenChars::Ascii) == Tokens{"uong", "day", "nong"});  // đ is no letter to the reference
    CHECK(tokenize("Đường dây nóng", TokenChars::Unicode) == Tokens{"đuong", "day", "nong"});
    CHECK(tokenize("Straße", TokenChars::Ascii) == Tokens{"stra", "e"});
    CHECK(tokenize("Straße", TokenChars::Unicode) == Tokens{"straße"});
    CHECK(tokenize("长者 午餐 Senior", TokenChars::Unicode) == Tokens{"长者", "午餐", "senior"});
    CHECK(tokenize("长者 午餐 Senior", TokenChars::Ascii) == Tokens{"senior"});
    CHECK(tokenize("", TokenChars::Unicode).empty());
    CHECK(tokenize("  ,;  ", TokenChars::Unicode).empty());
}

TEST_CASE("Chinese and Japanese are cut into character bigrams, not at spaces; Hangul stays whole") {
    CHECK(tokenize("食物银行", TokenChars::Unicode) == Tokens{"食物", "物银", "银行"});
    CHECK(tokenize("食", TokenChars::Unicode) == Tokens{"食"});
    CHECK(tokenize("免费食物银行（周二）", TokenChars::Unicode) ==
          Tokens{"免费", "费食", "食物", "物银", "银行", "周二"});  // full-width brackets separate
    CHECK(tokenize("WIC营养", TokenChars::Unicode) == Tokens{"wic", "营养"});
    // Kana too; the folding removes the voicing marks (NFD splits ド into ト and a combining
    // mark), on the query and the directory alike.
    CHECK(tokenize("フードバンク", TokenChars::Unicode) == Tokens{"フー", "ート", "トハ", "ハン", "ンク"});
    CHECK(tokenize("무료 식품", TokenChars::Unicode) == Tokens{"무료", "식품"});
    CHECK(tokenize("食物银行", TokenChars::Ascii).empty());
}

TEST_CASE("invalid UTF-8 never stops the tokenizer") {
    const std::string bad = std::string("caf\xc3") + " ok \xff\xfe more \xe2\x82";
    CHECK(tokenize(bad, TokenChars::Unicode) == Tokens{"caf", "ok", "more"});
    CHECK_FALSE(utf8_valid(bad));
    CHECK(utf8_valid("Clínica ✓ 长者"));
    CHECK_FALSE(utf8_valid("\xc0\xaf"));          // overlong
    CHECK_FALSE(utf8_valid("\xed\xa0\x80"));      // a surrogate
    CHECK(utf8_length("Clínica") == 7);
}

TEST_CASE("the folding tables come from a real Unicode database") {
    CHECK(unicode_version().size() >= 4);
    CHECK(unicode_version()[0] >= '1');
}
