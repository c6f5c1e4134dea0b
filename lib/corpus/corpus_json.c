/*
 * corpus_json.c — the corpus queries' rows as JSON and CSV. The JSON is
 * the layout the answers have always been published in (the command's
 * --json, the web API): an array of objects, two-space indents, one member
 * per line, "key": value, nested objects likewise, a newline after the
 * array; scripts that read it by line keep working.
 */
#include "corpus.h"

#include <inttypes.h>

/* An object being written: its members one per line at `indent`. */
typedef struct {
  buf *b;
  int indent, n;
} obj;

static obj obj_begin(buf *b, int indent) {
  buf_puts(b, "{\n");
  return (obj){b, indent + 2, 0};
}

static void obj_end(obj *o) { buf_printf(o->b, "\n%*s}", o->indent - 2, ""); }

static void key(obj *o, const char *k) {
  buf_printf(o->b, "%s%*s", o->n++ ? ",\n" : "", o->indent, "");
  xxgk_esc_json(o->b, k, 0);
  buf_puts(o->b, ": ");
}

static void str(obj *o, const char *k, const char *v) {
  key(o, k);
  xxgk_esc_json(o->b, v, 0);
}

static void num(obj *o, const char *k, int64_t v) {
  key(o, k);
  buf_printf(o->b, "%" PRId64, v);
}

/* An id or a year, where 0 means none. */
static void num_or_null(obj *o, const char *k, int64_t v) {
  if (v)
    num(o, k, v);
  else
    str(o, k, NULL);
}

/* A rate or a share, negative when there is none. */
static void rate(obj *o, const char *k, double r) {
  key(o, k);
  if (r < 0)
    buf_puts(o->b, "null");
  else
    buf_printf(o->b, "%.4f", r);
}

/* Row i of an array at the top level. */
static obj element(buf *b, size_t i) {
  buf_puts(b, i ? ",\n  " : "[\n  ");
  return obj_begin(b, 2);
}

void xxgk_corpus_json_end(buf *b, size_t n) {
  buf_puts(b, n ? "\n]\n" : "[\n]\n");
}

int corpus_field_num(const struct corpus_field *f, const void *row,
                     int64_t *v) {
  const void *at = (const char *)row + f->off;
  switch (f->kind) {
  case CF_INT: *v = *(const int *)at; return 1;
  case CF_INT_OR_NULL: *v = *(const int *)at; return *v != 0;
  case CF_INT_OR_MINUS: *v = *(const int *)at; return *v >= 0;
  case CF_I64: *v = *(const int64_t *)at; return 1;
  case CF_I64_OR_NULL: *v = *(const int64_t *)at; return *v != 0;
  default: return 0;
  }
}

const char *corpus_field_text(const struct corpus_field *f, const void *row) {
  return f->kind == CF_TEXT ? *(const char *const *)((const char *)row + f->off)
                            : NULL;
}

/* A row of a query's callback, as element i of an array. */
static void row_json(buf *b, const struct corpus_field *fields, const void *row,
                     size_t i) {
  obj o = element(b, i);
  for (const struct corpus_field *f = fields; f->name; f++) {
    int64_t v;
    if (f->kind == CF_TEXT)
      str(&o, f->name, corpus_field_text(f, row));
    else if (corpus_field_num(f, row, &v))
      num(&o, f->name, v);
    else
      str(&o, f->name, NULL);
  }
  obj_end(&o);
}

/* A row of a query's callback as a CSV line, its fields in the table's
 * order, none as an empty field; row 0 writes the head before it. */
static void row_csv(buf *b, const struct corpus_field *fields, const void *row,
                    size_t i) {
  for (const struct corpus_field *f = fields; !i && f->name; f++)
    buf_printf(b, "%s%s", f == fields ? "" : ",", f->name);
  if (!i)
    buf_puts(b, "\r\n");
  for (const struct corpus_field *f = fields; f->name; f++) {
    int64_t v;
    if (f != fields)
      buf_putc(b, ',');
    if (f->kind == CF_TEXT)
      xxgk_esc_csv(b, corpus_field_text(f, row));
    else if (corpus_field_num(f, row, &v))
      buf_printf(b, "%" PRId64, v);
  }
  buf_puts(b, "\r\n");
}

