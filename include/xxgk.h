/*
 * xxgk.h — the public interface of libxxgk, the library behind the `xxgk`
 * command: read a 政府信息公开工作年度报告 (government information disclosure
 * annual report), extract its three statistical tables into the canonical
 * model of docs/annual-report.md, and check the tables' consistency rules.
 *
 * Usage, from the one-shot call to the streaming one:
 *
 *     xxgk_doc *doc = NULL;
 *     xxgk_status st = xxgk_parse(bytes, n_bytes, &doc);   // never NULL doc
 *     xxgk_check(doc);                                     // adds findings
 *     char *json = xxgk_render(doc, XXGK_OUT_JSON);        // caller frees
 *     for (size_t i = 0; i < xxgk_doc_n_diags(doc); i++)
 *       puts(xxgk_doc_diag(doc, i)->message);
 *     xxgk_free(json);
 *     xxgk_doc_free(doc);
 *
 *     xxgk_parser *p = xxgk_parser_new();                  // streaming
 *     while ((n = fread(buf, 1, sizeof buf, f)) > 0)
 *       xxgk_parser_feed(p, buf, n);
 *     st = xxgk_parser_finish(p, &doc);                    // frees p
 *
 * Conventions of every public header (xxgk.h, xxgk_out.h, xxgk_register.h,
 * xxgk_corpus.h):
 *   - A handle on a file opens as
 *       xxgk_status xxgk_X_open(const char *path, unsigned flags, xxgk_X **out)
 *     and always sets *out, also on failure: close it with xxgk_X_close.
 *     The message of its last failure, in Chinese a user can act on, is
 *     xxgk_X_errmsg(h) (borrowed; "" if none).
 *   - Errors are values: a function that can fail returns an xxgk_status.
 *   - Options are XXGK_OPT_* bits in an `unsigned`; a choice among modes
 *     is an enum. No int flags.
 *   - Queries return structs or call a callback per row; JSON is one of
 *     the renderers (xxgk_render, …), never a query's result.
 *
 * Memory: every `_new` has a `_free`, and `_free(NULL)` is a no-op. Getters
 * return borrowed pointers that stay valid until their owner is freed.
 * Strings the library returns for the caller to keep are freed with
 * xxgk_free(). Allocation failure aborts with a message (there is no NULL
 * to check); hostile input is bounded by the limits below instead.
 */
#ifndef XXGK_H
#define XXGK_H

#include <stddef.h>
#include <stdint.h>

#include "xxgk_out.h" /* the buffer and escapers; XXGK_EXPORT */

