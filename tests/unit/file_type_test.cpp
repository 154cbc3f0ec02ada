#include "domain/file_type.hpp"

#include <gtest/gtest.h>

#include <string>

namespace riaya::domain {
namespace {

using namespace std::string_literals;

TEST(EvidenceContentType, KnowsImagesAndPdfByTheirBytes) {
  EXPECT_EQ(evidence_content_type("\xFF\xD8\xFF\xE0\x00\x10JFIF\x00"s), "image/jpeg");
  EXPECT_EQ(evidence_content_type("\x89PNG\r\n\x1A\n\x00\x00\x00\x0DIHDR\x00\x00\x00\x01"s), "image/png");
  EXPECT_EQ(evidence_content_type("RIFF\x24\x00\x00\x00WEBPVP8 \x18\x00\x00\x00"s), "image/webp");
  EXPECT_EQ(evidence_content_type("%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"s), "application/pdf");
}

TEST(EvidenceContentType, RefusesEverythingElseWhateverItsName) {
  EXPECT_EQ(evidence_content_type(""), std::nullopt);
  EXPECT_EQ(evidence_content_type("just some text, saved as photo.png"), std::nullopt);
  EXPECT_EQ(evidence_content_type("<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>"),
            std::nullopt);
  EXPECT_EQ(evidence_content_type("<html><body>%PDF-1.4</body></html>"), std::nullopt);
  // A PNG signature without its IHDR chunk, a RIFF that is not WebP (a WAV file).
  EXPECT_EQ(evidence_content_type("\x89PNG\r\n\x1A\n\x00\x00\x00\x0DXXXX\x00\x00\x00\x01"s), std::nullopt);
  EXPECT_EQ(evidence_content_type("RIFF\x24\x00\x00\x00WAVEfmt \x10\x00\x00\x00"s), std::nullopt);
  // A PDF header with no end-of-file marker: a truncated upload.
  EXPECT_EQ(evidence_content_type("%PDF-1.7\n1 0 obj\n<<>>\nendobj\n"s), std::nullopt);
  // The marker must be near the end, as readers look for it there.
  EXPECT_EQ(evidence_content_type("%PDF-1.7\n%%EOF\n" + std::string(2000, ' ')), std::nullopt);
}

}  // namespace
}  // namespace riaya::domain
