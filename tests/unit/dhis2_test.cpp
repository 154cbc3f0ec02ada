#include "domain/dhis2.hpp"

#include <gtest/gtest.h>

namespace riaya::domain {
namespace {

using nlohmann::json;

TEST(Dhis2Uid, ElevenCharactersALetterFirstThenLettersOrDigits) {
  for (const auto* good : {"HllvX50cXC0", "abcdefghijk", "Z0000000000", "fbfJHSPpUQD"})
    EXPECT_TRUE(is_dhis2_uid(good)) << good;
  for (const auto* bad : {"", "HllvX50cXC", "HllvX50cXC01", "0llvX50cXC0", "Hllv-50cXC0", "Hllv 50cXC0", "Hllv_50cXC0",
                          "HllvX50cXCé", "ابتثجحخدذرز"})
    EXPECT_FALSE(is_dhis2_uid(bad)) << bad;
}

TEST(Dhis2Period, YearlyOnly) {
  EXPECT_EQ(parse_dhis2_period("2019"), 2019);
  EXPECT_EQ(parse_dhis2_period("2000"), 2000);
  for (const auto* bad : {"", "201904", "2019Q1", "2019July", "19", "1999", "20a9", "٢٠١٩"})
    EXPECT_FALSE(parse_dhis2_period(bad)) << bad;
}

TEST(Dhis2DataValueSet, JsonAndCsvOfTheMappedFiguresWithData) {
  Dhis2Mapping mapping{.data_set = "RiayaDSet01",
                       .org_units = {{3, "OuBojdr0001"}},
                       .data_elements = {{"institutions", "RiayaDE00xx", "HllvX50cXC0"},
                                         {"occupancy_rate", "RiayaDE04xx", "HllvX50cXC0"},
                                         {"dropout_rate", "RiayaDE05xx", "HllvX50cXC0"}}};
  const json figures = {
      {"institutions", "12"}, {"occupancy_rate", "75.0"}, {"dropout_rate", nullptr}, {"capacity", "9"}};
  const auto set = dhis2_data_value_set(mapping, "OuBojdr0001", "2019", figures);
  EXPECT_EQ(set["dataSet"], "RiayaDSet01");
  EXPECT_EQ(set["period"], "2019");
  EXPECT_EQ(set["orgUnit"], "OuBojdr0001");
  ASSERT_EQ(set["dataValues"].size(), 2u);  // dropout has no data; capacity is not mapped
  EXPECT_EQ(set["dataValues"][1], (json{{"dataElement", "RiayaDE04xx"},
                                        {"categoryOptionCombo", "HllvX50cXC0"},
                                        {"orgUnit", "OuBojdr0001"},
                                        {"period", "2019"},
                                        {"value", "75.0"}}));
  EXPECT_EQ(dhis2_csv(set),
            "dataelement,period,orgunit,catoptcombo,attroptcombo,value\r\n"
            "RiayaDE00xx,2019,OuBojdr0001,HllvX50cXC0,,12\r\n"
            "RiayaDE04xx,2019,OuBojdr0001,HllvX50cXC0,,75.0\r\n");
}

}  // namespace
}  // namespace riaya::domain
