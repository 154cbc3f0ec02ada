#include "store/registry_tables.hpp"

#include "domain/money.hpp"
#include "domain/statistics.hpp"
#include "store/assessments.hpp"
#include "store/beneficiaries.hpp"
#include "store/indicator_sums.hpp"
#include "store/programme.hpp"
#include "store/services.hpp"
#include "store/statistics.hpp"

#include <algorithm>
#include <array>
#include <cctype>

namespace riaya::store {
namespace {

// What a line of inventory or needs shows of its institution and catalogue item.
constexpr std::string_view kEquipmentDisplay =
    "i.name_ar AS institution_name_ar, i.name_fr AS institution_name_fr, e.code AS item_code,"
    " e.name_ar AS item_name_ar, e.name_fr AS item_name_fr, e.unit AS item_unit, e.category AS item_category";

const std::array<TableSpec, 31>& tables() {
  // A need shows, besides, the action that plans it.
  static const std::string need_display = std::string(kEquipmentDisplay) +
                                          ", r.action_id, x.title_ar AS action_title_ar, x.title_fr AS action_title_fr,"
                                          " x.status AS action_status";
  // An action's overdue rule (domain/money.hpp): the filter's parameter is the day to compare with.
  static const std::string overdue_filter = domain::overdue_sql("r", "overdue");
  // A programme shows, besides, the sums and counts of its actions.
  static const std::string programme_display =
      std::string("t.name_ar AS territory_name_ar, t.name_fr AS territory_name_fr, ") +
      "(SELECT COALESCE(SUM(x.estimated_cost_centimes), 0) FROM actions x WHERE x.programme_id = r.id"
      " AND x.archived_at IS NULL AND x.status <> 'cancelled') AS cost_centimes, "
      "(SELECT COALESCE(SUM(f.amount_centimes), 0) FROM funding_lines f JOIN actions x ON x.id = f.action_id"
      " WHERE x.programme_id = r.id AND x.archived_at IS NULL AND x.status <> 'cancelled'"
      " AND f.archived_at IS NULL) AS funded_centimes, "
      "(SELECT COUNT(*) FROM actions x WHERE x.programme_id = r.id AND x.archived_at IS NULL"
      " AND x.status <> 'cancelled') AS actions, "
      "(SELECT COUNT(*) FROM actions x WHERE x.programme_id = r.id AND x.archived_at IS NULL"
      " AND x.status = 'done') AS actions_done, "
      "(SELECT COUNT(*) FROM actions x WHERE x.programme_id = r.id AND x.archived_at IS NULL"
      " AND " +
      domain::overdue_sql("x", "today") + ") AS actions_overdue";
  // A month's statistics show the total present, of each sex and in all.
  static const std::string statistics_display =
      "i.name_ar AS institution_name_ar, i.name_fr AS institution_name_fr, i.capacity AS institution_capacity,"
      " i.category AS institution_category, (" +
      domain::present_sql('f') + ") AS present_f, (" + domain::present_sql('m') + ") AS present_m, (" +
      domain::present_sql('f') + " + " + domain::present_sql('m') + ") AS present_total, r.computed";
  static const std::array<TableSpec, 31> specs = {{
      {.resource = "territories",
       .from = "territories r LEFT JOIN territories p ON p.id = r.parent_id",
       .display_columns = "p.name_ar AS parent_name_ar, p.name_fr AS parent_name_fr",
       .territory_path = "r.path",
       .reference_data = true,
       .filters = {{"level", "r.level = :level"}, {"parent_id", "r.parent_id = :parent_id"}}},
      {.resource = "categories", .from = "categories r", .reference_data = true},
      {.resource = "associations",
       .from = "associations r JOIN territories t ON t.id = r.territory_id",
       .display_columns = "t.name_ar AS territory_name_ar, t.name_fr AS territory_name_fr",
       .territory_path = "t.path",
       .association_id = "r.id",
       .filters = {{"territory_id",
                    "t.path LIKE (SELECT x.path FROM territories x WHERE x.id = :territory_id) || '%'"}}},
      {.resource = "documents",
       .from = "documents r JOIN associations a ON a.id = r.association_id JOIN territories t ON t.id = a.territory_id",
       .display_columns = "a.name_ar AS association_name_ar, a.name_fr AS association_name_fr",
       .territory_path = "t.path",
       .association_id = "r.association_id",
       .filters = {{"association_id", "r.association_id = :association_id"},
                   {"expiring_within_days", "r.expires_on IS NOT NULL AND r.expires_on <= :expiring_within_days"}}},
      {.resource = "agreements",
       .from =
           "agreements r JOIN associations a ON a.id = r.association_id JOIN territories t ON t.id = a.territory_id",
       .display_columns = "a.name_ar AS association_name_ar, a.name_fr AS association_name_fr",
       .territory_path = "t.path",
       .association_id = "r.association_id",
       .filters = {{"association_id", "r.association_id = :association_id"}}},
      // LEFT JOIN categories: every institution has its category (a required reference), so it is
      // the same join, but one the planner does not start from: it would read the institutions
      // category by category and sort them all, where a page walks the index of its order.
      {.resource = "institutions",
       .from = "institutions r JOIN territories c ON c.id = r.commune_id "
               "JOIN associations a ON a.id = r.association_id LEFT JOIN categories k ON k.code = r.category",
       .count_from = "institutions r JOIN territories c ON c.id = r.commune_id",
       .display_columns =
           "a.name_ar AS association_name_ar, a.name_fr AS association_name_fr, "
           "c.name_ar AS commune_name_ar, c.name_fr AS commune_name_fr, "
           "k.name_ar AS category_name_ar, k.name_fr AS category_name_fr, k.name_en AS category_name_en, "
           "r.keeps_register",
       .territory_path = "c.path",
       .association_id = "r.association_id",
       .filters = {{"territory_id", "c.path LIKE (SELECT x.path FROM territories x WHERE x.id = :territory_id) || '%'"},
                   {"category", "r.category = :category"},
                   {"association_id", "r.association_id = :association_id"},
                   {"status", "r.status = :status"},
                   // The active institutions that have not reported a month's statistics.
                   {"unreported_month",
                    "r.status = 'active' AND NOT EXISTS (SELECT 1 FROM monthly_statistics s"
                    " WHERE s.institution_id = r.id AND s.month = :unreported_month AND s.archived_at IS NULL)"}},
       .after_write = institution_written},
      {.resource = "staff",
       .from = "staff r JOIN institutions i ON i.id = r.institution_id JOIN territories c ON c.id = i.commune_id",
       .display_columns = "i.name_ar AS institution_name_ar, i.name_fr AS institution_name_fr",
       .territory_path = "c.path",
       .association_id = "i.association_id",
       .filters = {{"institution_id", "r.institution_id = :institution_id"},
                   {"association_id", "i.association_id = :association_id"},
                   {"territory_id", "c.path LIKE (SELECT x.path FROM territories x WHERE x.id = :territory_id) || '%'"},
                   {"institution_category", "i.category = :institution_category"}},
       .derived_columns = staff_derived_columns,
       .scope_reference = "institution_id"},
      // Not a resource of the API: the indicators' sums of each province (store/indicator_sums.hpp),
      // read in the scope of a caller whose territory is a province or more.
      {.resource = "indicator_province_sums",
       .from = "indicator_province_sums r JOIN territories c ON c.id = r.province_id",
       .territory_path = "c.path",
       .filters = {{"territory_id",
                    "c.path LIKE (SELECT x.path FROM territories x WHERE x.id = :territory_id) || '%'"}}},
      {.resource = "grids", .from = "grids r", .territory_owned = true},
      {.resource = "campaigns",
       .from = "campaigns r JOIN territories t ON t.id = r.territory_id JOIN grids g ON g.id = r.grid_id",
       .display_columns = "t.name_ar AS territory_name_ar, t.name_fr AS territory_name_fr, "
                          "g.name_ar AS grid_name_ar, g.name_fr AS grid_name_fr",
       .territory_path = "t.path",
       .assessor_condition = "EXISTS (SELECT 1 FROM assessments y JOIN assessment_assessors x ON x.assessment_id = y.id"
                             " WHERE y.campaign_id = r.id AND x.user_id = :caller_user)",
       // An association sees the campaigns covering its territory (to start self-assessments).
       .association_condition = "EXISTS (SELECT 1 FROM associations sa JOIN territories st ON st.id = sa.territory_id"
                                " WHERE sa.id = :scope_association AND st.path LIKE t.path || '%')",
       .filters = {{"territory_id", "t.path LIKE (SELECT x.path FROM territories x WHERE x.id = :territory_id) || '%'"},
                   {"status", "r.status = :status"}}},
      {.resource = "assessments",
       .from = "assessments r JOIN institutions i ON i.id = r.institution_id JOIN territories c ON c.id = i.commune_id "
               "JOIN campaigns m ON m.id = r.campaign_id",
       .territory_path = "c.path",
       .association_id = "i.association_id",
       .assessor_condition = "EXISTS (SELECT 1 FROM assessment_assessors x WHERE x.assessment_id = r.id"
                             " AND x.user_id = :caller_user)",
       .association_sees = "(r.kind = 'self' OR r.status = 'validated')",
       .filters = {{"campaign_id", "r.campaign_id = :campaign_id"},
                   {"institution_id", "r.institution_id = :institution_id"},
                   {"status", "r.status = :status"},
                   {"kind", "r.kind = :kind"},
                   {"territory_id", "c.path LIKE (SELECT x.path FROM territories x WHERE x.id = :territory_id) || '%'"},
                   {"association_id", "i.association_id = :association_id"},
                   {"institution_category", "i.category = :institution_category"}}},
      {.resource = "shortcomings",
       .from =
           "shortcomings r JOIN institutions i ON i.id = r.institution_id JOIN territories c ON c.id = i.commune_id",
       .display_columns = "i.name_ar AS institution_name_ar, i.name_fr AS institution_name_fr, "
                          "c.name_ar AS commune_name_ar, c.name_fr AS commune_name_fr, "
                          "r.criterion_text_ar, r.criterion_text_fr, r.assessment_id, r.resolved_by_assessment_id, "
                          "(SELECT COUNT(*) FROM action_shortcomings s WHERE s.shortcoming_id = r.id) AS actions",
       .territory_path = "c.path",
       .association_id = "i.association_id",
       .filters = {{"territory_id", "c.path LIKE (SELECT x.path FROM territories x WHERE x.id = :territory_id) || '%'"},
                   {"institution_id", "r.institution_id = :institution_id"},
                   {"association_id", "i.association_id = :association_id"},
                   {"institution_category", "i.category = :institution_category"},
                   {"domain_code", "r.domain_code = :domain_code"},
                   {"severity", "r.severity = :severity"},
                   {"status", "r.status = :status"},
                   {"source", "r.source = :source"},
                   {"action_id",
                    "EXISTS (SELECT 1 FROM action_shortcomings s WHERE s.shortcoming_id = r.id"
                    " AND s.action_id = :action_id)"}},
       .integer_columns = {"actions"},
       .check = check_shortcoming},
      {.resource = "programmes",
       .from = "programmes r JOIN territories t ON t.id = r.territory_id",
       .display_columns = programme_display,
       .territory_path = "t.path",
       .filters = {{"territory_id", "t.path LIKE (SELECT x.path FROM territories x WHERE x.id = :territory_id) || '%'"},
                   {"status", "r.status = :status"}},
       .integer_columns = {"cost_centimes", "funded_centimes", "actions", "actions_done", "actions_overdue"},
       .complete = complete_programme},
      {.resource = "actions",
       .from = "actions r JOIN programmes p ON p.id = r.programme_id JOIN territories t ON t.id = p.territory_id "
               "LEFT JOIN institutions i ON i.id = r.institution_id LEFT JOIN territories c ON c.id = i.commune_id",
       .display_columns = "p.name_ar AS programme_name_ar, p.name_fr AS programme_name_fr, "
                          "i.name_ar AS institution_name_ar, i.name_fr AS institution_name_fr, r.recommendation_id, "
                          "(SELECT COALESCE(SUM(f.amount_centimes), 0) FROM funding_lines f WHERE f.action_id = r.id"
                          " AND f.archived_at IS NULL) AS funded_centimes, "
                          "(SELECT COUNT(*) FROM action_shortcomings s WHERE s.action_id = r.id) AS shortcomings, "
                          "(SELECT COUNT(*) FROM equipment_needs n WHERE n.action_id = r.id"
                          " AND n.archived_at IS NULL) AS needs",
       .territory_path = "COALESCE(c.path, t.path)",
       .association_id = "i.association_id",
       .filters =
           {{"programme_id", "r.programme_id = :programme_id"},
            {"institution_id", "r.institution_id = :institution_id"},
            {"territory_id",
             "COALESCE(c.path, t.path) LIKE (SELECT x.path FROM territories x WHERE x.id = :territory_id) || '%'"},
            {"association_id", "i.association_id = :association_id"},
            {"status", "r.status = :status"},
            {"category", "r.category = :category"},
            {"institution_category", "i.category = :institution_category"},
            {"overdue", overdue_filter},
            {"shortcoming_id",
             "EXISTS (SELECT 1 FROM action_shortcomings s WHERE s.action_id = r.id"
             " AND s.shortcoming_id = :shortcoming_id)"}},
       .integer_columns = {"funded_centimes", "shortcomings", "needs"},
       .check = check_action,
       .after_write = after_action_write,
       .complete = complete_action},
      {.resource = "grants",
       .from = "grants r LEFT JOIN institutions i ON i.id = r.institution_id "
               "LEFT JOIN associations a ON a.id = COALESCE(r.association_id, i.association_id) "
               "LEFT JOIN territories c ON c.id = COALESCE(i.commune_id, a.territory_id)",
       .display_columns = "COALESCE(i.name_ar, a.name_ar) AS recipient_name_ar, "
                          "COALESCE(i.name_fr, a.name_fr) AS recipient_name_fr, "
                          "(SELECT COALESCE(SUM(f.amount_centimes), 0) FROM funding_lines f WHERE f.grant_id = r.id"
                          " AND f.archived_at IS NULL) AS allocated_centimes",
       .territory_path = "c.path",
       .association_id = "a.id",
       .filters = {{"association_id", "a.id = :association_id"},
                   {"institution_id", "r.institution_id = :institution_id"},
                   // What funds the institution: grants to it, and to its association as a whole.
                   {"for_institution_id",
                    "EXISTS (SELECT 1 FROM institutions y WHERE y.id = :for_institution_id"
                    " AND (r.institution_id = y.id OR r.association_id = y.association_id))"},
                   {"territory_id", "c.path LIKE (SELECT x.path FROM territories x WHERE x.id = :territory_id) || '%'"},
                   {"institution_category", "i.category = :institution_category"},
                   {"source", "r.source = :source"},
                   {"purpose", "r.purpose = :purpose"},
                   {"year", "substr(r.committed_on, 1, 4) = :year"}},
       .integer_columns = {"allocated_centimes"},
       .check = check_grant},
      {.resource = "funding_lines",
       .from = "funding_lines r JOIN grants g ON g.id = r.grant_id JOIN actions x ON x.id = r.action_id "
               "JOIN programmes p ON p.id = x.programme_id JOIN territories t ON t.id = p.territory_id "
               "LEFT JOIN institutions i ON i.id = x.institution_id LEFT JOIN territories c ON c.id = i.commune_id",
       .display_columns = "x.title_ar AS action_title_ar, x.title_fr AS action_title_fr, g.source AS grant_source, "
                          "g.source_name AS grant_source_name",
       .territory_path = "COALESCE(c.path, t.path)",
       .association_id = "i.association_id",
       .filters = {{"grant_id", "r.grant_id = :grant_id"},
                   {"action_id", "r.action_id = :action_id"},
                   {"programme_id", "x.programme_id = :programme_id"},
                   {"institution_id", "x.institution_id = :institution_id"}},
       .check = check_funding_line},
      {.resource = "meetings",
       .from = "meetings r JOIN territories t ON t.id = r.territory_id",
       .display_columns = "t.name_ar AS territory_name_ar, t.name_fr AS territory_name_fr",
       .territory_path = "t.path",
       .filters = {{"territory_id", "t.path LIKE (SELECT x.path FROM territories x WHERE x.id = :territory_id) || '%'"},
                   {"kind", "r.kind = :kind"}}},
      {.resource = "participants",
       .from =
           "participants r JOIN meetings m ON m.id = r.meeting_id JOIN territories t ON t.id = m.territory_id "
           "LEFT JOIN associations a ON a.id = r.association_id LEFT JOIN institutions i ON i.id = r.institution_id",
       .display_columns = "a.name_ar AS association_name_ar, a.name_fr AS association_name_fr, "
                          "i.name_ar AS institution_name_ar, i.name_fr AS institution_name_fr",
       .territory_path = "t.path",
       .filters = {{"meeting_id", "r.meeting_id = :meeting_id"}}},
      {.resource = "recommendations",
       .from = "recommendations r JOIN meetings m ON m.id = r.meeting_id JOIN territories t ON t.id = m.territory_id",
       .display_columns = "(SELECT x.id FROM actions x WHERE x.recommendation_id = r.id) AS action_id",
       .territory_path = "t.path",
       .filters = {{"meeting_id", "r.meeting_id = :meeting_id"},
                   // Not a list filter: the recommendations no action takes up (store/notices.cpp).
                   {"without_action", "NOT EXISTS (SELECT 1 FROM actions x WHERE x.recommendation_id = r.id)"}},
       .integer_columns = {"action_id"}},
      {.resource = "equipment_items",
       .from = "equipment_items r",
       .territory_owned = true,
       .filters = {{"category", "r.category = :category"}}},
      {.resource = "equipment_inventory",
       .from = "equipment_inventory r JOIN institutions i ON i.id = r.institution_id "
               "JOIN territories c ON c.id = i.commune_id JOIN equipment_items e ON e.id = r.item_id",
       .display_columns = kEquipmentDisplay,
       .territory_path = "c.path",
       .association_id = "i.association_id",
       .filters = {{"institution_id", "r.institution_id = :institution_id"},
                   {"item_id", "r.item_id = :item_id"},
                   {"category", "e.category = :category"},
                   {"condition", "r.condition = :condition"}}},
      {.resource = "equipment_needs",
       .from = "equipment_needs r JOIN institutions i ON i.id = r.institution_id "
               "JOIN territories c ON c.id = i.commune_id JOIN equipment_items e ON e.id = r.item_id "
               "LEFT JOIN actions x ON x.id = r.action_id",
       .count_from = "equipment_needs r JOIN institutions i ON i.id = r.institution_id "
                     "JOIN territories c ON c.id = i.commune_id JOIN equipment_items e ON e.id = r.item_id",
       .display_columns = need_display,
       .territory_path = "c.path",
       .association_id = "i.association_id",
       .filters = {{"territory_id", "c.path LIKE (SELECT x.path FROM territories x WHERE x.id = :territory_id) || '%'"},
                   {"institution_id", "r.institution_id = :institution_id"},
                   {"item_id", "r.item_id = :item_id"},
                   {"category", "e.category = :category"},
                   {"priority", "r.priority = :priority"},
                   {"status", "r.status = :status"},
                   {"action_id", "r.action_id = :action_id"}},
       .check = check_need},
      {.resource = "trainings",
       .from = "trainings r JOIN territories t ON t.id = r.territory_id",
       .display_columns =
           "t.name_ar AS territory_name_ar, t.name_fr AS territory_name_fr,"
           " (SELECT COUNT(*) FROM training_participants n WHERE n.training_id = r.id) AS participant_count",
       .territory_path = "t.path",
       .association_condition = "EXISTS (SELECT 1 FROM training_participants n JOIN staff s ON s.id = n.staff_id"
                                " JOIN institutions i ON i.id = s.institution_id WHERE n.training_id = r.id"
                                " AND i.association_id = :scope_association)",
       .filters = {{"territory_id", "t.path LIKE (SELECT x.path FROM territories x WHERE x.id = :territory_id) || '%'"},
                   {"domain", "r.domain = :domain"},
                   // The sessions a staff member of the institution (of the association) attended.
                   {"institution_id",
                    "EXISTS (SELECT 1 FROM training_participants n JOIN staff s ON s.id = n.staff_id"
                    " WHERE n.training_id = r.id AND s.institution_id = :institution_id)"},
                   {"association_id",
                    "EXISTS (SELECT 1 FROM training_participants n JOIN staff s ON s.id = n.staff_id"
                    " JOIN institutions i ON i.id = s.institution_id WHERE n.training_id = r.id"
                    " AND i.association_id = :association_id)"}},
       .integer_columns = {"participant_count"}},
      {.resource = "users",
       .from = "users r LEFT JOIN territories t ON t.id = r.scope_territory_id "
               "LEFT JOIN associations a ON a.id = r.scope_association_id "
               "LEFT JOIN territories at ON at.id = a.territory_id",
       .display_columns =
           "r.must_change_password, "
           "COALESCE(t.name_ar, a.name_ar) AS scope_name_ar, COALESCE(t.name_fr, a.name_fr) AS scope_name_fr",
       .territory_path = "COALESCE(t.path, at.path)",
       .association_id = "r.scope_association_id",
       .filters = {{"role", "r.role = :role"}}},
      {.resource = "monthly_statistics",
       .from = "monthly_statistics r JOIN institutions i ON i.id = r.institution_id "
               "JOIN territories c ON c.id = i.commune_id",
       .display_columns = statistics_display,
       .territory_path = "c.path",
       .association_id = "i.association_id",
       .filters = {{"institution_id", "r.institution_id = :institution_id"},
                   {"association_id", "i.association_id = :association_id"},
                   {"territory_id", "c.path LIKE (SELECT x.path FROM territories x WHERE x.id = :territory_id) || '%'"},
                   {"category", "i.category = :category"},
                   {"month", "r.month = :month"},
                   // The months September to August of the school year "YYYY-YYYY" (checked by the API).
                   {"school_year",
                    "r.month BETWEEN substr(:school_year, 1, 4) || '-09' AND substr(:school_year, 6, 4) || '-08'"}},
       .integer_columns = {"present_f", "present_m", "present_total", "institution_capacity", "computed"},
       .check = check_monthly_statistics,
       .after_write = institution_figures_written,
       .scope_reference = "institution_id"},
      {.resource = "service_items",
       .from = "service_items r",
       .territory_owned = true,
       // Not a list filter: the items that may serve an institution whose commune has the path
       // :serves_path (national ones, and those of a territory holding it); see check_institution_service.
       .filters = {{"serves_path",
                    "(r.territory_id IS NULL OR EXISTS (SELECT 1 FROM territories st WHERE st.id = r.territory_id"
                    " AND :serves_path LIKE st.path || '%'))"}}},
      {.resource = "institution_services",
       .from = "institution_services r JOIN institutions i ON i.id = r.institution_id "
               "JOIN territories c ON c.id = i.commune_id JOIN service_items v ON v.id = r.service_id",
       .display_columns = "i.name_ar AS institution_name_ar, i.name_fr AS institution_name_fr, v.code AS service_code,"
                          " v.name_ar AS service_name_ar, v.name_fr AS service_name_fr, v.name_en AS service_name_en",
       .territory_path = "c.path",
       .association_id = "i.association_id",
       .filters = {{"institution_id", "r.institution_id = :institution_id"},
                   {"association_id", "i.association_id = :association_id"},
                   {"territory_id", "c.path LIKE (SELECT x.path FROM territories x WHERE x.id = :territory_id) || '%'"},
                   {"category", "i.category = :category"},
                   {"service_id", "r.service_id = :service_id"}},
       .check = check_institution_service},
      {.resource = "activities",
       .from = "activities r JOIN institutions i ON i.id = r.institution_id "
               "JOIN territories c ON c.id = i.commune_id",
       .display_columns = "i.name_ar AS institution_name_ar, i.name_fr AS institution_name_fr,"
                          " i.category AS institution_category, c.name_ar AS commune_name_ar,"
                          " c.name_fr AS commune_name_fr, (r.participants_f + r.participants_m) AS participants_total",
       .territory_path = "c.path",
       .association_id = "i.association_id",
       .filters = {{"institution_id", "r.institution_id = :institution_id"},
                   {"association_id", "i.association_id = :association_id"},
                   {"territory_id", "c.path LIKE (SELECT x.path FROM territories x WHERE x.id = :territory_id) || '%'"},
                   {"category", "i.category = :category"},
                   {"activity_kind", "r.activity_kind = :activity_kind"},
                   {"date_from", "r.activity_date >= :date_from"},
                   {"date_to", "r.activity_date <= :date_to"},
                   // September 1st to August 31st of the school year "YYYY-YYYY" (checked by the API).
                   {"school_year",
                    "r.activity_date BETWEEN substr(:school_year, 1, 4) || '-09-01'"
                    " AND substr(:school_year, 6, 4) || '-08-31'"}},
       .integer_columns = {"participants_total"},
       .check = check_activity},
      // The individual register: a beneficiary shows its institution, its origin commune, its
      // year of birth (kept once anonymised) and the level of its latest school year.
      {.resource = "beneficiaries",
       .from = "beneficiaries r JOIN institutions i ON i.id = r.institution_id "
               "JOIN territories c ON c.id = i.commune_id LEFT JOIN territories o ON o.id = r.origin_commune_id",
       .count_from = "beneficiaries r JOIN institutions i ON i.id = r.institution_id "
                     "JOIN territories c ON c.id = i.commune_id",
       .display_columns =
           "i.name_ar AS institution_name_ar, i.name_fr AS institution_name_fr, i.category AS institution_category,"
           " o.name_ar AS origin_commune_name_ar, o.name_fr AS origin_commune_name_fr, r.anonymised_at,"
           " COALESCE(CAST(substr(r.birth_date, 1, 4) AS INTEGER), r.birth_year) AS birth_year,"
           " (SELECT y.level FROM beneficiary_years y WHERE y.beneficiary_id = r.id AND y.archived_at IS NULL"
           " ORDER BY y.school_year DESC LIMIT 1) AS current_level",
       .territory_path = "c.path",
       .association_id = "i.association_id",
       .filters = {{"institution_id", "r.institution_id = :institution_id"},
                   {"association_id", "i.association_id = :association_id"},
                   {"territory_id", "c.path LIKE (SELECT x.path FROM territories x WHERE x.id = :territory_id) || '%'"},
                   {"category", "i.category = :category"},
                   {"sex", "r.sex = :sex"},
                   {"present_on",
                    "r.admission_date <= :present_on AND (r.exit_date IS NULL OR r.exit_date >= :present_on)"},
                   // In the institution some day of the school year "YYYY-YYYY" (checked by the API).
                   {"school_year",
                    "r.admission_date <= substr(:school_year, 6, 4) || '-08-31'"
                    " AND (r.exit_date IS NULL OR r.exit_date >= substr(:school_year, 1, 4) || '-09-01')"},
                   {"exited", "(CASE WHEN r.exit_date IS NULL THEN 'false' ELSE 'true' END) = :exited"}},
       .integer_columns = {"birth_year"},
       .check = check_beneficiary,
       .derived_columns = beneficiary_derived_columns,
       .after_write = institution_figures_written,
       .complete = complete_beneficiary,
       .scope_reference = "institution_id"},
      {.resource = "beneficiary_years",
       .from = "beneficiary_years r JOIN beneficiaries b ON b.id = r.beneficiary_id "
               "JOIN institutions i ON i.id = b.institution_id JOIN territories c ON c.id = i.commune_id",
       .display_columns = "b.institution_id AS institution_id, b.sex AS sex",
       .territory_path = "c.path",
       .association_id = "i.association_id",
       .filters = {{"beneficiary_id", "r.beneficiary_id = :beneficiary_id"},
                   {"institution_id", "b.institution_id = :institution_id"},
                   {"school_year", "r.school_year = :school_year"},
                   {"result", "r.result = :result"},
                   {"level", "r.level = :level"}},
       .check = check_beneficiary_year,
       .after_write = institution_figures_written},
      // Not a registry resource: the audit log, as store::list_audit reads it. An entry is in
      // the territory it is scoped in; one scoped nowhere, in the territory of the user who made
      // it; for an association, the entries scoped in it.
      {.resource = "audit_log",
       .from = "audit_log r",
       .territory_path = "r.scope_path",
       .association_id = "r.scope_association_id",
       .territory_condition =
           "({path} OR (r.scope_path IS NULL AND r.user_id IN (SELECT u.id FROM users u"
           " LEFT JOIN territories ut ON ut.id = u.scope_territory_id LEFT JOIN associations ua ON ua.id ="
           " u.scope_association_id LEFT JOIN territories uat ON uat.id = ua.territory_id"
           " WHERE COALESCE(ut.path, uat.path) LIKE :scope_path)))"},
  }};
  return specs;
}

}  // namespace

std::span<const TableSpec> all_tables() { return tables(); }

const TableSpec* find_table(std::string_view resource) {
  for (const auto& table : tables())
    if (table.resource == resource) return &table;
  return nullptr;
}

namespace {

// Adds to `tables` each name that follows FROM or JOIN in `sql` (a table or a subquery's).
void add_named_tables(std::string_view sql, Tables& tables) {
  for (const std::string_view keyword : {"FROM ", "JOIN "})
    for (auto at = sql.find(keyword); at != std::string_view::npos; at = sql.find(keyword, at + 1)) {
      const auto start = at + keyword.size();
      auto end = start;
      while (end < sql.size() && (std::islower(static_cast<unsigned char>(sql[end])) || sql[end] == '_')) ++end;
      if (end > start) tables.push_back(sql.substr(start, end - start));
    }
}

}  // namespace

namespace {

// The tables named in the SQL of `spec`, `resource` included.
Tables named_tables(std::string_view resource, const TableSpec& spec) {
  Tables tables{resource};
  for (const auto sql :
       {spec.from, spec.count_from, spec.display_columns, spec.territory_path, spec.association_id,
        spec.assessor_condition, spec.association_condition, spec.territory_condition, spec.association_sees})
    add_named_tables(sql, tables);
  for (const auto& [name, condition] : spec.filters) add_named_tables(condition, tables);
  // A territory-owned record's scope condition reads its territory (store/scoped_select.cpp).
  if (spec.territory_owned) tables.emplace_back("territories");
  return tables;
}

}  // namespace

Tables read_tables(std::string_view resource) {
  const auto* spec = find_table(resource);
  if (!spec) return {resource};
  auto tables = named_tables(resource, *spec);
  // A filter naming an institution or an association first reads that record in the caller's
  // scope (store/records.cpp, listed).
  for (const auto& [name, condition] : spec->filters) {
    const std::string_view named = name == "association_id"                                   ? "associations"
                                   : name == "institution_id" || name == "for_institution_id" ? "institutions"
                                                                                              : "";
    if (const auto* other = named.empty() ? nullptr : find_table(named)) {
      const auto more = named_tables(named, *other);
      tables.insert(tables.end(), more.begin(), more.end());
    }
  }
  std::sort(tables.begin(), tables.end());
  tables.erase(std::unique(tables.begin(), tables.end()), tables.end());
  return tables;
}

Tables read_tables(std::initializer_list<std::string_view> resources) {
  Tables tables;
  for (const auto resource : resources) {
    const auto more = read_tables(resource);
    tables.insert(tables.end(), more.begin(), more.end());
  }
  std::sort(tables.begin(), tables.end());
  tables.erase(std::unique(tables.begin(), tables.end()), tables.end());
  return tables;
}

}  // namespace riaya::store