#ifdef __cplusplus
extern "C" {
#endif

/* ## Version */

#define XXGK_VERSION "0.1.0"

/* What the library runs with, as a bug report needs it (`xxgk --version`
 * prints it): the libraries it links, those it loads on first use and the
 * program it runs for PDF. */
typedef struct {
  const char *name;    /* "SQLite", "libxml2", "pdftotext"                  */
  const char *how;     /* "linked", "loaded" (on first use) or "program"    */
  const char *version; /* "3.40.1"; NULL when it cannot be loaded or run    */
  const char *detail;  /* the library file loaded ("libxml2.so.2"), or why
                          it could not be (in Chinese, with the package to
                          install); NULL when there is nothing to add      */
} xxgk_component;

/* Every component, in a fixed order; sets *n to their count. The array and
 * its strings are the library's, valid until the process exits. The first
 * call loads the libraries loaded on first use and runs `pdftotext -v` (so
 * only a program that asks pays for it); it is thread-safe. */
XXGK_EXPORT const xxgk_component *xxgk_components(size_t *n);

/* ## Limits
 *
 * Every input is bounded; crossing a bound is an input error with a message,
 * never a crash or unbounded memory. */

#define XXGK_MAX_LINE (64 * 1024)          /* longer lines are skipped    */
#define XXGK_MAX_SECTION (1024 * 1024)     /* narrative text kept per part */
#define XXGK_MAX_INPUT (256 * 1024 * 1024) /* bytes read from one file    */
#define XXGK_MAX_DIAGS 1000                /* further diagnostics counted */
/* Published renditions (xxgk_read): */
#define XXGK_MAX_ZIP_ENTRY (64 * 1024 * 1024) /* DOCX document.xml unpacked */
#define XXGK_MAX_DEPTH 200         /* HTML/DOCX element nesting            */
#define XXGK_MAX_CELLS (1000 * 1000) /* table cells, spans counted per cell */
/* Tags in a DOCX document.xml or an HTML page, counted before its tree is
 * built: the tree costs some hundred bytes a node, so a few hundred KiB of
 * zipped empty cells would otherwise take a GiB. Real reports have ~10^4. */
#define XXGK_MAX_TAGS (500 * 1000)
#define XXGK_MAX_SECONDS 120       /* a converter (pdftotext, LibreOffice) */
/* Scans (recognised page by page): */
#define XXGK_MAX_SCAN_PAGES 40     /* pages of a PDF without text read     */
#define XXGK_MAX_SCAN_SECONDS 300  /* for all its pages, 60 at most a page  */
#define XXGK_MAX_SCAN_MEMORY (1024L * 1024 * 1024) /* address space of the
                                      child recognising one page          */

/* ## Errors and options */

#define XXGK_OPT_CREATE 1u /* xxgk_X_open: create the file if missing */
#define XXGK_OPT_READONLY 2u /* xxgk_corpus_open: read only, the schema
                                neither made nor migrated (a replica) */

typedef enum {
  XXGK_OK = 0,
  XXGK_E_IO,         /* the file could not be read                      */
  XXGK_E_ENCODING,   /* binary data, or text in no encoding we know; a
                        file format that cannot be read here (.doc without
                        LibreOffice, RTF, a damaged DOCX or PDF), or a PDF
                        with no text layer (a scan: needs OCR)          */
  XXGK_E_NOT_REPORT, /* readable text, but no annual report tables in it */
  XXGK_E_INCOMPLETE, /* a report, but cells are missing or ambiguous    */
  XXGK_E_LIMIT,      /* an input bound was crossed                      */
  XXGK_E_USAGE,      /* the caller passed something invalid             */
  XXGK_E_REFUSED,    /* register: the input breaks a rule; nothing written */
  XXGK_E_DB,         /* register: the database failed                   */
  XXGK_E_BUSY        /* register: another writer held the database past
                        the wait (5 s); nothing written, try again      */
} xxgk_status;

/* A short English name of a status ("incomplete report"); static. */
XXGK_EXPORT const char *xxgk_strerror(xxgk_status st);

/* ## Memory
 *
 * The library's allocator, for callers that want its policy: failure
 * prints "xxgk: out of memory allocating N bytes" and aborts, so the result
 * is never NULL (with -DXXGK_FAULT_INJECTION, XXGK_FAIL_ALLOC=N fails every
 * allocation after the first N: tests/robust/faults.sh). Free with xxgk_free. */

XXGK_EXPORT void *xxgk_malloc(size_t n);
XXGK_EXPORT void *xxgk_calloc(size_t n, size_t size);
XXGK_EXPORT void *xxgk_realloc(void *p, size_t n);
XXGK_EXPORT char *xxgk_strndup(const char *s, size_t n);
XXGK_EXPORT char *xxgk_strdup(const char *s);
XXGK_EXPORT void xxgk_free(void *p);

/* ## Data dictionary
 *
 * The one description of the report's tables (docs/annual-report.md):
 * tables → rows → columns, each with its canonical key and its Chinese label
 * as printed in the official formats. Parsing, checking and every renderer
 * walk these arrays; no other list of rows or columns exists. */

typedef enum {
  XXGK_FORMAT_NONE = 0,
  XXGK_FORMAT_2019 = 1, /* 国办公开办函〔2019〕60号: report years 2019–2020 */
  XXGK_FORMAT_2021 = 2, /* 国办公开办函〔2021〕30号: report years 2021–    */
  XXGK_FORMAT_ANY = 3
} xxgk_format;

typedef enum {
  XXGK_T_ACTIVE = 0,   /* 二、主动公开政府信息情况                 */
  XXGK_T_APPLICATIONS, /* 三、收到和处理政府信息公开申请情况       */
  XXGK_T_REVIEWS,      /* 四、政府信息公开行政复议、行政诉讼情况   */
  XXGK_T_FEES,         /* 六、信息处理费 (narrative figures)        */
  XXGK_N_TABLES
} xxgk_table;

typedef enum {
  XXGK_KIND_COUNT = 0, /* non-negative integer                        */
  XXGK_KIND_SIGNED,    /* integer that may be negative (2019 change)  */
  XXGK_KIND_MONEY      /* exact decimal in the column's unit           */
} xxgk_kind;

/* What a row of table 3 means to the rules A1/A2. */
typedef enum {
  XXGK_ROLE_NONE = 0,
  XXGK_ROLE_INFLOW,  /* received, carried_over                         */
  XXGK_ROLE_OUTCOME, /* granted … other_*: summed into total (A2)       */
  XXGK_ROLE_TOTAL,   /* （七）总计                                       */
  XXGK_ROLE_FORWARD  /* 四、结转下年度继续办理                          */
} xxgk_role;

typedef struct {
  const char *key;   /* "natural_person"                              */
  const char *label; /* "自然人", or "商业企业" under group            */
  const char *group; /* "法人或其他组织", or NULL                      */
  xxgk_kind kind;
  const char *unit; /* "万元", "元", or NULL for counts               */
} xxgk_col_def;

typedef struct {
  xxgk_table table;
  const char *key;      /* "granted"; NULL for processing_fees          */
  const char *label;    /* the row's own printed label "（一）予以公开" */
  const char *group;    /* "三、本年度办理结果", or the 第二十条 item    */
  const char *subgroup; /* "（三）不予公开", or NULL                     */
  unsigned formats;     /* XXGK_FORMAT_2019 | XXGK_FORMAT_2021          */
  xxgk_role role;
  const xxgk_col_def *cols;
  int n_cols;
  const char *aliases; /* other printed labels, '|'-separated, or NULL */
} xxgk_row_def;

/* How the official formats lay a table out (the report writers follow it). */
typedef enum {
  XXGK_LAYOUT_ITEMS = 0, /* table 2: per row group a caption row and a
                            header row, then its rows                    */
  XXGK_LAYOUT_MATRIX,    /* table 3: one header over every row; row groups
                            and subgroups as merged label columns        */
  XXGK_LAYOUT_ACROSS,    /* table 4: the rows side by side as column
                            groups over one line of figures              */
  XXGK_LAYOUT_PROSE      /* part 6: figures stated in the narrative      */
} xxgk_layout;

typedef struct {
  const char *key;     /* "applications"                               */
  const char *heading; /* "三、收到和处理政府信息公开申请情况"          */
  xxgk_layout layout;
  const char *corner;  /* the header's corner cell: "信息内容", the A1
                          rule table 3 prints there, or NULL            */
  const char *columns; /* the heading over all figure columns
                          ("申请人情况"), or NULL                       */
} xxgk_table_def;

XXGK_EXPORT const xxgk_table_def *xxgk_dict_table(xxgk_table t);
/* All rows of all tables and formats, in printed order. */
XXGK_EXPORT int xxgk_dict_n_rows(void);
XXGK_EXPORT const xxgk_row_def *xxgk_dict_row(int i);
/* The index of the row with this table and key in this format, or -1. */
XXGK_EXPORT int xxgk_dict_find_row(xxgk_table t, const char *key,
                                   xxgk_format f);
/* The index of the column with this key in row `row`, or -1. */
XXGK_EXPORT int xxgk_dict_find_col(int row, const char *key);
/* Writes "applications.granted.natural_person" (or "processing_fees.notices")
 * into out (NUL-terminated, truncated to cap); returns the length. */
XXGK_EXPORT size_t xxgk_dict_key(int row, int col, char *out, size_t cap);
/* Finds a cell by dotted key in format f; returns 0 and sets *row, *col, or
 * -1 when no such cell exists in that format. */
XXGK_EXPORT int xxgk_dict_find_key(const char *key, xxgk_format f, int *row,
                                   int *col);
/* "2019" / "2021" / NULL. */
XXGK_EXPORT const char *xxgk_format_name(xxgk_format f);
/* The rows of table t with this role, of any format, in printed order (at
 * most cap); returns how many. Table 3's outcome rows: XXGK_ROLE_OUTCOME. */
XXGK_EXPORT int xxgk_dict_rows_by_role(xxgk_table t, xxgk_role role,
                                       const xxgk_row_def **out, int cap);

/* ## Numbers
 *
 * Exact decimals: value = mant / 10^scale. 9872.3034 is {98723034, 4} and
 * prints back as "9872.3034"; no binary floating point is involved. */

typedef struct {
  int64_t mant;
  uint8_t scale; /* 0..18 */
} xxgk_num;

/* Formats n into out (at least 32 bytes); returns the length. */
XXGK_EXPORT size_t xxgk_num_format(xxgk_num n, char *out);
/* Parses "-12", "93,773", "9872.3034"; returns 0 on success, -1 if s is not
 * exactly one such number. */
XXGK_EXPORT int xxgk_num_parse(const char *s, size_t n, xxgk_num *out);
/* a + b exactly; returns -1 on overflow. */
XXGK_EXPORT int xxgk_num_add(xxgk_num a, xxgk_num b, xxgk_num *out);
/* -1, 0, 1 by value (so 2484 == 2484.00). */
XXGK_EXPORT int xxgk_num_cmp(xxgk_num a, xxgk_num b);

/* ## Document model */

typedef struct xxgk_doc xxgk_doc;

typedef enum {
  XXGK_CELL_ABSENT = 0, /* not found in the input: JSON null       */
  XXGK_CELL_VALUE,      /* a number as printed                     */
  XXGK_CELL_BLANK       /* printed empty, "—", "/" or "无": 0       */
} xxgk_cell_state;

/* How a cell was read, when not plainly (a row's label, then exactly its
 * numbers, each separated from the next). The parser never guesses: each
 * of these is a reading the input left only one way open, and it says so
 * (a notice naming the cells, and the document's list of inferred cells,
 * `inferred` in the JSON output). */
typedef enum {
  XXGK_HOW_PLAIN = 0,
  XXGK_HOW_BLANK,        /* printed empty, "—", "/" or "无": read as 0     */
  XXGK_HOW_NEAR_MATCH,   /* its row's label differs from the official one
                            by a few characters (a typo, OCR); the row is
                            the one expected next in the fixed order      */
  XXGK_HOW_ALIGNED,      /* its number stood away from its row's label
                            (a conversion moved the label); assigned by
                            aligning the labels and numbers against the
                            rows' fixed order and cell counts             */
  XXGK_HOW_SPLIT_BY_SUM, /* printed run together with its row's other
                            cells ("2310000024"); the one split that gives
                            the row's cell count and its own sum (A3, R1) */
  XXGK_HOW_FORMAT_MIXED  /* its table is printed in the other format's
                            layout than the report's (a reused template)  */
} xxgk_how;

/* "blank", "label-near-match", "aligned", "split-by-sum", "format-mixed";
 * NULL for XXGK_HOW_PLAIN. Static. */
XXGK_EXPORT const char *xxgk_how_name(xxgk_how h);

typedef struct {
  xxgk_num num;
  xxgk_cell_state state;
  uint32_t line; /* 1-based source line, 0 if not from a source */
  uint32_t col;  /* 1-based column in characters                */
  xxgk_how how;  /* how it was read; XXGK_HOW_PLAIN when set by hand */
} xxgk_cell;

typedef enum {
  XXGK_SEC_OVERVIEW = 0, /* 一、总体情况             */
  XXGK_SEC_PROBLEMS,     /* 五、存在的主要问题及改进情况 */
  XXGK_SEC_OTHER,        /* 六、其他需要报告的事项     */
  XXGK_N_SECTIONS
} xxgk_section;

XXGK_EXPORT const char *xxgk_section_key(xxgk_section s); /* "overview" */
XXGK_EXPORT const char *xxgk_section_heading(xxgk_section s);

/* A new empty document of format f, every cell absent. */
XXGK_EXPORT xxgk_doc *xxgk_doc_new(xxgk_format f);
XXGK_EXPORT void xxgk_doc_free(xxgk_doc *d);

XXGK_EXPORT xxgk_format xxgk_doc_format(const xxgk_doc *d);
XXGK_EXPORT int xxgk_doc_year(const xxgk_doc *d); /* 0 if unknown */
XXGK_EXPORT const char *xxgk_doc_agency(const xxgk_doc *d); /* or NULL */
XXGK_EXPORT const char *xxgk_doc_title(const xxgk_doc *d);  /* or NULL */
XXGK_EXPORT const char *xxgk_doc_section(const xxgk_doc *d, xxgk_section s);
/* The name the document was read from ("-" for stdin), or NULL. */
XXGK_EXPORT const char *xxgk_doc_source(const xxgk_doc *d);

XXGK_EXPORT void xxgk_doc_set_year(xxgk_doc *d, int year);
/* The setters copy their string; NULL clears. */
XXGK_EXPORT void xxgk_doc_set_agency(xxgk_doc *d, const char *s);
XXGK_EXPORT void xxgk_doc_set_title(xxgk_doc *d, const char *s);
XXGK_EXPORT void xxgk_doc_set_section(xxgk_doc *d, xxgk_section s,
                                      const char *text);
XXGK_EXPORT void xxgk_doc_set_source(xxgk_doc *d, const char *name);

/* The cell at (row, col) of the dictionary; NULL if the row is not part of
 * the document's format (see xxgk_doc_table_format). */
XXGK_EXPORT const xxgk_cell *xxgk_doc_cell(const xxgk_doc *d, int row,
                                           int col);
XXGK_EXPORT void xxgk_doc_set_cell(xxgk_doc *d, int row, int col,
                                   const xxgk_cell *c);
/* The formats whose rows table t holds: the document's format, or
 * XXGK_FORMAT_ANY for a report that prints table t (table 3's （六）其他处理)
 * in the other format's layout. Such a table has the rows of both formats:
 * those printed hold their figures (how: XXGK_HOW_FORMAT_MIXED for the
 * other format's), the others stay absent. */
XXGK_EXPORT xxgk_format xxgk_doc_table_format(const xxgk_doc *d,
                                              xxgk_table t);
XXGK_EXPORT void xxgk_doc_set_table_format(xxgk_doc *d, xxgk_table t,
                                           xxgk_format f);
/* 1 if the dictionary's row is part of the document (its table's format). */
XXGK_EXPORT int xxgk_doc_has_row(const xxgk_doc *d, int row);

/* ## Diagnostics and findings
 *
 * Parse errors, notices and the checker's findings share one list on the
 * document, in the order they were made. */

typedef enum {
  XXGK_SEV_NOTICE = 0,
  XXGK_SEV_WARNING,
  XXGK_SEV_ERROR
} xxgk_severity;

#define XXGK_DIAG_MAX_CELLS 32 /* A2 sums 23 outcome rows */

typedef struct {
  int row, col; /* dictionary cell */
} xxgk_cellref;

typedef struct {
  const char *rule; /* "A1".."N1" for findings; "P" parse, "E" encoding */
  xxgk_severity severity;
  uint32_t line, col; /* where in the input, 0 if nowhere     */
  char *message;      /* one Chinese sentence a clerk can act on */
  int n_cells;
  xxgk_cellref cells[XXGK_DIAG_MAX_CELLS]; /* the cells involved     */
  int has_expected;
  xxgk_num expected; /* what the rule expected of cells[0]   */
  int has_actual;
  xxgk_num actual; /* e.g. the figure stated in the narrative */
} xxgk_diag;

XXGK_EXPORT size_t xxgk_doc_n_diags(const xxgk_doc *d);
XXGK_EXPORT const xxgk_diag *xxgk_doc_diag(const xxgk_doc *d, size_t i);
/* How many diagnostics of at least this severity the document has. */
XXGK_EXPORT size_t xxgk_doc_count(const xxgk_doc *d, xxgk_severity min);
XXGK_EXPORT const char *xxgk_severity_name(xxgk_severity s); /* "error" */

/* ## Parsing
 *
 * Reads any plain-text rendition of a report: one cell per line, tab- or
 * pipe-separated rows, Markdown tables, `pdftotext -layout` output; UTF-8
 * (with or without BOM), UTF-16 with BOM, or GB18030/GBK.
 *
 * The parser never guesses a cell: what it cannot find stays absent and is
 * an error diagnostic naming the row. A partial report still yields what
 * was found. Tables are reconstructed against the dictionary's template
 * where a rendition moved labels, mangled them or ran cells together; a
 * cell so read says how (xxgk_cell.how) and a notice names it. A text with
 * no table heading and no row label is XXGK_E_NOT_REPORT; one with tables
 * whose cells could not be read is XXGK_E_INCOMPLETE, an error per table. */

typedef struct xxgk_parser xxgk_parser;

XXGK_EXPORT xxgk_parser *xxgk_parser_new(void);
XXGK_EXPORT void xxgk_parser_free(xxgk_parser *p);
/* Feeds the next n bytes; chunks may split lines and characters. */
XXGK_EXPORT void xxgk_parser_feed(xxgk_parser *p, const char *buf, size_t n);
/* Ends the input. Always sets *out to a document (free it), also on error;
 * returns XXGK_OK, or the most serious problem met. Frees p. */
XXGK_EXPORT xxgk_status xxgk_parser_finish(xxgk_parser *p, xxgk_doc **out);

/* One-shot: feed all of buf, then finish. */
XXGK_EXPORT xxgk_status xxgk_parse(const char *buf, size_t n, xxgk_doc **out);

/* Reads canonical JSON (as XXGK_OUT_JSON writes it) back into a document,
 * every number exactly as printed. Always sets *out (free it); missing keys
 * are V1 errors, and invalid JSON is XXGK_E_NOT_REPORT with the byte offset
 * in a diagnostic. More than XXGK_MAX_INPUT bytes is XXGK_E_LIMIT, refused
 * unread. */
XXGK_EXPORT xxgk_status xxgk_doc_from_json(const char *buf, size_t n,
                                           xxgk_doc **out);

/* ## Reading published renditions
 *
 * Reports are published as web pages, Word files and PDFs. xxgk_read()
 * takes the bytes of any of them, tells what they are from the content
 * alone (magic bytes, markup; never a file name) and reads them:
 *
 *   text   the text parser above (xxgk_parse)
 *   JSON   canonical JSON (xxgk_doc_from_json)
 *   HTML   libxml2's HTML parser; charset from a BOM, else the bytes if
 *          they are UTF-8, else <meta charset> (GBK/GB2312 read as
 *          GB18030), else GB18030
 *   DOCX   libzip + libxml2 (word/document.xml), also as WPS writes it
 *   PDF    `pdftotext -layout` (poppler-utils) run as a child process;
 *          a PDF without a text layer (a scan) is rasterised (`pdftoppm`)
 *          and recognised like an image
 *   image  PNG, JPEG, TIFF (a scan or photo of a page): recognised with
 *          Tesseract in a child process (time and memory limits); tables
 *          from their ruling lines, each cell read on its own and digits
 *          read twice; a digit not read surely is null with an error naming
 *          the page, the cell's box and the candidates, never a guess.
 *          Places read "第3页 表格第5行第3列（扫描识别，置信度0.62）"
 *   .doc   old Word/WPS files: converted with LibreOffice (`soffice`) when
 *          it is installed, else XXGK_E_ENCODING saying how to convert
 *
 * HTML and DOCX tables are expanded into a grid (rowspan/colspan, gridSpan/
 * vMerge) and every reader hands the parser a text rendition: one line per
 * paragraph, per table row (cells TAB-separated) or per PDF text line.
 * The line/col of cells and diagnostics are positions in that rendition;
 * xxgk_doc_where() turns them into a place in the original, and messages
 * that name lines say "第2个表格第5行" or "第4页第12行" instead.
 *
 * Errors: XXGK_E_ENCODING for what cannot be read at all (see above),
 * XXGK_E_LIMIT when a bound (XXGK_MAX_ZIP_ENTRY, XXGK_MAX_DEPTH,
 * XXGK_MAX_CELLS, XXGK_MAX_TAGS, XXGK_MAX_SECONDS) is crossed, XXGK_E_IO when a needed
 * program (pdftotext) is missing; each with a diagnostic (rule "E") in
 * Chinese saying what to do. Otherwise the statuses of xxgk_parse. The PDF
 * and .doc readers start a child process (no shell, time-limited) and the
 * .doc reader writes a temporary directory, which it removes. */

typedef enum {
  XXGK_IN_TEXT = 0, /* plain text in any encoding the parser reads    */
  XXGK_IN_JSON,     /* canonical JSON                                  */
  XXGK_IN_HTML,     /* a web page or an HTML fragment                  */
  XXGK_IN_DOCX,     /* a ZIP archive (a DOCX if it holds word/document.xml) */
  XXGK_IN_PDF,
  XXGK_IN_OLE,      /* an OLE2 compound file: .doc, .wps               */
  XXGK_IN_RTF,
  XXGK_IN_IMAGE     /* a scanned or photographed page: PNG, JPEG, TIFF  */
} xxgk_input;

/* What the bytes are; looks at most at the first 4 KiB, so a prefix of the
 * input is enough. */
XXGK_EXPORT xxgk_input xxgk_detect(const char *buf, size_t n);
/* "text", "json", "html", "docx", "pdf", "doc", "rtf", "image"; static. */
XXGK_EXPORT const char *xxgk_input_name(xxgk_input in);

/* Reads a report in any rendition (see above). Always sets *out to a
 * document the caller frees with xxgk_doc_free, also on error; returns
 * XXGK_OK or the most serious problem met. buf is only read. */
XXGK_EXPORT xxgk_status xxgk_read(const char *buf, size_t n, xxgk_doc **out);

/* Progress of a long reading (a scan is recognised page by page): fn is
 * called with what is being done ("识别扫描件"), the pages done and the
 * total, from the reading thread. Process-wide; NULL (the default) turns
 * it off. The command sets it when standard error is a terminal. */
typedef void (*xxgk_progress_fn)(void *arg, const char *what, int done,
                                 int total);
XXGK_EXPORT void xxgk_set_progress(xxgk_progress_fn fn, void *arg);

/* Writes where line/col of d's input are, in words a clerk can find, into
 * out (NUL-terminated, truncated to cap); returns the length, 0 (and "")
 * for line 0. Text: "第12行第3列"; HTML and DOCX: "第2个表格第5行第3列"
 * (the document's n-th table, its row and grid column) or "第7段" (the
 * n-th paragraph); PDF: "第4页第12行". */
XXGK_EXPORT size_t xxgk_doc_where(const xxgk_doc *d, uint32_t line,
                                  uint32_t col, char *out, size_t cap);

/* ## Checking
 *
 * Rules A1, A2, A3, R1, V1 and N1 of docs/annual-report.md; each finding is
 * appended to the document's diagnostics. Returns the number of findings of
 * severity error. The checker reports what the document prints and never
 * changes a cell. */

XXGK_EXPORT size_t xxgk_check(xxgk_doc *d);

/* ## Rendering */

typedef enum {
  XXGK_OUT_JSON = 0, /* the canonical JSON of docs/annual-report.md,
                        with `inferred`: the cells not read plainly     */
  XXGK_OUT_CSV_HEADER, /* the CSV header line: one column per key      */
  XXGK_OUT_CSV_ROW,    /* one CSV line for this report                 */
  XXGK_OUT_MARKDOWN,   /* the tables for a human; inferred cells marked */
  XXGK_OUT_FINDINGS_JSON, /* the diagnostics as a JSON object           */
  XXGK_OUT_FINDINGS_TEXT, /* the diagnostics, one line each             */
  XXGK_OUT_REPORT_MD,     /* the whole report (title, six parts, tables in
                             the official layout) as Markdown            */
  XXGK_OUT_REPORT_TEXT,   /* the whole report as plain text, tables
                             aligned in columns                          */
  XXGK_OUT_REPORT_HTML    /* the whole report as one self-contained,
                             print-ready (A4) HTML5 page                 */
} xxgk_output;

/* Renders d; returns a NUL-terminated UTF-8 string the caller frees with
 * xxgk_free(). XXGK_OUT_CSV_HEADER ignores d's cells but uses its format
 * (NULL d: format 2021). */
XXGK_EXPORT char *xxgk_render(const xxgk_doc *d, xxgk_output o);

/* The whole report as a Word document (DOCX: WordprocessingML in a ZIP),
 * its tables real Word tables with the official merged cells. Sets *out to
 * the bytes (the caller frees them with xxgk_free()) and *n to their count;
 * returns XXGK_OK, or with *out NULL XXGK_E_LIMIT if the archive could not
 * be written, XXGK_E_IO if libzip could not be loaded (it is loaded on
 * first use, like libxml2 by the HTML and DOCX readers: a program that
 * does not call them never maps either). The writers of every report (Markdown, text, HTML, DOCX) give
 * each part its official heading; a narrative part the document lacks is a
 * placeholder saying what the part must contain, and `xxgk_parse` (or the
 * HTML and DOCX readers) reads every figure back. */
XXGK_EXPORT xxgk_status xxgk_render_docx(const xxgk_doc *d, char **out,
                                         size_t *n);

/* ## The official layout
 *
 * Each table as the official formats print it: a grid of cells, some
 * merged across columns or rows, made from the data dictionary alone. The
 * report writers above walk it; so can a program that shows the tables
 * its own way (the web application marks the cells findings name). Walk
 * the slots row by row and write each cell where xxgk_grid_at() gives one:
 * a slot a merged cell covers from further up or left gives NULL. */

typedef enum {
  XXGK_GRID_HEAD = 0, /* a column header or a group caption              */
  XXGK_GRID_LABEL,    /* a row label, row group or subgroup                */
  XXGK_GRID_VALUE     /* a figure of the document                          */
} xxgk_grid_kind;

typedef struct {
  xxgk_grid_kind kind;
  const char *text; /* the label, from the dictionary; NULL for values and
                       for an empty corner                               */
  int row, col;     /* VALUE: the dictionary cell; HEAD over one figure
                       column: the dictionary row and column it names
                       (its unit: xxgk_dict_row(row)->cols[col].unit);
                       LABEL of a row: its row, col -1; else -1, -1    */
  int x, y;         /* the top-left slot                                 */
  int w, h;         /* columns and rows spanned, >= 1                    */
} xxgk_grid_cell;

typedef struct xxgk_grid xxgk_grid;

/* Lays table t out as format f prints it. A table the formats state in
 * prose (XXGK_LAYOUT_PROSE: the 信息处理费 figures) is laid out as items,
 * for a program that shows its figures as a table. Returns a grid the
 * caller frees with xxgk_grid_free(), or NULL when f has no rows of t. */
XXGK_EXPORT xxgk_grid *xxgk_grid_new(xxgk_table t, xxgk_format f);
XXGK_EXPORT void xxgk_grid_free(xxgk_grid *g);
XXGK_EXPORT int xxgk_grid_n_cols(const xxgk_grid *g);
XXGK_EXPORT int xxgk_grid_n_rows(const xxgk_grid *g);
/* The leading rows that head the whole table (repeated on each printed
 * page): tables 3 and 4; 0 for table 2, whose row groups each open with
 * a caption and a header row. */
XXGK_EXPORT int xxgk_grid_n_head_rows(const xxgk_grid *g);
/* 1 if row y holds only headers and captions. */
XXGK_EXPORT int xxgk_grid_is_head(const xxgk_grid *g, int y);
/* The cell whose top-left slot is (x, y), or NULL if (x, y) is outside the
 * grid or covered by a cell that starts further up or left. */
XXGK_EXPORT const xxgk_grid_cell *xxgk_grid_at(const xxgk_grid *g, int x,
                                               int y);

/* ## Summing and comparing
 *
 * An oversight office sums the reports of its units; everyone compares a
 * year with the last. */

/* Sums n documents of one format cell by cell, money exactly. Always sets
 * *out to a new document (the caller frees it): format of the inputs, the
 * given agency (or NULL) and year (or 0: the inputs' common year), a title
 * made of both, no narrative parts. A cell absent in any input is absent
 * in the sum (an error; for the 信息处理费 figures, which reports may leave
 * unstated, a notice). Inputs that already carry error diagnostics (run
 * xxgk_check on them first) are listed as warnings, and the sum is then
 * checked with xxgk_check. Returns XXGK_OK; XXGK_E_USAGE when n is 0 or
 * the inputs mix formats (an error diagnostic names which inputs, by their
 * source, have which format; the sum then has no cells); XXGK_E_INCOMPLETE
 * when a cell could not be summed. */
XXGK_EXPORT xxgk_status xxgk_sum(const xxgk_doc *const *docs, size_t n,
                                 const char *agency, int year,
                                 xxgk_doc **out);

/* The cross-year rules of docs/annual-report.md on two reports of one
 * agency, prev the year before cur: Y1 (error) last year's carried_forward
 * = this year's carried_over per column; Y2 (warning, format 2021) last
 * year's in_force + this year's issued − repealed = this year's in_force;
 * Y3 (notice) last year's pending reviews and lawsuits are accounted for in
 * this year's table 4. Findings are added to cur, naming cur's cells, with
 * the expected value taken from prev. Years that do not follow each other
 * and differing agency names are warnings (rule "Y"). Returns the number of
 * findings of severity error. */
XXGK_EXPORT size_t xxgk_check_years(const xxgk_doc *prev, xxgk_doc *cur);

typedef enum {
  XXGK_DIFF_TEXT = 0, /* readable Chinese text, a line per change */
  XXGK_DIFF_JSON      /* one JSON object                          */
} xxgk_diff_format;

/* A year-over-year comparison: every figure (by canonical key, across
 * formats) that differs, with its absolute and relative change, then cur's
 * findings of the rules Y*. Returns a NUL-terminated string the caller
 * frees with xxgk_free(). */
XXGK_EXPORT char *xxgk_diff(const xxgk_doc *prev, const xxgk_doc *cur,
                            xxgk_diff_format f);
/* Two versions of one report (a unit's version N−1 and N in the office's
 * round: xxgk_round_diff): as xxgk_diff, the sides named 上一版 and 本版,
 * and in place of the cross-year findings, the findings of prev that cur
 * no longer has (resolved) and those cur has that prev had not (new),
 * matched by rule, severity and message; run xxgk_check on both first.
 * JSON: previous, current, changes, only_previous, only_current, then
 * resolved, new, and cur's errors, warnings and notices. Free the string
 * with xxgk_free(). */
XXGK_EXPORT char *xxgk_diff_versions(const xxgk_doc *prev,
                                     const xxgk_doc *cur, xxgk_diff_format f);

/* ## Register
 *
 * The agency's register of applications, events, reviews and active
 * disclosure records, stored in SQLite, with deadlines on the official
 * working-day calendar and the annual report built from it: see the second
 * public header, xxgk_register.h. */

#ifdef __cplusplus
}
#endif

#endif
