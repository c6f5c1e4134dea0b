/*
 * reg.h — what the register's files (reg*.c) share: the handle, the
 * transaction and error helpers, the audit log, and the dictionary look-ups
 * that tie the register to the annual report's rows and columns.
 */
#ifndef XXGK_REG_H
#define XXGK_REG_H

#include "internal.h"
#include "store.h"
#include "xxgk_register.h"

struct xxgk_reg {
  struct store *st; /* the backend                                  */
  xxgk_cal *cal;    /* bundled calendar plus user additions           */
  char *user;       /* who acts, for the audit log                    */
  char *clock;      /* fixed audit time, or NULL for real time        */
  char err[768];    /* the last failure, in Chinese                   */
};

/* Formats a Chinese message into r->err and returns st. */
xxgk_status reg_fail(xxgk_reg *r, xxgk_status st, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* r->err from the backend's message; returns XXGK_E_DB. */
xxgk_status reg_db(xxgk_reg *r);

/* One transaction per command: reg_begin, then reg_end(r, status), which
 * commits when status is XXGK_OK and rolls back otherwise; returns the
 * final status (a failed commit is XXGK_E_DB). */
xxgk_status reg_begin(xxgk_reg *r, int write);
xxgk_status reg_end(xxgk_reg *r, xxgk_status st);

/* Appends to the audit log: action ("case.new"), entity table and id, the
 * row before (JSON text, or NULL) and after (read now from the table; NULL
 * entity_id: none). */
xxgk_status reg_audit(xxgk_reg *r, const char *action, const char *entity,
                      int64_t id, const char *before);
/* The row of `entity` (a table name the register owns) with this id as a
 * JSON object; NULL if none. Caller frees with free(). */
char *reg_row_json(xxgk_reg *r, const char *entity, int64_t id);

/* Sets `table`'s value for an agency, a year and an item, or deletes the
 * row when value is NULL or empty: the yearly tables (figure, narrative)
 * have columns agency_id, year, item_col, value_col, unique on the first
 * three. Audited as "TABLE.set" / "TABLE.clear" with the row before. Runs
 * inside the caller's write transaction; table and columns are the
 * register's own names, never user input. */
xxgk_status reg_yearly_put(xxgk_reg *r, const char *table,
                           const char *item_col, const char *value_col,
                           int64_t agency_id, int year, const char *item,
                           const char *value);

/* Parses a date and checks the calendar covers its year; `what` names the
 * field in the message ("收到日期"). */
xxgk_status reg_date(xxgk_reg *r, const char *s, const char *what,
                     xxgk_date *out);

/* Whether the agency exists (message if not). */
xxgk_status reg_agency_exists(xxgk_reg *r, int64_t id);

/* ## Dictionary ties (format 2021) */

/* The table-3 row index of an outcome key (role OUTCOME), or -1. */
int reg_outcome_row(const char *key);
/* The applicant column (0..5) of table 3 for a category key, or -1. */
int reg_category_col(const char *key);
/* A comma-separated list of the valid keys for messages; static buffer. */
const char *reg_outcome_keys(void);
const char *reg_category_keys(void);

/* The events of one application in time order, for the rules and the
 * deadline. Strings are copies owned by the list. */
struct ev {
  int64_t id;
  xxgk_event_kind kind;
  xxgk_date date;
  char *outcome;
};
struct ev_list {
  struct ev *v;
  int n, cap;
  xxgk_date received;
  int64_t agency_id;
  char *applicant_id;
};
xxgk_status reg_load_events(xxgk_reg *r, int64_t case_id, struct ev_list *l);
void ev_list_free(struct ev_list *l);
/* The deadline from a loaded list (reg_due.c). */
xxgk_status reg_compute_due(xxgk_reg *r, const struct ev_list *l,
                            xxgk_date today, xxgk_due *out);

#endif
