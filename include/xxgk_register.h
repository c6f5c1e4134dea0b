/*
 * xxgk_register.h — the register (登记簿): the agency clerk's daily tool for
 * applications under the 条例 (国务院令第711号), and the source of the year's
 * annual report. Part of libxxgk; include it after xxgk.h (it includes it).
 *
 * Usage:
 *
 *     xxgk_reg *r;
 *     xxgk_status st = xxgk_reg_open("xxgk.db", XXGK_OPT_CREATE, &r);
 *     if (st) { fprintf(stderr, "%s\n", xxgk_reg_errmsg(r)); ... }
 *     st = xxgk_reg_set_user(r, "张三");                  // for the audit log
 *     xxgk_agency a = {.name = "某某区人民政府办公室"};
 *     st = xxgk_reg_agency_add(r, &a);                     // sets a.id
 *     xxgk_case c = {.agency_id = a.id, .channel = "网络",
 *                    .received = "2024-03-01", .category = "natural_person",
 *                    .name = "李四", .content = "……"};
 *     st = xxgk_reg_case_new(r, &c);                       // sets c.id
 *     xxgk_event e = {.case_id = c.id, .kind = XXGK_EV_REPLY,
 *                     .date = "2024-03-20", .outcome = "granted"};
 *     st = xxgk_reg_event_add(r, &e);
 *     xxgk_doc *doc;
 *     st = xxgk_reg_report(r, a.id, 2024, &doc);           // format 2021
 *     xxgk_reg_close(r);
 *
 * Errors: every call returns an xxgk_status. XXGK_E_REFUSED means the input
 * breaks a rule of the 条例 or of the register (a reply dated before receipt,
 * a second final outcome, an unknown agency …) and nothing was written;
 * XXGK_E_DB means the database failed, XXGK_E_BUSY that another writer held
 * it past the wait (try again later). xxgk_reg_errmsg() then holds one
 * Chinese sentence a clerk can act on, xxgk_reg_errstatus() the status.
 *
 * Transactions: every mutating call is one transaction; a refused or failed
 * call writes nothing (neither the change nor its audit record).
 *
 * Memory: input structs are the caller's and are only read. Structs passed
 * to callbacks, and their strings, are borrowed: valid during the callback
 * only. Strings returned for keeping are freed with xxgk_free().
 *
 * Storage: SQLite (one file, WAL, foreign keys on, schema migrations applied
 * on open) behind lib/store/store.h, a narrow interface a PostgreSQL backend
 * can implement without touching this API or its callers.
 */
#ifndef XXGK_REGISTER_H
#define XXGK_REGISTER_H

#include "xxgk.h"

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ## Dates
 *
 * A date is a day number: days since 1970-01-01 (negative before). Dates
 * travel through the API as "YYYY-MM-DD" strings. */

typedef int32_t xxgk_date;

/* Parses exactly "YYYY-MM-DD" (a real calendar date, years 1900–2999);
 * returns 0 and sets *out, or -1. */
XXGK_EXPORT int xxgk_date_parse(const char *s, xxgk_date *out);
/* Writes "YYYY-MM-DD" and a NUL into out (at least 11 bytes). */
XXGK_EXPORT void xxgk_date_format(xxgk_date d, char *out);
XXGK_EXPORT int xxgk_date_year(xxgk_date d);
/* 1 = Monday … 7 = Sunday. */
XXGK_EXPORT int xxgk_date_weekday(xxgk_date d);
/* Today in local time. */
XXGK_EXPORT xxgk_date xxgk_date_today(void);

/* ## Working-day calendar
 *
 * China's official calendar (国务院办公厅 holiday notices): Mon–Fri are
 * working days unless listed `holiday`; Sat/Sun are rest days unless listed
 * `workday` (调休上班). Lines are "YYYY-MM-DD<TAB>holiday|workday<TAB>name";
 * '#' starts a comment. The bundled data/cn-holidays.tsv (every notice
 * from 2008, converted from a maintained dataset) is compiled in; a
 * register adds the notices imported with xxgk_reg_calendar_import (a
 * later line for a date wins).
 *
 * A year is published when its 元旦 (YYYY-01-01) and 国庆 (YYYY-10-01) are
 * listed as holidays — every year's notice lists both. Any other year of
 * XXGK_CAL_FIRST_YEAR..XXGK_CAL_LAST_YEAR is provisional (暂定): computed
 * from the 《全国年节及纪念日放假办法》 as amended in 2024 — 元旦 1 day,
 * 春节 4 (除夕 to 初三), 清明 1, 劳动节 2, 端午 1, 中秋 1, 国庆 3, the lunar
 * dates and 清明 computed astronomically, a statutory day on a weekend made
 * up on the next working day (补假) — with no 调休, which only the year's
 * notice can set. Deadlines computed on a provisional year say so
 * (xxgk_due.provisional). A day outside the range is an error
 * (XXGK_E_REFUSED): the register handles no application from before the
 * 2007 条例 took effect (2008), and a date past 2100 is a typing error. */

#define XXGK_CAL_FIRST_YEAR 2008
#define XXGK_CAL_LAST_YEAR 2100

typedef struct xxgk_cal xxgk_cal;

/* A calendar holding the bundled data, then the lines of the TSV file at
 * path (NULL: the bundled data only); no flag applies yet (0). XXGK_E_IO
 * if the file cannot be read; otherwise as xxgk_cal_load. */
XXGK_EXPORT xxgk_status xxgk_cal_open(const char *path, unsigned flags,
                                      xxgk_cal **out);
XXGK_EXPORT void xxgk_cal_close(xxgk_cal *c);
XXGK_EXPORT const char *xxgk_cal_errmsg(const xxgk_cal *c);
/* Adds the lines of a TSV text. XXGK_E_REFUSED if a line is malformed (the
 * message names it); the lines before it are kept. */
XXGK_EXPORT xxgk_status xxgk_cal_load(xxgk_cal *c, const char *tsv, size_t n);
/* Whether the year's notice is in the calendar (published). */
XXGK_EXPORT int xxgk_cal_covers(const xxgk_cal *c, int year);
/* Whether the year is in the range but computed (暂定). */
XXGK_EXPORT int xxgk_cal_provisional(const xxgk_cal *c, int year);
/* Sets *is_work; XXGK_E_REFUSED if the date is outside the range. */
XXGK_EXPORT xxgk_status xxgk_cal_is_workday(const xxgk_cal *c, xxgk_date d,
                                            int *is_work);
/* The n-th working day after d (d itself not counted; n >= 1). */
XXGK_EXPORT xxgk_status xxgk_cal_add_workdays(const xxgk_cal *c, xxgk_date d,
                                              int n, xxgk_date *out);

/* ## Opening a register */

typedef struct xxgk_reg xxgk_reg;

/* Whether `db` names a PostgreSQL database (a postgresql:// or
 * postgres:// URI) rather than a SQLite file. */
XXGK_EXPORT int xxgk_db_is_server(const char *db);

/* `db` as it may be printed: a URI's password replaced by "***", a file's
 * path as it is. Caller frees. */
XXGK_EXPORT char *xxgk_db_printable(const char *db);

