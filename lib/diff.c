/*
 * diff.c — a year-over-year comparison of two reports of one agency: every
 * figure that changed, with its absolute change (exact) and its relative
 * change, then the findings of the cross-year rules (years.c) on the later
 * report. As readable Chinese text, or as JSON for scripts.
 *
 * Figures are matched by canonical key, so a 2020 report (format 2019) and
 * a 2021 one are compared on the keys both formats have; the keys only one
 * of them has are listed apart. The walk is the dictionary's, in printed
 * order.
 *
 * Two versions of one report (a unit's version N−1 and N in the office's
 * round) are compared the same way, the sides named 上一版/本版; in place
 * of the cross-year rules, which judge a report against last year's and
 * not against its own earlier version, they list the findings the new
 * version resolved and the ones it brought.
 */
#include "report.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
  int row, col;          /* the cell in cur's format (or prev's: `only`) */
  const xxgk_cell *a, *b; /* prev's and cur's, NULL when absent          */
} change;

static const xxgk_cell *present(const xxgk_doc *d, int row, int col) {
  const xxgk_cell *c = xxgk_doc_cell(d, row, col);
  return c && c->state != XXGK_CELL_ABSENT ? c : NULL;
}

/* The cell of d with the key of (row, col), or -1 in *r if d's format has
 * no such key. */
static const xxgk_cell *same_key(const xxgk_doc *d, int row, int col,
                                 int *r) {
  char key[128];
  int c;
  xxgk_dict_key(row, col, key, sizeof key);
  if (xxgk_dict_find_key(key, d->format, r, &c) != 0) {
    *r = -1;
    return NULL;
  }
  return present(d, *r, c);
}

/* b − a exactly; 0 on overflow. */
static int minus(xxgk_num b, xxgk_num a, xxgk_num *out) {
  a.mant = -a.mant;
  return xxgk_num_add(b, a, out) == 0;
}

static long double value(xxgk_num n) {
  long double v = (long double)n.mant;
  for (int i = 0; i < n.scale; i++)
    v /= 10;
  return v;
}

/* (b − a) / a, when a is not 0. */
static int relative(xxgk_num a, xxgk_num b, double *out) {
  long double va = value(a);
  if (va == 0)
    return 0;
  *out = (double)((value(b) - va) / va);
  return 1;
}

static void num_put(buf *b, const xxgk_cell *c, const char *absent) {
  char s[32];
  if (!c) {
    buf_puts(b, absent);
    return;
  }
  xxgk_num_format(c->num, s);
  buf_puts(b, s);
}

/* Collects the changed figures; `only` gets the keys of one side. */
static size_t collect(const xxgk_doc *prev, const xxgk_doc *cur, change *out,
                      change *only_prev, size_t *n_prev, change *only_cur,
                      size_t *n_cur) {
  size_t n = 0;
  *n_prev = *n_cur = 0;
  for (int i = 0; i < xxgk_dict_n_rows(); i++) {
    const xxgk_row_def *r = xxgk_dict_row(i);
    for (int c = 0; c < r->n_cols; c++) {
      int pr;
      if (r->formats & cur->format) {
        const xxgk_cell *b = present(cur, i, c);
        const xxgk_cell *a = same_key(prev, i, c, &pr);
        if (pr < 0) {
          only_cur[(*n_cur)++] = (change){i, c, NULL, b};
          continue;
        }
        if ((a && b && xxgk_num_cmp(a->num, b->num) == 0) || (!a && !b))
          continue;
        out[n++] = (change){i, c, a, b};
      } else if (r->formats & prev->format) {
        int cr;
        same_key(cur, i, c, &cr);
        if (cr < 0)
          only_prev[(*n_prev)++] = (change){i, c, present(prev, i, c), NULL};
      }
    }
  }
  return n;
}

/* What the two sides are called, year over year or version to version. */
typedef struct {
  const char *title, *prev, *cur;
  int versions;
} sides;

static const sides YEARS = {"年度比较", "上年", "本年", 0};
static const sides VERSIONS = {"版本比较", "上一版", "本版", 1};

static int is_year_rule(const xxgk_diag *g) { return g->rule[0] == 'Y'; }

/* d has a finding of g's rule, severity and message. */
static int has_diag(const xxgk_doc *d, const xxgk_diag *g) {
  for (size_t i = 0; i < xxgk_doc_n_diags(d); i++) {
    const xxgk_diag *h = xxgk_doc_diag(d, i);
    if (h->severity == g->severity && strcmp(h->rule, g->rule) == 0 &&
        strcmp(h->message, g->message) == 0)
      return 1;
  }
  return 0;
}

