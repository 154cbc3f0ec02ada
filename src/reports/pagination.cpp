#include "reports/pagination.hpp"

namespace riaya::reports {

Pagination paginate(std::span<const double> rows, double space_left, double page_space, double header, double lead) {
  // Heights are sums of font metrics: allow for the rounding of adding them up.
  constexpr double kTolerance = 1e-6;
  Pagination result{.slices = {}, .space_after = space_left};
  double space = space_left;
  bool page_empty = space_left + kTolerance >= page_space;
  bool new_page = false;
  for (std::size_t first = 0; first < rows.size();) {
    double used = header + (result.slices.empty() ? lead : 0);
    std::size_t end = first;
    while (end < rows.size() && used + rows[end] <= space + kTolerance) used += rows[end++];
    if (end == first) {
      if (!page_empty) {  // try again at the top of a new page
        space = page_space;
        page_empty = new_page = true;
        continue;
      }
      used += rows[end++];  // taller than a page: alone, overflowing
    }
    result.slices.push_back({first, end, new_page});
    space -= used;
    first = end;
    if (first < rows.size()) {
      space = page_space;
      page_empty = new_page = true;
    }
  }
  result.space_after = space;
  return result;
}

}  // namespace riaya::reports
