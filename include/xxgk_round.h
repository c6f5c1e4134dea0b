/*
 * xxgk_round.h — the office's round of annual reports (年报报送/审核): each
 * January the 政务公开办 collects its units' reports, checks them, returns
 * the ones with errors and publishes the approved ones (条例 art. 49: a
 * department's report by 31 January, a government's by 31 March). Part of
 * libxxgk; include it after xxgk_register.h (it includes it).
 *
 *     xxgk_round *rd;
 *     if (xxgk_round_open("xxgk.db", 0, &rd)) { puts(xxgk_round_errmsg(rd)); }
 *     xxgk_reg_set_user(xxgk_round_reg(rd), "wangmin");   // the audit log's
 *     int64_t id;
 *     xxgk_round_new(rd, office_id, 2024, "2025-01-31", &id);
 *     xxgk_doc *doc;                                      // a unit's report
 *     xxgk_reg_report(xxgk_round_reg(rd), unit_id, 2024, &doc);
 *     xxgk_round_version v;
 *     xxgk_round_put(rd, id, unit_id, doc, NULL, 0, "登记簿", &v);
 *     xxgk_round_note(rd, v.id, 0, XXGK_SIDE_UNIT, "按签发原件填写");
 *     xxgk_round_submit(rd, id, unit_id);                 // 已报送 / 有错误
 *     xxgk_round_approve(rd, id, unit_id);                // by the office
 *     xxgk_round_publish(rd, id, corpus, &n);             // into the corpus
 *
 * The states of a unit, and who moves it:
 *
 *     未报送 ──submit──▶ 已报送 ──approve──▶ 已通过 ──publish──▶ 已发布
 *       │                 │  ▲                  ▲
 *       └──submit──▶ 有错误 ─┘ └──submit── 已退回 ◀─return── 已报送/有错误
 *
 * A unit submits its latest version: 有错误 when the checker found an
 * error in it, else 已报送; it may submit again until the office approves.
 * The office returns a submitted report with its notes (已退回) or
 * approves it (already with errors: recorded with a warning, as the law
 * leaves that judgment to the office). Every version is kept, never
 * changed (its SHA-256 names its bytes), and so is every note; every
 * write is one transaction and goes to the register's audit log.
 *
 * Storage: the register's database (schema 6); a round handle is a
 * register handle of its own, so the round's calls take the same lock and
 * the same audit log as the register's.
 */
#ifndef XXGK_ROUND_H
#define XXGK_ROUND_H

#include "xxgk_register.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct xxgk_round xxgk_round;
typedef struct xxgk_corpus xxgk_corpus;

/* Opens the register at path for rounds (flags as xxgk_reg_open). */
XXGK_EXPORT xxgk_status xxgk_round_open(const char *path, unsigned flags,
                                        xxgk_round **out);
XXGK_EXPORT void xxgk_round_close(xxgk_round *rd);
/* The last failure's Chinese message ("" if none); borrowed. */
XXGK_EXPORT const char *xxgk_round_errmsg(const xxgk_round *rd);
/* The last call's warnings ("" if none); borrowed. */
XXGK_EXPORT const char *xxgk_round_warning(const xxgk_round *rd);
/* The register underneath: set its user, clock and today there; build a
 * unit's report from it. Borrowed. */
XXGK_EXPORT xxgk_reg *xxgk_round_reg(xxgk_round *rd);

typedef enum {
  XXGK_UNIT_PENDING = 0, /* 未报送 */
  XXGK_UNIT_SUBMITTED,   /* 已报送 */
  XXGK_UNIT_ERRORS,      /* 有错误: submitted with an error finding */
  XXGK_UNIT_RETURNED,    /* 已退回 */
  XXGK_UNIT_APPROVED,    /* 已通过 */
  XXGK_UNIT_PUBLISHED,   /* 已发布: in the corpus               */
  XXGK_N_UNIT_STATES
} xxgk_unit_state;

/* "pending" … "published"; "未报送" … "已发布"; -1 for an unknown key. */
XXGK_EXPORT const char *xxgk_unit_state_key(xxgk_unit_state s);
XXGK_EXPORT const char *xxgk_unit_state_label(xxgk_unit_state s);
XXGK_EXPORT int xxgk_unit_state_find(const char *key);