/* d's findings that other has not, through put; returns how many. */
static size_t only_in(const xxgk_doc *d, const xxgk_doc *other,
                      void (*put)(buf *, const xxgk_doc *, const xxgk_diag *,
                                  size_t),
                      buf *b) {
  size_t m = 0;
  for (size_t i = 0; i < xxgk_doc_n_diags(d); i++) {
    const xxgk_diag *g = xxgk_doc_diag(d, i);
    if (!has_diag(other, g))
      put(b, d, g, m++);
  }
  return m;
}

/* The cross-year findings of d, counted by severity (xxgk_severity). */
static void year_counts(const xxgk_doc *d, size_t n[3]) {
  n[0] = n[1] = n[2] = 0;
  for (size_t i = 0; i < xxgk_doc_n_diags(d); i++)
    if (is_year_rule(xxgk_doc_diag(d, i)))
      n[xxgk_doc_diag(d, i)->severity]++;
}

/* ## Text */

static void text_side(buf *b, const char *what, const xxgk_doc *d) {
  buf_printf(b, "%s：%s", what, d->source ? d->source : "-");
  if (d->agency || d->year || d->format) {
    buf_puts(b, "（");
    if (d->agency)
      buf_puts(b, d->agency);
    if (d->year)
      buf_printf(b, "%s%d年", d->agency ? "，" : "", d->year);
    if (d->format)
      buf_printf(b, "%s%s年格式", d->agency || d->year ? "，" : "",
                 xxgk_format_name(d->format));
    buf_puts(b, "）");
  }
  buf_putc(b, '\n');
}

static void text_change(buf *b, const change *ch) {
  char label[300];
  dict_cell_label(ch->row, ch->col, label, sizeof label);
  buf_printf(b, "    %s：", label);
  num_put(b, ch->a, "（无）");
  buf_puts(b, " → ");
  num_put(b, ch->b, "（无）");
  xxgk_num d;
  double rel;
  if (ch->a && ch->b && minus(ch->b->num, ch->a->num, &d)) {
    char s[32];
    xxgk_num_format(d, s);
    buf_printf(b, "（%s%s", d.mant > 0 ? "+" : "", s);
    if (relative(ch->a->num, ch->b->num, &rel))
      buf_printf(b, "，%+.1f%%", rel * 100);
    buf_puts(b, "）");
  }
  buf_putc(b, '\n');
}

/* A finding as a line: severity, rule, message and its cells in d. */
static void text_diag(buf *b, const xxgk_doc *d, const xxgk_diag *g,
                      size_t i) {
  (void)i;
  buf_printf(b, "  %s %s: %s", xxgk_severity_name(g->severity), g->rule,
             g->message);
  for (int j = 0; j < g->n_cells; j++) {
    char key[128];
    xxgk_dict_key(g->cells[j].row, g->cells[j].col, key, sizeof key);
    buf_printf(b, "%s%s=", j ? ", " : " [", key);
    num_put(b, present(d, g->cells[j].row, g->cells[j].col), "null");
  }
  buf_puts(b, g->n_cells ? "]\n" : "\n");
}

/* Version to version: the findings resolved and the ones brought. */
static void text_versions(buf *b, const xxgk_doc *prev, const xxgk_doc *cur,
                          size_t n) {
  buf_printf(b, "\n检查结果的变化：错误 %zu → %zu，警告 %zu → %zu，提示 %zu → "
                "%zu\n",
             xxgk_doc_count(prev, XXGK_SEV_ERROR),
             xxgk_doc_count(cur, XXGK_SEV_ERROR),
             xxgk_doc_count(prev, XXGK_SEV_WARNING) -
                 xxgk_doc_count(prev, XXGK_SEV_ERROR),
             xxgk_doc_count(cur, XXGK_SEV_WARNING) -
                 xxgk_doc_count(cur, XXGK_SEV_ERROR),
             xxgk_doc_count(prev, XXGK_SEV_NOTICE) -
                 xxgk_doc_count(prev, XXGK_SEV_WARNING),
             xxgk_doc_count(cur, XXGK_SEV_NOTICE) -
                 xxgk_doc_count(cur, XXGK_SEV_WARNING));
  buf_puts(b, "本版已解决：\n");
  size_t fixed = only_in(prev, cur, text_diag, b);
  if (!fixed)
    buf_puts(b, "  （无）\n");
  buf_puts(b, "本版新出现：\n");
  size_t brought = only_in(cur, prev, text_diag, b);
  if (!brought)
    buf_puts(b, "  （无）\n");
  buf_printf(b, "\n结论：%zu项变化；已解决%zu条检查意见，新出现%zu条\n", n,
             fixed, brought);
}

