/*
 * corpus_cli.h — what the corpus commands (findings, stats, agencies)
 * share: their options, opening the corpus, and the library's JSON answers
 * turned into objects to print.
 */
#ifndef XXGK_CORPUS_CLI_H
#define XXGK_CORPUS_CLI_H

#include "cli.h"
#include "xxgk_corpus.h"

#include <json-c/json.h>

typedef struct {
  const char *db, *format, *by, *out, *svg;
  xxgk_corpus_filter filter;
  int json;
  const char *pos[4]; /* positional arguments */
  int n_pos;
} corpus_opts;

/* Parses argv; prints the usage for --help (returns 0) or the problem
 * (returns EXIT_UNREADABLE); -1 when the command should run. */
int corpus_args(int argc, char **argv, corpus_opts *o, const char *cmd,
                const char *usage);

/* Opens o->db, which must exist; NULL after printing why. */
xxgk_corpus *corpus_open_existing(const corpus_opts *o, const char *cmd);

/* Parses a JSON answer of the library (takes ownership of text). */
json_object *corpus_answer(char *text);

/* A member as text ("" for null); borrowed from o. */
const char *jstr(json_object *o, const char *key);

#endif