/* ## Rounds */

typedef struct {
  int64_t id;
  int64_t office_id;
  const char *office; /* its name                                   */
  int year;           /* the reports' year                          */
  const char *due;    /* the deadline, YYYY-MM-DD                   */
  const char *opened; /* when it was opened (audit time)            */
  int units;          /* units in it                                */
} xxgk_round_info;

/* Opens the round of `year` for the office (an agency with units), due on
 * `due`: every agency under the office in the tree becomes a unit of it,
 * 未报送. One round per office and year. Sets *id. */
XXGK_EXPORT xxgk_status xxgk_round_new(xxgk_round *rd, int64_t office_id,
                                       int year, const char *due,
                                       int64_t *id);
/* Adds a unit to a round: an agency under the office (a unit added to the
 * tree after the round was opened, or one that does not use the register:
 * xxgk_reg_agency_add and xxgk_reg_user_set_login first). */
XXGK_EXPORT xxgk_status xxgk_round_unit_add(xxgk_round *rd, int64_t round_id,
                                            int64_t agency_id);
/* The rounds an agency may see (its own office's, or those it is a unit
 * of; 0: all), newest year first. */
XXGK_EXPORT xxgk_status xxgk_round_list(
    xxgk_round *rd, int64_t agency_id,
    int (*cb)(void *ctx, const xxgk_round_info *info), void *ctx);
/* One round; XXGK_E_REFUSED when there is none. Strings borrowed until
 * the next call on rd. */
XXGK_EXPORT xxgk_status xxgk_round_get(xxgk_round *rd, int64_t id,
                                       xxgk_round_info *out);

/* ## Versions and notes */

typedef struct {
  int64_t id;          /* the version's row                              */
  int version;         /* 1, 2, … for the unit                           */
  const char *at;      /* when it was put in                             */
  const char *who;     /* by whom                                        */
  const char *source;  /* "登记簿", or the file's name                    */
  const char *sha256;  /* hex, of the original bytes (of the canonical
                          JSON when built from the register)             */
  const char *doc;     /* the canonical JSON of what was read            */
  const char *findings;/* the findings as checked then (JSON object)     */
  const char *quality; /* the quality score (JSON object), or NULL       */
  const char *changes; /* what changed from the version before (text of
                          xxgk_diff_versions), or NULL for the first    */
  int errors, warnings, notices;
  int score;           /* 0–100, or -1                                   */
  int has_original;    /* an uploaded file is kept                       */
} xxgk_round_version;

/* Puts a version of the unit's report into the round: the document (read
 * with xxgk_read, or built with xxgk_reg_report; the round takes it and
 * frees it) is checked (xxgk_check; xxgk_check_years against the unit's
 * last report in the office's round of the year before, when there is
 * one: Y1–Y3), scored, compared with the unit's version before
 * (xxgk_diff), and kept with the original bytes (NULL, 0: none) and their
 * SHA-256. A draft until xxgk_round_submit; refused once the office
 * approved, and, for a unit that keeps no register (xxgk_agency's
 * no_register), when built from the register (source NULL or "登记簿"). Fills *out (strings borrowed until the next call on rd; may
 * be NULL). */
XXGK_EXPORT xxgk_status xxgk_round_put(xxgk_round *rd, int64_t round_id,
                                       int64_t agency_id, xxgk_doc *doc,
                                       const char *original, size_t n,
                                       const char *source,
                                       xxgk_round_version *out);
/* The unit's versions, newest first. */
XXGK_EXPORT xxgk_status xxgk_round_versions(
    xxgk_round *rd, int64_t round_id, int64_t agency_id,
    int (*cb)(void *ctx, const xxgk_round_version *v), void *ctx);
/* What changed in version `version` of the unit's report (0: its latest)
 * from the version before: xxgk_diff_versions on the two, each read back
 * and checked as when it was put in (the text is what `changes` kept).
 * XXGK_E_REFUSED when the unit has no such version or it is the first.
 * *out: free with xxgk_free. */
XXGK_EXPORT xxgk_status xxgk_round_diff(xxgk_round *rd, int64_t round_id,
                                        int64_t agency_id, int version,
                                        xxgk_diff_format f, char **out);
