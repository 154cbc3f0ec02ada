#include "domain/file_type.hpp"

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

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

TEST(CheckUpload, NamesTheFieldAndTheLimitOfWhatItRefuses) {
  const auto pdf = "%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"s;
  EXPECT_EQ(check_upload("محضر.pdf", pdf).value(), "application/pdf");
  const auto big = check_upload("big.pdf", "%PDF-1.4\n" + std::string(kMaxUploadBytes, ' ') + "%%EOF");
  ASSERT_FALSE(big);
  EXPECT_EQ(big.error().code, ErrorCode::FileTooLarge);
  EXPECT_EQ(big.error().field, "file");
  EXPECT_EQ(big.error().detail["limit"], kMaxUploadBytes);
  EXPECT_EQ(check_upload("a.png", "text").error().code, ErrorCode::UnsupportedFile);
  EXPECT_EQ(check_upload("", pdf).error().field, "file_name");
  EXPECT_EQ(check_upload(std::string(196, 'a') + ".pdf", pdf).value(), "application/pdf");
  EXPECT_EQ(check_upload(std::string(197, 'a') + ".pdf", pdf).error().code, ErrorCode::TooLong);
}

TEST(CheckUpload, TheNamesExtensionMustBeTheContentsType) {
  const auto pdf = "%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"s;
  const auto png = "\x89PNG\r\n\x1A\n\x00\x00\x00\x0DIHDR\x00\x00\x00\x01"s;
  const auto jpeg = "\xFF\xD8\xFF\xE0\x00\x10JFIF\x00"s;
  EXPECT_EQ(check_upload("Rapport.PDF", pdf).value(), "application/pdf");
  EXPECT_EQ(check_upload("صورة.jpeg", jpeg).value(), "image/jpeg");
  EXPECT_EQ(check_upload("IMG_0001.JPG", jpeg).value(), "image/jpeg");
  for (const auto& [name, bytes] : std::vector<std::pair<std::string, std::string>>{
           {"x.html", pdf}, {"x.pdf", png}, {"x.png", jpeg}, {"x.pdf.exe", pdf}, {"pdf", pdf}, {"x.", pdf}}) {
    const auto refused = check_upload(name, bytes);
    ASSERT_FALSE(refused) << name;
    EXPECT_EQ(refused.error().code, ErrorCode::FileNameMismatch) << name;
    EXPECT_EQ(refused.error().field, "file_name");
  }
  EXPECT_EQ(check_upload("x.html", pdf).error().detail["content_type"], "application/pdf");
}

}  // namespace
}  // namespace riaya::domain
