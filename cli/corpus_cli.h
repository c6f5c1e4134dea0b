/*
 * corpus_cli.h — what the corpus commands (findings, stats, agencies)
 * share: their options and opening the corpus.
 */
#ifndef XXGK_CORPUS_CLI_H
#define XXGK_CORPUS_CLI_H

#include "cli.h"
#include "xxgk_corpus.h"

typedef struct {
  const char *db, *format, *by, *out, *svg;
  xxgk_corpus_filter filter;
  int json;
} corpus_opts;

/* The options every corpus command takes: --db and the filters by region,
 * year and kind. */
extern const struct cli_opt corpus_common[];

/* Parses argv for cmd (its own options in corpus_opts, and corpus_common);
 * as cli_parse. */
int corpus_args(const struct cli_cmd *cmd, int argc, char **argv,
                corpus_opts *o, int *n_pos);

/* What a listing command (findings, agencies, stats --by quality) has
 * printed: as JSON each row an element of one array, else a line per row. */
typedef struct {
  int json;
  size_t n; /* rows so far */
  xxgk_buf b;
} corpus_list;

/* After the query (st): says why it failed, closes c, and with --json
 * closes the array. Returns st. */
xxgk_status corpus_list_end(corpus_list *l, xxgk_corpus *c, xxgk_status st,
                            const char *cmd);

/* Opens o->db, which must exist; NULL after printing why. */
xxgk_corpus *corpus_open_existing(const corpus_opts *o, const char *cmd);

#endif
