#include "reports/pdf_document.hpp"

#include "reports/pagination.hpp"
#include "reports/text_direction.hpp"

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <functional>
#include <list>
#include <map>
#include <stdexcept>
#include <tuple>

namespace riaya::reports {
namespace {

using domain::Language;

// Page geometry, in points (1/72 inch).
constexpr double kPageWidth = 595.276;  // A4
constexpr double kPageHeight = 841.890;
constexpr double kMargin = 56.693;  // 2 cm at the sides
constexpr double kTop = 48;
constexpr double kBottom = kPageHeight - 76;  // where the content stops; the footer is below
constexpr double kFooterRule = kPageHeight - 58;
constexpr double kContentWidth = kPageWidth - 2 * kMargin;

constexpr double kBodySize = 11;
constexpr double kSmallSize = 9.5;
constexpr double kFooterSize = 8.5;
constexpr double kHeaderSize = 11.5;
constexpr double kHeadingSize = 13;
constexpr double kTitleSize = 20;
constexpr double kSubtitleSize = 14;

constexpr double kCellPadding = 4;
constexpr double kNumberWidth = 22;
constexpr double kLabelShare = 0.24;  // of the width, for the labels of fields
constexpr double kHeadingAfter = 6;
constexpr double kNoteGap = 2;
constexpr double kSignatureWidth = 210;
constexpr double kSignatureRoom = 48;  // to sign in
constexpr double kSignatureGap = 28;

constexpr double kRuleGrey = 0.55;
constexpr double kShadeGrey = 0.9;
constexpr double kNoteGrey = 0.3;

constexpr Phrase kKingdom{"المملكة المغربية", "Royaume du Maroc"};
constexpr Phrase kMinistry{"وزارة الداخلية", "Ministère de l'Intérieur"};
constexpr Phrase kDivision{"قسم العمل الاجتماعي", "Division de l'Action Sociale"};
constexpr Phrase kPrefecture{"عمالة", ""};  // the administration of a province, in Arabic headers
constexpr Phrase kPage{"الصفحة ", "Page "};
constexpr Phrase kOf{" من ", " sur "};
constexpr Phrase kIssuedOn{"صدر بتاريخ ", "Édité le "};
constexpr Phrase kColon{":", " :"};

struct GObjectUnref {
  void operator()(void* object) const { g_object_unref(object); }
};
struct CairoDestroy {
  void operator()(cairo_t* cr) const { cairo_destroy(cr); }
  void operator()(cairo_surface_t* surface) const { cairo_surface_destroy(surface); }
};

enum class Flow { Document, Own };        // the reading direction: the document's, or the text's own
enum class Align { Start, Centre, End };  // the document's start and end sides
enum class Weight { Regular, Bold };

struct Style {
  double size = kBodySize;
  Weight weight = Weight::Regular;
  double grey = 0;  // 0 black … 1 white
};

// A line of a laid-out text, in points from the text's top-left corner.
struct Line {
  double x, top, bottom, baseline;
};

// Text laid out in a width, whose lines can be drawn in slices on several pages.
struct Block {
  std::shared_ptr<PangoLayout> layout;
  std::vector<Line> lines;
  double width = 0;          // the width it was laid out in (its natural width when not given)
  double natural_width = 0;  // of its longest line
  double grey = 0;

