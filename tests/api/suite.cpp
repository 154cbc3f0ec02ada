#include "suite.hpp"

#include "store/query.hpp"

namespace riaya::test {

long long ApiTest::count(const std::string& table) {
  return server().db().read([&](soci::session& s) { return store::Query("SELECT COUNT(*) FROM " + table).scalar(s); });
}

json ApiTest::institution(const std::string& code, const std::string& name_ar) {
  const auto commune = server().db().read([](soci::session& s) {
    return store::Query("SELECT id FROM territories WHERE code = 'BOD-01'").scalar(s);
  });
  return {{"code", code}, {"name_ar", name_ar}, {"category", "dar_talib"}, {"association_id", 1},
          {"commune_id", commune}, {"status", "active"}, {"capacity", 80}};
}

}  // namespace riaya::test