static void render_text(buf *b, const sides *sd, const xxgk_doc *prev,
                        const xxgk_doc *cur, const change *ch, size_t n,
                        size_t n_prev, size_t n_cur) {
  buf_printf(b, "%s\n", sd->title);
  text_side(b, sd->prev, prev);
  text_side(b, sd->cur, cur);
  buf_printf(b, "\n变化的数字（%zu项）：\n", n);
  int table = -1;
  for (size_t i = 0; i < n; i++) {
    const xxgk_row_def *r = xxgk_dict_row(ch[i].row);
    if ((int)r->table != table) {
      table = (int)r->table;
      buf_printf(b, "  %s\n", r->table == XXGK_T_FEES
                                  ? r->label
                                  : xxgk_dict_table(r->table)->heading);
    }
    text_change(b, &ch[i]);
  }
  if (n == 0)
    buf_puts(b, "  （无）\n");
  if (n_prev || n_cur)
    buf_printf(b, "两份报告格式不同：%zu项只有%s报告有，%zu项只有%s报告有，"
                  "未比较\n",
               n_prev, sd->prev, n_cur, sd->cur);
  if (sd->versions) {
    text_versions(b, prev, cur, n);
    return;
  }
  size_t by[3];
  year_counts(cur, by);
  buf_puts(b, "\n跨年度检查（Y1–Y3）：\n");
  for (size_t i = 0; i < xxgk_doc_n_diags(cur); i++) {
    const xxgk_diag *g = xxgk_doc_diag(cur, i);
    if (is_year_rule(g))
      text_diag(b, cur, g, 0);
  }
  if (by[0] + by[1] + by[2] == 0)
    buf_puts(b, "  上年结转、现行有效件数和未审结案件前后衔接，未发现问题\n");
  buf_printf(b,
             "\n结论：%zu项变化；跨年度检查%zu个错误，%zu个警告，%zu个提示\n",
             n, by[XXGK_SEV_ERROR], by[XXGK_SEV_WARNING], by[XXGK_SEV_NOTICE]);
}

/* ## JSON */

static void json_side(buf *b, const xxgk_doc *d) {
  buf_puts(b, "{\"file\": ");
  esc_json(b, d->source);
  json_member(b, "agency", d->agency);
  buf_puts(b, ", \"year\": ");
  json_year(b, d->year);
  json_member(b, "format", xxgk_format_name(d->format));
  buf_puts(b, "}");
}

static void json_keys(buf *b, const change *ch, size_t n) {
  buf_putc(b, '[');
  for (size_t i = 0; i < n; i++) {
    char key[128];
    xxgk_dict_key(ch[i].row, ch[i].col, key, sizeof key);
    buf_puts(b, i ? ", " : "");
    esc_json(b, key);
  }
  buf_putc(b, ']');
}

/* A finding as a JSON object in a list (i: its place, from 0). */
static void json_diag(buf *b, const xxgk_doc *d, const xxgk_diag *g,
                      size_t i) {
  buf_puts(b, i ? ",\n    {\"rule\": " : "\n    {\"rule\": ");
  esc_json(b, g->rule);
  json_member(b, "severity", xxgk_severity_name(g->severity));
  json_member(b, "message", g->message);
  buf_puts(b, ", \"cells\": [");
  for (int j = 0; j < g->n_cells; j++) {
    char key[128];
    xxgk_dict_key(g->cells[j].row, g->cells[j].col, key, sizeof key);
    buf_puts(b, j ? ", {\"key\": " : "{\"key\": ");
    esc_json(b, key);
    buf_puts(b, ", \"value\": ");
    num_put(b, present(d, g->cells[j].row, g->cells[j].col), "null");
    buf_putc(b, '}');
  }
  buf_putc(b, ']');
  if (g->has_expected) {
    char s[32];
    xxgk_num_format(g->expected, s);
    buf_printf(b, ", \"expected\": %s", s);
  }
  buf_putc(b, '}');
}

