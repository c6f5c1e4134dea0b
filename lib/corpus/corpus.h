/*
 * corpus.h — the corpus handle, shared by corpus.c (schema, adding) and
 * corpus_query.c (cross-year rules, queries).
 */
#ifndef XXGK_CORPUS_INTERNAL_H
#define XXGK_CORPUS_INTERNAL_H

#include "internal.h"
#include "store.h"
#include "xxgk_corpus.h"

struct xxgk_corpus {
  struct store *s;
  char err[768];        /* the last failure, for xxgk_corpus_errmsg */
  const dict_key *keys; /* the cells table's columns, in order     */
  int n_keys;
  char *insert_cells; /* INSERT INTO corpus_cells(report_id, "k"…) … */
  /* Inside xxgk_corpus_begin's transaction, which holds the write lock:
   * the next ids of reports and agencies, given here rather than asked
   * back of every INSERT (a round trip each on a server); 0 until the
   * first is needed. */
  int in_tx;
  int64_t next_report, next_agency;
};

/* Records "what：the backend's message" as the last error; returns st. */
xxgk_status corpus_fail(xxgk_corpus *c, xxgk_status st, const char *what);

/* A field of a row type a query hands to a callback: its JSON name (the
 * member's), the SQL that selects it, its type, its offset in the public
 * struct, and its Chinese head where a sheet shows it (else NULL). Tables
 * end with a NULL name. */
struct corpus_field {
  const char *name, *sql;
  enum {
    CF_TEXT,        /* const char *, NULL for SQL NULL            */
    CF_INT,         /* int                                        */
    CF_INT_OR_NULL, /* int; 0 is written as null                  */
    CF_INT_OR_MINUS, /* int; SQL NULL is -1, written as null       */
    CF_I64,         /* int64_t                                    */
    CF_I64_OR_NULL  /* int64_t; 0 is written as null              */
  } kind;
  size_t off;
  const char *label;
};
extern const struct corpus_field corpus_finding_fields[],
    corpus_agency_fields[], corpus_rank_fields[];

/* Field f of row: a number into *v, 1 if it has one (each kind says which
 * value means none), 0 if none or text. */
int corpus_field_num(const struct corpus_field *f, const void *row,
                     int64_t *v);
/* Field f of row: its text, or NULL if none or a number. */
const char *corpus_field_text(const struct corpus_field *f, const void *row);

/* Stores d's findings of at least severity `min` (and whose rule starts
 * with `rule_first`, unless 0) for `report`; `other` is the other report
 * of a cross-year finding, or 0. */
xxgk_status corpus_insert_findings(xxgk_corpus *c, int64_t report,
                                   const xxgk_doc *d, xxgk_severity min,
                                   char rule_first, int64_t other);

/* The divisions (within `within`, or anywhere if NULL) whose name begins
 * s, the longest name that any has: stores at most cap in out, sets *len to
 * the name's length in bytes and returns how many there are; 0 if none. */
size_t division_prefix(const char *s, const xxgk_division *within,
                       const xxgk_division **out, size_t cap, size_t *len);

/* The corpus's tables, parents before children; NULL-terminated. */
extern const char *const corpus_tables[];

#endif
