#pragma once

#include <cstddef>
#include <span>
#include <vector>

namespace riaya::reports {

// The rows [first, end) of a block that go on one page: a table's rows, a paragraph's lines.
struct PageSlice {
  std::size_t first = 0;
  std::size_t end = 0;
  bool new_page = false;  // the slice starts a new page (else it continues the current one)
};

struct Pagination {
  std::vector<PageSlice> slices;
  double space_after = 0;  // what is left on the page of the last slice
};

// How a block of rows of heights `rows` (points, each drawn whole) spreads over pages when
// `space_left` is left on the current page and a new page offers `page_space`. Every slice
// carries `header` above its rows (a table's header row, repeated; 0 for none), and the
// first one also `lead` (a heading kept with the start of what it introduces).
// Each slice holds as many rows as fit, and at least one: a block that cannot start on the
// current page starts on a new one, unless the current page is still empty (space_left ≥
// page_space), and a row taller than a whole page gets a page of its own and overflows it.
// No rows: no slice, and the space is unchanged. Pure arithmetic, no rounding.
Pagination paginate(std::span<const double> rows, double space_left, double page_space, double header = 0,
                    double lead = 0);

}  // namespace riaya::reports