  double height() const { return lines.empty() ? 0 : lines.back().bottom - lines.front().top; }
  double line_height(std::size_t i) const { return lines[i].bottom - lines[i].top; }
  std::vector<double> line_heights() const {
    std::vector<double> heights;
    for (std::size_t i = 0; i < lines.size(); ++i) heights.push_back(line_height(i));
    return heights;
  }
};
using BlockPtr = std::shared_ptr<const Block>;

// The lines [first, end) of a block, the top of `first` at (x, y).
struct PlacedText {
  BlockPtr block;
  std::size_t first, end;
  double x, y;
};
struct Stroke {
  double x0, y0, x1, y1;
  double thickness = 0.6;
  Colour colour{kRuleGrey, kRuleGrey, kRuleGrey};
};
struct Shade {
  double x, y, width, height;
  Colour colour{kShadeGrey, kShadeGrey, kShadeGrey};
};
struct Page {
  std::vector<Shade> shades;
  std::vector<Stroke> strokes;
  std::vector<PlacedText> texts;
};

cairo_status_t append_bytes(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

std::string number(std::size_t n) { return std::to_string(n); }

struct FontDescriptionFree {
  void operator()(PangoFontDescription* font) const { pango_font_description_free(font); }
};

// What laying out text needs, set up once per thread and kept for its life (a font map is not
// thread-safe; Pango's own default map of the main thread would never be freed): the fonts, a
// Pango context for each paragraph direction with unhinted metrics (the layout measured is the
// layout printed, at any zoom) and font sizes in points, and each font description asked for.
class ThreadText {
 public:
  ThreadText() : fonts_(pango_cairo_font_map_new()) {
    cairo_font_options_t* options = cairo_font_options_create();
    cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE);
    for (auto [context, direction] : {std::pair{&rtl_, PANGO_DIRECTION_RTL}, {&ltr_, PANGO_DIRECTION_LTR}}) {
      context->reset(pango_font_map_create_context(fonts_.get()));
      pango_cairo_context_set_resolution(context->get(), 72);  // font sizes in points = page units
      pango_cairo_context_set_font_options(context->get(), options);
      pango_context_set_base_dir(context->get(), direction);
    }
    cairo_font_options_destroy(options);
  }

  // The context of paragraphs set in that direction, made to draw on `cr` (a PDF page).
  PangoContext* context(bool right_to_left, cairo_t* cr) {
    PangoContext* context = right_to_left ? rtl_.get() : ltr_.get();
    pango_cairo_update_context(cr, context);
    return context;
  }

  // The document's font in `language` (Amiri first in Arabic, Noto Sans first in French) at
  // `size` points and `weight`.
  const PangoFontDescription* font(Language language, double size, Weight weight) {
    auto& font = fonts_of_[{language == Language::Arabic, static_cast<int>(size * PANGO_SCALE), weight}];
    if (!font) {
      font.reset(
          pango_font_description_from_string(language == Language::Arabic ? "Amiri, Noto Sans" : "Noto Sans, Amiri"));
      pango_font_description_set_size(font.get(), static_cast<int>(size * PANGO_SCALE));
      pango_font_description_set_weight(font.get(), weight == Weight::Bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
    }
    return font.get();
  }

 private:
  std::unique_ptr<PangoFontMap, GObjectUnref> fonts_;
  std::unique_ptr<PangoContext, GObjectUnref> rtl_, ltr_;
  std::map<std::tuple<bool, int, Weight>, std::unique_ptr<PangoFontDescription, FontDescriptionFree>> fonts_of_;
};

ThreadText& thread_text() {
  thread_local ThreadText text;
  return text;
}

// What a block is laid out from: the document's direction (right to left: Arabic), the text, its
// size, grey and width, weight, alignment, flow, bold bytes, and whether it is kept on one line.
using BlockKey = std::tuple<bool, std::string, double, double, double, Weight, Align, Flow, std::size_t, bool>;

// The blocks laid out lately in this thread, whatever the document, the least recently used let
// go first beyond kRecentBlocks: what documents repeat (the official header, headings, labels of
// fields, a table's header row, a chart's scale and values, a criterion on every annex) is shaped
// once, not at each use. A block is never changed once made and may be placed many times; its
// layout belongs to the thread's contexts (ThreadText), which outlive it.
class RecentBlocks {
 public:
  static constexpr std::size_t kRecentBlocks = 2048;

  BlockPtr find(const BlockKey& key) {
    const auto at = where_.find(key);
    if (at == where_.end()) return nullptr;
    order_.splice(order_.begin(), order_, at->second);
    return at->second->second;
  }
  void keep(BlockKey key, BlockPtr block) {
    order_.emplace_front(key, std::move(block));
    where_.emplace(std::move(key), order_.begin());
    if (order_.size() <= kRecentBlocks) return;
    where_.erase(order_.back().first);
    order_.pop_back();
  }

 private:
  std::list<std::pair<BlockKey, BlockPtr>> order_;  // most recently used first
  std::map<BlockKey, std::list<std::pair<BlockKey, BlockPtr>>::iterator> where_;
};

RecentBlocks& recent_blocks() {
  thread_local RecentBlocks blocks;
  return blocks;
}

}  // namespace

struct PdfDocument::Impl {
  Language language;
  bool rtl;
  domain::Date generated_on;
  std::string bytes;  // before the surface, which writes into it until it is destroyed
  std::unique_ptr<cairo_surface_t, CairoDestroy> surface;
  std::unique_ptr<cairo_t, CairoDestroy> cr;
  PangoContext *rtl_context = nullptr, *ltr_context = nullptr;  // the thread's (thread_text)
  Progress progress;
  std::vector<Page> pages{1};
  double y = kTop;           // where the next block goes on the last page
  BlockPtr pending_heading;  // placed with the start of the next block
  // Where the last block placed begins: its page, how much that page held before it, its top.
  struct Mark {
    std::size_t page = 0, shades = 0, strokes = 0, texts = 0;
    double top = kTop;
  } last_block;