/* Opens (and migrates) the register at path: a SQLite file (":memory:"
 * for a private one), or a PostgreSQL database named by a postgresql://
 * or postgres:// URI (the database must exist; its tables are made on
 * first open). Without XXGK_OPT_CREATE (xxgk db init) a missing file is
 * XXGK_E_IO; so is a database server that cannot be reached. */
XXGK_EXPORT xxgk_status xxgk_reg_open(const char *path, unsigned flags,
                                      xxgk_reg **out);
XXGK_EXPORT void xxgk_reg_close(xxgk_reg *r);
/* The last failure's Chinese message ("" if none); borrowed. */
XXGK_EXPORT const char *xxgk_reg_errmsg(const xxgk_reg *r);
/* The status of the last failed call (XXGK_OK before any). */
XXGK_EXPORT xxgk_status xxgk_reg_errstatus(const xxgk_reg *r);
/* The schema version the register is at. */
XXGK_EXPORT int xxgk_reg_schema_version(const xxgk_reg *r);
/* Who acts, for the audit log (copied); NULL or "": "unknown", the
 * default. XXGK_E_REFUSED (the user unchanged) if it is not UTF-8, as
 * every text the register keeps. */
XXGK_EXPORT xxgk_status xxgk_reg_set_user(xxgk_reg *r, const char *who);
/* Fixes the audit log's clock ("2024-01-31T09:00:00Z"; NULL: real time);
 * for tests and replays. */
XXGK_EXPORT void xxgk_reg_set_clock(xxgk_reg *r, const char *iso_time);
/* Today for the register's rules (nothing is recorded as happening after
 * it); 0: the real date. For tests and for entering a backlog.
 * XXGK_E_REFUSED (today unchanged) for a day before XXGK_CAL_FIRST_YEAR,
 * or after the year that follows the last published holiday notice of the
 * calendar: a today that far ahead is a typing error, whose deadlines
 * would all be computed (暂定) and which would let events be recorded in
 * the future. Load the calendar's files before. */
XXGK_EXPORT xxgk_status xxgk_reg_set_today(xxgk_reg *r, xxgk_date today);
/* The register's calendar (bundled data plus what was loaded); borrowed. */
XXGK_EXPORT xxgk_cal *xxgk_reg_calendar(xxgk_reg *r);
/* Enters a year's holiday notice (TSV lines as for xxgk_cal_load) into the
 * register, over the bundled calendar, for good: every open deadline is
 * recomputed on it, and the audit log ("calendar.import") records the
 * lines and each open application whose deadline moved (before, after);
 * *changed is their number. A malformed line refuses the whole file. */
XXGK_EXPORT xxgk_status xxgk_reg_calendar_import(xxgk_reg *r, const char *tsv,
                                                 size_t n, int *changed);
/* Reloads the calendar when another connection imported a notice since
 * this one loaded it (a counter in the register moves with every holiday
 * line written): one indexed read when nothing changed. *reloaded (may be
 * NULL) says whether it did. For long-lived connections (the web server's
 * threads), before each request. */
XXGK_EXPORT xxgk_status xxgk_reg_calendar_sync(xxgk_reg *r, int *reloaded);
/* Many commands as one transaction, for loading a register in bulk: each
 * command between xxgk_reg_batch_begin and xxgk_reg_batch_end still checks
 * everything, and a refused one still writes nothing (it runs in a
 * savepoint), but what the others wrote is committed only by
 * xxgk_reg_batch_end — lost if the program stops before — and other
 * writers wait until then. Outside a batch each command is a transaction
 * of its own. */
XXGK_EXPORT xxgk_status xxgk_reg_batch_begin(xxgk_reg *r);
XXGK_EXPORT xxgk_status xxgk_reg_batch_end(xxgk_reg *r);

/* ## Agencies and users
 *
 * Agencies form a tree: an oversight office (parent) above its units. */

typedef struct {
  int64_t id;        /* set by xxgk_reg_agency_add                    */
  int64_t parent_id; /* 0: top level                                  */
  const char *name;  /* "某某区人民政府办公室", unique                  */
  int no_register;   /* keeps no register here (a unit in the office's
                        round by name and login only, which uploads its
                        report: nothing to build one from)             */
} xxgk_agency;

XXGK_EXPORT xxgk_status xxgk_reg_agency_add(xxgk_reg *r, xxgk_agency *a);
/* Calls cb for every agency, parents before children. cb returns non-zero
 * to stop. */
XXGK_EXPORT xxgk_status xxgk_reg_agency_list(
    xxgk_reg *r, int (*cb)(void *ctx, const xxgk_agency *a, int depth),
    void *ctx);
/* Registers a user (clerk) of an agency. */
XXGK_EXPORT xxgk_status xxgk_reg_user_add(xxgk_reg *r, int64_t agency_id,
                                          const char *name);

/* ## Applications (依申请公开)
 *
 * Channels: 当面 邮寄 网络 传真 其他. The receipt date is the one 条例 art.
 * 31 fixes (in person: the day handed in; post: the day signed for; online
 * or fax: the day both sides confirm). The applicant category is the key of
 * one of the six applicant columns of table 3 (xxgk_dict: natural_person,
 * commercial, research, social_welfare, legal_services, other_org). */

typedef struct {
  int64_t id;           /* set by xxgk_reg_case_new                       */
  int64_t agency_id;    /* the agency that received it                    */
  const char *tracking; /* 受理编号; NULL on new: "YYYY-NNNNN" assigned     */
  const char *channel;  /* 当面 邮寄 网络 传真 其他                          */
  const char *received; /* YYYY-MM-DD (art. 31)                           */
  const char *category; /* an applicant column key of table 3             */
  const char *name;     /* applicant's name (personal data)               */
  const char *id_number; /* 身份证明 number, or NULL (personal data)       */
  const char *contact;  /* phone / e-mail / address (personal data)       */
  const char *content;  /* the information requested                      */
  const char *delivery; /* 获取信息的方式: 纸质 电子邮件 … or NULL          */
} xxgk_case;

XXGK_EXPORT xxgk_status xxgk_reg_case_new(xxgk_reg *r, xxgk_case *c);
/* Corrects an application's details: the fields of c that are not NULL
 * (agency_id: non-zero) replace the stored ones, c->id names it; the
 * result passes every check a new application does, and its receipt may
 * not follow its first event. The row before and the reason go to the
 * audit log ("case.edit"); the deadline and the report follow. */
XXGK_EXPORT xxgk_status xxgk_reg_case_edit(xxgk_reg *r, const xxgk_case *c,
                                           const char *reason);
/* Voids an event recorded by mistake, with a reason: it stays in the
 * register (xxgk_reg_case_get shows it with xxgk_event.voided) and in the
 * audit log ("event.void"), and no longer counts for the rules, the
 * deadline or the report — a voided reply reopens the application. Only
 * an application's latest event may be voided: undo in reverse order. */
XXGK_EXPORT xxgk_status xxgk_reg_event_void(xxgk_reg *r, int64_t event_id,
                                            const char *reason);
/* Sets *id to the application with this tracking number (受理编号);
 * XXGK_E_REFUSED when there is none. */
XXGK_EXPORT xxgk_status xxgk_reg_case_find(xxgk_reg *r, const char *tracking,
                                           int64_t *id);

