#include "domain/grid.hpp"

#include "domain/search_key.hpp"

#include <algorithm>
#include <cmath>
#include <initializer_list>
#include <set>

namespace riaya::domain {
namespace {

using nlohmann::json;

enum class Need { Required, Optional };

// The field name of `key` inside the value at `place` ("" for the document itself).
std::string at(const std::string& place, std::string_view key) {
  return place.empty() ? std::string(key) : place + "." + std::string(key);
}

std::string indexed(const std::string& place, std::string_view key, std::size_t index) {
  return at(place, key) + "[" + std::to_string(index) + "]";
}

bool absent(const json& object, const char* key) {
  const auto found = object.find(key);
  return found == object.end() || found->is_null();
}

Result<void> expect_object(const json& value, const std::string& place, std::initializer_list<std::string_view> keys) {
  if (!value.is_object()) return fail(ErrorCode::WrongType, place);
  for (const auto& [key, unused] : value.items()) {
    if (std::find(keys.begin(), keys.end(), key) == keys.end()) return fail(ErrorCode::UnknownField, at(place, key));
  }
  return {};
}

Result<std::string> read_text(const json& object, const char* key, const std::string& place, Need need) {
  if (absent(object, key)) {
    if (need == Need::Required) return fail(ErrorCode::Required, at(place, key));
    return std::string();
  }
  const auto& value = object.at(key);
  if (!value.is_string()) return fail(ErrorCode::WrongType, at(place, key));
  std::string text = trim(value.get<std::string>());
  if (text.empty() && need == Need::Required) return fail(ErrorCode::Required, at(place, key));
  return text;
}

Result<double> read_weight(const json& object, const std::string& place) {
  if (absent(object, "weight")) return 1.0;
  const auto& value = object.at("weight");
  if (!value.is_number()) return fail(ErrorCode::WrongType, at(place, "weight"));
  const auto weight = value.get<double>();
  if (!std::isfinite(weight) || weight <= 0) return fail(ErrorCode::InvalidValue, at(place, "weight"));
  return weight;
}

Result<const json*> read_array(const json& object, const char* key, const std::string& place) {
  if (absent(object, key)) return fail(ErrorCode::Required, at(place, key));
  const auto& value = object.at(key);
  if (!value.is_array()) return fail(ErrorCode::WrongType, at(place, key));
  if (value.empty()) return fail(ErrorCode::Required, at(place, key));
  return &value;
}

Result<LegalStatus> read_legal(const json& object, const std::string& place) {
  if (absent(object, "legal")) return LegalStatus::No;
  const auto& value = object.at("legal");
  if (!value.is_string()) return fail(ErrorCode::WrongType, at(place, "legal"));
  const auto name = value.get<std::string>();
  for (const auto status : {LegalStatus::Yes, LegalStatus::Probable, LegalStatus::No}) {
    if (legal_status_name(status) == name) return status;
  }
  return fail(ErrorCode::InvalidValue, at(place, "legal"), {{"choices", {"yes", "probable", "no"}}});
}

Result<GridCriterion> parse_criterion(const json& value, const std::string& place) {
  if (auto ok = expect_object(value, place,
                              {"code", "text_ar", "text_fr", "weight", "legal", "legal_reference", "critical",
                               "guidance_ar", "guidance_fr", "remedy_ar", "remedy_fr"});
      !ok)
    return std::unexpected(ok.error());
  GridCriterion criterion;
  struct TextField {
    const char* key;
    std::string GridCriterion::*member;
    Need need;
  };
  for (const auto& field : {TextField{"code", &GridCriterion::code, Need::Required},
                            TextField{"text_ar", &GridCriterion::text_ar, Need::Required},
                            TextField{"text_fr", &GridCriterion::text_fr, Need::Optional},
                            TextField{"guidance_ar", &GridCriterion::guidance_ar, Need::Optional},
                            TextField{"guidance_fr", &GridCriterion::guidance_fr, Need::Optional},
                            TextField{"remedy_ar", &GridCriterion::remedy_ar, Need::Optional},
                            TextField{"remedy_fr", &GridCriterion::remedy_fr, Need::Optional}}) {
    auto text = read_text(value, field.key, place, field.need);
    if (!text) return std::unexpected(text.error());
    criterion.*field.member = std::move(*text);
  }
  auto weight = read_weight(value, place);
  if (!weight) return std::unexpected(weight.error());
  criterion.weight = *weight;
  auto legal = read_legal(value, place);
  if (!legal) return std::unexpected(legal.error());
  criterion.legal = *legal;
  auto reference = read_text(value, "legal_reference", place, Need::Optional);
  if (!reference) return std::unexpected(reference.error());
  if (!reference->empty()) criterion.legal_reference = std::move(*reference);
  if (criterion.legal == LegalStatus::Yes && !criterion.legal_reference)
    return fail(ErrorCode::Required, at(place, "legal_reference"));
  if (!absent(value, "critical")) {
    if (!value.at("critical").is_boolean()) return fail(ErrorCode::WrongType, at(place, "critical"));
    criterion.critical = value.at("critical").get<bool>();
  }
  return criterion;
}

Result<GridDomain> parse_domain(const json& value, const std::string& place) {
  if (auto ok = expect_object(value, place, {"code", "name_ar", "name_fr", "weight", "criteria"}); !ok)
    return std::unexpected(ok.error());
  GridDomain domain;
  auto code = read_text(value, "code", place, Need::Required);
  if (!code) return std::unexpected(code.error());
  domain.code = std::move(*code);
  auto name_ar = read_text(value, "name_ar", place, Need::Required);
  if (!name_ar) return std::unexpected(name_ar.error());
  domain.name_ar = std::move(*name_ar);
  auto name_fr = read_text(value, "name_fr", place, Need::Optional);
  if (!name_fr) return std::unexpected(name_fr.error());
  domain.name_fr = std::move(*name_fr);
  auto weight = read_weight(value, place);
  if (!weight) return std::unexpected(weight.error());
  domain.weight = *weight;
  auto criteria = read_array(value, "criteria", place);
  if (!criteria) return std::unexpected(criteria.error());
  for (std::size_t i = 0; i < (*criteria)->size(); ++i) {
    auto criterion = parse_criterion((**criteria)[i], indexed(place, "criteria", i));
    if (!criterion) return std::unexpected(criterion.error());
    domain.criteria.push_back(std::move(*criterion));
  }
  return domain;
}

Result<std::vector<ScaleLevel>> parse_scale(const json& document) {
  auto levels = read_array(document, "scale", "");
  if (!levels) return std::unexpected(levels.error());
  std::vector<ScaleLevel> scale;
  for (std::size_t i = 0; i < (*levels)->size(); ++i) {
    const auto& value = (**levels)[i];
    const auto place = indexed("", "scale", i);
    if (auto ok = expect_object(value, place, {"value", "ar", "fr"}); !ok) return std::unexpected(ok.error());
    if (absent(value, "value")) return fail(ErrorCode::Required, at(place, "value"));
    if (!value.at("value").is_number_integer()) return fail(ErrorCode::WrongType, at(place, "value"));
    const auto number = value.at("value").get<long long>();
    auto ar = read_text(value, "ar", place, Need::Required);
    if (!ar) return std::unexpected(ar.error());
    auto fr = read_text(value, "fr", place, Need::Optional);
    if (!fr) return std::unexpected(fr.error());
    if (number != static_cast<long long>(i) || i > 2)
      return fail(ErrorCode::InvalidValue, "scale", {{"values", {0, 1, 2}}});
    scale.push_back({static_cast<int>(number), std::move(*ar), std::move(*fr)});
  }
  if (scale.size() != 3) return fail(ErrorCode::InvalidValue, "scale", {{"values", {0, 1, 2}}});
  return scale;
}

}  // namespace

std::string_view legal_status_name(LegalStatus status) {
  switch (status) {
    case LegalStatus::Yes: return "yes";
    case LegalStatus::Probable: return "probable";
    case LegalStatus::No: return "no";
  }
  return "no";
}

const GridCriterion* Grid::find_criterion(std::string_view criterion_code) const {
  for (const auto& domain : domains) {
    for (const auto& criterion : domain.criteria) {
      if (criterion.code == criterion_code) return &criterion;
    }
  }
  return nullptr;
}

const GridDomain* Grid::domain_of(std::string_view criterion_code) const {
  for (const auto& domain : domains) {
    for (const auto& criterion : domain.criteria) {
      if (criterion.code == criterion_code) return &domain;
    }
  }
  return nullptr;
}

std::size_t Grid::criterion_count() const {
  std::size_t count = 0;
  for (const auto& domain : domains) count += domain.criteria.size();
  return count;
}

Result<Grid> parse_grid(const json& document) {
  if (auto ok =
          expect_object(document, "", {"code", "version", "name_ar", "name_fr", "scale", "not_applicable", "domains"});
      !ok)
    return std::unexpected(ok.error());
  Grid grid;
  auto code = read_text(document, "code", "", Need::Required);
  if (!code) return std::unexpected(code.error());
  grid.code = std::move(*code);

  if (absent(document, "version")) return fail(ErrorCode::Required, "version");
  const auto& version = document.at("version");
  if (!version.is_number_integer()) return fail(ErrorCode::WrongType, "version");
  if (version.is_number_unsigned() ? version.get<unsigned long long>() > 1'000'000'000ULL
                                   : (version.get<long long>() < 1 || version.get<long long>() > 1'000'000'000LL))
    return fail(ErrorCode::InvalidValue, "version");
  grid.version = static_cast<int>(version.get<long long>());

  auto name_ar = read_text(document, "name_ar", "", Need::Required);
  if (!name_ar) return std::unexpected(name_ar.error());
  grid.name_ar = std::move(*name_ar);
  auto name_fr = read_text(document, "name_fr", "", Need::Optional);
  if (!name_fr) return std::unexpected(name_fr.error());
  grid.name_fr = std::move(*name_fr);

  auto scale = parse_scale(document);
  if (!scale) return std::unexpected(scale.error());
  grid.scale = std::move(*scale);

  if (absent(document, "not_applicable")) return fail(ErrorCode::Required, "not_applicable");
  const auto& not_applicable = document.at("not_applicable");
  if (auto ok = expect_object(not_applicable, "not_applicable", {"ar", "fr"}); !ok) return std::unexpected(ok.error());
  auto na_ar = read_text(not_applicable, "ar", "not_applicable", Need::Required);
  if (!na_ar) return std::unexpected(na_ar.error());
  grid.not_applicable_ar = std::move(*na_ar);
  auto na_fr = read_text(not_applicable, "fr", "not_applicable", Need::Optional);
  if (!na_fr) return std::unexpected(na_fr.error());
  grid.not_applicable_fr = std::move(*na_fr);

  auto domains = read_array(document, "domains", "");
  if (!domains) return std::unexpected(domains.error());
  std::set<std::string, std::less<>> domain_codes, criterion_codes;
  for (std::size_t d = 0; d < (*domains)->size(); ++d) {
    const auto place = indexed("", "domains", d);
    auto domain = parse_domain((**domains)[d], place);
    if (!domain) return std::unexpected(domain.error());
    if (!domain_codes.insert(domain->code).second)
      return fail(ErrorCode::Duplicate, at(place, "code"), {{"code", domain->code}});
    for (std::size_t c = 0; c < domain->criteria.size(); ++c) {
      const auto& criterion_code = domain->criteria[c].code;
      if (!criterion_codes.insert(criterion_code).second)
        return fail(ErrorCode::Duplicate, at(indexed(place, "criteria", c), "code"), {{"code", criterion_code}});
    }
    grid.domains.push_back(std::move(*domain));
  }
  return grid;
}

json grid_to_json(const Grid& grid) {
  json scale = json::array();
  for (const auto& level : grid.scale) scale.push_back({{"value", level.value}, {"ar", level.ar}, {"fr", level.fr}});
  json domains = json::array();
  for (const auto& domain : grid.domains) {
    json criteria = json::array();
    for (const auto& criterion : domain.criteria) {
      criteria.push_back({{"code", criterion.code},
                          {"text_ar", criterion.text_ar},
                          {"text_fr", criterion.text_fr},
                          {"weight", criterion.weight},
                          {"legal", legal_status_name(criterion.legal)},
                          {"legal_reference", criterion.legal_reference ? json(*criterion.legal_reference) : json()},
                          {"critical", criterion.critical},
                          {"guidance_ar", criterion.guidance_ar},
                          {"guidance_fr", criterion.guidance_fr},
                          {"remedy_ar", criterion.remedy_ar},
                          {"remedy_fr", criterion.remedy_fr}});
    }
    domains.push_back({{"code", domain.code},
                       {"name_ar", domain.name_ar},
                       {"name_fr", domain.name_fr},
                       {"weight", domain.weight},
                       {"criteria", std::move(criteria)}});
  }
  return {{"code", grid.code},
          {"version", grid.version},
          {"name_ar", grid.name_ar},
          {"name_fr", grid.name_fr},
          {"scale", std::move(scale)},
          {"not_applicable", {{"ar", grid.not_applicable_ar}, {"fr", grid.not_applicable_fr}}},
          {"domains", std::move(domains)}};
}

}  // namespace riaya::domain
