#include "http/router.hpp"

#include <gtest/gtest.h>

namespace riaya::http {
namespace {

Response answer(std::string body) {
  Response response;
  response.body = std::move(body);
  return response;
}

TEST(Router, CapturesSegmentsAndPrefersLiteralOnes) {
  Router router;
  router.add("GET", "/api/campaigns/{id}", [](Request& r) { return answer("record " + r.params["id"]); });
  router.add("GET", "/api/campaigns/compare", [](Request&) { return answer("compare"); });
  router.add("GET", "/api/assessments/{id}/evidence/{evidence_id}",
             [](Request& r) { return answer(r.params["id"] + "/" + r.params["evidence_id"]); });
  bool path_known = false;

  Request compare{.method = "GET", .path = "/api/campaigns/compare"};
  ASSERT_NE(router.match(compare, path_known), nullptr);
  EXPECT_EQ((*router.match(compare, path_known))(compare).body, "compare");

  Request record{.method = "GET", .path = "/api/campaigns/12"};
  EXPECT_EQ((*router.match(record, path_known))(record).body, "record 12");

  Request evidence{.method = "GET", .path = "/api/assessments/3/evidence/7"};
  EXPECT_EQ((*router.match(evidence, path_known))(evidence).body, "3/7");
}

TEST(Router, TellsAnUnknownPathFromAnotherMethod) {
  Router router;
  router.add("GET", "/api/campaigns/{id}", [](Request&) { return answer("record"); });
  bool path_known = true;
  Request unknown{.method = "GET", .path = "/api/campaigns/1/more"};
  EXPECT_EQ(router.match(unknown, path_known), nullptr);
  EXPECT_FALSE(path_known);
  Request wrong_method{.method = "DELETE", .path = "/api/campaigns/1"};
  EXPECT_EQ(router.match(wrong_method, path_known), nullptr);
  EXPECT_TRUE(path_known);
}

}  // namespace
}  // namespace riaya::http