/* Masks personal data for lists: "张**", "110***********123X",
 * "138****5678". Writes into out (cap bytes, NUL-terminated). */
XXGK_EXPORT void xxgk_mask(const char *s, char *out, size_t cap);

/* ## Events
 *
 * Recorded in time order: an event may not be dated before the receipt nor
 * before the application's previous event, and nothing follows the final
 * one. The final events are the reply (with its outcome), a withdrawal
 * (counted as （六）3.其他) and a lapsed fee notice (counted as （六）2); an
 * application has exactly one. */

typedef enum {
  XXGK_EV_CORRECTION_REQUESTED = 0, /* 补正通知 (art. 30), once only       */
  XXGK_EV_CORRECTION_RECEIVED,      /* 收到补正: the 20 days start anew    */
  XXGK_EV_CONSULT_STARTED,          /* 征求第三方意见 (art. 32): clock stops */
  XXGK_EV_CONSULT_ANSWERED,         /* 第三方答复: clock runs again        */
  XXGK_EV_EXTENDED,                 /* 延期答复 (art. 33): +20, once       */
  XXGK_EV_FEE_NOTICE,               /* 收费通知 (109号): clock stops       */
  XXGK_EV_FEE_PAID,                 /* 缴费: clock runs again              */
  XXGK_EV_FEE_LAPSED,               /* 逾期未缴费: final, （六）2           */
  XXGK_EV_WITHDRAWN,                /* 申请人撤回: final, （六）3           */
  XXGK_EV_REPLY,                    /* 答复: final, with an outcome row    */
  XXGK_EV_FEE_SERVED,               /* 收费通知送达: the 20 days to pay run
                                       from the day after (109号)        */
  XXGK_EV_REASONS_REQUESTED,        /* 要求说明理由 (art. 35)              */
  XXGK_EV_REASONS_GIVEN,            /* 申请人说明理由 (art. 35)            */
  XXGK_EV_PERIOD_SET,               /* 确定延迟答复期限 (art. 35): `until`
                                       becomes the deadline              */
  XXGK_N_EVENTS
} xxgk_event_kind;

/* "reply" / "答复"; NULL out of range. */
XXGK_EXPORT const char *xxgk_event_key(xxgk_event_kind k);
XXGK_EXPORT const char *xxgk_event_label(xxgk_event_kind k);
/* By key ("fee-notice" and "fee_notice" both); -1 if none. */
XXGK_EXPORT int xxgk_event_find(const char *key);

/* How a fee is counted (国办函〔2020〕109号 art. 3): never both. */
typedef enum {
  XXGK_FEE_NONE = 0,
  XXGK_FEE_BY_PIECE, /* 按件: from the applicant's count in the month */
  XXGK_FEE_BY_PAGE   /* 按量: from the pages provided                  */
} xxgk_fee_method;

typedef struct {
  int64_t id;               /* set on add                                */
  int64_t case_id;
  xxgk_event_kind kind;
  const char *date;         /* YYYY-MM-DD                                */
  const char *outcome;      /* reply: an outcome row key of table 3      */
  const char *basis;        /* reply: legal basis ("条例第三十六条第二项") */
  const char *note;         /* free text, or NULL                        */
  xxgk_fee_method method;   /* fee notice                                */
  int64_t quantity;         /* fee notice: pages (按量) or pieces (按件)   */
  int64_t amount;           /* fee notice: 元, computed (out)            */
  const char *until;        /* correction requested: the 补正期限 the
                               office set; period set: the reply date   */
  const char *warning;      /* out: what the rules warned of, recorded
                               with the event (NULL: nothing)           */
  int late;                 /* out: a reply after its deadline (逾期答复) */
  const char *voided;       /* read: why the event was voided, or NULL   */
} xxgk_event;

/* Records an event. Refused (XXGK_E_REFUSED, nothing written) where the
 * law is clear; where it leaves a judgment to the office the event is
 * recorded with a warning (e->warning, xxgk_reg_warning). The rules, each
 * naming its article:
 *  - 补正 notice after the 7th working day from receipt (art. 30): warned;
 *    a late notice neither stops nor restarts the reply clock, so a 补正
 *    after the deadline never hides the breach.
 *  - fee notice: not before 2021-01-01 (109号 in force), once per
 *    application, one method (art. 3); 按件 may count a multi-item
 *    application as several pieces (quantity; art. 4, 一事一申请).
 *  - reply: refused while a fee notice is unpaid; refused after a 按量 fee
 *    when the outcome supplies no information (art. 5); refused when the
 *    basis cites an article that does not fit the outcome (e.g. 不予公开
 *    citing art. 36(二)); warned when it names no basis; marked late
 *    (逾期答复, art. 33) when after the deadline.
 *  - art. 35: reasons given only after they were requested; a longer
 *    period only after they were given; 无正当理由大量反复申请 without a
 *    request for reasons warned.
 *  - applications received before 2019-05-15 follow the 2007 条例: 15
 *    working days, extended by at most 15 (art. 24), no 7-day 补正 limit. */
XXGK_EXPORT xxgk_status xxgk_reg_event_add(xxgk_reg *r, xxgk_event *e);
/* The last command's warnings (Chinese, "" if none); borrowed. */
XXGK_EXPORT const char *xxgk_reg_warning(const xxgk_reg *r);

/* 信息处理费 in 元 (109号). By page: ≤30 free, 31–100 10元, 101–200 20元,
 * from 201 40元 a page, each band for the pages in it. By piece: the
 * applicant's k-th application in a natural month costs 0 for k ≤ 10,
 * 100元 for 11–30, then 100元 more for each further band of ten (31–40:
 * 200元 …); `first` is the month's ordinal of the first of `quantity`
 * pieces. Returns -1 for a quantity < 1 or an amount past int64. */
XXGK_EXPORT int64_t xxgk_fee_by_page(int64_t pages);
XXGK_EXPORT int64_t xxgk_fee_by_piece(int64_t first, int64_t quantity);

/* ## Deadlines
 *
 * The reply is due on the 20th working day after receipt (条例 art. 33;
 * the 15th, extended by 15, for applications received before 2019-05-15
 * under the 2007 条例, art. 24);
 * the receipt day is not counted (民法典 art. 201, start day excluded —
 * rules.md marks this [U]). An approved extension adds 20 working days.
 * After a 补正 is received the 20 days start anew from that day (art. 30),
 * when the 补正 notice came within the 7 working days art. 30 allows; a
 * late notice changes nothing. Art. 35's longer period, once set, is the
 * deadline.
 * The clock stops while a 补正, a third party's answer or a fee payment is
 * awaited: the day a stop begins still counts, the day it ends does not. */

typedef enum {
  XXGK_DUE_RUNNING = 0, /* the clock runs; due is set                */
  XXGK_DUE_PAUSED,      /* waiting for 补正, a third party or a fee  */
  XXGK_DUE_CLOSED,      /* a final event was recorded                */
  XXGK_DUE_UNKNOWN      /* past the calendar's range; see why         */
} xxgk_due_state;

