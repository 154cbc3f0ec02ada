// The labels the server writes in files come from the web app's dictionaries: every field and
// every choice of every registry resource must find one there, in each language.
#include "io/labels.hpp"
#include "domain/language.hpp"
#include "domain/schema.hpp"

#include <gtest/gtest.h>

namespace riaya::io {
namespace {

using domain::Language;

constexpr Language kLanguages[] = {Language::Arabic, Language::French, Language::English};

TEST(Labels, ReadsTheWebAppsDictionaries) {
  EXPECT_EQ(dictionary_entry("field.code", Language::Arabic), "الرمز");
  EXPECT_EQ(dictionary_entry("institutions.title", Language::French), "Établissements");
  EXPECT_EQ(dictionary_entry("no.such.key", Language::English), std::nullopt);
  // A text with an escaped quote comes back as typed; a plural (an object) is not an entry.
  EXPECT_EQ(dictionary_entry("categories.title", Language::French), "Catégories d’établissements");
  EXPECT_EQ(dictionary_entry("password.rule", Language::Arabic), std::nullopt);
}

TEST(Labels, EveryFieldAndChoiceOfEveryResourceHasOne) {
  for (const auto& spec : domain::registry_specs()) {
    for (const auto language : kLanguages) {
      EXPECT_NE(resource_label(spec.resource, language), spec.resource) << spec.resource;
      for (const auto& field : spec.fields) {
        EXPECT_NE(field_label(spec, field.name, language), field.name) << spec.resource << "." << field.name;
        for (const auto choice : field.choices)
          EXPECT_TRUE(choice_label(spec, field.name, choice, language).has_value())
              << spec.resource << "." << field.name << " = " << choice;
      }
    }
  }
}

TEST(Labels, NameTheValueInTheReadersLanguage) {
  const auto& institutions = *domain::find_spec("institutions");
  EXPECT_EQ(choice_label(institutions, "status", "active", Language::French), "En activité");
  EXPECT_EQ(field_label(institutions, "association_id", Language::Arabic), "الجمعية المسيرة");
}

}  // namespace
}  // namespace riaya::io
