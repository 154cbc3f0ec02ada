#include "store/trainings.hpp"

#include "domain/schema.hpp"
#include "store/query.hpp"
#include "store/records.hpp"

#include <algorithm>
#include <cmath>
#include <set>

namespace riaya::store {
namespace {

using domain::ErrorCode;
using domain::fail;
using domain::Result;
using nlohmann::json;

const domain::EntitySpec& trainings() { return *domain::find_spec("trainings"); }

// ":s0, :s1, …": one parameter for each of `ids`, bound by the caller as s0, s1, ….
std::string in_list(const std::vector<long long>& ids) {
  std::string list;
  for (std::size_t i = 0; i < ids.size(); ++i) list += (i ? ", :s" : ":s") + std::to_string(i);
  return list;
}

// SELECT `columns` over the participants of training :training whom the caller's scope
// reaches (staff alias r, institution i, commune c, participation n), then `rest`.
Query participants_query(const std::string& columns, const Caller& caller, ScopeUse use, long long training_id,
                         const std::string& rest = "") {
  return scoped_select("staff", caller, use)
      .join("JOIN training_participants n ON n.staff_id = r.id")
      .where("n.training_id = :training")
      .bind("training", training_id)
      .select(columns, rest);
}

json participants(soci::session& session, std::string_view collation, const Caller& caller, long long training_id) {
  json items = json::array();
  for (auto& row : participants_query("r.id AS staff_id, r.full_name, r.function, r.institution_id,"
                                      " i.name_ar AS institution_name_ar, i.name_fr AS institution_name_fr,"
                                      " r.archived_at, n.added_at",
                                      caller, ScopeUse::Read, training_id,
                                      " ORDER BY r.full_name " + std::string(collation) + ", r.id")
                       .rows(session))
    items.push_back(std::move(row));
  const auto total = items.size();
  return {{"items", std::move(items)}, {"total", total}};
}

std::vector<long long> participant_ids(soci::session& session, long long training_id) {
  std::vector<long long> ids;
  for (const auto& row : Query("SELECT staff_id FROM training_participants WHERE training_id = :t ORDER BY staff_id")
                             .bind("t", training_id)
                             .rows(session))
    ids.push_back(row["staff_id"].get<long long>());
  return ids;
}

enum class Change { Add, Remove };

Result<json> change_participants(Database& db, const Caller& caller, long long training_id,
                                 const ParticipantChange& body, Change change) {
  const auto version = body.version;
  const auto& ids = body.staff_ids;
  return db.write([&](soci::session& session) -> Result<json> {
    auto training = record_for_change(session, trainings(), caller, training_id, version);
    if (!training) return training;
    const auto before = participant_ids(session, training_id);
    std::set<long long> reachable;
    if (change == Change::Add) {
      // Live staff in the caller's scope, under the training's territory.
      auto staff = scoped_select("staff", caller, ScopeUse::Write);
      staff.where("r.id IN (" + in_list(ids) + ")")
          .live()
          .where("c.path LIKE (SELECT x.path FROM territories x WHERE x.id = :territory) || '%'")
          .bind("territory", (*training)["territory_id"]);
      for (std::size_t i = 0; i < ids.size(); ++i) staff.bind("s" + std::to_string(i), ids[i]);
      for (const auto& row : staff.select("r.id").rows(session)) reachable.insert(row["id"].get<long long>());
    } else {
      for (const auto& row : participants_query("r.id", caller, ScopeUse::Write, training_id).rows(session))
        reachable.insert(row["id"].get<long long>());
    }
    for (const auto id : ids) {
      if (!reachable.contains(id)) return fail(ErrorCode::InvalidReference, "staff_ids", {{"staff_id", id}});
      if (change == Change::Add && std::binary_search(before.begin(), before.end(), id))
        return fail(ErrorCode::Duplicate, "staff_ids", {{"staff_id", id}});
    }
    const auto now = utc_now();
    for (const auto id : ids) {
      Query(change == Change::Add
                ? "INSERT INTO training_participants (training_id, staff_id, added_at) VALUES (:t, :s, :now)"
                : "DELETE FROM training_participants WHERE training_id = :t AND staff_id = :s")
          .bind("t", training_id)
          .bind("s", id)
          .bind("now", now)
          .execute(session);
    }
    auto record = record_changed(session, trainings(), caller, training_id, version,
                                 change == Change::Add ? "add_participants" : "remove_participants",
                                 {{"participants", before}}, {{"participants", participant_ids(session, training_id)}});
    if (!record) return record;
    (*record)["participants"] = participants(session, db.arabic_collation(), caller, training_id);
    return record;
  });
}

}  // namespace

Result<json> list_participants(Database& db, const Caller& caller, long long training_id) {
  if (auto training = get_record(db, trainings(), caller, training_id); !training)
    return std::unexpected(training.error());
  return db.read(
      [&](soci::session& session) { return participants(session, db.arabic_collation(), caller, training_id); });
}

Result<json> add_participants(Database& db, const Caller& caller, long long training_id,
                              const ParticipantChange& body) {
  return change_participants(db, caller, training_id, body, Change::Add);
}

Result<json> remove_participants(Database& db, const Caller& caller, long long training_id,
                                 const ParticipantChange& body) {
  return change_participants(db, caller, training_id, body, Change::Remove);
}

Result<json> staff_trainings(Database& db, const Caller& caller, long long staff_id) {
  if (auto member = get_record(db, *domain::find_spec("staff"), caller, staff_id); !member)
    return std::unexpected(member.error());
  return db.read([&](soci::session& session) {
    json items = json::array();
    double hours = 0;
    for (auto& row : Query("SELECT t.id, t.topic, t.domain, t.starts_on, t.ends_on, t.hours, t.trainer, t.organiser,"
                           " t.territory_id FROM training_participants n JOIN trainings t ON t.id = n.training_id"
                           " WHERE n.staff_id = :staff AND t.archived_at IS NULL ORDER BY t.starts_on DESC, t.id DESC")
                         .bind("staff", staff_id)
                         .rows(session)) {
      if (row["hours"].is_number()) hours += row["hours"].get<double>();
      items.push_back(std::move(row));
    }
    const auto total = items.size();
    return json{{"staff_id", staff_id}, {"items", std::move(items)}, {"total", total}, {"total_hours", hours}};
  });
}

namespace {

// The staff in post on `on` of the live institutions in scope (institutions r, staff s) that
// trained_staff counts, with the parameters bound: `columns` over them, then `tail`. Whether a
// member was trained is "s.id IN (the staff who attended a training of the window)": the
// window's participants are read once, not an EXISTS per staff member.
Query trained_staff_query(const Caller& caller, domain::Date on, const std::map<std::string, json>& filters,
                          std::string_view columns, std::string_view tail) {
  const auto since = domain::add_days(domain::add_months(on, -12), 1);
  auto institutions = scoped_select("institutions", caller, ScopeUse::Read);
  institutions.live().filters(filters);
  if (const auto it = filters.find("institution_id"); it != filters.end())
    institutions.where("r.id = :institution_id").bind("institution_id", it->second);
  // Their staff in post on `on` (staff of institutions in scope: in scope too).
  auto query = institutions.lean()
                   .join(
                       "LEFT JOIN staff s ON s.institution_id = r.id AND s.archived_at IS NULL"
                       " AND (s.start_date IS NULL OR s.start_date <= :on)"
                       " AND (s.end_date IS NULL OR s.end_date >= :on)")
                   .select(columns, tail);
  query.integers({"staff", "trained"}).bind("since", domain::to_iso(since)).bind("on", domain::to_iso(on));
  return query;
}

// COUNT(…) AS trained over trained_staff_query's rows.
constexpr std::string_view kTrainedCount =
    "COUNT(CASE WHEN s.id IN (SELECT n.staff_id FROM training_participants n JOIN trainings t"
    " ON t.id = n.training_id WHERE t.archived_at IS NULL"
    " AND COALESCE(t.ends_on, t.starts_on) >= :since AND COALESCE(t.ends_on, t.starts_on) <= :on)"
    " THEN 1 END) AS trained";

json percent_of(long long trained, long long staff) {
  return staff == 0 ? json(nullptr)
                    : json(std::round(static_cast<double>(trained) * 1000.0 / static_cast<double>(staff)) / 10.0);
}

}  // namespace

json trained_staff(Database& db, const Caller& caller, domain::Date on, const std::map<std::string, json>& filters) {
  const auto query = trained_staff_query(
      caller, on, filters,
      "r.id AS institution_id, r.code, r.name_ar, r.name_fr, COUNT(s.id) AS staff, " + std::string(kTrainedCount),
      " GROUP BY r.id, r.code, r.name_ar, r.name_fr ORDER BY r.name_ar " + std::string(db.arabic_collation()) +
          ", r.id");
  return db.read([&](soci::session& session) {
    json items = json::array();
    long long staff = 0, trained = 0;
    for (auto& row : query.rows(session)) {
      staff += row["staff"].get<long long>();
      trained += row["trained"].get<long long>();
      row["percent"] = percent_of(row["trained"].get<long long>(), row["staff"].get<long long>());
      items.push_back(std::move(row));
    }
    return json{{"computed_on", domain::to_iso(on)},
                {"since", domain::to_iso(domain::add_days(domain::add_months(on, -12), 1))},
                {"items", std::move(items)},
                {"totals", {{"staff", staff}, {"trained", trained}, {"percent", percent_of(trained, staff)}}}};
  });
}

json trained_staff_totals(soci::session& session, const Caller& caller, domain::Date on,
                          const std::map<std::string, json>& filters) {
  const auto row = trained_staff_query(caller, on, filters, "COUNT(s.id) AS staff, " + std::string(kTrainedCount), "")
                       .first(session);
  const auto staff = row ? (*row)["staff"].get<long long>() : 0;
  const auto trained = row ? (*row)["trained"].get<long long>() : 0;
  return {{"staff", staff},
          {"trained", trained},
          {"percent", percent_of(trained, staff)},
          {"since", domain::to_iso(domain::add_days(domain::add_months(on, -12), 1))}};
}

}  // namespace riaya::store