typedef struct {
  xxgk_due_state state;
  char due[11];       /* the last day to reply, "" unless RUNNING      */
  int limit;          /* 20, or 40 after an extension                   */
  int used;           /* working days on the clock by `today`          */
  int left;           /* working days left by `today` (< 0: overdue)   */
  char why[160];      /* Chinese: what the clock waits for, or the gap */
  char pause_until[11]; /* paused: the last day of the awaited step —
                         the 补正期限 the office set (art. 30), the 15
                         working days of a consultation (arts. 32, 34),
                         the 20 to pay a fee (109号) — or ""          */
  char remind[200];   /* "" or, once that day has passed, what the
                         office may now decide                         */
  int provisional;    /* the first year the count ran through with no
                         holiday notice published (暂定), or 0           */
  char note[192];     /* "" or one sentence: why the deadline is 暂定   */
  char counted_from[160]; /* "" or, paused for a fee, one sentence: from
                         which day its 20 working days run — the recorded
                         delivery, the fee-served step or the notice   */
} xxgk_due;

/* "Due soon": a running application whose deadline is at most this many
 * working days away — the web application's lists and badges, and `xxgk
 * case due` unless --within says otherwise. Three working days leave time
 * to draft, sign and send the reply. */
#define XXGK_DUE_SOON 3

/* The deadline of one application as seen on `today`. */
XXGK_EXPORT xxgk_status xxgk_reg_case_due(xxgk_reg *r, int64_t case_id,
                                          xxgk_date today, xxgk_due *out);

/* The supervision view of late replies (逾期答复, art. 33): for each agency
 * (agency_id and its units; 0: all) with replies dated in the year, the
 * replies and how many came after their deadline, most late first. */
XXGK_EXPORT xxgk_status xxgk_reg_late_replies(
    xxgk_reg *r, int64_t agency_id, int year,
    int (*cb)(void *ctx, const char *agency, int64_t replies, int64_t late),
    void *ctx);

/* ## Reading applications */

typedef struct {
  xxgk_case c;            /* personal data as stored (mask for lists)  */
  const char *agency;     /* the agency's name                         */
  const char *final_kind; /* "reply" … or NULL while open              */
  const char *final_date; /* or NULL                                   */
  const char *outcome;    /* the outcome row key, or NULL              */
  const xxgk_due *due;    /* xxgk_reg_case_query with `today`: an open
                             one's deadline on that day; else NULL     */
  const char *clerk;      /* the 承办人 assigned, or NULL               */
} xxgk_case_row;

typedef struct {
  int64_t agency_id; /* 0: all agencies; else it and its units        */
  int open_only;     /* only applications without a final event       */
  const char *from, *to; /* receipt date range, inclusive; NULL: open */
} xxgk_case_filter;

XXGK_EXPORT xxgk_status xxgk_reg_case_list(
    xxgk_reg *r, const xxgk_case_filter *f,
    int (*cb)(void *ctx, const xxgk_case_row *row), void *ctx);
/* One application and its events in time order. */
XXGK_EXPORT xxgk_status xxgk_reg_case_get(
    xxgk_reg *r, int64_t id, int (*cb)(void *ctx, const xxgk_case_row *row),
    int (*ev)(void *ctx, const xxgk_event *e), void *ctx);

/* ## The clerk's work queue
 *
 * Each application may be assigned to a clerk (承办人), who answers for its
 * deadline. The queue is what the office must act on, in the order the
 * deadlines fall: every open application put in one class on `today`, the
 * classes counted, and the chosen ones listed. */

/* Assigns the application to `clerk`, a user of its agency or of an agency
 * above it (xxgk agency user, xxgk_reg_user_add) — so that a clerk's queue
 * cannot be split by a misspelt name; NULL or "" withdraws the
 * assignment. A closed application may be assigned too (who answered for
 * it). Audited as "case.assign" with the row before. */
XXGK_EXPORT xxgk_status xxgk_reg_case_assign(xxgk_reg *r, int64_t case_id,
                                             const char *clerk);

typedef enum {
  XXGK_QUEUE_OVERDUE = 0, /* running, its deadline passed (已逾期)       */
  XXGK_QUEUE_TODAY,       /* running, due today (今日到期)               */
  XXGK_QUEUE_SOON,        /* running, 1..XXGK_DUE_SOON working days left */
  XXGK_QUEUE_EXPIRED,     /* paused, and the awaited step's limit has
                             passed (xxgk_due.remind: decide)            */
  XXGK_QUEUE_UNKNOWN,     /* no deadline can be computed (xxgk_due.why)  */
  XXGK_QUEUE_RUNNING,     /* running, due later                          */
  XXGK_QUEUE_PAUSED,      /* paused within the awaited step's limit      */
  XXGK_N_QUEUE
} xxgk_queue_class;

/* The classes that need a clerk now: overdue, today, soon, expired,
 * unknown — what the staff's landing page lists by default. */
#define XXGK_QUEUE_DUE 0x1Fu

/* "overdue" … / "已逾期" …; NULL out of range. */
XXGK_EXPORT const char *xxgk_queue_key(xxgk_queue_class k);
XXGK_EXPORT const char *xxgk_queue_label(xxgk_queue_class k);
/* By key; -1 if none. */
XXGK_EXPORT int xxgk_queue_find(const char *key);

/* The queue's order. By deadline: a running application's reply
 * deadline, a paused one's awaited-step limit (xxgk_due.pause_until; a
 * pause with none after every dated one), an unknown one last; ties by
 * receipt, then number. */
typedef enum {
  XXGK_QUEUE_BY_DEADLINE = 0, /* the nearest (the most overdue) first  */
  XXGK_QUEUE_BY_DEADLINE_DESC, /* the farthest first                   */
  XXGK_QUEUE_BY_RECEIPT        /* the newest receipt first, as lists   */
} xxgk_queue_order;

typedef struct {
  int64_t agency_id;      /* 0: all; else it and its units              */
  const char *clerk;      /* NULL: every clerk's; "": the unassigned;
                             else that clerk's                          */
  unsigned classes;       /* the classes listed, bits 1u << class; 0:
                             XXGK_QUEUE_DUE                             */
  xxgk_queue_order order;
  xxgk_date today;        /* 0: the register's today                    */
} xxgk_queue_query;

/* Puts every open application of q's agency and clerk in its class on
 * q->today: counts[k] (may be NULL) receives each class's number, over all
 * classes whatever q->classes lists; then cb (non-zero stops) receives
 * those of the listed classes in q->order, each row with its deadline
 * (row->due) and class. One read: the rows and counts agree. Rows are
 * borrowed for the callback's duration; it may not call the register. */
XXGK_EXPORT xxgk_status xxgk_reg_queue(
    xxgk_reg *r, const xxgk_queue_query *q, int64_t counts[XXGK_N_QUEUE],
    int (*cb)(void *ctx, const xxgk_case_row *row, xxgk_queue_class k),
    void *ctx);

typedef enum {
  XXGK_QUEUE_CSV = 0, /* RFC 4180, UTF-8 with a byte-order mark (Excel and
                         WPS read Chinese text right only with it)       */
  XXGK_QUEUE_XLSX     /* an Excel workbook (libxlsxwriter, loaded on first
                         use; XXGK_E_IO with the package to install when
                         it is missing)                                  */
} xxgk_queue_format;