static void render_json(buf *b, const sides *sd, const xxgk_doc *prev,
                        const xxgk_doc *cur,
                        const change *ch, size_t n, const change *only_prev,
                        size_t n_prev, const change *only_cur, size_t n_cur) {
  buf_puts(b, "{\n  \"previous\": ");
  json_side(b, prev);
  buf_puts(b, ",\n  \"current\": ");
  json_side(b, cur);
  buf_puts(b, ",\n  \"changes\": [");
  for (size_t i = 0; i < n; i++) {
    char key[128], label[300];
    xxgk_dict_key(ch[i].row, ch[i].col, key, sizeof key);
    dict_cell_label(ch[i].row, ch[i].col, label, sizeof label);
    buf_puts(b, i ? ",\n    {\"key\": " : "\n    {\"key\": ");
    esc_json(b, key);
    json_member(b, "label", label);
    buf_puts(b, ", \"previous\": ");
    num_put(b, ch[i].a, "null");
    buf_puts(b, ", \"current\": ");
    num_put(b, ch[i].b, "null");
    xxgk_num d;
    double rel;
    buf_puts(b, ", \"change\": ");
    if (ch[i].a && ch[i].b && minus(ch[i].b->num, ch[i].a->num, &d)) {
      char s[32];
      xxgk_num_format(d, s);
      buf_puts(b, s);
    } else {
      buf_puts(b, "null");
    }
    buf_puts(b, ", \"relative\": ");
    if (ch[i].a && ch[i].b && relative(ch[i].a->num, ch[i].b->num, &rel))
      buf_printf(b, "%.4f", rel);
    else
      buf_puts(b, "null");
    buf_putc(b, '}');
  }
  buf_puts(b, n ? "\n  ],\n  \"only_previous\": " : "],\n  \"only_previous\": ");
  json_keys(b, only_prev, n_prev);
  buf_puts(b, ",\n  \"only_current\": ");
  json_keys(b, only_cur, n_cur);
  size_t by[3], m = 0;
  if (sd->versions) {
    /* the findings resolved and brought, and the new version's counts */
    buf_puts(b, ",\n  \"resolved\": [");
    m = only_in(prev, cur, json_diag, b);
    buf_puts(b, m ? "\n  ],\n  \"new\": [" : "],\n  \"new\": [");
    m = only_in(cur, prev, json_diag, b);
    by[XXGK_SEV_ERROR] = xxgk_doc_count(cur, XXGK_SEV_ERROR);
    by[XXGK_SEV_WARNING] =
        xxgk_doc_count(cur, XXGK_SEV_WARNING) - by[XXGK_SEV_ERROR];
    by[XXGK_SEV_NOTICE] = xxgk_doc_count(cur, XXGK_SEV_NOTICE) -
                          by[XXGK_SEV_WARNING] - by[XXGK_SEV_ERROR];
  } else {
    buf_puts(b, ",\n  \"findings\": [");
    year_counts(cur, by);
    for (size_t i = 0; i < xxgk_doc_n_diags(cur); i++) {
      const xxgk_diag *g = xxgk_doc_diag(cur, i);
      if (is_year_rule(g))
        json_diag(b, cur, g, m++);
    }
  }
  buf_printf(
      b, "%s],\n  \"errors\": %zu, \"warnings\": %zu, \"notices\": %zu\n}\n",
      m ? "\n  " : "", by[XXGK_SEV_ERROR], by[XXGK_SEV_WARNING],
      by[XXGK_SEV_NOTICE]);
}

static char *compare(const sides *sd, const xxgk_doc *prev,
                     const xxgk_doc *cur, xxgk_diff_format f) {
  size_t cap = (size_t)xxgk_dict_n_rows() * XXGK_MAX_COLS, n_prev, n_cur;
  change *ch = xxgk_calloc(cap, sizeof *ch);
  change *only_prev = xxgk_calloc(cap, sizeof *ch);
  change *only_cur = xxgk_calloc(cap, sizeof *ch);
  size_t n = collect(prev, cur, ch, only_prev, &n_prev, only_cur, &n_cur);
  buf b = {0};
  if (f == XXGK_DIFF_JSON)
    render_json(&b, sd, prev, cur, ch, n, only_prev, n_prev, only_cur, n_cur);
  else
    render_text(&b, sd, prev, cur, ch, n, n_prev, n_cur);
  free(ch);
  free(only_prev);
  free(only_cur);
  return buf_detach(&b);
}

char *xxgk_diff(const xxgk_doc *prev, const xxgk_doc *cur,
                xxgk_diff_format f) {
  return compare(&YEARS, prev, cur, f);
}

char *xxgk_diff_versions(const xxgk_doc *prev, const xxgk_doc *cur,
                         xxgk_diff_format f) {
  return compare(&VERSIONS, prev, cur, f);
}