/* The uploaded file of a version of the unit's (*bytes freed with
 * xxgk_free; *name borrowed until the next call): XXGK_E_REFUSED when the
 * version is not the unit's or keeps no file. */
XXGK_EXPORT xxgk_status xxgk_round_original(xxgk_round *rd, int64_t round_id,
                                            int64_t agency_id, int version,
                                            char **bytes, size_t *n,
                                            const char **name);

typedef enum {
  XXGK_SIDE_UNIT = 0, /* the unit answers a finding                   */
  XXGK_SIDE_OFFICE    /* the office comments on a finding or a report */
} xxgk_side;

typedef struct {
  int64_t id;
  int version;     /* of the unit's versions                          */
  int finding;     /* 1-based, in the version's findings; 0: the report */
  const char *cell;/* the cell's key (docs/annual-report.md), or NULL   */
  xxgk_side side;
  const char *at, *who, *text;
} xxgk_round_note;

/* A note on version `version_id` (its finding `finding`, 1-based; 0: the
 * whole report), or on one of its cells (`cell`, the dictionary's key:
 * "applications.granted.natural_person"; NULL: none; refused when the
 * dictionary has no such cell, or with a finding as well): a unit's answer
 * ("合计按签发原件填写"), or the office's comment. The version must be of
 * the unit (agency_id). Sets *id (may be NULL). */
XXGK_EXPORT xxgk_status xxgk_round_note_add(xxgk_round *rd, int64_t round_id,
                                            int64_t agency_id, int version,
                                            int finding, const char *cell,
                                            xxgk_side side, const char *text,
                                            int64_t *id);
/* The unit's notes, oldest first. */
XXGK_EXPORT xxgk_status xxgk_round_notes(
    xxgk_round *rd, int64_t round_id, int64_t agency_id,
    int (*cb)(void *ctx, const xxgk_round_note *n), void *ctx);

/* ## The workflow */

/* The unit submits its latest version (refused when it has none, or the
 * office approved). State 有错误 when it has an error finding, else 已报送;
 * the time and day recorded (late: after the round's due date, warned). */
XXGK_EXPORT xxgk_status xxgk_round_submit(xxgk_round *rd, int64_t round_id,
                                          int64_t agency_id);
/* The office returns a submitted report (已报送, 有错误) with a note on the
 * whole report (required: the unit must know why). */
XXGK_EXPORT xxgk_status xxgk_round_return(xxgk_round *rd, int64_t round_id,
                                          int64_t agency_id, const char *why);
/* The office approves a submitted report; one with errors is approved
 * with a warning that names their number. */
XXGK_EXPORT xxgk_status xxgk_round_approve(xxgk_round *rd, int64_t round_id,
                                           int64_t agency_id);
/* Puts every approved report of the round into the corpus (its agency the
 * unit's name, its year the round's, its path "round/OFFICE_ID/YEAR/
 * AGENCY_ID" so a later version is the corpus's next version) and marks it
 * 已发布; *n: how many. The corpus commits first: a failure after it
 * leaves the units 已通过 and a second publish stores nothing twice. */
XXGK_EXPORT xxgk_status xxgk_round_publish(xxgk_round *rd, int64_t round_id,
                                           xxgk_corpus *corpus, int *n);

/* ## The office's own report */

#define XXGK_ROUND_SUM_UNITS 1u /* add the units' approved reports        */

/* The office's own annual report of the round's year: its register's
 * report of itself alone (xxgk_reg_report_own), plus, with flags
 * XXGK_ROUND_SUM_UNITS (where that is its practice: a government whose
 * report covers its departments), the latest version of every unit
 * approved or published, summed cell by cell (xxgk_sum; a unit under a
 * counted unit whose report was built from the register is in that
 * report already and is not added again). Checked like any other report:
 * xxgk_check, and xxgk_check_years against last_year (the office's report
 * of the year before; NULL: none). The units not counted (not approved,
 * or already in another's report) are named in xxgk_round_warning.
 * *out: free it with xxgk_doc_free; *n_units (may be NULL): the units'
 * reports added. XXGK_E_REFUSED when the year is before the register's
 * format (2021) or the reports cannot be added (formats differ). */