/* The rows xxgk_reg_queue lists for q, in its order, as a table: 受理编号,
 * 机关, 收到日期, 申请人 (masked), 申请人类型, 申请内容, 承办人, 状态, 答复
 * 期限 (暂定 marked), 剩余工作日, 暂停期限, 说明. *out (free with
 * xxgk_free) holds *n bytes. */
XXGK_EXPORT xxgk_status xxgk_reg_queue_export(xxgk_reg *r,
                                              const xxgk_queue_query *q,
                                              xxgk_queue_format f, char **out,
                                              size_t *n);

/* ## Reviews and suits (表四)
 *
 * kind: a row key of table 4 (administrative_review, litigation_direct,
 * litigation_after_review); result: upheld, corrected, other, or pending.
 * Counted for the agency whose act is challenged (国办公开办函〔2016〕201号). */

typedef struct {
  int64_t id;
  int64_t agency_id;
  const char *kind;
  const char *filed;     /* YYYY-MM-DD                               */
  const char *result;    /* "pending" until decided                  */
  const char *decided;   /* YYYY-MM-DD or NULL                       */
  const char *note;
  const int64_t *cases;  /* the applications concerned               */
  int n_cases;
} xxgk_review;

XXGK_EXPORT xxgk_status xxgk_reg_review_add(xxgk_reg *r, xxgk_review *v);
XXGK_EXPORT xxgk_status xxgk_reg_review_decide(xxgk_reg *r, int64_t id,
                                               const char *result,
                                               const char *date);

/* ## Active disclosure (表二)
 *
 * 规章 (kind "rules") and 行政规范性文件 ("normative_documents") with their
 * issue and repeal dates; the yearly figures of 行政许可, 行政处罚, 行政强制
 * ("licensing", "punishment", "coercion": decisions) and 行政事业性收费
 * ("fees": 万元, exact decimal). */

typedef struct {
  int64_t id;
  int64_t agency_id;
  const char *kind;   /* "rules" | "normative_documents"            */
  const char *title;
  const char *number; /* 文号, or NULL                               */
  const char *issued; /* YYYY-MM-DD                                  */
} xxgk_record;

XXGK_EXPORT xxgk_status xxgk_reg_record_add(xxgk_reg *r, xxgk_record *d);
XXGK_EXPORT xxgk_status xxgk_reg_record_repeal(xxgk_reg *r, int64_t id,
                                               const char *date);
/* Sets a yearly figure; value is "123" or, for fees, "12.3456". */
XXGK_EXPORT xxgk_status xxgk_reg_figure_set(xxgk_reg *r, int64_t agency_id,
                                            int year, const char *item,
                                            const char *value);

/* ## Annual report
 *
 * The year's tables in format 2021 (years from 2021): received = received
 * in the year; carried over = open on 1 January; outcome rows = final
 * events dated in the year; carried forward = open on 31 December; reviews
 * decided in the year by result and those open on 31 December as pending;
 * table 2 from the records and figures; 信息处理费 from the fee events. An
 * agency's report includes its units. *out (free it) passes xxgk_check. */
XXGK_EXPORT xxgk_status xxgk_reg_report(xxgk_reg *r, int64_t agency_id,
                                        int year, xxgk_doc **out);
/* The agency's own report: as xxgk_reg_report, counting the applications,
 * reviews, records, figures and fees entered for the agency itself and
 * none of its units' (an oversight office whose units publish reports of
 * their own: xxgk_round_office_report adds theirs to it). */
XXGK_EXPORT xxgk_status xxgk_reg_report_own(xxgk_reg *r, int64_t agency_id,
                                            int year, xxgk_doc **out);

/* ## Documents (文书)
 *
 * The paper an office sends, written from the register: the 受理回执 at
 * receipt, the 补正告知书 (art. 30), the 延期答复告知书 (art. 33), the
 * 征求意见函 (arts. 32, 34: 15 working days), the 收费通知书 (109号: the
 * amount, how it was counted, 20 working days to pay) and the 答复书 of
 * every outcome, its legal basis and wording from the outcome and the
 * applicant's remedies (行政复议 within 60 days, 行政诉讼 within 6 months).
 * Each is a template an office can edit (data/templates/KEY.txt compiled
 * in; docs/documents.md lists the syntax and each document's fields),
 * written as print-ready HTML or an editable DOCX in the layout of
 * official documents (GB/T 9704). */

typedef enum {
  XXGK_NOTICE_RECEIPT = 0, /* 受理回执                                  */
  XXGK_NOTICE_CORRECTION,  /* 补正告知书: the latest 补正 notice        */
  XXGK_NOTICE_EXTENSION,   /* 延期答复告知书: the extension            */
  XXGK_NOTICE_CONSULT,     /* 征求意见函: the latest consultation       */
  XXGK_NOTICE_FEE,         /* 收费通知书: the fee notice                */
  XXGK_NOTICE_REPLY,       /* 答复书: the reply or the lapsed fee      */
  XXGK_N_NOTICES
} xxgk_notice;

/* "receipt" … / "受理回执" …; NULL out of range. */
XXGK_EXPORT const char *xxgk_notice_key(xxgk_notice k);
XXGK_EXPORT const char *xxgk_notice_label(xxgk_notice k);
/* By key; -1 if none. */
XXGK_EXPORT int xxgk_notice_find(const char *key);
/* The template compiled in (data/templates/KEY.txt); borrowed. */
XXGK_EXPORT const char *xxgk_notice_template(xxgk_notice k);

/* The law of an outcome row of table 3: the citation its 答复书 prints
 * ("" when the law names no article for it) and the sentence that states
 * the decision; borrowed. -1 for a key that is no outcome row. */
XXGK_EXPORT int xxgk_outcome_law(const char *outcome, const char **article,
                                 const char **wording);

#define XXGK_NOTICE_DOCX 1u /* xxgk_reg_notice: DOCX rather than HTML */

/* Writes document k of the application: its fields filled from the
 * register (the application, the step's event — the latest not voided —
 * and the deadline), from the template templates/KEY.txt when the folder
 * `templates` (NULL: none) has one, else the compiled-in one. *out (free
 * with xxgk_free) holds n bytes. XXGK_E_REFUSED when the application has
 * no such step (no extension recorded …), the folder does not exist, or
 * the template is malformed or names a field the document lacks (the
 * message names the file and line). */
XXGK_EXPORT xxgk_status xxgk_reg_notice(xxgk_reg *r, int64_t case_id,
                                        xxgk_notice k, const char *templates,
                                        unsigned flags, char **out, size_t *n);

/* ## Files and deliveries
 *
 * What proves the paper went out: files attached to an application or one
 * of its events — the signed reply, a scan of the 送达回证, the applicant's
 * proof of identity (条例 art. 29) — and the record of each document's
 * delivery. Both are kept like events: never changed nor deleted, voided
 * once with a reason, every write in the audit log (the file's hash, size,
 * type and name; never its bytes). A file is personal data: whoever may
 * see the application (its agency and the offices above) may read it,
 * nobody else — the caller enforces that, as for the application. */

#define XXGK_ATTACH_MAX (10 * 1024 * 1024) /* bytes of one file */

