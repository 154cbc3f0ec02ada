#pragma once

#include "domain/dates.hpp"
#include "domain/language.hpp"

#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace riaya::reports {

// A phrase a document writes itself, in Arabic and French. Documents are official: an
// English one is worded in French.
struct Phrase {
  std::string_view ar, fr;
  std::string_view in(domain::Language language) const { return language == domain::Language::Arabic ? ar : fr; }
};

// What a record holds in both languages, as a document in `language` shows it: the French
// text in a French document when there is one, else the Arabic (always there).
inline const std::string& in_language(const std::string& ar, const std::string& fr, domain::Language language) {
  return language != domain::Language::Arabic && !fr.empty() ? fr : ar;
}

// The territorial administration a document comes from, as its official header names it.
struct Issuer {
  std::string name_ar;   // "إقليم بوجدور"
  std::string name_fr;   // "Province de Boujdour"
  bool province = true;  // the territory is a province: in Arabic its administration is its عمالة
};

// A column of a table: its title and its share of the table's width (shares are relative).
struct Column {
  std::string title;
  double share = 1;
};

// A colour, each part from 0 to 1.
struct Colour {
  double red = 0, green = 0, blue = 0;
};

// A side of a box on the page, whatever the document's direction.
enum class Side { Left, Centre, Right };

class Canvas;

// Told each time a document has laid out one more page: how many pages are done. It may throw
// to stop the document (a download cancelled): the document is then dropped, nothing written.
using Progress = std::function<void(std::size_t pages_done)>;

// A document printed on A4 pages (2 cm margins), built top to bottom by the calls below and
// then finished into the bytes of a PDF. Arabic documents are set right to left in Amiri,
// French ones left to right in Noto Sans, with Arabic shaping and bidirectional order by
// Pango. Text given by users (names, titles, minutes) keeps its own reading direction (that
// of its first letter, as dir="auto" in a browser) but is aligned as the document is, so
// that a Latin name in an Arabic table reads left to right and stands at the right.
// Blocks flow onto new pages: paragraphs and lists break between lines, tables between rows
// with their header repeated on each page, and a heading never stays alone at the bottom of
// a page. Each page gets a footer with "page n of N" and the date the document was made.
// Text must be valid UTF-8. Not thread-safe: one document per thread; documents in several
// threads at once are fine.
class PdfDocument {
 public:
  // `title` goes into the file's properties; `progress`, when set, is told each page laid out
  // (and the whole count once more when finish() begins drawing).
  PdfDocument(domain::Language language, std::string_view title, domain::Date generated_on, Progress progress = {});
  ~PdfDocument();
  PdfDocument(const PdfDocument&) = delete;
  PdfDocument& operator=(const PdfDocument&) = delete;

  domain::Language language() const;

  // The official header, at the document's start side (the right in Arabic): the kingdom,
  // the ministry of the interior, the issuer's province, the social action division.
  void official_header(const Issuer& issuer);
  // The document's title, centred: large, then a second line smaller (user text).
  void title(std::string_view text, std::string_view subtitle = {});
  // A section heading, kept on the page of what follows it.
  void heading(std::string_view text);
  // Lines of "label  value", labels in bold in a column of their own; empty values are left out.
  void fields(const std::vector<std::pair<std::string, std::string>>& fields);
  // User text: one paragraph per line, each in its own direction; blank lines are skipped.
  void text(std::string_view text);
  // An item of a numbered list (user text), with an optional note under it, smaller.
  void numbered(std::size_t number, std::string_view text, std::string_view note = {});
  // A table with borders, a shaded header row repeated on every page, the first column at
  // the document's start side. Rows are never cut across pages. Cells are user text.
  void table(const std::vector<Column>& columns, const std::vector<std::vector<std::string>>& rows);
  // A figure `height` points high across the text's width (moved to a new page when it does
  // not fit on this one), drawn by `draw` (charts.hpp).
  void figure(double height, const std::function<void(Canvas&)>& draw);
  // What follows starts on a new page (unless the current one is still empty).
  void page_break();
  // What is left of the current page, in points, and the height of an empty page.
  double space_left() const;
  double page_space() const;
  // A signature block at the document's end side: `role` above `name`, with room to sign.
  void signature(std::string_view role, std::string_view name);

  // Writes every page with its footer and answers the PDF's bytes. Call once, last.
  // Throws std::runtime_error when Cairo fails.
  std::string finish();

 private:
  friend class Canvas;

  // Told each time a document has laid out one more page: how many pages are done. It may throw
  // to stop the document (a download cancelled): the document is then dropped, nothing written.
  using Progress = std::function<void(std::size_t pages_done)>;
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Where a figure of PdfDocument::figure is drawn: a box as wide as the text, `height` high,
// in points from its top-left corner (x to the right, y down, whatever the direction: a
// figure lays itself out for right_to_left()). Text is set as the document's is (its font,
// Arabic shaping, each label in its own direction, number ranges isolated).
class Canvas {
 public:
  double width() const { return width_; }
  bool right_to_left() const;
  void fill(double x, double y, double width, double height, Colour colour);
  void line(double x0, double y0, double x1, double y1, double thickness = 0.6, Colour colour = {0.55, 0.55, 0.55});
  // `text` on one line, cut with an ellipsis when longer than `width`, at `side` of the box
  // [x, x + width] with its top at y, in `size` points. Answers its height.
  double label(std::string_view text, double x, double y, double width, Side side, double size, bool bold = false,
               double grey = 0);
  // The width of `text` on one line.
  double measure(std::string_view text, double size, bool bold = false);

 private:
  friend class PdfDocument;
  Canvas(PdfDocument::Impl& document, double left, double top, double width)
      : document_(&document), left_(left), top_(top), width_(width) {}
  PdfDocument::Impl* document_;
  double left_, top_, width_;
};

}  // namespace riaya::reports
