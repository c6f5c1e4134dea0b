/*
 * doc.c — the document model: metadata, narrative parts, the cells of the
 * dictionary's rows for the document's format, and the diagnostics list.
 */
#include "internal.h"

#include <stdio.h>
#include <stdlib.h>

static const char *const SECTION_KEYS[XXGK_N_SECTIONS] = {"overview",
                                                          "problems", "other"};

const char *xxgk_section_key(xxgk_section s) {
  return (unsigned)s < XXGK_N_SECTIONS ? SECTION_KEYS[s] : NULL;
}

const char *xxgk_strerror(xxgk_status st) {
  switch (st) {
  case XXGK_OK: return "ok";
  case XXGK_E_IO: return "cannot read input";
  case XXGK_E_ENCODING: return "not text";
  case XXGK_E_NOT_REPORT: return "not an annual report";
  case XXGK_E_INCOMPLETE: return "incomplete report";
  case XXGK_E_LIMIT: return "input limit exceeded";
  case XXGK_E_USAGE: return "invalid argument";
  case XXGK_E_REFUSED: return "refused by a register rule";
  case XXGK_E_DB: return "database error";
  case XXGK_E_BUSY: return "database busy";
  }
  return "unknown status";
}

const char *xxgk_how_name(xxgk_how h) {
  static const char *const NAMES[] = {NULL, "blank", "label-near-match",
                                      "aligned", "split-by-sum",
                                      "format-mixed"};
  return (unsigned)h < sizeof NAMES / sizeof NAMES[0] ? NAMES[h] : NULL;
}

const char *xxgk_severity_name(xxgk_severity s) {
  return s == XXGK_SEV_ERROR ? "error" : s == XXGK_SEV_WARNING ? "warning"
                                                              : "notice";
}

xxgk_doc *xxgk_doc_new(xxgk_format f) {
  xxgk_doc *d = xxgk_calloc(1, sizeof *d);
  d->format = f;
  return d;
}

void xxgk_doc_free(xxgk_doc *d) {
  if (!d)
    return;
  free(d->agency);
  free(d->title);
  free(d->source);
  for (int i = 0; i < XXGK_N_SECTIONS; i++) {
    free(d->sections[i]);
    free(d->sections_norm[i]);
    free(d->section_jumps[i]);
  }
  for (size_t i = 0; i < d->n_diags; i++)
    free(d->diags[i].message);
  free(d->diags);
  where_free(d->where);
  free(d);
}

xxgk_format xxgk_doc_format(const xxgk_doc *d) { return d->format; }
int xxgk_doc_year(const xxgk_doc *d) { return d->year; }
const char *xxgk_doc_agency(const xxgk_doc *d) { return d->agency; }
const char *xxgk_doc_title(const xxgk_doc *d) { return d->title; }
const char *xxgk_doc_source(const xxgk_doc *d) { return d->source; }

const char *xxgk_doc_section(const xxgk_doc *d, xxgk_section s) {
  return (unsigned)s < XXGK_N_SECTIONS ? d->sections[s] : NULL;
}

static void set_str(char **dst, const char *s) {
  free(*dst);
  *dst = s ? xxgk_strdup(s) : NULL;
}

void xxgk_doc_set_year(xxgk_doc *d, int year) { d->year = year; }
void xxgk_doc_set_agency(xxgk_doc *d, const char *s) { set_str(&d->agency, s); }
void xxgk_doc_set_title(xxgk_doc *d, const char *s) { set_str(&d->title, s); }
void xxgk_doc_set_source(xxgk_doc *d, const char *s) { set_str(&d->source, s); }

void xxgk_doc_set_section(xxgk_doc *d, xxgk_section s, const char *text) {
  if ((unsigned)s < XXGK_N_SECTIONS) {
    set_str(&d->sections[s], text);
    set_str(&d->sections_norm[s], NULL); /* no longer this text's */
    d->section_line[s] = 0; /* nor are the lines */
    free(d->section_jumps[s]);
    d->section_jumps[s] = NULL;
    d->n_section_jumps[s] = 0;
  }
}

static int in_format(const xxgk_doc *d, int row, int col) {
  const xxgk_row_def *r = xxgk_dict_row(row);
  return r && doc_has_row(d, r) && col >= 0 && col < r->n_cols;
}

int xxgk_doc_has_row(const xxgk_doc *d, int row) {
  const xxgk_row_def *r = xxgk_dict_row(row);
  return r && doc_has_row(d, r);
}

xxgk_format xxgk_doc_table_format(const xxgk_doc *d, xxgk_table t) {
  if ((unsigned)t >= XXGK_N_TABLES)
    return XXGK_FORMAT_NONE;
  return d->table_format[t] ? d->table_format[t] : d->format;
}

void xxgk_doc_set_table_format(xxgk_doc *d, xxgk_table t, xxgk_format f) {
  if ((unsigned)t < XXGK_N_TABLES)
    d->table_format[t] = f == d->format ? XXGK_FORMAT_NONE : f;
}

const xxgk_cell *xxgk_doc_cell(const xxgk_doc *d, int row, int col) {
  return in_format(d, row, col) ? &d->cells[row][col] : NULL;
}

void xxgk_doc_set_cell(xxgk_doc *d, int row, int col, const xxgk_cell *c) {
  if (in_format(d, row, col))
    d->cells[row][col] = *c;
}

size_t xxgk_doc_n_diags(const xxgk_doc *d) { return d->n_diags; }

const xxgk_diag *xxgk_doc_diag(const xxgk_doc *d, size_t i) {
  return i < d->n_diags ? &d->diags[i] : NULL;
}

size_t xxgk_doc_count(const xxgk_doc *d, xxgk_severity min) {
  size_t n = 0;
  for (size_t i = 0; i < d->n_diags; i++)
    n += d->diags[i].severity >= min;
  return n;
}

xxgk_diag *doc_diag(xxgk_doc *d, const char *rule, xxgk_severity sev,
                    uint32_t line, uint32_t col, const char *fmt, ...) {
  if (d->n_diags >= XXGK_MAX_DIAGS) {
    d->n_dropped++;
    return NULL;
  }
  d->diags = grow(d->diags, &d->cap_diags, d->n_diags + 1, sizeof *d->diags);
  xxgk_diag *g = &d->diags[d->n_diags++];
  *g = (xxgk_diag){.rule = rule, .severity = sev, .line = line, .col = col};
  /* Formatted once into the stack when it fits, as nearly every message
   * does: a first vsnprintf only to measure cost as much as the second
   * (a report printed with "—" for its zeros has a notice a row). */
  char tmp[512];
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
  va_end(ap);
  if (n <= 0) {
    g->message = xxgk_strdup("");
  } else if ((size_t)n < sizeof tmp) {
    g->message = xxgk_strndup(tmp, (size_t)n);
  } else {
    g->message = xxgk_malloc((size_t)n + 1);
    va_start(ap, fmt);
    vsnprintf(g->message, (size_t)n + 1, fmt, ap);
    va_end(ap);
  }
  return g;
}

void diag_cell(xxgk_diag *g, int row, int col) {
  if (g && g->n_cells < XXGK_DIAG_MAX_CELLS) {
    g->cells[g->n_cells].row = row;
    g->cells[g->n_cells].col = col;
    g->n_cells++;
  }
}
