/*
 * report.h — what the writers of whole reports share (render_md.c,
 * render_txt.c, render_html.c, render_docx.c):
 *
 *   layout.c  each table of the dictionary laid out as the official formats
 *             print it: a grid of cells, some merged across columns or rows
 *   report.c  the report's outline: title, the six parts with their
 *             headings, narrative or placeholder, the 信息处理费 sentence
 *   esc.c     escaping for every output language, in one place
 *
 * A writer walks dict_part() for the outline and a grid for each table;
 * it never names a row, a column or a label itself.
 */
#ifndef XXGK_REPORT_H
#define XXGK_REPORT_H

#include "internal.h"

/* ## Escaping (esc.c) */

/* JSON, CSV and XML are xxgk_out.h's escapers. */
#define esc_json(b, s) xxgk_esc_json((b), (s), 0)
#define esc_csv xxgk_esc_csv
#define esc_xml xxgk_esc_xml
/* A report's year as JSON: the number, or null when it is not known (0). */
void json_year(buf *b, int year);
/* `, "key": ` and s as esc_json writes it: a member after the first. */
void json_member(buf *b, const char *key, const char *s);
/* A Markdown table cell: '|' escaped, line breaks as spaces. */
void esc_md_cell(buf *b, const char *s);
/* The display width of UTF-8 text in a monospaced terminal: East Asian
 * wide and full-width characters count 2, combining marks 0. */
size_t esc_width(const char *s, size_t n);

/* ## Table layout (layout.c) */

#define GRID_MAX_ROWS 40
#define GRID_MAX_COLS 16

/* The grid of xxgk.h (xxgk_grid_new), built in place for the writers. */
struct xxgk_grid {
  xxgk_table table; /* the table laid out                                 */
  int n_cols, n_rows;
  int n_label_cols; /* leading columns of labels (0 for table 4)          */
  int n_head_rows;  /* leading rows that head the whole table (repeated on
                       each printed page); table 2 heads each group       */
  int head[GRID_MAX_ROWS];                 /* row y holds only headers   */
  int owner[GRID_MAX_ROWS][GRID_MAX_COLS]; /* the cell covering each slot */
  xxgk_grid_cell cells[GRID_MAX_ROWS * GRID_MAX_COLS]; /* in the order laid
                                                 out: walk with xxgk_grid_at */
  int n_cells;
};
typedef struct xxgk_grid grid;

/* Lays table t of format f out. Returns 0, or -1 for a table printed as
 * prose (processing_fees) or with no rows in f. */
int grid_build(grid *g, xxgk_table t, xxgk_format f);
/* A value cell's figure as printed ("9872.3034"), or "" when absent. */
void grid_value(const xxgk_doc *d, const xxgk_grid_cell *c, char out[32]);
/* Each column's natural width in display columns: the widest label or
 * figure in it, a label counted at most `wrap` columns per column it spans
 * (it wraps; 0: no limit). A cell spanning columns has their widths plus
 * `gap` between each two; when it needs more, the last column it covers is
 * widened. */
void grid_widths(const grid *g, const xxgk_doc *d, size_t wrap, size_t gap,
                 size_t *width);
/* The widths of the columns, in twips summing to `total`, for a writer
 * whose cells wrap their text (HTML, DOCX): room for every figure and for
 * a few characters of each label; a group label spanning rows is narrow
 * and wraps downwards, as the official tables print it. */
void grid_fit(const grid *g, const xxgk_doc *d, int total, int *tw);

/* ## The outline (report.c) */

/* The report's title: the document's, or one made of agency and year.
 * The caller frees it. */
char *report_title(const xxgk_doc *d);

/* A writer of whole reports: what it writes for each piece of the outline
 * in its language. */
typedef struct {
  const char *head[2]; /* before and after a part's official heading     */
  const char *para[2]; /* before and after a paragraph of its narrative  */
  const char *placeholder; /* in place of para[0] before the sentence
                              saying what a part without text must hold  */
  /* How the heading and narrative are escaped; NULL: written as they are. */
  void (*esc)(buf *b, const char *s, size_t n);
  /* A part's table, laid out on the official grid (grid_build). */
  void (*table)(buf *b, const xxgk_doc *d, const grid *g);
} report_writer;
/* Writes the outline after the title. The parts, their headings and what
 * each holds are the dictionary's (dict_part): each part's heading, then
 * its table (when grid_build lays one out in d's format), then its
 * narrative a paragraph (a line) at a time, each without its trailing
 * blanks and empty ones left out; a part without text gets a sentence in
 * brackets saying what it must contain (the placeholder) and, for part 六,
 * one stating the document's 信息处理费 figures, which the parser reads
 * back. */
void report_walk(buf *b, const xxgk_doc *d, const report_writer *w);

/* ## The writers (render_*.c); each appends the whole report to b. */
void render_report_md(buf *b, const xxgk_doc *d);
void render_report_txt(buf *b, const xxgk_doc *d);
void render_report_html(buf *b, const xxgk_doc *d);

/* ## Word documents (render_docx.c), shared by the report and the notices
 *
 * The page of official documents (GB/T 9704): A4, margins 37 mm top,
 * 35 mm bottom, 28 mm left, 26 mm right, in twentieths of a point. */
#define DOCX_PAGE_W 11906
#define DOCX_PAGE_H 16838
#define DOCX_MARGIN_TOP 2098
#define DOCX_MARGIN_BOTTOM 1984
#define DOCX_MARGIN_LEFT 1587
#define DOCX_MARGIN_RIGHT 1474
#define DOCX_NS_W                                                              \
  "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define DOCX_NS_R                                                              \
  "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define DOCX_XML_DECL                                                          \
  "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
/* Ends word/document.xml: the A4 section with the page number in the
 * footer and, when line_pitch is not 0, a grid of lines that far apart
 * (twips; GB/T 9704's 22 lines a page: 579). */
void docx_section(buf *b, int line_pitch);
/* Zips a DOCX: the document (taken: the buffer is empty after), its
 * styles.xml and the fixed parts (settings, footer with the page number,
 * relationships, core properties with the title); deterministic bytes.
 * *out is the caller's (xxgk_free). XXGK_E_IO without libzip. */
xxgk_status docx_package(buf *document, const char *title, const char *styles,
                         char **out, size_t *n);

#endif