  Impl(Language lang, std::string_view title, domain::Date date, Progress told)
      : language(lang), rtl(lang == Language::Arabic), generated_on(date), progress(std::move(told)) {
    surface.reset(cairo_pdf_surface_create_for_stream(&append_bytes, &bytes, kPageWidth, kPageHeight));
    cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_TITLE, std::string(title).c_str());
    cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATOR, "Riaya");
    cr.reset(cairo_create(surface.get()));
    rtl_context = thread_text().context(true, cr.get());
    ltr_context = thread_text().context(false, cr.get());
  }

  // The x of a box `width` wide whose start edge lies `offset` from the document's start margin.
  double x_of(double offset, double width) const {
    return rtl ? kPageWidth - kMargin - offset - width : kMargin + offset;
  }

  // `text` laid out in `width` (≤ 0: on one line, as wide as it is), the first `bold_bytes`
  // bytes in bold. The same text in the same style, width, alignment and flow is laid out once
  // while it is used often enough to stay among the thread's recent blocks (RecentBlocks).
  BlockPtr block(std::string_view text, const Style& style, double width, Align align, Flow flow,
                 std::size_t bold_bytes = 0, bool one_line = false) const {
    BlockKey key{rtl,  std::string(text), style.size, style.grey, width, style.weight, align,
                 flow, bold_bytes,        one_line};
    auto& recent = recent_blocks();
    if (auto kept = recent.find(key)) return kept;
    auto made = lay_out(text, style, width, align, flow, bold_bytes, one_line);
    recent.keep(std::move(key), made);
    return made;
  }

