#include "store/registry_tables.hpp"

#include <array>

namespace riaya::store {
namespace {

// What a line of inventory or needs shows of its institution and catalogue item.
constexpr std::string_view kEquipmentDisplay =
    "i.name_ar AS institution_name_ar, i.name_fr AS institution_name_fr, e.code AS item_code,"
    " e.name_ar AS item_name_ar, e.name_fr AS item_name_fr, e.unit AS item_unit, e.category AS item_category";

const std::array<TableSpec, 16>& tables() {
  static const std::array<TableSpec, 16> specs = {{
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
       .from = "agreements r JOIN associations a ON a.id = r.association_id JOIN territories t ON t.id = a.territory_id",
       .display_columns = "a.name_ar AS association_name_ar, a.name_fr AS association_name_fr",
       .territory_path = "t.path",
       .association_id = "r.association_id",
       .filters = {{"association_id", "r.association_id = :association_id"}}},
      {.resource = "institutions",
       .from = "institutions r JOIN territories c ON c.id = r.commune_id "
               "JOIN associations a ON a.id = r.association_id JOIN categories k ON k.code = r.category",
       .count_from = "institutions r JOIN territories c ON c.id = r.commune_id",
       .display_columns = "a.name_ar AS association_name_ar, a.name_fr AS association_name_fr, "
                          "c.name_ar AS commune_name_ar, c.name_fr AS commune_name_fr, "
                          "k.name_ar AS category_name_ar, k.name_fr AS category_name_fr, k.name_en AS category_name_en",
       .territory_path = "c.path",
       .association_id = "r.association_id",
       .filters = {{"territory_id",
                    "c.path LIKE (SELECT x.path FROM territories x WHERE x.id = :territory_id) || '%'"},
                   {"category", "r.category = :category"},
                   {"association_id", "r.association_id = :association_id"},
                   {"status", "r.status = :status"}}},
      {.resource = "staff",
       .from = "staff r JOIN institutions i ON i.id = r.institution_id JOIN territories c ON c.id = i.commune_id",
       .display_columns = "i.name_ar AS institution_name_ar, i.name_fr AS institution_name_fr",
       .territory_path = "c.path",
       .association_id = "i.association_id",
       .filters = {{"institution_id", "r.institution_id = :institution_id"},
                   {"association_id", "i.association_id = :association_id"},
                   {"territory_id", "c.path LIKE (SELECT x.path FROM territories x WHERE x.id = :territory_id) || '%'"}}},
      {.resource = "grids", .from = "grids r", .reference_data = true},
      {.resource = "campaigns",
       .from = "campaigns r JOIN territories t ON t.id = r.territory_id JOIN grids g ON g.id = r.grid_id",
       .display_columns = "t.name_ar AS territory_name_ar, t.name_fr AS territory_name_fr, "
                          "g.name_ar AS grid_name_ar, g.name_fr AS grid_name_fr",
       .territory_path = "t.path",
       .assessor_condition = "EXISTS (SELECT 1 FROM assessments y JOIN assessment_assessors x ON x.assessment_id = y.id"
                             " WHERE y.campaign_id = r.id AND x.user_id = :caller_user)",
       .filters = {{"territory_id", "t.path LIKE (SELECT x.path FROM territories x WHERE x.id = :territory_id) || '%'"},
                   {"status", "r.status = :status"}}},
      {.resource = "assessments",
       .from = "assessments r JOIN institutions i ON i.id = r.institution_id JOIN territories c ON c.id = i.commune_id "
               "JOIN campaigns m ON m.id = r.campaign_id",
       .territory_path = "c.path",
       .association_id = "i.association_id",
       .assessor_condition = "EXISTS (SELECT 1 FROM assessment_assessors x WHERE x.assessment_id = r.id"
                             " AND x.user_id = :caller_user)"},
      {.resource = "shortcomings",
       .from = "shortcomings r JOIN institutions i ON i.id = r.institution_id JOIN territories c ON c.id = i.commune_id",
       .display_columns = "i.name_ar AS institution_name_ar, i.name_fr AS institution_name_fr, "
                          "c.name_ar AS commune_name_ar, c.name_fr AS commune_name_fr, "
                          "r.criterion_text_ar, r.criterion_text_fr, r.assessment_id, r.resolved_by_assessment_id",
       .territory_path = "c.path",
       .association_id = "i.association_id",
       .filters = {{"territory_id", "c.path LIKE (SELECT x.path FROM territories x WHERE x.id = :territory_id) || '%'"},
                   {"institution_id", "r.institution_id = :institution_id"},
                   {"domain_code", "r.domain_code = :domain_code"},
                   {"severity", "r.severity = :severity"},
                   {"status", "r.status = :status"},
                   {"source", "r.source = :source"}}},
      {.resource = "equipment_items", .from = "equipment_items r", .reference_data = true,
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
               "JOIN territories c ON c.id = i.commune_id JOIN equipment_items e ON e.id = r.item_id",
       .display_columns = kEquipmentDisplay,
       .territory_path = "c.path",
       .association_id = "i.association_id",
       .filters = {{"territory_id", "c.path LIKE (SELECT x.path FROM territories x WHERE x.id = :territory_id) || '%'"},
                   {"institution_id", "r.institution_id = :institution_id"},
                   {"item_id", "r.item_id = :item_id"},
                   {"category", "e.category = :category"},
                   {"priority", "r.priority = :priority"},
                   {"status", "r.status = :status"}}},
      {.resource = "trainings",
       .from = "trainings r JOIN territories t ON t.id = r.territory_id",
       .display_columns = "t.name_ar AS territory_name_ar, t.name_fr AS territory_name_fr,"
                          " (SELECT COUNT(*) FROM training_participants n WHERE n.training_id = r.id) AS participant_count",
       .territory_path = "t.path",
       .association_condition = "EXISTS (SELECT 1 FROM training_participants n JOIN staff s ON s.id = n.staff_id"
                                " JOIN institutions i ON i.id = s.institution_id WHERE n.training_id = r.id"
                                " AND i.association_id = :scope_association)",
       .integer_columns = {"participant_count"},
       .filters = {{"territory_id", "t.path LIKE (SELECT x.path FROM territories x WHERE x.id = :territory_id) || '%'"},
                   {"domain", "r.domain = :domain"}}},
      {.resource = "users",
       .from = "users r LEFT JOIN territories t ON t.id = r.scope_territory_id "
               "LEFT JOIN associations a ON a.id = r.scope_association_id "
               "LEFT JOIN territories at ON at.id = a.territory_id",
       .display_columns = "r.must_change_password, "
                          "COALESCE(t.name_ar, a.name_ar) AS scope_name_ar, COALESCE(t.name_fr, a.name_fr) AS scope_name_fr",
       .territory_path = "COALESCE(t.path, at.path)",
       .association_id = "r.scope_association_id",
       .filters = {{"role", "r.role = :role"}}},
  }};
  return specs;
}

}  // namespace

const TableSpec* find_table(std::string_view resource) {
  for (const auto& table : tables())
    if (table.resource == resource) return &table;
  return nullptr;
}

}  // namespace riaya::store
