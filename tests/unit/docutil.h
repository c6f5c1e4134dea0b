/*
 * docutil.h — helpers the tests share: reading files, comparing documents
 * cell by cell over the dictionary.
 */
#ifndef XXGK_DOCUTIL_H
#define XXGK_DOCUTIL_H

#include "xxgk.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Reads a whole file; returns NULL if it cannot. The caller frees. */
static inline char *read_file(const char *path, size_t *n) {
  FILE *f = fopen(path, "rb");
  if (!f)
    return NULL;
  size_t cap = 1 << 16, len = 0, k;
  char *s = malloc(cap);
  while (s && (k = fread(s + len, 1, cap - len, f)) > 0) {
    len += k;
    if (len == cap)
      s = realloc(s, cap *= 2);
  }
  fclose(f);
  if (s)
    s[len < cap ? len : cap - 1] = 0;
  *n = len;
  return s;
}

static inline int same_str(const char *a, const char *b) {
  return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

/* Compares metadata and every cell of the format; prints each difference
 * to stderr prefixed by `what`; returns the number of differences. */
static inline int doc_diff(const xxgk_doc *want, const xxgk_doc *got,
                           const char *what) {
  int bad = 0;
  if (xxgk_doc_format(want) != xxgk_doc_format(got)) {
    fprintf(stderr, "%s: format %s != %s\n", what,
            xxgk_format_name(xxgk_doc_format(want)),
            xxgk_format_name(xxgk_doc_format(got)));
    return 1;
  }
  if (xxgk_doc_year(want) != xxgk_doc_year(got)) {
    fprintf(stderr, "%s: year %d != %d\n", what, xxgk_doc_year(want),
            xxgk_doc_year(got));
    bad++;
  }
  if (!same_str(xxgk_doc_agency(want), xxgk_doc_agency(got))) {
    fprintf(stderr, "%s: agency \"%s\" != \"%s\"\n", what,
            xxgk_doc_agency(want), xxgk_doc_agency(got));
    bad++;
  }
  if (!same_str(xxgk_doc_title(want), xxgk_doc_title(got))) {
    fprintf(stderr, "%s: title \"%s\" != \"%s\"\n", what,
            xxgk_doc_title(want), xxgk_doc_title(got));
    bad++;
  }
  for (int i = 0; i < xxgk_dict_n_rows(); i++) {
    const xxgk_row_def *r = xxgk_dict_row(i);
    for (int c = 0; c < r->n_cols; c++) {
      const xxgk_cell *a = xxgk_doc_cell(want, i, c),
                      *b = xxgk_doc_cell(got, i, c);
      if (!a)
        continue;
      char sa[32] = "null", sb[32] = "null", key[128];
      if (a->state != XXGK_CELL_ABSENT)
        xxgk_num_format(a->num, sa);
      if (b && b->state != XXGK_CELL_ABSENT)
        xxgk_num_format(b->num, sb);
      if (strcmp(sa, sb) != 0) {
        xxgk_dict_key(i, c, key, sizeof key);
        fprintf(stderr, "%s: %s = %s, want %s\n", what, key, sb, sa);
        bad++;
      }
    }
  }
  return bad;
}

/* Loads tests/data/NAME.expected.json. */
static inline xxgk_doc *load_expected(const char *dir, const char *name) {
  char path[4096];
  snprintf(path, sizeof path, "%s/%s.expected.json", dir, name);
  size_t n;
  char *s = read_file(path, &n);
  if (!s)
    return NULL;
  xxgk_doc *d;
  xxgk_doc_from_json(s, n, &d);
  free(s);
  return d;
}

/* The sample reports (text renditions), by name. */
static const char *const SAMPLES[] = {
    "tianjin-nankai-2023", "chongqing-nanan-2023", "laocheng-2023",
    "shunhe-bigdata-2023", "tianjin-jinghai-office-2019"};
#define N_SAMPLES (sizeof SAMPLES / sizeof SAMPLES[0])

/* text (malloc'd) with its first `from` replaced by `to`; *found says
 * whether it had one (if not, text is returned unchanged). */
static inline char *text_replace(char *text, const char *from, const char *to,
                                 int *found) {
  char *at = strstr(text, from);
  *found = at != NULL;
  if (!at)
    return text;
  size_t a = (size_t)(at - text), fl = strlen(from), tl = strlen(to);
  char *out = malloc(strlen(text) - fl + tl + 1);
  if (!out)
    abort();
  memcpy(out, text, a);
  memcpy(out + a, to, tl);
  strcpy(out + a + tl, at + fl);
  free(text);
  return out;
}

/* 1 if d has a diagnostic of severity sev whose message contains part. */
static inline int doc_has_diag(const xxgk_doc *d, xxgk_severity sev,
                               const char *part) {
  for (size_t i = 0; i < xxgk_doc_n_diags(d); i++) {
    const xxgk_diag *g = xxgk_doc_diag(d, i);
    if (g->severity == sev && strstr(g->message, part))
      return 1;
  }
  return 0;
}

/* The cell with this dotted key in d's format or, for a table printed in
 * the other format's layout, the other; NULL if neither has it. */
static inline const xxgk_cell *doc_cell_by_key(const xxgk_doc *d,
                                               const char *key) {
  int row, col;
  if (xxgk_dict_find_key(key, xxgk_doc_format(d), &row, &col) != 0 &&
      xxgk_dict_find_key(key, XXGK_FORMAT_ANY, &row, &col) != 0)
    return NULL;
  return xxgk_doc_cell(d, row, col);
}

/* The cell's value as printed, "null", or "no such key" (a static buffer:
 * one call per expression). */
static inline const char *doc_value(const xxgk_doc *d, const char *key) {
  static char s[32];
  const xxgk_cell *c = doc_cell_by_key(d, key);
  if (!c)
    return "no such key";
  if (c->state == XXGK_CELL_ABSENT)
    return "null";
  xxgk_num_format(c->num, s);
  return s;
}

/* How the cell was read, or -1 if there is no such cell. */
static inline int doc_how(const xxgk_doc *d, const char *key) {
  const xxgk_cell *c = doc_cell_by_key(d, key);
  return c ? (int)c->how : -1;
}

#endif