  BlockPtr lay_out(std::string_view text, const Style& style, double width, Align align, Flow flow,
                   std::size_t bold_bytes, bool one_line) const {
    bool right_to_left = rtl;
    if (flow == Flow::Own) {
      const auto direction = text_direction(text);
      if (direction != TextDirection::Neutral) right_to_left = direction == TextDirection::RightToLeft;
    }
    auto result = std::make_shared<Block>();
    result->grey = style.grey;
    result->layout.reset(pango_layout_new(right_to_left ? rtl_context : ltr_context), g_object_unref);
    PangoLayout* layout = result->layout.get();
    pango_layout_set_font_description(layout, thread_text().font(language, style.size, style.weight));
    // The paragraph's direction is chosen here, not guessed again by Pango; alignment is physical.
    pango_layout_set_auto_dir(layout, FALSE);
    pango_layout_set_width(layout, width > 0 ? static_cast<int>(width * PANGO_SCALE) : -1);
    pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR);
    if (one_line) pango_layout_set_ellipsize(layout, PANGO_ELLIPSIZE_END);
    const auto start = rtl ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT, end = rtl ? PANGO_ALIGN_LEFT : PANGO_ALIGN_RIGHT;
    pango_layout_set_alignment(layout, align == Align::Centre  ? PANGO_ALIGN_CENTER
                                       : align == Align::Start ? start
                                                               : end);
    // A range of numbers reads left to right whichever dash was typed (text_direction.hpp).
    const auto bold_part = isolate_number_ranges(text.substr(0, bold_bytes));
    const auto shown = bold_part + isolate_number_ranges(text.substr(bold_bytes));
    bold_bytes = bold_part.size();
    pango_layout_set_text(layout, shown.data(), static_cast<int>(shown.size()));
    if (bold_bytes > 0) {
      PangoAttrList* attributes = pango_attr_list_new();
      PangoAttribute* bold = pango_attr_weight_new(PANGO_WEIGHT_BOLD);
      bold->start_index = 0;
      bold->end_index = static_cast<unsigned>(bold_bytes);
      pango_attr_list_insert(attributes, bold);
      pango_layout_set_attributes(layout, attributes);
      pango_attr_list_unref(attributes);
    }
    PangoRectangle logical;
    pango_layout_get_extents(layout, nullptr, &logical);
    result->natural_width = static_cast<double>(logical.width) / PANGO_SCALE;
    result->width = width > 0 ? width : result->natural_width;
    PangoLayoutIter* iter = pango_layout_get_iter(layout);
    do {
      pango_layout_iter_get_line_extents(iter, nullptr, &logical);
      int top = 0, bottom = 0;
      pango_layout_iter_get_line_yrange(iter, &top, &bottom);
      result->lines.push_back({static_cast<double>(logical.x) / PANGO_SCALE, static_cast<double>(top) / PANGO_SCALE,
                               static_cast<double>(bottom) / PANGO_SCALE,
                               static_cast<double>(pango_layout_iter_get_baseline(iter)) / PANGO_SCALE});
    } while (pango_layout_iter_next_line(iter));
    pango_layout_iter_free(iter);
    return result;
  }

  void new_page() {
    if (progress) progress(pages.size());
    pages.emplace_back();
    y = kTop;
  }

  // Space before the next block, unless it starts a page.
  void gap(double points) {
    if (y > kTop) y += points;
  }

  void put(const BlockPtr& text, std::size_t first, std::size_t end, double x, double top) {
    if (first < end) pages.back().texts.push_back({text, first, end, x, top});
  }

  void rule(double x0, double y0, double x1, double y1) { pages.back().strokes.push_back({x0, y0, x1, y1}); }

  // Places a block made of rows of `heights` (each drawn whole) from the cursor on, over as
  // many pages as it takes; `draw(slice, top)` draws a slice's header (`header` high) and rows
  // from `top` down. A pending heading goes atop the first slice.
  void place(const std::vector<double>& heights, double header,
             const std::function<void(const PageSlice&, double)>& draw) {
    const double lead = pending_heading ? pending_heading->height() + kHeadingAfter : 0;
    const auto pagination = paginate(heights, kBottom - y, kBottom - kTop, header, lead);
    bool first = true;
    for (const auto& slice : pagination.slices) {
      if (slice.new_page) new_page();
      double top = y;
      if (first) {
        const auto& page = pages.back();
        last_block = {pages.size() - 1, page.shades.size(), page.strokes.size(), page.texts.size(), top};
        first = false;
      }
      if (pending_heading) {
        put(pending_heading, 0, pending_heading->lines.size(), kMargin, top);
        top += pending_heading->height() + 1.5;
        rule(kMargin, top, kMargin + kContentWidth, top);
        top += kHeadingAfter - 1.5;
        pending_heading.reset();
      }
      draw(slice, top);
      double height = header;
      for (auto i = slice.first; i < slice.end; ++i) height += heights[i];
      y = top + height;
    }
  }

  // A block of text whose lines may go onto the next page.
  void flow(const BlockPtr& text, double x) {
    place(text->line_heights(), 0,
          [&](const PageSlice& slice, double top) { put(text, slice.first, slice.end, x, top); });
  }

  // When `height` more would not fit on this page, carries the last block over to a new page
  // with it, so that what comes next (a signature) does not stand alone there. Not when that
  // block began on an earlier page or already at the top of this one.
  void keep_with_last_block(double height) {
    if (y + height <= kBottom || last_block.page != pages.size() - 1 || last_block.top <= kTop) return;
    const double shift = last_block.top - kTop;
    Page moved;
    auto& page = pages.back();
    for (auto i = last_block.shades; i < page.shades.size(); ++i) {
      moved.shades.push_back(page.shades[i]);
      moved.shades.back().y -= shift;
    }
    for (auto i = last_block.strokes; i < page.strokes.size(); ++i) {
      moved.strokes.push_back(page.strokes[i]);
      moved.strokes.back().y0 -= shift;
      moved.strokes.back().y1 -= shift;
    }
    for (auto i = last_block.texts; i < page.texts.size(); ++i) {
      moved.texts.push_back(page.texts[i]);
      moved.texts.back().y -= shift;
    }
    page.shades.resize(last_block.shades);
    page.strokes.resize(last_block.strokes);
    page.texts.resize(last_block.texts);
    if (progress) progress(pages.size());
    pages.push_back(std::move(moved));
    y -= shift;
    last_block = {pages.size() - 1, 0, 0, 0, kTop};
  }

  void flush_heading() {
    if (!pending_heading) return;
    place({0}, 0, [](const PageSlice&, double) {});
  }

  // Rows of cells side by side, each row kept whole, each cell at the start side of its
  // column, `inset` from its edge and `padding` below the row's top. `header` cells make a
  // shaded first row, repeated on each page; `borders` draw lines around every cell.
  void rows(const std::vector<double>& widths, const std::vector<BlockPtr>& header,
            const std::vector<std::vector<BlockPtr>>& cells, double inset, double padding, bool borders) {
    std::vector<double> xs;
    double offset = 0;
    for (const auto width : widths) {
      xs.push_back(x_of(offset, width));
      offset += width;
    }
    const double total = offset;
    // The cells of a row share the baseline of their first line (Amiri and Noto Sans do not
    // place it at the same depth).
    const auto ascent = [](const BlockPtr& cell) { return cell->lines.front().baseline - cell->lines.front().top; };
    const auto baseline = [&](const std::vector<BlockPtr>& row) {
      double deepest = 0;
      for (const auto& cell : row) deepest = std::max(deepest, ascent(cell));
      return deepest;
    };
    const auto row_height = [&](const std::vector<BlockPtr>& row) {
      const double line = baseline(row);
      double height = 0;
      for (const auto& cell : row) height = std::max(height, line - ascent(cell) + cell->height());
      return height + 2 * padding;
    };
    std::vector<double> heights;
    heights.reserve(cells.size());
    for (const auto& row : cells) heights.push_back(row_height(row));
    const double header_height = header.empty() ? 0 : row_height(header);
    const auto draw_row = [&](const std::vector<BlockPtr>& row, double top) {
      const double line = baseline(row);
      for (std::size_t c = 0; c < row.size(); ++c)
        put(row[c], 0, row[c]->lines.size(), rtl ? xs[c] + widths[c] - inset - row[c]->width : xs[c] + inset,
            top + padding + line - ascent(row[c]));
    };
    place(heights, header_height, [&](const PageSlice& slice, double top) {
      double bottom = top + header_height;
      if (!header.empty()) {
        pages.back().shades.push_back({x_of(0, total), top, total, header_height});
        draw_row(header, top);
      }
      std::vector<double> lines_at = {top};
      if (!header.empty()) lines_at.push_back(bottom);
      for (auto i = slice.first; i < slice.end; ++i) {
        draw_row(cells[i], bottom);
        bottom += heights[i];
        lines_at.push_back(bottom);
      }
      if (!borders) return;
      const double left = x_of(0, total);
      for (const auto at : lines_at) rule(left, at, left + total, at);
      for (const auto x : xs) rule(x, top, x, bottom);
      rule(left + total, top, left + total, bottom);
    });
  }

  void draw(const Page& page) {
    cairo_t* c = cr.get();
    for (const auto& shade : page.shades) {
      cairo_set_source_rgb(c, shade.colour.red, shade.colour.green, shade.colour.blue);
      cairo_rectangle(c, shade.x, shade.y, shade.width, shade.height);
      cairo_fill(c);
    }
    for (const auto& stroke : page.strokes) {
      cairo_set_source_rgb(c, stroke.colour.red, stroke.colour.green, stroke.colour.blue);
      cairo_set_line_width(c, stroke.thickness);
      cairo_move_to(c, stroke.x0, stroke.y0);
      cairo_line_to(c, stroke.x1, stroke.y1);
      cairo_stroke(c);
    }
    for (const auto& text : page.texts) {
      const auto& lines = text.block->lines;
      cairo_set_source_rgb(c, text.block->grey, text.block->grey, text.block->grey);
      for (auto i = text.first; i < text.end; ++i) {
        cairo_move_to(c, text.x + lines[i].x, text.y + lines[i].baseline - lines[text.first].top);
        pango_cairo_show_layout_line(c, pango_layout_get_line_readonly(text.block->layout.get(), static_cast<int>(i)));
      }
    }
  }

  // The rule, the date the document was made (start side) and "page n of N" (end side).
  void draw_footer(std::size_t index) {
    const Style style{kFooterSize, Weight::Regular, kNoteGrey};
    const double half = kContentWidth / 2;
    const auto issued = block(std::string(kIssuedOn.in(language)) + domain::format_date(generated_on, language), style,
                              half, Align::Start, Flow::Document);
    const auto page = block(
        std::string(kPage.in(language)) + number(index + 1) + std::string(kOf.in(language)) + number(pages.size()),
        style, half, Align::End, Flow::Document);
    Page footer;
    footer.strokes.push_back({kMargin, kFooterRule, kPageWidth - kMargin, kFooterRule});
    footer.texts.push_back({issued, 0, issued->lines.size(), x_of(0, half), kFooterRule + 4});
    footer.texts.push_back({page, 0, page->lines.size(), x_of(half, half), kFooterRule + 4});
    draw(footer);
  }
};