typedef enum {
  XXGK_ATT_IDENTITY = 0, /* 身份证明 (art. 29)                      */
  XXGK_ATT_SIGNED,       /* 签发的文书: the signed reply or notice  */
  XXGK_ATT_RECEIPT,      /* 送达回证 / 回执 / 邮寄凭证               */
  XXGK_ATT_OTHER,        /* 其他                                    */
  XXGK_N_ATT
} xxgk_attach_kind;

/* "identity" … / "身份证明" …; NULL out of range. */
XXGK_EXPORT const char *xxgk_attach_key(xxgk_attach_kind k);
XXGK_EXPORT const char *xxgk_attach_label(xxgk_attach_kind k);
/* By key; -1 if none. */
XXGK_EXPORT int xxgk_attach_find(const char *key);
/* The keys in order, NULL-ended (option lists). */
XXGK_EXPORT extern const char *const xxgk_attach_keys[];
/* The media types a file may have, for messages ("PDF、JPEG、…"). */
XXGK_EXPORT const char *xxgk_attach_types(void);

typedef struct {
  int64_t id;               /* set on add                                */
  int64_t case_id;          /* the application                           */
  int64_t event_id;         /* one of its events, or 0                   */
  xxgk_attach_kind kind;
  const char *name;         /* the original file name (no directory)     */
  const char *media_type;   /* out: from the bytes ("application/pdf"),
                               a static string                          */
  int64_t size;             /* out: bytes                                */
  char sha256[65];          /* out: hex                                  */
  int64_t agency_id;        /* read: the application's agency           */
  const char *at, *who;     /* read: when and by whom it was attached   */
  const char *voided;       /* read: why it was voided, or NULL          */
} xxgk_attachment;

/* Attaches n bytes to a->case_id (and a->event_id, an event of it not
 * voided, when non-zero). The media type is read from the bytes (libmagic)
 * and must be one of xxgk_attach_types(); the name must be UTF-8 without
 * '/' or control characters. XXGK_E_REFUSED (nothing written) for an
 * empty or larger file than XXGK_ATTACH_MAX, a type not allowed, an
 * unknown application or event. Sets a->id, media_type (static), size,
 * sha256. Audited as "attachment.add". */
XXGK_EXPORT xxgk_status xxgk_reg_attach(xxgk_reg *r, xxgk_attachment *a,
                                        const void *bytes, size_t n);
/* The checks xxgk_reg_attach makes of the file itself (name, size, type),
 * with its messages, writing nothing: for a form that registers an
 * application with its proof of identity, before the application. */
XXGK_EXPORT xxgk_status xxgk_reg_attach_check(xxgk_reg *r, const char *name,
                                              const void *bytes, size_t n);
/* The application's files, in the order attached (voided ones too); bytes
 * are not read. */
XXGK_EXPORT xxgk_status xxgk_reg_attach_list(
    xxgk_reg *r, int64_t case_id,
    int (*cb)(void *ctx, const xxgk_attachment *a), void *ctx);
/* One file: cb receives its description and its bytes (checked against the
 * stored SHA-256: XXGK_E_DB if they differ), borrowed for the call.
 * XXGK_E_REFUSED if there is no such file. */
XXGK_EXPORT xxgk_status xxgk_reg_attach_get(
    xxgk_reg *r, int64_t id,
    int (*cb)(void *ctx, const xxgk_attachment *a, const void *bytes,
              size_t n),
    void *ctx);
/* Voids a file attached by mistake, with a reason ("attachment.void"): it
 * stays readable, marked voided. */
XXGK_EXPORT xxgk_status xxgk_reg_attach_void(xxgk_reg *r, int64_t id,
                                             const char *reason);

/* 送达方式, NULL-ended: 邮寄 当面 电子邮件 在线 其他. */
XXGK_EXPORT extern const char *const xxgk_delivery_methods[];
/* Whether a step is a document the office sends (a notice, the reply, a
 * consultation's letter), whose delivery may be recorded. */
XXGK_EXPORT int xxgk_event_sent(xxgk_event_kind k);

typedef struct {
  int64_t id;           /* set on add                                    */
  int64_t event_id;     /* the document's event (a notice, the reply)    */
  const char *method;   /* 邮寄 当面 电子邮件 在线 其他                     */
  const char *number;   /* the postal tracking number, or NULL           */
  const char *date;     /* the day it reached the addressee (YYYY-MM-DD) */
  const char *note;     /* or NULL                                       */
  int64_t case_id;      /* read: the application                         */
  xxgk_event_kind kind; /* read: the event's kind                        */
  const char *at, *who; /* read                                          */
  const char *voided;   /* read: why it was voided, or NULL              */
} xxgk_delivery;

/* Records a delivery of the document of event d->event_id: a step the
 * office sends (a notice, the reply, a consultation's letter — not a step
 * the applicant or a third party takes), not voided, delivered on or after
 * its date and not after today. A postal delivery without a tracking
 * number is recorded with a warning. The earliest delivery of a fee notice
 * starts its 20 working days to pay (109号) and the deadline says so
 * (xxgk_due.counted_from). Sets d->id; audited as "delivery.add". */
XXGK_EXPORT xxgk_status xxgk_reg_delivery_add(xxgk_reg *r, xxgk_delivery *d);
/* The deliveries of the application's events, by date (voided ones too). */
XXGK_EXPORT xxgk_status xxgk_reg_delivery_list(
    xxgk_reg *r, int64_t case_id,
    int (*cb)(void *ctx, const xxgk_delivery *d), void *ctx);
XXGK_EXPORT xxgk_status xxgk_reg_delivery_void(xxgk_reg *r, int64_t id,
                                               const char *reason);

/* ## Which cases? — what one figure of the report counts
 *
 * Every figure of a report built from the register answers for itself:
 * the applications, reviews, records, fee notices or yearly figures it
 * counts, listed by the very counting xxgk_reg_report does (one pass, the
 * same rules: the list cannot drift from the figure). A count's items
 * number exactly its value; a sum's items' values add up to it. */

typedef enum {
  XXGK_ITEM_APPLICATION = 0, /* an application (table 3)               */
  XXGK_ITEM_REVIEW,          /* a review or suit (table 4)             */
  XXGK_ITEM_RECORD,          /* a 规章 or 规范性文件 (table 2)           */
  XXGK_ITEM_FIGURE,          /* a yearly figure entered (table 2)      */
  XXGK_ITEM_FEE_EVENT        /* a fee notice or payment (信息处理费)    */
} xxgk_item_kind;

/* "application" …; NULL out of range. */
XXGK_EXPORT const char *xxgk_item_key(xxgk_item_kind k);

typedef struct {
  xxgk_item_kind kind;
  int64_t id;          /* the item's id in its table                   */
  int64_t case_id;     /* the application it concerns, or 0            */
  const char *ref;     /* 受理编号, a record's title, a figure's item    */
  const char *agency;  /* the agency it is counted for                 */
  const char *date;    /* received, filed, issued, the event's date   */
  const char *detail;  /* one line in Chinese: category, outcome …     */
  xxgk_num value;      /* what it adds to the figure: 1, or an amount  */
} xxgk_report_item;

