#include "domain/money.hpp"

#include <algorithm>
#include <charconv>
#include <iterator>

namespace riaya::domain {

Funding funding(Centimes cost, Centimes funded) {
  return {.cost = cost,
          .funded = funded,
          .gap = std::max<Centimes>(cost - funded, 0),
          .surplus = std::max<Centimes>(funded - cost, 0)};
}

std::string decimal_dirhams(Centimes amount) {
  // Written into a buffer: one cell of an export each, so no string but the one returned (and
  // that one fits in the string's own storage).
  const bool negative = amount < 0;
  const unsigned long long magnitude =
      negative ? 0ULL - static_cast<unsigned long long>(amount) : static_cast<unsigned long long>(amount);
  const auto fraction = static_cast<char>(magnitude % 100);
  char text[32];
  char* end = text;
  if (negative) *end++ = '-';
  end = std::to_chars(end, std::end(text), magnitude / 100).ptr;
  *end++ = '.';
  *end++ = static_cast<char>('0' + fraction / 10);
  *end++ = static_cast<char>('0' + fraction % 10);
  return std::string(text, end);
}

bool is_overdue(std::string_view status, std::string_view due_on, std::string_view today) {
  const bool open = std::find(std::begin(kOpenActionStatuses), std::end(kOpenActionStatuses), status) !=
                    std::end(kOpenActionStatuses);
  return open && !due_on.empty() && due_on < today;
}

std::string overdue_sql(std::string_view alias, std::string_view today_parameter) {
  std::string statuses;
  for (const auto status : kOpenActionStatuses)
    statuses += (statuses.empty() ? "'" : ", '") + std::string(status) + "'";
  const std::string column = std::string(alias) + ".";
  return column + "status IN (" + statuses + ") AND " + column + "due_on < :" + std::string(today_parameter);
}

}  // namespace riaya::domain