void xxgk_corpus_finding_json(buf *b, const xxgk_corpus_finding *f, size_t i) {
  row_json(b, corpus_finding_fields, f, i);
}

void xxgk_corpus_agency_json(buf *b, const xxgk_corpus_agency *a, size_t i) {
  row_json(b, corpus_agency_fields, a, i);
}

void xxgk_corpus_rank_json(buf *b, const xxgk_corpus_rank *r, size_t i) {
  row_json(b, corpus_rank_fields, r, i);
}

void xxgk_corpus_rank_csv(buf *b, const xxgk_corpus_rank *r, size_t i) {
  row_csv(b, corpus_rank_fields, r, i);
}

void xxgk_corpus_groups_json(buf *b, const xxgk_corpus_groups *g) {
  for (size_t i = 0; i < g->n; i++) {
    const xxgk_corpus_group *x = &g->groups[i];
    obj o = element(b, i);
    if (g->by & XXGK_CORPUS_BY_YEAR)
      num_or_null(&o, "year", x->year);
    if (g->by & XXGK_CORPUS_BY_PROVINCE)
      str(&o, "province", x->province);
    if (g->by & XXGK_CORPUS_BY_KIND)
      str(&o, "kind", x->kind);
    num(&o, "reports", x->reports);
    num(&o, "received", x->received);
    num(&o, "handled", x->handled);
    key(&o, "outcomes");
    obj counts = obj_begin(b, o.indent);
    for (int k = 0; k < g->n_outcomes; k++)
      num(&counts, g->outcomes[k]->key, x->outcomes[k]);
    obj_end(&counts);
    key(&o, "shares");
    obj shares = obj_begin(b, o.indent);
    for (int k = 0; k < g->n_outcomes; k++)
      rate(&shares, g->outcomes[k]->key, x->shares[k]);
    obj_end(&shares);
    rate(&o, "review_correction_rate", x->review_correction_rate);
    rate(&o, "litigation_correction_rate", x->litigation_correction_rate);
    obj_end(&o);
  }
  xxgk_corpus_json_end(b, g->n);
}

/* A CSV field of a rate: empty when there is none. */
static void csv_rate(buf *b, double r) {
  if (r >= 0)
    buf_printf(b, "%.4f", r);
}

void xxgk_corpus_groups_csv(buf *b, const xxgk_corpus_groups *g) {
  if (g->by & XXGK_CORPUS_BY_YEAR)
    buf_puts(b, "year,");
  if (g->by & XXGK_CORPUS_BY_PROVINCE)
    buf_puts(b, "province,");
  if (g->by & XXGK_CORPUS_BY_KIND)
    buf_puts(b, "kind,");
  buf_puts(b, "reports,received,handled");
  for (int k = 0; k < g->n_outcomes; k++)
    buf_printf(b, ",share.%s", g->outcomes[k]->key);
  buf_puts(b, ",review_correction_rate,litigation_correction_rate\r\n");
  for (size_t i = 0; i < g->n; i++) {
    const xxgk_corpus_group *x = &g->groups[i];
    if ((g->by & XXGK_CORPUS_BY_YEAR) && x->year)
      buf_printf(b, "%d", x->year);
    if (g->by & XXGK_CORPUS_BY_YEAR)
      buf_putc(b, ',');
    if (g->by & XXGK_CORPUS_BY_PROVINCE) {
      xxgk_esc_csv(b, x->province);
      buf_putc(b, ',');
    }
    if (g->by & XXGK_CORPUS_BY_KIND) {
      xxgk_esc_csv(b, x->kind);
      buf_putc(b, ',');
    }
    buf_printf(b, "%" PRId64 ",%" PRId64 ",%" PRId64, x->reports, x->received,
               x->handled);
    for (int k = 0; k < g->n_outcomes; k++) {
      buf_putc(b, ',');
      csv_rate(b, x->shares[k]);
    }
    buf_putc(b, ',');
    csv_rate(b, x->review_correction_rate);
    buf_putc(b, ',');
    csv_rate(b, x->litigation_correction_rate);
    buf_puts(b, "\r\n");
  }
}