typedef struct {
  int row, col;        /* the figure's place in the data dictionary    */
  char label[384];     /* "（一）予以公开 / 自然人"                       */
  xxgk_num value;      /* the figure, as xxgk_reg_report counts it     */
  int money;           /* a sum of amounts rather than a count         */
  int64_t n_items;     /* how many items cb received                   */
} xxgk_report_cell;

/* Lists what the figure `key` (a key of docs/annual-report.md, format
 * 2021: "applications.granted.natural_person") of the agency's report
 * for `year` counts, calling cb (non-zero stops) for each item in the
 * order of its table; *cell receives the figure. XXGK_E_REFUSED for an
 * unknown key or a year before 2021. Items and their strings are borrowed
 * for the callback's duration; the callback runs inside the call's read
 * transaction and may not call the register. */
XXGK_EXPORT xxgk_status xxgk_reg_report_explain(
    xxgk_reg *r, int64_t agency_id, int year, const char *key,
    xxgk_report_cell *cell,
    int (*cb)(void *ctx, const xxgk_report_item *it), void *ctx);

/* ## Export and import
 *
 * The whole register (every table, the audit log included) as one JSON
 * object; *json is freed with xxgk_free. Import restores an export into an
 * empty register, exactly, in one transaction. */
XXGK_EXPORT xxgk_status xxgk_reg_export(xxgk_reg *r, char **json);
XXGK_EXPORT xxgk_status xxgk_reg_import(xxgk_reg *r, const char *json,
                                        size_t n);

/* Copies the register at `from` (and the corpus in that database, if it
 * has one) into the database at `to` (created if missing; any backend
 * xxgk_reg_open takes), table by table in one transaction on the target,
 * then verifies: every table's rows (count and an order-independent
 * hash), and the annual report of every agency for every year with data,
 * built on both sides and compared byte for byte. Refused when the target
 * holds rows, unless `force` (then it must end with its rows plus the
 * source's). A failed copy writes nothing; a failed verification leaves
 * the copy and names the first difference. On failure msg (cap bytes)
 * says why: XXGK_E_REFUSED for a non-empty target or a difference,
 * XXGK_E_USAGE for one database twice, else the database's status. */
typedef struct {
  int tables;     /* tables copied                            */
  int64_t rows;   /* rows copied                              */
  int reports;    /* annual reports built on both and compared */
  int corpus;     /* the corpus's tables were among them      */
} xxgk_copy_stats;
XXGK_EXPORT xxgk_status xxgk_db_copy(const char *from, const char *to,
                                     int force, xxgk_copy_stats *out,
                                     char *msg, size_t cap);

/* ## Accounts, queries and texts for the web application
 *
 * A user may have a login and a password, kept as an Argon2id hash
 * (libsodium crypto_pwhash_str, interactive limits); the plain password is
 * never stored. What a user may see is his agency and its units (the
 * agency tree): a clerk of a unit sees that unit, an oversight office's
 * user every unit under it. */

typedef struct {
  int64_t id;        /* the user's id                                 */
  int64_t agency_id; /* his agency                                    */
  int n_units;       /* agencies directly under his agency (0: a unit) */
  char name[128];    /* "王敏"                                         */
  char login[64];    /* "wangmin"                                      */
  char agency[256];  /* the agency's name                             */
} xxgk_user;

#define XXGK_MIN_PASSWORD 8    /* bytes; shorter passwords are refused */
#define XXGK_MAX_PASSWORD 1024 /* bytes; longer ones are refused       */

/* Gives user `name` of the agency (added when missing) a login, unique in
 * the register, and a password (hashed). Audited as "user.login" without
 * the hash. */
XXGK_EXPORT xxgk_status xxgk_reg_user_set_login(xxgk_reg *r,
                                                int64_t agency_id,
                                                const char *name,
                                                const char *login,
                                                const char *password);
/* Checks a login and password; sets *out on success. An unknown login and
 * a wrong password give the same XXGK_E_REFUSED and message, and take the
 * same time (a hash is verified either way). */
XXGK_EXPORT xxgk_status xxgk_reg_user_login(xxgk_reg *r, const char *login,
                                            const char *password,
                                            xxgk_user *out);
/* Calls cb for each user of agency `scope` and its units (at any depth),
 * by agency then name (the password hash is never read); cb returns
 * non-zero to stop. */
XXGK_EXPORT xxgk_status xxgk_reg_user_list(
    xxgk_reg *r, int64_t scope, int (*cb)(void *ctx, const xxgk_user *u),
    void *ctx);
/* The user with this id (a session's), or XXGK_E_REFUSED. */
XXGK_EXPORT xxgk_status xxgk_reg_user_get(xxgk_reg *r, int64_t id,
                                          xxgk_user *out);
/* Whether agency `id` is `scope` or one of its units (at any depth):
 * sets *in. */
XXGK_EXPORT xxgk_status xxgk_reg_agency_within(xxgk_reg *r, int64_t scope,
                                               int64_t id, int *in);

/* ## The web server's sessions and rate limits
 *
 * Kept in the register, so that a restart logs nobody out and several
 * servers on one database share them. Times are Unix seconds given by the
 * caller (its clock). None of this is audited: a session is not a change
 * to the register, and the logins it starts are the server's log's. */

/* A session's token is 256 random bits as 64 hex digits: the cookie holds
 * it, the register only its SHA-256. */
#define XXGK_SESSION_TOKEN 64
/* A session's last use is written when it is older than this, so that
 * most requests only read: the idle limit is kept to this many seconds. */
#define XXGK_SESSION_TOUCH 300

typedef struct {
  xxgk_user user;   /* who, as he is now (his agency, its units)        */
  char csrf[65];    /* the CSRF token of his forms and API writes      */
  char flash[512];  /* a message for the next page, or ""              */
  int flash_error;  /* the flash is an error                           */
  int64_t calendar; /* the calendar's generation read with it
                       (xxgk_reg_session_calendar)                     */
} xxgk_session;

/* Starts a session for user user_id at `now`, ending after `idle` seconds
 * without a request or `absolute` seconds after now, whichever comes
 * first; writes its token (the cookie's value, XXGK_SESSION_TOKEN hex
 * digits and a NUL) and fills *out. Removes some expired sessions. */
XXGK_EXPORT xxgk_status xxgk_reg_session_new(xxgk_reg *r, int64_t user_id,
                                             int64_t now, int64_t idle,
                                             int64_t absolute, char *token,
                                             xxgk_session *out);
/* The live session of token at `now`: *found = 1 and *out filled, or
 * *found = 0 when there is none (unknown, ended, expired, malformed).
 * One indexed read; its idle limit is pushed back (a write) when it was
 * last pushed XXGK_SESSION_TOUCH seconds ago or more. A session found
 * brings the register's calendar up to date as xxgk_reg_calendar_sync
 * does, in the same read (a request with a session needs no sync). */
XXGK_EXPORT xxgk_status xxgk_reg_session_get(xxgk_reg *r, const char *token,
                                             int64_t now, int64_t idle,
                                             xxgk_session *out, int *found);
/* Sets the session's flash ("" clears it). */
XXGK_EXPORT xxgk_status xxgk_reg_session_flash(xxgk_reg *r,
                                               const char *token,
                                               const char *flash, int error);
