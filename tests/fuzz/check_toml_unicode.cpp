// A check behind README.md's "Fuzzing" section, not part of any build. toml++ 3.3 has undefined
// behaviour when it asks whether a non-ASCII character is whitespace (marzer/tomlplusplus#190,
// #295). This puts every code point U+00A0..U+FFFF in the places it asks, through Debian's
// release library (the one the app links), and prints every answer that is not a parse error.
// Expected: U+FEFF accepted at the start (a byte-order mark), and the 20 code points toml++'s own
// table calls whitespace trimmed after a line-ending backslash; no crash.
//   g++ -std=c++20 -O2 -DTOML_HEADER_ONLY=0 -DTOML_SHARED_LIB=1 tests/fuzz/check_toml_unicode.cpp \
//       -ltomlplusplus -o /tmp/check_toml_unicode && /tmp/check_toml_unicode
#include <toml++/toml.h>

#include <cstdio>
#include <string>

namespace {

std::string utf8(char32_t c) {
  std::string s;
  if (c < 0x800) {
    s += char(0xC0 | (c >> 6));
  } else {
    s += char(0xE0 | (c >> 12));
    s += char(0x80 | ((c >> 6) & 0x3F));
  }
  s += char(0x80 | (c & 0x3F));
  return s;
}

}  // namespace

int main() {
  for (char32_t c = 0xA0; c <= 0xFFFF; ++c) {
    if (c >= 0xD800 && c <= 0xDFFF) continue;
    const std::string u = utf8(c);
    // TOML's whitespace is tab and space only: each of these must be refused.
    const std::string refused[] = {"a = 1" + u + "\n", u + "a = 1\n", "a = " + u + "1\n", "[" + u + "t]\n"};
    for (const std::string& doc : refused) {
      try {
        (void)toml::parse(std::string_view(doc));
        std::printf("accepted U+%04X in \"%s\"\n", unsigned(c), doc.c_str());
      } catch (const toml::parse_error&) {
      }
    }
    // After a line-ending backslash, whitespace is trimmed and anything else is kept.
    const std::string multi_line = "s = \"\"\"\\\n" + u + "\"\"\"\n";
    try {
      const toml::table table = toml::parse(std::string_view(multi_line));
      if (table["s"].value_or(std::string("?")) != u) std::printf("trimmed U+%04X\n", unsigned(c));
    } catch (const toml::parse_error&) {
      std::printf("refused U+%04X in a multi-line string\n", unsigned(c));
    }
  }
}