PdfDocument::PdfDocument(Language language, std::string_view title, domain::Date generated_on, Progress progress)
    : impl_(std::make_unique<Impl>(language, title, generated_on, std::move(progress))) {}

PdfDocument::~PdfDocument() = default;

Language PdfDocument::language() const { return impl_->language; }

void PdfDocument::official_header(const Issuer& issuer) {
  auto& d = *impl_;
  std::string province = d.language == Language::Arabic || issuer.name_fr.empty() ? issuer.name_ar : issuer.name_fr;
  if (d.language == Language::Arabic && issuer.province && !province.starts_with(kPrefecture.ar))
    province = std::string(kPrefecture.ar) + " " + province;
  // The lines centred on one another, the block at the start side, as on official letters.
  const std::string lines = std::string(kKingdom.in(d.language)) + "\n" + std::string(kMinistry.in(d.language)) + "\n" +
                            province + "\n" + std::string(kDivision.in(d.language));
  const Style style{kHeaderSize, Weight::Bold};
  const double width =
      std::min(kContentWidth * 0.6, d.block(lines, style, 0, Align::Centre, Flow::Document)->natural_width + 24);
  const auto header = d.block(lines, style, width, Align::Centre, Flow::Document);
  const double x = d.x_of(0, width);
  d.flow(header, x);
  d.rule(x + width * 0.3, d.y + 4, x + width * 0.7, d.y + 4);
  d.y += 10;
}