/* Ends the session, for every server. */
XXGK_EXPORT xxgk_status xxgk_reg_session_end(xxgk_reg *r, const char *token);
/* A session kept from an earlier read (a server's cache of them): brings
 * this handle's calendar up to the generation read with it, as
 * xxgk_reg_session_get would have. */
XXGK_EXPORT xxgk_status xxgk_reg_session_calendar(xxgk_reg *r,
                                                  const xxgk_session *s);
/* Forgets what the handle keeps of the register between calls: the
 * agencies' names a page of applications shows, read once (on PostgreSQL,
 * where joining them to every page cost the database a sixth of the
 * page's time) and again when an agency it has not seen appears. The
 * register only adds agencies; a server that hears of any change to them
 * (xxgk_reg_session_changes) calls this, so that a name changed around
 * the register is shown too. */
XXGK_EXPORT void xxgk_reg_refresh(xxgk_reg *r);
/* For a server that keeps the sessions it read for a moment: on a handle
 * of its own, xxgk_reg_session_watch listens for every change, by any
 * process on the database, to what a session read returns (a session
 * ended or its flash, a user, an agency, the calendar), told from the
 * writing transaction at its commit. XXGK_E_REFUSED where the backend
 * has nothing to watch (a SQLite file: one process serves it, nothing to
 * keep). Then xxgk_reg_session_changes waits at most ms: 1 something
 * changed (forget every session kept), 0 nothing did, -1 the watch is lost
 * (forget them, keep none until watching again on a new handle). */
XXGK_EXPORT xxgk_status xxgk_reg_session_watch(xxgk_reg *r);
XXGK_EXPORT int xxgk_reg_session_changes(xxgk_reg *r, int ms);

/* Token buckets: `key` names one (the caller's hash of what it limits),
 * holding at most `cap` tokens and earning one back every `seconds`; a
 * bucket never used is full. Each call is one transaction, so servers
 * sharing the register count together. */
typedef enum {
  XXGK_BUCKET_PEEK,  /* look only                                        */
  XXGK_BUCKET_TAKE,  /* take a token if there is one (else none)         */
  XXGK_BUCKET_SPEND, /* take a token, or empty it if it has less than one */
  XXGK_BUCKET_FILL   /* full again                                        */
} xxgk_bucket_op;
/* Does op on the bucket at `now`; *wait is then the seconds until it
 * holds a token (0: it held one before a TAKE took it, or holds one now). */
XXGK_EXPORT xxgk_status xxgk_reg_bucket(xxgk_reg *r, const char *key,
                                        double cap, double seconds,
                                        int64_t now, xxgk_bucket_op op,
                                        int *wait);

/* A page of applications. The SQL does the filtering and paging (in
 * receipt order, through an index: a page costs what it shows, not the
 * register's size; a total without filters other than agency and state
 * comes from the agencies' tallies, one with an applicant column, outcome
 * or dates counts index entries; a search of three characters or more
 * reads its matches through a trigram index, a shorter one every row).
 * With `today`, each open application of the page comes with its deadline
 * (row.due), computed in the same read; filtering by deadline state is the
 * caller's (XXGK_CASES_OPEN, then row.due). */
typedef enum {
  XXGK_CASES_ALL = 0,
  XXGK_CASES_OPEN = 1,  /* no final event yet                             */
  XXGK_CASES_CLOSED = 2 /* a final event recorded                         */
} xxgk_case_state;

typedef struct {
  int64_t agency_id;    /* 0: all; else it and its units                  */
  xxgk_case_state state;
  const char *outcome;  /* an outcome row key, "withdrawn", "fee_lapsed",
                           or NULL                                         */
  const char *category; /* an applicant column key, or NULL               */
  const char *from, *to; /* receipt date range, inclusive; NULL: open     */
  const char *search;   /* a substring of the tracking number, the
                           applicant's name or the content; NULL: none    */
  int64_t limit;        /* rows wanted; 0: all                            */
  int64_t offset;       /* rows skipped                                   */
  xxgk_date today;      /* non-zero: the open rows' deadlines on that day */
  const char *contact;  /* a substring of the applicant's contact (a phone
                           number, an address); NULL: none               */
} xxgk_case_query;

/* Calls cb for each application of the page, newest receipt first, and
 * sets *total (may be NULL) to the number matching without paging. */
XXGK_EXPORT xxgk_status xxgk_reg_case_query(
    xxgk_reg *r, const xxgk_case_query *q, int64_t *total,
    int (*cb)(void *ctx, const xxgk_case_row *row), void *ctx);

/* Reviews and suits of the agency and its units (0: all), newest first;
 * v->cases is NULL in the callback. */
XXGK_EXPORT xxgk_status xxgk_reg_review_list(
    xxgk_reg *r, int64_t agency_id,
    int (*cb)(void *ctx, const xxgk_review *v, const char *agency), void *ctx);
/* Active-disclosure records of the agency and its units (0: all), newest
 * first; `repealed` is the repeal date or NULL. */
XXGK_EXPORT xxgk_status xxgk_reg_record_list(
    xxgk_reg *r, int64_t agency_id,
    int (*cb)(void *ctx, const xxgk_record *d, const char *repealed,
              const char *agency),
    void *ctx);
/* The agency of record `id` / of review `id` into *agency_id: 0 when there
 * is none with that id (reg_owner.c). */
XXGK_EXPORT xxgk_status xxgk_reg_record_agency(xxgk_reg *r, int64_t id,
                                               int64_t *agency_id);
XXGK_EXPORT xxgk_status xxgk_reg_review_agency(xxgk_reg *r, int64_t id,
                                               int64_t *agency_id);
/* The yearly figures entered for one agency (not its units). */
XXGK_EXPORT xxgk_status xxgk_reg_figure_list(
    xxgk_reg *r, int64_t agency_id, int year,
    int (*cb)(void *ctx, const char *item, const char *value), void *ctx);

/* The applicant's secret code of an application: *code (at least 17
 * bytes) receives 16 random characters from an unambiguous alphabet; only
 * a hash is stored, so the code is shown once. Replaces an earlier code. */
XXGK_EXPORT xxgk_status xxgk_reg_case_code_new(xxgk_reg *r, int64_t case_id,
                                               char *code);
/* Sets *id to the application with this tracking number if `code` is its
 * secret code (compared in constant time); otherwise XXGK_E_REFUSED with
 * one message for a wrong number or a wrong code. */
XXGK_EXPORT xxgk_status xxgk_reg_case_code_check(xxgk_reg *r,
                                                 const char *tracking,
                                                 const char *code,
                                                 int64_t *id);

/* The narrative parts of an agency's report for a year, written in the
 * web application (section keys of xxgk_section_key()). set: NULL or ""
 * text clears the part. get: *text (free with xxgk_free) or NULL. */
XXGK_EXPORT xxgk_status xxgk_reg_narrative_set(xxgk_reg *r, int64_t agency_id,
                                               int year, xxgk_section s,
                                               const char *text);
XXGK_EXPORT xxgk_status xxgk_reg_narrative_get(xxgk_reg *r, int64_t agency_id,
                                               int year, xxgk_section s,
                                               char **text);

#ifdef __cplusplus
}
#endif

#endif
