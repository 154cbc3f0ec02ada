#pragma once
// For the tests that read the PDFs Riaya makes: their text as poppler's pdftotext reads it.

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <string_view>

namespace riaya::test {

// The text of `pdf` (its bytes), pages separated by form feeds ('\f'). Arabic comes out in
// logical order (as typed), one line of the page per line of text. Throws when pdftotext
// (poppler-utils) is missing or cannot read the file.
inline std::string pdf_text(const std::string& pdf) {
  static std::atomic<int> counter = 0;
  const auto path = std::filesystem::temp_directory_path() /
                    ("riaya-pdf-" + std::to_string(::getpid()) + "-" + std::to_string(++counter) + ".pdf");
  std::ofstream(path, std::ios::binary) << pdf;
  std::string text;
  if (FILE* pipe = ::popen(("pdftotext -enc UTF-8 '" + path.string() + "' - 2>&1").c_str(), "r")) {
    char buffer[4096];
    for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0;) text.append(buffer, n);
    const int status = ::pclose(pipe);
    std::filesystem::remove(path);
    if (status != 0) throw std::runtime_error("pdftotext failed: " + text);
    return text;
  }
  std::filesystem::remove(path);
  throw std::runtime_error("cannot run pdftotext");
}

// `text` without what pdftotext adds to Arabic lines at will: white space (it puts spaces
// inside Arabic words whose letters are kerned) and bidirectional controls (U+061C, U+200E,
// U+200F, U+202A–U+202E, U+2066–U+2069). Letters, digits and their order are left alone.
inline std::string squeezed(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte == ' ' || byte == '\n' || byte == '\r' || byte == '\t' || byte == '\f') continue;
    if (i + 1 < text.size() && byte == 0xD8 && static_cast<unsigned char>(text[i + 1]) == 0x9C) {
      ++i;
      continue;
    }
    if (i + 2 < text.size() && byte == 0xE2) {
      const auto second = static_cast<unsigned char>(text[i + 1]), third = static_cast<unsigned char>(text[i + 2]);
      if ((second == 0x80 && (third == 0x8E || third == 0x8F || (third >= 0xAA && third <= 0xAE))) ||
          (second == 0x81 && third >= 0xA6 && third <= 0xA9)) {
        i += 2;
        continue;
      }
    }
    out += text[i];
  }
  return out;
}

// How many times `needle` occurs in `text`.
inline std::size_t occurrences(const std::string& text, const std::string& needle) {
  std::size_t count = 0;
  for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + needle.size())) ++count;
  return count;
}

// How many times `needle` occurs in `text`, both squeezed.
inline std::size_t occurrences_squeezed(const std::string& text, const std::string& needle) {
  return occurrences(squeezed(text), squeezed(needle));
}

// Whether `needle` is in `text`, both squeezed.
inline bool contains(const std::string& text, const std::string& needle) {
  return occurrences_squeezed(text, needle) > 0;
}

// Checks that each page of `text` (pages end with '\f') says "page n of N" once, worded
// with `page` and `of`: ("Page ", " sur "), ("الصفحة ", " من ").
inline void expect_numbered_pages(const std::string& text, const std::string& page, const std::string& of) {
  const auto pages = occurrences(text, "\f");
  ASSERT_GE(pages, 1u) << text;
  for (std::size_t n = 1; n <= pages; ++n)
    EXPECT_EQ(occurrences_squeezed(text, page + std::to_string(n) + of + std::to_string(pages)), 1u)
        << page << n << of << pages << "\n"
        << text;
}

}  // namespace riaya::test
