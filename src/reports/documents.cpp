#include "reports/documents.hpp"

#include "domain/money.hpp"
#include "domain/scoring.hpp"
#include "io/labels.hpp"
#include "reports/charts.hpp"
#include "reports/pdf_document.hpp"
#include "reports/text_direction.hpp"

#include <algorithm>
#include <cstdlib>
#include <map>
#include <optional>
#include <sstream>

namespace riaya::reports {
namespace {

using domain::Language;
using nlohmann::json;

constexpr Colour kPrevious{0.72, 0.77, 0.86};
constexpr Colour kLatest{0.16, 0.38, 0.66};

// The words of the documents.
constexpr Phrase kCard{"بطاقة تقنية", "Fiche technique"};
constexpr Phrase kSynthesis{"التقرير التركيبي للدراسة التشخيصية", "Synthèse provinciale du diagnostic"};
constexpr Phrase kProgrammeTitle{"برنامج العمل", "Programme d'action"};
constexpr Phrase kComparisonTitle{"مقارنة نتائج حملتين", "Comparaison de deux campagnes"};
constexpr Phrase kIdentity{"التعريف بالمؤسسة", "Identification de l'établissement"};
constexpr Phrase kCode{"الرمز", "Code"};
constexpr Phrase kCategory{"الصنف", "Catégorie"};
constexpr Phrase kCommune{"الجماعة", "Commune"};
constexpr Phrase kAddress{"العنوان", "Adresse"};
constexpr Phrase kOpened{"تاريخ الافتتاح", "Date d'ouverture"};
constexpr Phrase kDirector{"المدير(ة)", "Directeur (trice)"};
constexpr Phrase kState{"الوضعية", "Situation"};
constexpr Phrase kAssociation{"الجمعية المسيرة", "Association gestionnaire"};
constexpr Phrase kName{"الاسم", "Nom"};
constexpr Phrase kRegistration{"رقم التصريح", "N° de déclaration"};
constexpr Phrase kPresident{"الرئيس(ة)", "Président(e)"};
constexpr Phrase kAuthorisation{"الترخيص", "Autorisation"};
constexpr Phrase kNumber{"الرقم", "Numéro"};
constexpr Phrase kDate{"التاريخ", "Date"};
constexpr Phrase kCapacityHeading{"الطاقة الاستيعابية والإشغال", "Capacité et occupation"};
constexpr Phrase kCapacity{"الطاقة الاستيعابية", "Capacité"};
constexpr Phrase kPlaces{" مقعدا", " places"};
constexpr Phrase kOccupancy{"نسبة الإشغال", "Taux d'occupation"};
constexpr Phrase kNotRecorded{"غير مسجلة بعد في النظام", "pas encore enregistré dans le système"};
constexpr Phrase kStaff{"الموارد البشرية حسب الوظيفة", "Personnel par fonction"};
constexpr Phrase kFunction{"الوظيفة", "Fonction"};
constexpr Phrase kCount{"العدد", "Effectif"};
constexpr Phrase kTotal{"المجموع", "Total"};
constexpr Phrase kNoStaff{"لا يوجد مستخدمون مسجلون.", "Aucun personnel enregistré."};
constexpr Phrase kServices{"الخدمات والأنشطة", "Services et activités"};
constexpr Phrase kService{"الخدمة", "Service"};
constexpr Phrase kSince{"منذ", "Depuis"};
constexpr Phrase kActivitiesHeld{"الأنشطة المنجزة", "Activités menées"};
constexpr Phrase kScores{"نتائج التقييم حسب المحاور", "Résultats de l'évaluation par domaine"};
constexpr Phrase kNoScores{"لا يوجد تقييم مصادق عليه لهذه المؤسسة.",
                           "Aucune évaluation validée pour cet établissement."};
constexpr Phrase kOverall{"النتيجة العامة", "Score global"};
constexpr Phrase kLegal{"المطابقة القانونية", "Conformité légale"};
constexpr Phrase kShortcomings{"الاختلالات المفتوحة", "Insuffisances ouvertes"};
constexpr Phrase kNoShortcomings{"لا توجد اختلالات مفتوحة.", "Aucune insuffisance ouverte."};
constexpr Phrase kCriterion{"المعيار", "Critère"};
constexpr Phrase kSeverity{"الخطورة", "Gravité"};
constexpr Phrase kStatus{"الوضعية", "Statut"};
constexpr Phrase kRaised{"تاريخ الرصد", "Relevée le"};
constexpr Phrase kActions{"الإجراءات", "Actions"};
constexpr Phrase kNoActions{"لا توجد إجراءات مبرمجة.", "Aucune action programmée."};
constexpr Phrase kAction{"الإجراء", "Action"};
constexpr Phrase kDue{"الأجل", "Échéance"};
constexpr Phrase kStart{"البداية", "Début"};
constexpr Phrase kCost{"الكلفة", "Coût"};
constexpr Phrase kFunded{"التمويل", "Financement"};
constexpr Phrase kGap{"الخصاص", "Écart"};
constexpr Phrase kOverdue{"متأخر", "en retard"};
constexpr Phrase kFunding{"التمويلات المحصل عليها", "Financements reçus"};
constexpr Phrase kNoFunding{"لا توجد تمويلات مسجلة.", "Aucun financement enregistré."};
constexpr Phrase kSource{"المصدر", "Source"};
constexpr Phrase kPurpose{"الغرض", "Objet"};
constexpr Phrase kCommitted{"الملتزم به", "Engagé"};
constexpr Phrase kDisbursed{"المصروف", "Versé"};
constexpr Phrase kCampaign{"الحملة", "Campagne"};
constexpr Phrase kTerritory{"المجال الترابي", "Territoire"};
constexpr Phrase kPeriod{"الفترة", "Période"};
constexpr Phrase kAssessed{"المؤسسات المقيمة", "Établissements évalués"};
constexpr Phrase kMethod{"المنهجية وشبكة التقييم", "Méthode et grille d'évaluation"};
constexpr Phrase kGrid{"شبكة التقييم", "Grille"};
constexpr Phrase kCriteriaCount{"عدد المعايير", "Nombre de critères"};
constexpr Phrase kLegalCount{"منها معايير قانونية", "dont critères légaux"};
constexpr Phrase kRule{
    "ينقط كل معيار بـ 0 (غير متوفر) أو 1 (متوفر جزئيا) أو 2 (مرض)، أو يعتبر غير منطبق. نتيجة المحور هي المتوسط "
    "المرجح لنقط معاييره مقسوما على 2، بالنسبة المئوية. النتيجة العامة هي المتوسط المرجح لنتائج المحاور بأوزانها. "
    "المطابقة القانونية هي نسبة المعايير القانونية المنقطة التي حصلت على 2. لا تحتسب المعايير غير المنطبقة.",
    "Chaque critère est noté 0 (absent), 1 (partiel) ou 2 (satisfaisant), ou déclaré non applicable. Le score d'un "
    "domaine est la moyenne pondérée des notes de ses critères divisée par 2, en pourcentage. Le score global est la "
    "moyenne pondérée des scores des domaines par leur poids. La conformité légale est la part des critères légaux "
    "notés qui ont obtenu 2. Les critères non applicables ne comptent pas."};
constexpr Phrase kDomain{"المحور", "Domaine"};
constexpr Phrase kWeight{"الوزن", "Poids"};
constexpr Phrase kCriteria{"المعايير", "Critères"};
constexpr Phrase kNoAssessment{
    "لا يوجد أي تقييم مصادق عليه في هذه الحملة بعد: لا نتائج لعرضها.",
    "Aucune évaluation validée dans cette campagne pour l'instant : aucun résultat à présenter."};
constexpr Phrase kPerDomain{"النتائج حسب المحاور", "Résultats par domaine"};
constexpr Phrase kMean{"المتوسط", "Moyenne"};
constexpr Phrase kLowest{"الأدنى", "Minimum"};
constexpr Phrase kHighest{"الأعلى", "Maximum"};
constexpr Phrase kHeatMap{"خريطة النتائج: المؤسسات × المحاور", "Carte des résultats : établissements × domaines"};
constexpr Phrase kRanking{"ترتيب المؤسسات", "Classement des établissements"};
constexpr Phrase kRank{"الرتبة", "Rang"};
constexpr Phrase kInstitution{"المؤسسة", "Établissement"};
constexpr Phrase kCriticalFailures{"إخفاقات حرجة", "Échecs critiques"};
constexpr Phrase kLegalMean{"متوسط المطابقة القانونية", "Conformité légale moyenne"};
constexpr Phrase kFullyCompliant{"مؤسسات مطابقة كليا", "Établissements entièrement conformes"};
constexpr Phrase kRecurring{"الاختلالات المتكررة", "Insuffisances récurrentes"};
constexpr Phrase kNoRecurring{"لا يوجد معيار أخفقت فيه مؤسستان أو أكثر.",
                              "Aucun critère n'est en échec dans deux établissements ou plus."};
constexpr Phrase kFailedBy{"عدد المؤسسات", "Établissements"};
constexpr Phrase kNeeds{"الحاجيات الموحدة من التجهيزات", "Besoins consolidés en équipements"};
constexpr Phrase kNoNeeds{"لا توجد حاجيات مسجلة.", "Aucun besoin enregistré."};
constexpr Phrase kItem{"التجهيز", "Équipement"};
constexpr Phrase kQuantity{"الكمية", "Quantité"};
constexpr Phrase kRecommendations{"التوصيات", "Recommandations"};
constexpr Phrase kNoRecommendations{"لا توجد توصيات مسجلة للقاءات هذه الفترة.",
                                    "Aucune recommandation enregistrée pour les réunions de la période."};
constexpr Phrase kActionStatus{"وضعية الإجراء: ", "Action : "};
constexpr Phrase kAnnex{"ملحق", "Annexe"};
constexpr Phrase kVisit{"تاريخ الزيارة", "Date de visite"};
constexpr Phrase kAbsent{"معايير غير متوفرة (0)", "Critères absents (0)"};
constexpr Phrase kPartial{"معايير متوفرة جزئيا (1)", "Critères partiels (1)"};
constexpr Phrase kProvinceWide{"على مستوى الإقليم", "À l'échelle de la province"};
constexpr Phrase kResponsible{"الجهة المسؤولة", "Porteur"};
constexpr Phrase kSummary{"ملخص", "Synthèse"};
constexpr Phrase kActionCount{"عدد الإجراءات", "Nombre d'actions"};
constexpr Phrase kDone{"المنجزة", "Réalisées"};
constexpr Phrase kOverdueCount{"المتأخرة", "En retard"};
constexpr Phrase kByInstitution{"المجاميع حسب المؤسسة", "Totaux par établissement"};
constexpr Phrase kActionList{"الإجراءات حسب المؤسسة والجهة المسؤولة", "Actions par établissement et responsable"};
constexpr Phrase kBefore{"الحملة الأولى", "Première campagne"};
constexpr Phrase kAfter{"الحملة الثانية", "Seconde campagne"};
constexpr Phrase kMeanByDomain{"متوسط النتائج حسب المحاور", "Moyenne des résultats par domaine"};
constexpr Phrase kChange{"التطور حسب المؤسسة والمحور", "Évolution par établissement et domaine"};
constexpr Phrase kChangeNote{"▲ تحسن، ▼ تراجع، = استقرار؛ الفرق بالنقط المئوية.",
                             "▲ hausse, ▼ baisse, = stable ; écart en points de pourcentage."};
constexpr Phrase kNotComparable{"محاور غير قابلة للمقارنة (غير موجودة في إحدى الشبكتين): ",
                                "Domaines non comparables (absents de l'une des deux grilles) : "};
constexpr Phrase kOnlyOne{"لم تقيم في الحملتين معا", "non évalué dans les deux campagnes"};
constexpr Phrase kResolved{"الاختلالات المعالجة", "Insuffisances résolues"};
constexpr Phrase kPersisted{"الاختلالات المستمرة", "Insuffisances persistantes"};
constexpr Phrase kAppeared{"الاختلالات الجديدة", "Nouvelles insuffisances"};
constexpr Phrase kNone{"لا شيء.", "Aucune."};
constexpr Phrase kDomains{"المحاور", "Domaines"};
constexpr Phrase kCurrency{" درهم", " MAD"};

std::string say(Phrase phrase, Language language) { return std::string(phrase.in(language)); }

std::string text_of(const json& value) { return value.is_string() ? value.get<std::string>() : std::string(); }

// A record's name in the document's language (French when it has one, else Arabic).
std::string name_of(const json& record, Language language, const std::string& prefix = "name") {
  return in_language(text_of(record[prefix + "_ar"]), text_of(record[prefix + "_fr"]), language);
}

// The label of choice `value` of `kind` (the web app's "enum.<kind>.<value>"), else the value.
std::string choice(std::string_view kind, const json& value, Language language) {
  const auto code = text_of(value);
  if (code.empty()) return {};
  return io::dictionary_entry("enum." + std::string(kind) + "." + code, language).value_or(code);
}

std::string date_of(const json& iso, Language language) {
  const auto date = domain::parse_iso_date(text_of(iso));
  return date ? domain::format_date(*date, language) : std::string();
}

// "12 345,50", isolated in Arabic: an amount in a table whose header names the currency.
std::string money(long long centimes, Language language) {
  const bool negative = centimes < 0;
  auto whole = std::to_string(std::llabs(centimes) / 100);
  for (auto at = static_cast<long long>(whole.size()) - 3; at > 0; at -= 3)
    whole.insert(static_cast<std::size_t>(at), "\u202f");
  const auto cents = std::llabs(centimes) % 100;
  auto figure = (negative ? "-" : "") + whole + "," + (cents < 10 ? "0" : "") + std::to_string(cents);
  return language == Language::Arabic ? isolated(figure) : figure;
}

// "12 345,50 MAD".
std::string amount(long long centimes, Language language) {
  return money(centimes, language) + say(kCurrency, language);
}

// A column of amounts: "Coût (MAD)".
std::string in_mad(Phrase phrase, Language language) {
  return say(phrase, language) + " (" + (language == Language::Arabic ? "درهم" : "MAD") + ")";
}

long long centimes_of(const json& value) { return value.is_number() ? value.get<long long>() : 0; }

std::optional<double> percent_of(const json& value) {
  return value.is_number() ? std::optional<double>(value.get<double>()) : std::nullopt;
}

std::string count_text(std::size_t n) { return std::to_string(n); }

// "72 % (2019-2020)": the occupancy of the card's latest school year with statistics, or that
// none was recorded. The school year is isolated left to right (its two years keep their order).
std::string occupancy_text(const json& occupancy, Language language) {
  if (occupancy.is_null()) return say(kNotRecorded, language);
  const auto rate = percent_of(occupancy["rate"]);
  return percent_text(rate ? std::optional<double>(*rate * 100.0) : std::nullopt, language) + " (" +
         isolated(occupancy["school_year"].get<std::string>()) + ")";
}

constexpr Phrase kFrom{"من ", "du "};
constexpr Phrase kTo{" إلى ", " au "};
constexpr Phrase kOutOf{" من ", " sur "};

// "من 3 شتنبر 2018 إلى 28 شتنبر 2018": words, not a dash, between two dates (a dash between
// figures of an Arabic line swaps them).
std::string period_of(const json& record, Language language) {
  const auto from = date_of(record["starts_on"], language), to = date_of(record["ends_on"], language);
  if (from.empty() || to.empty()) return from.empty() ? to : from;
  return say(kFrom, language) + from + say(kTo, language) + to;
}

// "5 من 8", "5 sur 8".
std::string share_text(std::size_t part, std::size_t whole, Language language) {
  return count_text(part) + say(kOutOf, language) + count_text(whole);
}

Issuer issuer_of(const json& data) {
  const auto& issuer = data["issuer"];
  return {text_of(issuer["name_ar"]), text_of(issuer["name_fr"]), text_of(issuer["level"]) == "province"};
}

// An action's status, " — overdue" after it when it is.
std::string action_status(const json& action, Language language) {
  auto status = choice("action_status", action["status"], language);
  if (action.value("overdue", false)) status += " — ⚠ " + say(kOverdue, language);
  return status;
}

}  // namespace

std::string institution_card_pdf(const json& card, Language language, domain::Date generated_on,
                                 const Progress& progress) {
  if (language == Language::English) language = Language::French;
  const auto& institution = card["institution"];
  const auto name = name_of(institution, language);
  PdfDocument document(language, say(kCard, language) + " — " + name, generated_on, progress);
  document.official_header(issuer_of(card));
  document.title(say(kCard, language), name);

  document.heading(say(kIdentity, language));
  document.fields({{say(kCode, language), text_of(institution["code"])},
                   {say(kCategory, language), name_of(institution, language, "category_name")},
                   {say(kCommune, language), name_of(institution, language, "commune_name")},
                   {say(kAddress, language), text_of(institution["address"])},
                   {say(kOpened, language), date_of(institution["opening_date"], language)},
                   {say(kDirector, language), text_of(institution["director_name"])},
                   {say(kState, language), choice("institution_status", institution["status"], language)}});
  document.heading(say(kAssociation, language));
  document.fields({{say(kName, language), name_of(institution, language, "association_name")},
                   {say(kRegistration, language), text_of(institution["association_registration_number"])},
                   {say(kPresident, language), text_of(institution["association_president"])}});
  document.heading(say(kAuthorisation, language));
  document.fields(
      {{say(kState, language), choice("authorisation_status", institution["authorisation_status"], language)},
       {say(kNumber, language), text_of(institution["authorisation_number"])},
       {say(kDate, language), date_of(institution["authorisation_date"], language)}});
  document.heading(say(kCapacityHeading, language));
  document.fields({{say(kCapacity, language),
                    institution["capacity"].is_number()
                        ? std::to_string(institution["capacity"].get<long long>()) + say(kPlaces, language)
                        : std::string("—")},
                   {say(kOccupancy, language), occupancy_text(card["occupancy"], language)}});

  document.heading(say(kStaff, language));
  if (card["staff"].empty()) {
    document.text(say(kNoStaff, language));
  } else {
    std::vector<std::vector<std::string>> rows;
    long long total = 0;
    for (const auto& row : card["staff"]) {
      rows.push_back({text_of(row["function"]), std::to_string(row["count"].get<long long>())});
      total += row["count"].get<long long>();
    }
    rows.push_back({say(kTotal, language), std::to_string(total)});
    document.table({{say(kFunction, language), 4}, {say(kCount, language), 1}}, rows);
  }
  const auto& services = card["services"];
  if (!services.empty() || !text_of(institution["services"]).empty() || !text_of(institution["activities"]).empty()) {
    document.heading(say(kServices, language));
    if (!services.empty()) {
      std::vector<std::vector<std::string>> rows;
      for (const auto& row : services) rows.push_back({name_of(row, language), date_of(row["since"], language)});
      document.table({{say(kService, language), 3}, {say(kSince, language), 2}}, rows);
    }
    document.text(text_of(institution["services"]));
    document.text(text_of(institution["activities"]));
    if (card["activities"].get<long long>() > 0)
      document.fields({{say(kActivitiesHeld, language), std::to_string(card["activities"].get<long long>())}});
  }

  document.heading(say(kScores, language));
  const auto& scores = card["scores"];
  if (scores.empty()) {
    document.text(say(kNoScores, language));
  } else {
    std::vector<std::string> domains;
    for (const auto& d : scores[0]["domains"]) domains.push_back(text_of(d["code"]) + " " + name_of(d, language));
    std::vector<BarSeries> series;
    for (std::size_t s = scores.size(); s-- > 0;) {
      BarSeries bars{name_of(scores[s], language, "campaign_name"), s == 0 ? kLatest : kPrevious, {}};
      for (const auto& d : scores[0]["domains"]) {
        std::optional<double> value;
        for (const auto& own : scores[s]["domains"])
          if (own["code"] == d["code"]) value = percent_of(own["percent"]);
        bars.values.push_back(value);
      }
      series.push_back(std::move(bars));
    }
    std::vector<Column> columns = {{say(kCampaign, language), 3.2},
                                   {say(kVisit, language), 1.4},
                                   {say(kOverall, language), 1},
                                   {say(kLegal, language), 1}};
    std::vector<std::vector<std::string>> rows;
    for (const auto& side : scores)
      rows.push_back({name_of(side, language, "campaign_name"), date_of(side["visit_date"], language),
                      percent_text(percent_of(side["overall"]), language),
                      percent_text(percent_of(side["legal_compliance"]), language)});
    document.table(columns, rows);
    bar_chart(document, domains, series);
  }

  document.heading(say(kShortcomings, language));
  if (card["shortcomings"].empty()) {
    document.text(say(kNoShortcomings, language));
  } else {
    std::vector<std::vector<std::string>> rows;
    for (const auto& s : card["shortcomings"]) {
      auto what = in_language(text_of(s["criterion_text_ar"]), text_of(s["criterion_text_fr"]), language);
      if (what.empty()) what = text_of(s["description"]);
      rows.push_back({text_of(s["criterion_code"]), what, choice("severity", s["severity"], language),
                      choice("shortcoming_status", s["status"], language), date_of(s["raised_on"], language)});
    }
    document.table({{say(kCode, language), 0.8},
                    {say(kCriterion, language), 3.7},
                    {say(kSeverity, language), 1.1},
                    {say(kStatus, language), 1.4},
                    {say(kRaised, language), 1.4}},
                   rows);
  }

  document.heading(say(kActions, language));
  if (card["actions"].empty()) {
    document.text(say(kNoActions, language));
  } else {
    std::vector<std::vector<std::string>> rows;
    for (const auto& a : card["actions"]) {
      const auto cost = centimes_of(a["estimated_cost_centimes"]);
      rows.push_back({name_of(a, language, "title"), action_status(a, language), date_of(a["due_on"], language),
                      money(cost, language), money(centimes_of(a["funded_centimes"]), language)});
    }
    document.table({{say(kAction, language), 3.4},
                    {say(kStatus, language), 1.5},
                    {say(kDue, language), 1.3},
                    {in_mad(kCost, language), 1.4},
                    {in_mad(kFunded, language), 1.4}},
                   rows);
  }

  document.heading(say(kFunding, language));
  if (card["grants"].empty()) {
    document.text(say(kNoFunding, language));
  } else {
    std::vector<std::vector<std::string>> rows;
    long long committed = 0, disbursed = 0;
    for (const auto& g : card["grants"]) {
      auto source = choice("grant_source", g["source"], language);
      if (!text_of(g["source_name"]).empty()) source += " — " + text_of(g["source_name"]);
      rows.push_back({source, choice("grant_purpose", g["purpose"], language), date_of(g["committed_on"], language),
                      money(centimes_of(g["committed_centimes"]), language),
                      money(centimes_of(g["disbursed_centimes"]), language)});
      committed += centimes_of(g["committed_centimes"]);
      disbursed += centimes_of(g["disbursed_centimes"]);
    }
    rows.push_back({say(kTotal, language), "", "", money(committed, language), money(disbursed, language)});
    document.table({{say(kSource, language), 2.6},
                    {say(kPurpose, language), 1.4},
                    {say(kDate, language), 1.3},
                    {in_mad(kCommitted, language), 1.5},
                    {in_mad(kDisbursed, language), 1.5}},
                   rows);
  }
  return document.finish();
}

std::string campaign_synthesis_pdf(const json& synthesis, Language language, domain::Date generated_on,
                                   const Progress& progress) {
  if (language == Language::English) language = Language::French;
  const auto& campaign = synthesis["campaign"];
  const auto& grid = synthesis["grid"];
  const auto& institutions = synthesis["institutions"];
  const auto name = name_of(campaign, language);
  PdfDocument document(language, say(kSynthesis, language) + " — " + name, generated_on, progress);
  document.official_header(issuer_of(synthesis));
  document.title(say(kSynthesis, language), name);
  const auto period = period_of(campaign, language);
  document.fields({{say(kTerritory, language), name_of(campaign, language, "territory_name")},
                   {say(kPeriod, language), period},
                   {say(kStatus, language), choice("campaign_status", campaign["status"], language)},
                   {say(kAssessed, language), count_text(institutions.size())}});

  document.heading(say(kMethod, language));
  document.fields({{say(kGrid, language), name_of(grid, language) + " (" + text_of(grid["code"]) + ", v" +
                                              std::to_string(grid["grid_version"].get<int>()) + ")"},
                   {say(kCriteriaCount, language), std::to_string(grid["criteria"].get<long long>())},
                   {say(kLegalCount, language), std::to_string(grid["legal_criteria"].get<long long>())}});
  document.text(say(kRule, language));
  std::vector<std::vector<std::string>> domain_rows;
  std::vector<std::string> codes, labels;
  for (const auto& d : grid["domains"]) {
    codes.push_back(text_of(d["code"]));
    labels.push_back(text_of(d["code"]) + " " + name_of(d, language));
    std::ostringstream weight;
    weight << d["weight"].get<double>();
    domain_rows.push_back(
        {text_of(d["code"]), name_of(d, language), std::to_string(d["criteria"].get<long long>()), weight.str()});
  }
  document.table({{say(kCode, language), 0.8},
                  {say(kDomain, language), 4},
                  {say(kCriteria, language), 1},
                  {say(kWeight, language), 0.8}},
                 domain_rows);

  if (institutions.empty()) {
    document.heading(say(kPerDomain, language));
    document.text(say(kNoAssessment, language));
    return document.finish();
  }

  // Per domain: the mean, lowest and highest over the institutions that have a score there.
  document.heading(say(kPerDomain, language));
  BarSeries means{say(kMean, language), kLatest, {}};
  std::vector<std::vector<std::string>> per_domain;
  for (std::size_t c = 0; c < codes.size(); ++c) {
    double sum = 0, low = 101, high = -1;
    std::size_t n = 0;
    for (const auto& institution : institutions)
      if (const auto value = percent_of(institution["domains"].value(codes[c], json(nullptr)))) {
        sum += *value;
        low = std::min(low, *value);
        high = std::max(high, *value);
        ++n;
      }
    const auto mean = n ? std::optional<double>(sum / static_cast<double>(n)) : std::nullopt;
    means.values.push_back(mean);
    per_domain.push_back({labels[c], percent_text(mean, language),
                          percent_text(n ? std::optional<double>(low) : std::nullopt, language),
                          percent_text(n ? std::optional<double>(high) : std::nullopt, language)});
  }
  bar_chart(document, labels, {means});
  document.table({{say(kDomain, language), 4},
                  {say(kMean, language), 1},
                  {say(kLowest, language), 1},
                  {say(kHighest, language), 1}},
                 per_domain);

  document.heading(say(kHeatMap, language));
  HeatMap map;
  map.columns = codes;
  for (const auto& institution : institutions) {
    map.rows.push_back(name_of(institution, language));
    auto& values = map.values.emplace_back();
    for (const auto& code : codes) values.push_back(percent_of(institution["domains"].value(code, json(nullptr))));
  }
  heat_map(document, map);

  document.heading(say(kRanking, language));
  std::vector<std::vector<std::string>> ranking;
  for (const auto& institution : institutions)
    ranking.push_back({std::to_string(ranking.size() + 1), name_of(institution, language),
                       percent_text(percent_of(institution["overall"]), language),
                       percent_text(percent_of(institution["legal_compliance"]), language),
                       std::to_string(institution["critical_failures"].size())});
  document.table({{say(kRank, language), 0.6},
                  {say(kInstitution, language), 4},
                  {say(kOverall, language), 1.1},
                  {say(kLegal, language), 1.2},
                  {say(kCriticalFailures, language), 1.1}},
                 ranking);

  document.heading(say(kLegal, language));
  double legal_sum = 0;
  std::size_t legal_n = 0, compliant = 0;
  for (const auto& institution : institutions)
    if (const auto value = percent_of(institution["legal_compliance"])) {
      legal_sum += *value;
      ++legal_n;
      compliant += *value >= 100 - 1e-9 ? 1 : 0;
    }
  document.fields(
      {{say(kLegalMean, language),
        percent_text(legal_n ? std::optional<double>(legal_sum / static_cast<double>(legal_n)) : std::nullopt,
                     language)},
       {say(kFullyCompliant, language), share_text(compliant, institutions.size(), language)}});

  document.heading(say(kRecurring, language));
  if (synthesis["recurring"].empty()) {
    document.text(say(kNoRecurring, language));
  } else {
    std::vector<std::vector<std::string>> rows;
    for (const auto& r : synthesis["recurring"]) {
      rows.push_back({text_of(r["criterion_code"]), in_language(text_of(r["text_ar"]), text_of(r["text_fr"]), language),
                      share_text(r["institutions"].get<std::size_t>(), institutions.size(), language)});
    }
    document.table({{say(kCode, language), 0.8}, {say(kCriterion, language), 5}, {say(kFailedBy, language), 1.2}},
                   rows);
  }

  document.heading(say(kNeeds, language));
  const auto& needs = synthesis["needs"];
  if (needs["items"].empty()) {
    document.text(say(kNoNeeds, language));
  } else {
    std::vector<std::vector<std::string>> rows;
    for (const auto& item : needs["items"])
      rows.push_back({name_of(item, language, "item_name"),
                      std::to_string(item["quantity"].get<long long>()) + " " +
                          choice("equipment_unit", item["item_unit"], language),
                      std::to_string(item["institutions"].get<long long>()),
                      money(centimes_of(item["total_centimes"]), language)});
    rows.push_back({say(kTotal, language), "", std::to_string(needs["totals"]["institutions"].get<long long>()),
                    money(centimes_of(needs["totals"]["total_centimes"]), language)});
    document.table({{say(kItem, language), 3.4},
                    {say(kQuantity, language), 1.3},
                    {say(kFailedBy, language), 1.1},
                    {in_mad(kCost, language), 1.7}},
                   rows);
  }

  document.heading(say(kRecommendations, language));
  if (synthesis["recommendations"].empty()) {
    document.text(say(kNoRecommendations, language));
  } else {
    std::size_t n = 0;
    for (const auto& r : synthesis["recommendations"]) {
      auto note = name_of(r, language, "meeting_title") + " — " + date_of(r["held_on"], language);
      if (r["action_status"].is_string())
        note += " — " + say(kActionStatus, language) + choice("action_status", r["action_status"], language);
      document.numbered(++n, in_language(text_of(r["text_ar"]), text_of(r["text_fr"]), language), note);
    }
  }

  // One annex page per institution.
  std::size_t n = 0;
  for (const auto& institution : institutions) {
    document.page_break();
    document.title(say(kAnnex, language) + " " + std::to_string(++n), name_of(institution, language));
    document.fields({{say(kCode, language), text_of(institution["code"])},
                     {say(kCategory, language), name_of(institution, language, "category_name")},
                     {say(kVisit, language), date_of(institution["visit_date"], language)},
                     {say(kOverall, language), percent_text(percent_of(institution["overall"]), language)},
                     {say(kLegal, language), percent_text(percent_of(institution["legal_compliance"]), language)}});
    BarSeries own{name_of(campaign, language), kLatest, {}};
    for (const auto& code : codes) own.values.push_back(percent_of(institution["domains"].value(code, json(nullptr))));
    bar_chart(document, labels, {own});
    // To keep the annex on its page: the criteria scored 0 in a table, those scored 1 by code.
    std::vector<std::vector<std::string>> absent;
    std::string partial;
    for (const auto& b : institution["below"]) {
      if (b["score"] == 0)
        absent.push_back(
            {text_of(b["criterion_code"]), in_language(text_of(b["text_ar"]), text_of(b["text_fr"]), language)});
      else
        partial += (partial.empty() ? "" : language == Language::Arabic ? "، " : ", ") + text_of(b["criterion_code"]);
    }
    if (!absent.empty()) {
      document.heading(say(kAbsent, language));
      document.table({{say(kCode, language), 0.8}, {say(kCriterion, language), 6}}, absent);
    }
    if (!partial.empty()) {
      document.heading(say(kPartial, language));
      document.text(partial);
    }
  }
  return document.finish();
}

std::string programme_pdf(const json& data, Language language, domain::Date generated_on, const Progress& progress) {
  if (language == Language::English) language = Language::French;
  const auto& programme = data["programme"];
  const auto name = name_of(programme, language);
  PdfDocument document(language, say(kProgrammeTitle, language) + " — " + name, generated_on, progress);
  document.official_header(issuer_of(data));
  document.title(say(kProgrammeTitle, language), name);
  const auto period = period_of(programme, language);

  // Totals over the actions that are not cancelled, as the programme list sums them.
  long long cost = 0, funded = 0, gap = 0;
  std::size_t counted = 0, done = 0, overdue = 0;
  struct Totals {
    std::string name;
    long long cost = 0, funded = 0, gap = 0;
    std::size_t actions = 0;
  };
  std::vector<Totals> by_institution;
  std::vector<std::vector<std::string>> rows;
  for (const auto& a : data["actions"]) {
    const auto funding = domain::funding(centimes_of(a["estimated_cost_centimes"]), centimes_of(a["funded_centimes"]));
    const auto institution =
        a["institution_name_ar"].is_string() ? name_of(a, language, "institution_name") : say(kProvinceWide, language);
    rows.push_back({institution, text_of(a["responsible_party"]), name_of(a, language, "title"),
                    action_status(a, language),
                    date_of(a["starts_on"], language) + "\n" + date_of(a["due_on"], language),
                    money(funding.cost, language), money(funding.funded, language), money(funding.gap, language)});
    if (a["status"] == "cancelled") continue;
    cost += funding.cost;
    funded += funding.funded;
    gap += funding.gap;
    ++counted;
    done += a["status"] == "done" ? 1 : 0;
    overdue += a.value("overdue", false) ? 1 : 0;
    if (by_institution.empty() || by_institution.back().name != institution) by_institution.push_back({institution});
    auto& totals = by_institution.back();
    totals.cost += funding.cost;
    totals.funded += funding.funded;
    totals.gap += funding.gap;
    ++totals.actions;
  }
  document.fields({{say(kPeriod, language), period},
                   {say(kStatus, language), choice("programme_status", programme["status"], language)}});
  document.text(text_of(programme["description"]));

  document.heading(say(kSummary, language));
  document.fields({{say(kActionCount, language), count_text(counted)},
                   {say(kDone, language), count_text(done)},
                   {say(kOverdueCount, language), count_text(overdue)},
                   {say(kCost, language), amount(cost, language)},
                   {say(kFunded, language), amount(funded, language)},
                   {say(kGap, language), amount(gap, language)}});
  if (data["actions"].empty()) {
    document.text(say(kNoActions, language));
    return document.finish();
  }
  document.heading(say(kByInstitution, language));
  std::vector<std::vector<std::string>> totals_rows;
  totals_rows.reserve(by_institution.size() + 1);  // and the total
  for (const auto& t : by_institution)
    totals_rows.push_back(
        {t.name, count_text(t.actions), money(t.cost, language), money(t.funded, language), money(t.gap, language)});
  totals_rows.push_back({say(kTotal, language), count_text(counted), money(cost, language), money(funded, language),
                         money(gap, language)});
  document.table({{say(kInstitution, language), 3},
                  {say(kActions, language), 0.8},
                  {in_mad(kCost, language), 1.5},
                  {in_mad(kFunded, language), 1.5},
                  {in_mad(kGap, language), 1.5}},
                 totals_rows);

  document.heading(say(kActionList, language));
  rows.push_back(
      {say(kTotal, language), "", "", "", "", money(cost, language), money(funded, language), money(gap, language)});
  document.table({{say(kInstitution, language), 1.5},
                  {say(kResponsible, language), 1.3},
                  {say(kAction, language), 2.1},
                  {say(kStatus, language), 1.1},
                  {say(kStart, language) + " / " + say(kDue, language), 1.4},
                  {in_mad(kCost, language), 1.6},
                  {in_mad(kFunded, language), 1.6},
                  {in_mad(kGap, language), 1.6}},
                 rows);
  return document.finish();
}

std::string comparison_pdf(const json& comparison, Language language, domain::Date generated_on,
                           const Progress& progress) {
  if (language == Language::English) language = Language::French;
  const auto& before = comparison["before"];
  const auto& after = comparison["after"];
  PdfDocument document(language, say(kComparisonTitle, language), generated_on, progress);
  document.official_header(issuer_of(comparison));
  document.title(say(kComparisonTitle, language));
  document.fields(
      {{say(kBefore, language), name_of(before, language)}, {say(kAfter, language), name_of(after, language)}});

  std::vector<std::string> codes, labels;
  std::vector<std::vector<std::string>> domain_rows;
  for (const auto& d : comparison["domains"]) {
    codes.push_back(text_of(d["code"]));
    labels.push_back(text_of(d["code"]) + " " + name_of(d, language));
  }
  std::vector<std::string> not_comparable;
  for (const auto& code : comparison.value("not_comparable", json::array())) not_comparable.push_back(text_of(code));
  if (!not_comparable.empty()) {
    std::string list;
    for (const auto& code : not_comparable)
      list += (list.empty() ? "" : language == Language::Arabic ? "، " : ", ") + code;
    document.text(say(kNotComparable, language) + list);
  }

  // The mean per domain on each side, over the institutions assessed in both campaigns.
  const auto& institutions = comparison["institutions"];
  document.heading(say(kMeanByDomain, language));
  BarSeries first{name_of(before, language), kPrevious, {}}, second{name_of(after, language), kLatest, {}};
  for (const auto& code : codes) {
    for (auto* series : {&first, &second}) {
      const auto* side = series == &first ? "before" : "after";
      double sum = 0;
      std::size_t n = 0;
      for (const auto& row : institutions)
        if (row["before"].is_object() && row["after"].is_object())
          if (const auto value = percent_of(row[side]["domains"].value(code, json(nullptr)))) {
            sum += *value;
            ++n;
          }
      series->values.push_back(n ? std::optional<double>(sum / static_cast<double>(n)) : std::nullopt);
    }
  }
  if (institutions.empty())
    document.text(say(kNone, language));
  else
    bar_chart(document, labels, {first, second});

  const auto change = [&](const json& value) -> std::string {
    if (!value.is_number()) return "—";
    const int points = domain::rounded_percent(value.get<double>());
    const auto figure = points > 0   ? "▲ +" + std::to_string(points)
                        : points < 0 ? "▼ −" + std::to_string(-points)
                                     : std::string("= 0");
    return language == Language::Arabic ? isolated(figure) : figure;
  };
  document.heading(say(kChange, language));
  document.text(say(kChangeNote, language));
  std::vector<Column> columns = {{say(kInstitution, language), 3.4}};
  for (const auto& code : codes) columns.push_back({code, 1});
  columns.push_back({say(kOverall, language), 1.3});
  std::vector<std::vector<std::string>> rows;
  for (const auto& row : institutions) {
    std::vector<std::string> line = {name_of(row, language)};
    if (!row["before"].is_object() || !row["after"].is_object()) {
      line[0] += " (" + say(kOnlyOne, language) + ")";
      for (std::size_t c = 0; c <= codes.size(); ++c) line.push_back("—");
    } else {
      for (const auto& code : codes) line.push_back(change(row["change"]["domains"].value(code, json(nullptr))));
      line.push_back(change(row["change"]["overall"]));
    }
    rows.push_back(std::move(line));
  }
  if (rows.empty())
    document.text(say(kNone, language));
  else
    document.table(columns, rows);
  for (const auto& d : comparison["domains"]) domain_rows.push_back({text_of(d["code"]), name_of(d, language)});
  document.heading(say(kDomains, language));
  document.table({{say(kCode, language), 1}, {say(kDomain, language), 6}}, domain_rows);

  for (const auto& [key, phrase] :
       {std::pair{"resolved", kResolved}, {"persisted", kPersisted}, {"appeared", kAppeared}}) {
    document.heading(say(phrase, language) + " (" + std::to_string(comparison["shortcomings"][key].size()) + ")");
    std::vector<std::vector<std::string>> items;
    for (const auto& item : comparison["shortcomings"][key])
      items.push_back({name_of(item, language, "institution_name"), text_of(item["criterion_code"]),
                       in_language(text_of(item["criterion_text_ar"]), text_of(item["criterion_text_fr"]), language),
                       item["score_before"].is_number() ? std::to_string(item["score_before"].get<int>()) : "—",
                       item["score_after"].is_number() ? std::to_string(item["score_after"].get<int>()) : "—"});
    if (items.empty())
      document.text(say(kNone, language));
    else
      document.table({{say(kInstitution, language), 2.4},
                      {say(kCode, language), 0.8},
                      {say(kCriterion, language), 3.6},
                      {say(kBefore, language), 1},
                      {say(kAfter, language), 1}},
                     items);
  }
  return document.finish();
}

std::string document_file_name(std::string_view kind, const std::string& key, Language language) {
  const bool arabic = language == Language::Arabic;
  std::string stem = kind == "card"        ? (arabic ? "بطاقة-تقنية-" : "fiche-technique-")
                     : kind == "synthesis" ? (arabic ? "تركيب-الحملة-" : "synthese-campagne-")
                     : kind == "programme" ? (arabic ? "برنامج-العمل-" : "programme-action-")
                                           : (arabic ? "مقارنة-" : "comparaison-");
  return stem + key + ".pdf";
}

}  // namespace riaya::reports
