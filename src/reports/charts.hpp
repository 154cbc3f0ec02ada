#pragma once

#include "domain/language.hpp"
#include "reports/pdf_document.hpp"

#include <optional>
#include <string>
#include <vector>

namespace riaya::reports {

// The charts of the official documents, drawn with Cairo into a PdfDocument (figure()), laid
// out from the document's start side: in Arabic the labels stand at the right and the bars
// grow to the left. Figures are isolated left to right ("72%" stays "72%").

// A percentage as the documents write it: "72%" in Arabic (isolated), "72 %" in French;
// "—" for none.
std::string percent_text(std::optional<double> percent, domain::Language language);

// One series of a bar chart: its name in the legend, its colour, one value per category
// (a percentage, 0 to 100; nullopt: no bar).
struct BarSeries {
  std::string name;
  Colour colour;
  std::vector<std::optional<double>> values;
};

// Horizontal bars of percentages, one group per category (its label at the start side), one
// bar per series with its value at its end, a 0–100 scale with grid lines, and a legend of
// the series above when there are more than one. Kept on one page.
void bar_chart(PdfDocument& document, const std::vector<std::string>& categories, const std::vector<BarSeries>& series);

// A grid of percentages: one row per label, one column per heading (short: a domain's code),
// each cell coloured from red (0) through amber (50) to green (100) with its value, grey where
// there is none, and a legend of the colours below. Rows spread over pages with the headings
// repeated.
struct HeatMap {
  std::vector<std::string> rows;
  std::vector<std::string> columns;
  std::vector<std::vector<std::optional<double>>> values;  // [row][column]
};
void heat_map(PdfDocument& document, const HeatMap& map);

// The colour of a percentage on the heat map's scale.
Colour heat_colour(double percent);

}  // namespace riaya::reports
