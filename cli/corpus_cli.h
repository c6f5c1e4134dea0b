/*
 * corpus_cli.h — what the corpus commands (findings, stats, agencies)
 * share: their options and opening the corpus.
 */
#ifndef XXGK_CORPUS_CLI_H
#define XXGK_CORPUS_CLI_H

#include "cli.h"
#include "xxgk_corpus.h"

/* The arguments of the corpus commands. A command with more of its own
 * begins its struct with this one, so that corpus_common's offsets hold. */
typedef struct {
  const char *db, *format, *by, *out, *svg;
  xxgk_corpus_filter filter;
  int json;
} corpus_opts;

/* The options every corpus command takes: --db and the filters by region,
 * year and kind. */
extern const struct cli_opt corpus_common[];

/* What a listing command (findings, agencies, stats --by quality) has
 * printed: as JSON each row an element of one array, else a line per row. */
typedef struct {
  int json;
  size_t n; /* rows so far */
  xxgk_buf b;
} corpus_list;

/* After the query (st): says why it failed, and with --json closes the
 * array. Returns st. */
xxgk_status corpus_list_end(corpus_list *l, xxgk_corpus *c, xxgk_status st,
                            const char *cmd);

/* Prints xxgk_corpus_errmsg for a failed call; returns EXIT_UNREADABLE. */
int cli_corpus_fail(xxgk_corpus *c, const char *cmd);

/* Opens o->db (NULL: $XXGK_DB, else ./xxgk.db), which must exist; NULL
 * after printing why. */
xxgk_corpus *corpus_open_existing(const corpus_opts *o, const char *cmd);

#endif