void PdfDocument::title(std::string_view text, std::string_view subtitle) {
  auto& d = *impl_;
  d.gap(18);
  d.flow(d.block(text, {kTitleSize, Weight::Bold}, kContentWidth, Align::Centre, Flow::Document), kMargin);
  if (subtitle.empty()) return;
  d.gap(2);
  d.flow(d.block(subtitle, {kSubtitleSize, Weight::Bold}, kContentWidth, Align::Centre, Flow::Own), kMargin);
}

void PdfDocument::heading(std::string_view text) {
  auto& d = *impl_;
  d.flush_heading();
  d.gap(16);
  d.pending_heading = d.block(text, {kHeadingSize, Weight::Bold}, kContentWidth, Align::Start, Flow::Document);
}

void PdfDocument::fields(const std::vector<std::pair<std::string, std::string>>& fields) {
  auto& d = *impl_;
  const double label_width = kContentWidth * kLabelShare, value_width = kContentWidth - label_width;
  std::vector<std::vector<BlockPtr>> cells;
  for (const auto& [label, value] : fields) {
    if (value.empty()) continue;
    cells.push_back({d.block(label + std::string(kColon.in(d.language)), {kBodySize, Weight::Bold}, label_width - 8,
                             Align::Start, Flow::Document),
                     d.block(value, {}, value_width, Align::Start, Flow::Own)});
  }
  d.gap(8);
  d.rows({label_width, value_width}, {}, cells, 0, 1.5, false);
}

