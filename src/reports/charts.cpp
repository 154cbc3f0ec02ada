#include "reports/charts.hpp"

#include "domain/scoring.hpp"
#include "reports/text_direction.hpp"

#include <algorithm>
#include <cmath>

namespace riaya::reports {
namespace {

using domain::Language;

constexpr double kLabelSize = 8.5;
constexpr double kSmall = 7.5;
constexpr double kBar = 9;
constexpr double kBarGap = 1.5;
constexpr double kGroupGap = 6;
constexpr double kScaleHeight = 14;
constexpr double kLegendLine = 13;
constexpr double kRow = 13;
constexpr double kHeader = 15;
constexpr Colour kGrid{0.8, 0.8, 0.8};
constexpr Colour kAxis{0.4, 0.4, 0.4};
constexpr Colour kNone{0.88, 0.88, 0.88};
constexpr Phrase kNoValue{"بدون تقييم", "sans note"};

// The x of a box `width` wide `offset` from the start side of a canvas.
double from_start(const Canvas& canvas, double offset, double width) {
  return canvas.right_to_left() ? canvas.width() - offset - width : offset;
}

Colour mix(Colour a, Colour b, double t) {
  return {a.red + (b.red - a.red) * t, a.green + (b.green - a.green) * t, a.blue + (b.blue - a.blue) * t};
}

}  // namespace

std::string percent_text(std::optional<double> percent, Language language) {
  if (!percent) return "—";
  const auto whole = std::to_string(domain::rounded_percent(*percent));
  return language == Language::Arabic ? isolated(whole + "%") : whole + "\u00a0%";
}

Colour heat_colour(double percent) {
  constexpr Colour red{0.95, 0.55, 0.5}, amber{1, 0.85, 0.45}, green{0.5, 0.78, 0.5};
  const double p = std::clamp(percent, 0.0, 100.0) / 100;
  return p < 0.5 ? mix(red, amber, p * 2) : mix(amber, green, (p - 0.5) * 2);
}

void bar_chart(PdfDocument& document, const std::vector<std::string>& categories,
               const std::vector<BarSeries>& series) {
  if (categories.empty() || series.empty()) return;
  const auto language = document.language();
  const double group = static_cast<double>(series.size()) * (kBar + kBarGap) - kBarGap;
  const double legend = series.size() > 1 ? static_cast<double>(series.size()) * kLegendLine + 4 : 0;
  const double height = legend + static_cast<double>(categories.size()) * (group + kGroupGap) + kScaleHeight;
  document.figure(height, [&](Canvas& canvas) {
    const double label_width = canvas.width() * 0.34, value_width = 30;
    const double bars = canvas.width() - label_width - 8 - value_width;
    const double origin = label_width + 8;  // from the start side
    // The legend: one series a line, its swatch at the start of the bars.
    if (legend > 0)
      for (std::size_t s = 0; s < series.size(); ++s) {
        const double y = static_cast<double>(s) * kLegendLine;
        canvas.fill(from_start(canvas, origin, 9), y + 2, 9, 9, series[s].colour);
        const double width = canvas.width() - origin - 12;
        canvas.label(series[s].name, from_start(canvas, origin + 12, width), y + 0.5, width,
                     canvas.right_to_left() ? Side::Right : Side::Left, kLabelSize);
      }
    const double top = legend, bottom = height - kScaleHeight;
    for (int tick = 0; tick <= 100; tick += 25) {
      const double x = from_start(canvas, origin + bars * tick / 100, 0);
      canvas.line(x, top, x, bottom, 0.4, tick == 0 ? kAxis : kGrid);
      canvas.label(language == Language::Arabic ? isolated(std::to_string(tick) + "%") : std::to_string(tick) + " %",
                   x - 20, bottom + 2, 40, Side::Centre, kSmall, false, 0.35);
    }
    double y = top + kGroupGap / 2;
    for (std::size_t c = 0; c < categories.size(); ++c) {
      canvas.label(categories[c], from_start(canvas, 0, label_width), y + group / 2 - 5.5, label_width,
                   canvas.right_to_left() ? Side::Right : Side::Left, kLabelSize);
      for (std::size_t s = 0; s < series.size(); ++s) {
        const double bar_top = y + static_cast<double>(s) * (kBar + kBarGap);
        const auto value = c < series[s].values.size() ? series[s].values[c] : std::nullopt;
        const double length = value ? bars * std::clamp(*value, 0.0, 100.0) / 100 : 0;
        if (length > 0) canvas.fill(from_start(canvas, origin, length), bar_top, length, kBar, series[s].colour);
        canvas.label(value ? percent_text(value, language) : std::string(kNoValue.in(language)),
                     from_start(canvas, origin + length + 2, value_width + 20), bar_top - 0.5, value_width + 20,
                     canvas.right_to_left() ? Side::Right : Side::Left, kSmall, false, value ? 0 : 0.4);
      }
      y += group + kGroupGap;
    }
  });
}

void heat_map(PdfDocument& document, const HeatMap& map) {
  if (map.rows.empty() || map.columns.empty()) return;
  const auto language = document.language();
  constexpr double legend = 22;
  std::size_t first = 0;
  while (first < map.rows.size()) {
    // As many rows as this page holds (a new page when it holds fewer than three), the legend
    // with the last ones.
    const auto fit = [&](double space) {
      return static_cast<std::size_t>(std::max(0.0, (space - 8 - kHeader) / kRow));
    };
    double space = document.space_left();
    if (fit(space) < 3) space = document.page_space();
    std::size_t count = std::min(fit(space), map.rows.size() - first);
    if (first + count == map.rows.size() && fit(space - legend) < count && count > 1) --count;
    const bool with_legend = first + count == map.rows.size();
    const double height = kHeader + kRow * static_cast<double>(count) + (with_legend ? legend : 0);
    document.figure(height, [&](Canvas& canvas) {
      const double name_width = canvas.width() * 0.36;
      const double cell = (canvas.width() - name_width) / static_cast<double>(map.columns.size());
      for (std::size_t c = 0; c < map.columns.size(); ++c) {
        const double x = from_start(canvas, name_width + cell * static_cast<double>(c), cell);
        canvas.fill(x, 0, cell, kHeader, {0.9, 0.9, 0.9});
        canvas.label(map.columns[c], x, 2.5, cell, Side::Centre, kSmall, true);
      }
      for (std::size_t r = 0; r < count; ++r) {
        const double y = kHeader + kRow * static_cast<double>(r);
        const auto& values = map.values[first + r];
        canvas.label(map.rows[first + r], from_start(canvas, 2, name_width - 6), y + 1.5, name_width - 6,
                     canvas.right_to_left() ? Side::Right : Side::Left, kSmall);
        for (std::size_t c = 0; c < map.columns.size(); ++c) {
          const double x = from_start(canvas, name_width + cell * static_cast<double>(c), cell);
          const auto value = c < values.size() ? values[c] : std::nullopt;
          canvas.fill(x, y, cell, kRow, value ? heat_colour(*value) : kNone);
          if (value)
            canvas.label(isolated(std::to_string(domain::rounded_percent(*value))), x, y + 2, cell, Side::Centre,
                         kSmall);
        }
        canvas.line(0, y + kRow, canvas.width(), y + kRow, 0.3, {1, 1, 1});
      }
      const double bottom = kHeader + kRow * static_cast<double>(count);
      for (std::size_t c = 0; c <= map.columns.size(); ++c) {
        const double x = from_start(canvas, name_width + cell * static_cast<double>(c), 0);
        canvas.line(x, 0, x, bottom, 0.3, {1, 1, 1});
      }
      canvas.line(0, bottom, canvas.width(), bottom, 0.5, kAxis);
      if (!with_legend) return;
      // The legend: the scale in five steps, then the colour of no value.
      double offset = name_width;
      const double swatch = 26;
      for (int step = 0; step <= 100; step += 25) {
        const double x = from_start(canvas, offset, swatch);
        canvas.fill(x, bottom + 6, swatch, 10, heat_colour(step));
        canvas.label(isolated(std::to_string(step)), x, bottom + 7, swatch, Side::Centre, kSmall);
        offset += swatch;
      }
      offset += 10;
      canvas.fill(from_start(canvas, offset, 10), bottom + 6, 10, 10, kNone);
      const double width = canvas.measure(kNoValue.in(language), kSmall) + 4;
      canvas.label(kNoValue.in(language), from_start(canvas, offset + 13, width), bottom + 6.5, width, Side::Centre,
                   kSmall, false, 0.3);
    });
    first += count;
  }
}

}  // namespace riaya::reports
