#pragma once

#include "domain/error.hpp"
#include "domain/grid.hpp"
#include "domain/language.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

// Diagnostic grids as XLSForm, the spreadsheet form format of ODK and KoboToolbox, so that a
// grid can be written in Excel, tried in KoboCollect, and imported into Riaya (and back).
//
// Mapping (import and export):
//
//   settings sheet (optional; one header row, values on the next non-empty row)
//     form_id                → Grid::code (default "xlsform")
//     version                → Grid::version, an integer >= 1 (default 1; anything else is a
//                              non-blocking BadValue and 1 is used)
//     form_title             → Grid::name_ar when default_language names Arabic, name_fr when
//                              it names French; without default_language, by the text's script
//                              (Arabic letters → name_ar, else name_fr)
//     form_title::<lang>, riaya_title::<lang>
//                            → name_ar / name_fr explicitly (export writes form_title = name_ar
//                              and riaya_title::French (fr) = name_fr)
//     default_language       → the language of every column without "::<lang>" (form_title,
//                              label, hint, riaya_remedy); export writes "Arabic (ar)"
//     No Arabic title → a non-blocking MissingArabicLabel, name_ar = the title in another
//                              language or else the code.
//
//   survey sheet (required; the first non-empty row holds the headers)
//     begin_group / begin group → a domain: name → code, label → name_ar / name_fr,
//                              riaya_weight → weight. Groups may nest: each group holding
//                              questions of its own is a domain, in the order they begin.
//     end_group / end group   → closes the innermost open group; a group without any criterion
//                              is dropped with a non-blocking EmptyGroup (e.g. "identification")
//     select_one LIST, select one LIST, select_one LIST or_other
//                            → a criterion of the innermost open group: name → code, label →
//                              text, hint → guidance, riaya_weight (number > 0, default 1),
//                              riaya_legal (yes / probable / no, default no),
//                              riaya_legal_reference, riaya_critical (yes / no, also 1 / 0,
//                              true / false; default no), riaya_remedy → remedy. or_other is a
//                              non-blocking OtherChoiceIgnored. Outside any group: in one
//                              domain named as the form, coded "general" (a non-blocking
//                              QuestionOutsideGroup), so that a form without groups imports.
//     text, integer, decimal, note, date, select_multiple, calculate, geopoint, image, start,
//     end, today, deviceid, begin_repeat, … (every other XLSForm type) → Skipped, not blocking
//     anything else → UnknownType (blocking)
//   A group or criterion without an Arabic label takes its French text, else the text of the
//   first other language ("label::English (en)"), else its name, with a non-blocking
//   MissingArabicLabel: the grid shows it as to be translated. Rows with no type, name nor
//   label are ignored. Names of groups and criteria must be unique.
//
//   choices sheet (required): list_name, name, label. The first list used whose names are
//   exactly 0, 1 and 2 (text or numbers) and at most one na or n/a (any case) gives the scale
//   labels and the not-applicable label (without one: "لا ينطبق" / "sans objet"). Any other
//   list used (yes / no, …) is a non-blocking ChoicesNotOnScale: its questions are scored on the
//   scale all the same. Without any list on the scale, the scale is Riaya's (غير متوفر / absent,
//   جزئي / partiel, مرض / satisfaisant).
//
//   Headers match ignoring case and spaces. A language suffix is "::" (or ":") followed by
//   "Arabic (ar)", "Arabic", "ar" or anything ending in "(ar)" — likewise for French with fr;
//   another language's column is only a stand-in for a missing Arabic text. Unknown columns
//   (relevant, required, appearance, $kuid, …) and sheets are ignored. With a default_language
//   other than Arabic or French, the plain columns are that other language.
//
// Finally the assembled grid goes through domain::parse_grid; an error there becomes a
// blocking issue placed on the row and column it came from.
namespace riaya::io {

struct XlsformIssue {
  enum class Kind {
    MissingSheet,          // survey or choices
    MissingColumn,         // type or name in survey; list_name or name in choices; any label
    MissingArabicLabel,    // a group, criterion, title or scale choice without Arabic text (not blocking:
                           // another text stands in); blocking only from the last check
    UnknownType,           // not an XLSForm type, or a row with a name / label and no type
    UnknownChoiceList,     // select_one LIST with no LIST in choices
    ChoicesNotOnScale,     // a list used that is not 0, 1, 2 (na) (not blocking)
    OtherChoiceIgnored,    // select_one LIST or_other: the "other" choice is not kept (not blocking)
    UnclosedGroup,         // no end_group for a group before the end of the sheet
    QuestionOutsideGroup,  // select_one questions outside any group, put in one domain (not blocking)
    DuplicateName,         // a group or criterion name used twice
    BadWeight,             // riaya_weight not a number > 0
    BadValue,              // any other bad cell: riaya_legal, riaya_critical, version, a stray
                           // end_group, an empty name, …
    Skipped,               // a question type with no place in a grid (not blocking)
    EmptyGroup,            // a group without any select_one (not blocking; the group is dropped)
    NoCriterion,           // no select_one question in the whole form
  };

  std::string sheet;
  int row = 0;         // 1-based as Excel shows it; 0 = the whole sheet
  std::string column;  // the header as written in the file (or the expected one); "" when none
  Kind kind = Kind::BadValue;
  std::string value;  // the offending text (a type, a name, a weight, …)
  bool blocking = true;

  friend bool operator==(const XlsformIssue&, const XlsformIssue&) = default;
};

struct XlsformImport {
  std::optional<domain::Grid> grid;  // set only when no issue is blocking
  std::vector<XlsformIssue> issues;  // in sheet order (settings, survey, choices), then by row
};

// Reads a grid from the bytes of an XLSForm .xlsx (see the mapping above). Every problem of
// the form itself is an issue of the result, all of them collected in one pass so the user can
// fix the file at once. Returns an error (InvalidValue, field "file", from read_xlsx) only when
// the bytes are not a readable XLSX at all. Never throws on bad input; thread-safe.
domain::Result<XlsformImport> import_xlsform(std::string_view bytes);

// One sentence for the user, e.g. "Feuille « survey », ligne 7, colonne « type » : type
// inconnu « geopoint2 »." The row is left out when 0 and the column when "".
std::string describe(const XlsformIssue& issue, domain::Language language);

// The bytes of an .xlsx holding `grid` as an XLSForm that ODK / KoboToolbox accept, with one
// required select_one per criterion on the list "scale" (0, 1, 2, na).
// import_xlsform(export_xlsform(g)) gives back g exactly, without any issue, for every grid
// whose domain codes differ from its criterion codes (XLSForm wants all names unique; a grid
// that reuses one imports with a DuplicateName).
// Throws std::runtime_error when a text exceeds Excel's 32,767 characters per cell.
std::string export_xlsform(const domain::Grid& grid);

}  // namespace riaya::io