void PdfDocument::text(std::string_view text) {
  auto& d = *impl_;
  bool first = true;
  for (std::size_t at = 0; at <= text.size();) {
    auto end = text.find('\n', at);
    if (end == std::string_view::npos) end = text.size();
    auto paragraph = text.substr(at, end - at);
    at = end + 1;
    while (!paragraph.empty() && (paragraph.back() == '\r' || paragraph.back() == ' ' || paragraph.back() == '\t'))
      paragraph.remove_suffix(1);
    if (paragraph.find_first_not_of(" \t") == std::string_view::npos) continue;
    d.gap(first ? 2 : 5);
    first = false;
    d.flow(d.block(paragraph, {}, kContentWidth, Align::Start, Flow::Own), kMargin);
  }
}

void PdfDocument::numbered(std::size_t n, std::string_view text, std::string_view note) {
  auto& d = *impl_;
  const double width = kContentWidth - kNumberWidth;
  const auto mark = d.block(number(n) + ".", {kBodySize, Weight::Bold}, kNumberWidth, Align::Start, Flow::Document);
  const auto body = d.block(text, {}, width, Align::Start, Flow::Own);
  const auto remark =
      note.empty() ? nullptr
                   : d.block(note, {kSmallSize, Weight::Regular, kNoteGrey}, width, Align::Start, Flow::Document);
  auto heights = body->line_heights();
  const auto lines = heights.size();
  if (remark) {
    for (const auto h : remark->line_heights()) heights.push_back(h);
    heights[lines] += kNoteGap;
  }
  const double x = d.x_of(kNumberWidth, width);
  d.gap(6);
  d.place(heights, 0, [&](const PageSlice& slice, double top) {
    if (slice.first == 0) d.put(mark, 0, mark->lines.size(), d.x_of(0, kNumberWidth), top);
    d.put(body, slice.first, std::min(slice.end, lines), x, top);
    if (!remark || slice.end <= lines) return;
    double offset = 0;
    for (auto i = slice.first; i < lines; ++i) offset += heights[i];
    const auto first = std::max(slice.first, lines) - lines;
    d.put(remark, first, slice.end - lines, x, top + offset + (first == 0 ? kNoteGap : 0));
  });
}

void PdfDocument::table(const std::vector<Column>& columns, const std::vector<std::vector<std::string>>& rows) {
  auto& d = *impl_;
  double shares = 0;
  for (const auto& column : columns) shares += column.share;
  std::vector<double> widths;
  std::vector<BlockPtr> header;
  for (const auto& column : columns) {
    widths.push_back(kContentWidth * column.share / shares);
    header.push_back(d.block(column.title, {kSmallSize, Weight::Bold}, widths.back() - 2 * kCellPadding, Align::Start,
                             Flow::Document));
  }
  std::vector<std::vector<BlockPtr>> cells;
  for (const auto& row : rows) {
    auto& line = cells.emplace_back();
    for (std::size_t c = 0; c < columns.size(); ++c)
      line.push_back(d.block(c < row.size() ? row[c] : std::string(), {kSmallSize}, widths[c] - 2 * kCellPadding,
                             Align::Start, Flow::Own));
  }
  d.gap(6);
  d.rows(widths, header, cells, kCellPadding, kCellPadding, true);
}

