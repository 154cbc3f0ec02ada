#include "store/services.hpp"

#include "domain/dates.hpp"
#include "store/scoped_select.hpp"

namespace riaya::store {

using domain::ErrorCode;
using domain::fail;
using domain::Result;
using nlohmann::json;

Result<void> check_institution_service(soci::session& session, const Caller& caller, json& values, const json* before) {
  if (values["since"].is_string() && values["since"].get<std::string>() > domain::today_iso())
    return fail(ErrorCode::OutOfRange, "since");
  const auto institution = scoped_select("institutions", caller, ScopeUse::Read)
                               .where("r.id = :institution")
                               .bind("institution", values["institution_id"])
                               .select("c.path")
                               .first(session);
  if (!institution) return fail(ErrorCode::InvalidReference, "institution_id");
  const auto serves = scoped_select("service_items", caller, ScopeUse::Read)
                          .where("r.id = :service")
                          .bind("service", values["service_id"])
                          .filters({{"serves_path", (*institution)["path"]}})
                          .count()
                          .scalar(session);
  if (serves == 0) return fail(ErrorCode::InvalidReference, "service_id");
  const auto same = scoped_select("institution_services", caller, ScopeUse::Read)
                        .live()
                        .where("r.institution_id = :institution AND r.service_id = :service AND r.id <> :self")
                        .bind("institution", values["institution_id"])
                        .bind("service", values["service_id"])
                        .bind("self", before ? (*before)["id"] : json(0))
                        .count()
                        .scalar(session);
  if (same > 0) return fail(ErrorCode::Duplicate, "service_id");
  return {};
}

Result<void> check_activity(soci::session&, const Caller&, json& values, const json*) {
  const auto latest = domain::to_iso(domain::add_days(domain::today_utc(), kActivityDaysAhead));
  if (values["activity_date"].get<std::string>() > latest) return fail(ErrorCode::OutOfRange, "activity_date");
  for (const char* field : {"participants_f", "participants_m"})
    if (values[field].is_null()) values[field] = 0;
  return {};
}

}  // namespace riaya::store