XXGK_EXPORT xxgk_status xxgk_round_office_report(xxgk_round *rd,
                                                 int64_t round_id,
                                                 unsigned flags,
                                                 const xxgk_doc *last_year,
                                                 xxgk_doc **out,
                                                 int *n_units);

/* ## The board */

typedef struct {
  int64_t agency_id;
  const char *agency;    /* its name                                     */
  xxgk_unit_state state;
  int version;           /* the latest version, 0: none                  */
  const char *submitted; /* time of the last submission, or NULL        */
  int late_days;         /* submitted (or, not submitted, today) this
                            many days after the due date; 0: on time     */
  int errors, warnings, notices; /* of the latest version              */
  int score;             /* its quality score, -1: none                  */
  int64_t corpus_id;     /* published: the corpus's report, else 0       */
  int no_register;       /* the unit keeps no register: it uploads       */
} xxgk_board_row;

typedef struct {
  int64_t agency_id;   /* non-zero: this unit's row only (a unit's view) */
  int state;           /* an xxgk_unit_state, or -1: all                 */
  int late_only;       /* only rows with late_days > 0                   */
  int errors_only;     /* only rows whose latest version has errors      */
} xxgk_board_filter;

/* One row per unit in the agencies' order, filtered. late_days counts
 * calendar days against the register's today (xxgk_reg_set_today). */
XXGK_EXPORT xxgk_status xxgk_round_board(
    xxgk_round *rd, int64_t round_id, const xxgk_board_filter *f,
    int (*cb)(void *ctx, const xxgk_board_row *row), void *ctx);
/* The reminders: the units that have not submitted (未报送, 已退回) past the
 * due date, most late first. */
XXGK_EXPORT xxgk_status xxgk_round_late(
    xxgk_round *rd, int64_t round_id,
    int (*cb)(void *ctx, const xxgk_board_row *row), void *ctx);

/* ## Exports and the ranking
 *
 * What the office sends on: the board and the ranking as tables, f
 * XXGK_QUEUE_CSV (UTF-8 with a byte-order mark) or XXGK_QUEUE_XLSX (a
 * workbook; libxlsxwriter loaded on first use: XXGK_E_IO with the package
 * to install when it is missing), the register's two table formats.
 * *out (free with xxgk_free) holds *n bytes. */

/* The board as xxgk_round_board lists it for f (NULL: every unit), with
 * Chinese heads: 单位, 状态, 版本, 错误, 警告, 提示, 质量得分, 报送时间,
 * 报送截止, 逾期天数, 按时情况 (按时 / 逾期N天 / 未报送…). Counts, the
 * score and the days are numbers in a workbook. */
XXGK_EXPORT xxgk_status xxgk_round_board_export(xxgk_round *rd,
                                                int64_t round_id,
                                                const xxgk_board_filter *f,
                                                xxgk_queue_format fmt,
                                                char **out, size_t *n);

/* A unit in the ranking by quality score. rank, score, got and judged are
 * -1 where there is none (no version, or no point could be judged), since
 * 0 is a real value of each. */
typedef struct {
  int rank;              /* 1 for the best; ties share one             */
  int64_t agency_id;
  const char *agency;
  xxgk_unit_state state;
  int version;           /* the latest version, 0: none                */
  int score;             /* percent of the points judged               */
  int got, judged;       /* points got of those judged                 */
  const char *lost;      /* each point lost or partly lost, "label
                            [rule] got/max：why", "；"-separated; NULL
                            if none                                    */
} xxgk_round_rank;

/* Every unit of the round by the quality score of its latest version,
 * best first (ties by the agencies' order; units with no score last);
 * strings borrowed for the callback's duration. One read. */
XXGK_EXPORT xxgk_status xxgk_round_ranking(
    xxgk_round *rd, int64_t round_id,
    int (*cb)(void *ctx, const xxgk_round_rank *row), void *ctx);
/* The ranking as a table: 名次, 单位, 状态, 版本, 质量得分, 得分,
 * 可评判分, 失分说明. */
XXGK_EXPORT xxgk_status xxgk_round_ranking_export(xxgk_round *rd,
                                                  int64_t round_id,
                                                  xxgk_queue_format fmt,
                                                  char **out, size_t *n);

#ifdef __cplusplus
}
#endif

#endif