void PdfDocument::figure(double height, const std::function<void(Canvas&)>& draw) {
  auto& d = *impl_;
  d.gap(8);
  d.place({height}, 0, [&](const PageSlice&, double top) {
    Canvas canvas(d, kMargin, top, kContentWidth);
    draw(canvas);
  });
}

void PdfDocument::page_break() {
  auto& d = *impl_;
  d.flush_heading();
  if (d.y > kTop) d.new_page();
}

double PdfDocument::space_left() const { return kBottom - impl_->y; }

double PdfDocument::page_space() const { return kBottom - kTop; }

bool Canvas::right_to_left() const { return document_->rtl; }

void Canvas::fill(double x, double y, double width, double height, Colour colour) {
  document_->pages.back().shades.push_back({left_ + x, top_ + y, width, height, colour});
}

void Canvas::line(double x0, double y0, double x1, double y1, double thickness, Colour colour) {
  document_->pages.back().strokes.push_back({left_ + x0, top_ + y0, left_ + x1, top_ + y1, thickness, colour});
}

double Canvas::label(std::string_view text, double x, double y, double width, Side side, double size, bool bold,
                     double grey) {
  auto& d = *document_;
  const auto align = side == Side::Centre ? Align::Centre : (side == Side::Left) == !d.rtl ? Align::Start : Align::End;
  const auto block =
      d.block(text, {size, bold ? Weight::Bold : Weight::Regular, grey}, width, align, Flow::Own, 0, true);
  d.put(block, 0, block->lines.size(), left_ + x, top_ + y);
  return block->height();
}

double Canvas::measure(std::string_view text, double size, bool bold) {
  return document_->block(text, {size, bold ? Weight::Bold : Weight::Regular}, 0, Align::Start, Flow::Own)
      ->natural_width;
}

void PdfDocument::signature(std::string_view role, std::string_view name) {
  auto& d = *impl_;
  const auto title = d.block(role, {kBodySize, Weight::Bold}, kSignatureWidth, Align::Centre, Flow::Document);
  const auto signer = d.block(name, {}, kSignatureWidth, Align::Centre, Flow::Own);
  const double x = d.x_of(kContentWidth - kSignatureWidth, kSignatureWidth);
  const double height = title->height() + signer->height() + kSignatureRoom;
  d.flush_heading();
  d.keep_with_last_block(kSignatureGap + height);
  d.gap(kSignatureGap);
  d.place({height}, 0, [&](const PageSlice&, double top) {
    d.put(title, 0, title->lines.size(), x, top);
    d.put(signer, 0, signer->lines.size(), x, top + title->height());
  });
}

std::string PdfDocument::finish() {
  auto& d = *impl_;
  d.flush_heading();
  if (d.progress) d.progress(d.pages.size());
  for (std::size_t i = 0; i < d.pages.size(); ++i) {
    d.draw(d.pages[i]);
    d.draw_footer(i);
    cairo_show_page(d.cr.get());
  }
  if (cairo_status(d.cr.get()) != CAIRO_STATUS_SUCCESS)
    throw std::runtime_error(std::string("PDF drawing failed: ") + cairo_status_to_string(cairo_status(d.cr.get())));
  d.cr.reset();
  cairo_surface_finish(d.surface.get());
  if (cairo_surface_status(d.surface.get()) != CAIRO_STATUS_SUCCESS)
    throw std::runtime_error(std::string("PDF writing failed: ") +
                             cairo_status_to_string(cairo_surface_status(d.surface.get())));
  return std::move(d.bytes);
}

}  // namespace riaya::reports
