/*
 * corpus_query.c — what is asked of a corpus: the cross-year rules on
 * consecutive years of each agency, the findings, statistics by year,
 * province and kind, the ranking by quality score and the agencies, as
 * typed rows (corpus_json.c writes them). Every filter is a bound parameter,
 * and the only names spliced into SQL are the dictionary's own keys.
 */
#include "corpus.h"
#include "quality.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ## Documents back from the cells table */

typedef struct {
  xxgk_corpus *c;
  xxgk_doc *d;
} load_ctx;

static int load_cells(void *ctx, const store_row *row) {
  load_ctx *l = ctx;
  int f = xxgk_doc_format(l->d) == XXGK_FORMAT_2019 ? 0 : 1;
  for (int i = 0; i < row->n && i < l->c->n_keys; i++) {
    const dict_key *k = &l->c->keys[i];
    if (k->row[f] < 0 || row->v[i].t == SV_NULL)
      continue;
    xxgk_cell cell = {{0, 0}, XXGK_CELL_VALUE, 0, 0, XXGK_HOW_PLAIN};
    if (row->v[i].t == SV_INT)
      cell.num.mant = row->v[i].i;
    else if (xxgk_num_parse(row->v[i].s, strlen(row->v[i].s), &cell.num) != 0)
      continue;
    xxgk_doc_set_cell(l->d, k->row[f], k->col[f], &cell);
  }
  return 1;
}

/* The stored report `id` as a document (cells and metadata). */
static xxgk_status load_doc(xxgk_corpus *c, int64_t id, const char *format,
                            int year, xxgk_doc **out) {
  *out = xxgk_doc_new(format && strcmp(format, "2019") == 0 ? XXGK_FORMAT_2019
                                                            : XXGK_FORMAT_2021);
  xxgk_doc_set_year(*out, year);
  buf sql = {0};
  buf_puts(&sql, "SELECT ");
  for (int i = 0; i < c->n_keys; i++)
    buf_printf(&sql, "%s\"%s\"", i ? ", " : "", c->keys[i].key);
  buf_puts(&sql, " FROM corpus_cells WHERE report_id = ?");
  load_ctx l = {c, *out};
  xxgk_status st = store_query(c->s, load_cells, &l, sql.data, "i", id);
  buf_free(&sql);
  return st;
}

/* ## Cross-year rules */

static int take_text(void *ctx, const store_row *row) {
  char **out = ctx;
  if (row->n > 0 && row->v[0].t == SV_TEXT)
    *out = xxgk_strdup(row->v[0].s);
  return 1;
}

/* The stored score of report `id` into q; *found 0 if it has none (a
 * failed read, or imported before scores were kept). */
static xxgk_status stored_quality(xxgk_corpus *c, int64_t id, xxgk_quality *q,
                                  int *found) {
  char *json = NULL;
  xxgk_status st = store_query(
      c->s, take_text, &json,
      "SELECT quality_points FROM corpus_reports WHERE id = ?", "i", id);
  *found = st == XXGK_OK && quality_from_json(json, q) == 0;
  xxgk_free(json);
  return st;
}

/* The stored score of report `id` with its Y1 point judged from d, which
 * xxgk_check_years has just checked. */
static xxgk_status rescore_years(xxgk_corpus *c, int64_t id,
                                 const xxgk_doc *d) {
  xxgk_quality q;
  int found;
  xxgk_status st = stored_quality(c, id, &q, &found);
  if (st != XXGK_OK || !found)
    return st;
  quality_judge_years(d, &q);
  char *json = quality_json(&q, 1);
  st = store_send(c->s,
                  "UPDATE corpus_reports SET quality = NULLIF(?, -1),"
                  " quality_got = ?, quality_judged = ?, quality_points = ?"
                  " WHERE id = ?",
                  "iiiti", (int64_t)q.score, (int64_t)q.got, (int64_t)q.judged,
                  json, id);
  xxgk_free(json);
  return st;
}

/* A report (id, year, format) or an agency (id alone): a row of the
 * queries of the cross-year pass. */
typedef struct {
  int64_t id;
  int year;
  char format[8];
} id_row;

/* Appends the row, as an id_row, to the buffer ctx: each call's list is
 * its own, as the server runs the pass from several threads at once. */
static int collect(void *ctx, const store_row *row) {
  id_row y = {row->v[0].i, 0, ""};
  if (row->n > 2) {
    y.year = (int)row->v[1].i;
    snprintf(y.format, sizeof y.format, "%s",
             row->v[2].t == SV_TEXT ? row->v[2].s : "");
  }
  buf_put(ctx, &y, sizeof y);
  return 0;
}

/* Y1–Y3 on each pair of consecutive years of agency `agency`'s latest
 * reports, their findings replacing the pair's earlier ones. */
static xxgk_status check_agency(xxgk_corpus *c, int64_t agency,
                                size_t *n_found) {
  buf list = {0};
  xxgk_status st = store_query(c->s, collect, &list,
                               "SELECT id, year, format FROM corpus_reports "
                               "WHERE agency_id = ? AND latest = 1 AND year "
                               "IS NOT NULL ORDER BY year",
                               "i", agency);
  const id_row *years = (const id_row *)list.data;
  for (size_t y = 1; st == XXGK_OK && y < list.len / sizeof *years; y++) {
    const id_row *prev = &years[y - 1], *cur = &years[y];
    st = store_send(c->s,
                    "DELETE FROM corpus_findings WHERE report_id = ? AND "
                    "rule LIKE 'Y%'",
                    "i", cur->id);
    if (st != XXGK_OK || cur->year != prev->year + 1)
      continue;
    xxgk_doc *p = NULL, *d = NULL;
    st = load_doc(c, prev->id, prev->format, prev->year, &p);
    if (st == XXGK_OK)
      st = load_doc(c, cur->id, cur->format, cur->year, &d);
    if (st == XXGK_OK) {
      *n_found += xxgk_check_years(p, d);
      /* Every severity: Y3 is a notice. */
      st = corpus_insert_findings(c, cur->id, d, XXGK_SEV_NOTICE, 'Y',
                                  prev->id);
      if (st == XXGK_OK)
        st = rescore_years(c, cur->id, d);
    }
    xxgk_doc_free(p);
    xxgk_doc_free(d);
  }
  buf_free(&list);
  if (st == XXGK_OK)
    st = store_send(c->s, "UPDATE corpus_agencies SET dirty = 0 WHERE id = ?",
                    "i", agency);
  return st;
}

xxgk_status xxgk_corpus_cross_years(xxgk_corpus *c, size_t *n_found) {
  *n_found = 0;
  xxgk_status st = c->s->ops->begin(c->s, 1);
  if (st != XXGK_OK)
    return corpus_fail(c, st, "跨年度检查");
  buf list = {0};
  st = store_query(c->s, collect, &list,
                   "SELECT id FROM corpus_agencies WHERE dirty = 1", "");
  const id_row *agencies = (const id_row *)list.data;
  for (size_t a = 0; st == XXGK_OK && a < list.len / sizeof *agencies; a++)
    st = check_agency(c, agencies[a].id, n_found);
  buf_free(&list);
  if (st == XXGK_OK)
    st = c->s->ops->commit(c->s);
  else
    c->s->ops->rollback(c->s);
  return st == XXGK_OK ? st : corpus_fail(c, st, "跨年度检查");
}

typedef struct {
  int found;
  char format[8], title[512], agency[256], path[1024];
  int year;
} report_meta;

static void copy_text(char *dst, size_t cap, const store_val *v) {
  snprintf(dst, cap, "%s", v->t == SV_TEXT ? v->s : "");
}

static int meta_row(void *ctx, const store_row *row) {
  report_meta *m = ctx;
  m->found = 1;
  copy_text(m->format, sizeof m->format, &row->v[0]);
  m->year = row->v[1].t == SV_INT ? (int)row->v[1].i : 0;
  copy_text(m->title, sizeof m->title, &row->v[2]);
  copy_text(m->agency, sizeof m->agency, &row->v[3]);
  copy_text(m->path, sizeof m->path, &row->v[4]);
  return 1;
}

xxgk_status xxgk_corpus_report(xxgk_corpus *c, int64_t id, xxgk_doc **out) {
  *out = NULL;
  report_meta local = {0};
  xxgk_status st = store_query(
      c->s, meta_row, &local,
      "SELECT r.format, r.year, r.title, a.name, r.path FROM corpus_reports r"
      " LEFT JOIN corpus_agencies a ON a.id = r.agency_id"
      " WHERE r.id = ? AND r.status <> 'failed'",
      "i", id);
  if (st != XXGK_OK)
    return corpus_fail(c, st, "读取报告");
  if (!local.found) {
    snprintf(c->err, sizeof c->err, "语料库中没有编号为 %lld 的报告",
             (long long)id);
    return XXGK_E_USAGE;
  }
  st = load_doc(c, id, local.format, local.year, out);
  if (st != XXGK_OK)
    return corpus_fail(c, st, "读取报告");
  xxgk_doc_set_title(*out, *local.title ? local.title : NULL);
  xxgk_doc_set_agency(*out, *local.agency ? local.agency : NULL);
  xxgk_doc_set_source(*out, local.path);
  return XXGK_OK;
}

/* ## Rows */

static const char *text_or_null(const store_val *v) {
  return v->t == SV_TEXT ? v->s : NULL;
}

/* The statistics count what SQLite sums as an integer; a sum it returns
 * otherwise (a cell stored with a fraction) counts as nothing. */
static int64_t ival(const store_val *v) { return v->t == SV_INT ? v->i : 0; }

/* The filter's region (?1: a name of any level, or a division's code),
 * year (?2) and kind (?3). */
#define REGION                                                                 \
  " AND (?1 IS NULL OR a.province = ?1 OR a.city = ?1 OR a.county = ?1"        \
  " OR a.division = ?1)"
#define FILTERS                                                                \
  REGION " AND (?2 = 0 OR r.year = ?2) AND (?3 IS NULL OR a.kind = ?3)"

/* ## Rows that a callback receives
 *
 * A row type is described once, field by field, in data/corpus_fields.tsv
 * (the tables corpus_ROW_fields, corpus.h, generated from it at build
 * time): the SQL that selects the field, its JSON name (corpus_json.c) and
 * its place in the public struct, so the query, the struct and the JSON
 * cannot disagree. */

#include "corpus_fields.inc"

/* A query of rows: its fields, the rest of its SQL after the SELECT list,
 * the filter's parameters it binds (?1 region, ?2 year, ?3 kind, ?4 rule,
 * ?5 report: as many as it uses) and what fails, for the message. */
struct row_query {
  const struct corpus_field *fields;
  const char *rest, *types, *what;
};

static const struct row_query FINDINGS = {
    corpus_finding_fields,
    "FROM corpus_findings f JOIN corpus_reports r ON r.id = f.report_id"
    " LEFT JOIN corpus_agencies a ON a.id = r.agency_id"
    " WHERE (r.latest = 1 OR r.id = ?5)"
    " AND (?5 = 0 OR r.id = ?5) AND (?4 IS NULL OR f.rule = ?4)" FILTERS
    " ORDER BY r.year, a.key, r.id, f.id",
    "tdtti", "查询发现"};

static const struct row_query AGENCIES = {
    corpus_agency_fields,
    "FROM corpus_agencies a WHERE 1 = 1" REGION
    " AND (?3 IS NULL OR a.kind = ?3)"
    " ORDER BY a.province, a.city, a.county, a.key",
    "tdt", "查询机关"};

static const struct row_query RANKING = {
    corpus_rank_fields,
    "FROM corpus_reports r LEFT JOIN corpus_agencies a"
    " ON a.id = r.agency_id WHERE r.latest = 1" FILTERS
    " ORDER BY r.quality IS NULL, r.quality DESC, r.quality_judged DESC,"
    " r.year DESC, a.key, r.id",
    "tdt", "质量排名"};

/* A query of rows for a callback, and the caller's callback for its row
 * type. */
typedef struct {
  const struct row_query *q;
  int (*finding)(void *ctx, const xxgk_corpus_finding *row);
  int (*agency)(void *ctx, const xxgk_corpus_agency *row);
  int (*rank)(void *ctx, const xxgk_corpus_rank *row);
  void *ctx;
} rows_ctx;

static int read_row(void *ctx, const store_row *row) {
  const rows_ctx *x = ctx;
  union {
    xxgk_corpus_finding finding;
    xxgk_corpus_agency agency;
    xxgk_corpus_rank rank;
  } out;
  memset(&out, 0, sizeof out);
  for (int i = 0; i < row->n && x->q->fields[i].name; i++) {
    const struct corpus_field *f = &x->q->fields[i];
    void *at = (char *)&out + f->off;
    if (f->kind == CF_TEXT)
      *(const char **)at = text_or_null(&row->v[i]);
    else if (f->kind == CF_INT_OR_MINUS)
      *(int *)at = row->v[i].t == SV_INT ? (int)row->v[i].i : -1;
    else if (f->kind == CF_INT || f->kind == CF_INT_OR_NULL)
      *(int *)at = (int)ival(&row->v[i]);
    else
      *(int64_t *)at = ival(&row->v[i]);
  }
  return x->finding  ? x->finding(x->ctx, &out.finding)
         : x->agency ? x->agency(x->ctx, &out.agency)
                     : x->rank(x->ctx, &out.rank);
}

static xxgk_status query_rows(xxgk_corpus *c, rows_ctx *x,
                              const xxgk_corpus_filter *f) {
  buf sql = {0};
  buf_puts(&sql, "SELECT ");
  for (int i = 0; x->q->fields[i].name; i++)
    buf_printf(&sql, "%s%s", i ? ", " : "", x->q->fields[i].sql);
  buf_printf(&sql, " %s", x->q->rest);
  xxgk_status st =
      store_query(c->s, read_row, x, sql.data, x->q->types,
                  f && f->region ? f->region : NULL, f ? f->year : 0,
                  f && f->kind ? f->kind : NULL, f && f->rule ? f->rule : NULL,
                  f ? f->report_id : (int64_t)0);
  buf_free(&sql);
  return st == XXGK_OK ? st : corpus_fail(c, st, x->q->what);
}

xxgk_status xxgk_corpus_findings(xxgk_corpus *c, const xxgk_corpus_filter *f,
                                 int (*cb)(void *ctx,
                                           const xxgk_corpus_finding *row),
                                 void *ctx) {
  rows_ctx x = {&FINDINGS, cb, NULL, NULL, ctx};
  return query_rows(c, &x, f);
}

/* ## Statistics */

/* a / b to the four decimals every output publishes (the JSON, the CSV),
 * so that a chart or a sheet shows the figure the table beside it shows;
 * -1 for none (nothing to divide by, or a negative count). */
static double ratio(int64_t a, int64_t b) {
  double r = b ? (double)a / (double)b : -1;
  if (r < 0)
    return -1;
  char s[32];
  snprintf(s, sizeof s, "%.4f", r);
  return strtod(s, NULL);
}

static char *dup_or_null(const char *s) { return s ? xxgk_strdup(s) : NULL; }

static int group_row(void *ctx, const store_row *row) {
  xxgk_corpus_groups *g = ctx;
  g->groups = xxgk_realloc(g->groups, (g->n + 1) * sizeof *g->groups);
  xxgk_corpus_group *x = &g->groups[g->n++];
  memset(x, 0, sizeof *x);
  int i = 0;
  if (g->by & XXGK_CORPUS_BY_YEAR)
    x->year = (int)ival(&row->v[i++]);
  if (g->by & XXGK_CORPUS_BY_PROVINCE)
    x->province = dup_or_null(text_or_null(&row->v[i++]));
  if (g->by & XXGK_CORPUS_BY_KIND)
    x->kind = dup_or_null(text_or_null(&row->v[i++]));
  x->reports = ival(&row->v[i++]);
  x->received = ival(&row->v[i++]);
  x->handled = ival(&row->v[i++]);
  int64_t *counts = xxgk_calloc((size_t)g->n_outcomes + 1, sizeof *counts);
  double *shares = xxgk_calloc((size_t)g->n_outcomes + 1, sizeof *shares);
  for (int k = 0; k < g->n_outcomes; k++, i++) {
    counts[k] = ival(&row->v[i]);
    shares[k] = ratio(counts[k], x->handled);
  }
  x->outcomes = counts;
  x->shares = shares;
  /* Correction rates: corrected of the cases concluded. */
  double *rate[2] = {&x->review_correction_rate,
                     &x->litigation_correction_rate};
  for (int k = 0; k < 2; k++, i += 3)
    *rate[k] =
        ratio(ival(&row->v[i + 1]),
              ival(&row->v[i]) + ival(&row->v[i + 1]) + ival(&row->v[i + 2]));
  return 0;
}

void xxgk_corpus_groups_free(xxgk_corpus_groups *g) {
  if (!g)
    return;
  for (size_t i = 0; i < g->n; i++) {
    free((char *)g->groups[i].province);
    free((char *)g->groups[i].kind);
    free((int64_t *)g->groups[i].outcomes);
    free((double *)g->groups[i].shares);
  }
  free(g->groups);
  free(g->outcomes);
  free(g);
}

xxgk_status xxgk_corpus_stats(xxgk_corpus *c, const xxgk_corpus_filter *f,
                              const char *by, xxgk_corpus_groups **out) {
  *out = NULL;
  static const struct {
    const char *name, *expr;
    unsigned bit;
  } DIMS[] = {{"year", "r.year", XXGK_CORPUS_BY_YEAR},
              {"province", "a.province", XXGK_CORPUS_BY_PROVINCE},
              {"kind", "a.kind", XXGK_CORPUS_BY_KIND}};
  unsigned bits = 0;
  for (size_t i = 0; i < 3; i++)
    if (by && strstr(by, DIMS[i].name))
      bits |= DIMS[i].bit;
  if (!bits) {
    snprintf(c->err, sizeof c->err,
             "--by 应为 year、province、kind 中的一个或多个（逗号分隔）");
    return XXGK_E_USAGE;
  }
  xxgk_corpus_groups *g = xxgk_calloc(1, sizeof *g);
  g->by = bits;
  /* The outcome rows of table 3, both formats, from the dictionary. */
  const xxgk_row_def *rows[64];
  g->n_outcomes =
      xxgk_dict_rows_by_role(XXGK_T_APPLICATIONS, XXGK_ROLE_OUTCOME, rows, 64);
  g->outcomes = xxgk_calloc((size_t)g->n_outcomes + 1, sizeof *g->outcomes);
  memcpy(g->outcomes, rows, (size_t)g->n_outcomes * sizeof *rows);
  buf dims = {0}, sql = {0};
  for (size_t i = 0; i < 3; i++)
    if (bits & DIMS[i].bit)
      buf_printf(&dims, "%s%s", dims.len ? ", " : "", DIMS[i].expr);
  buf_printf(&sql,
             "SELECT %s, count(*),"
             " sum(\"applications.received.total\"),"
             " sum(\"applications.total.total\")",
             dims.data);
  for (int k = 0; k < g->n_outcomes; k++)
    buf_printf(&sql, ", sum(\"applications.%s.total\")", rows[k]->key);
  static const char *const GROUPS[2][2] = {
      {"administrative_review", NULL},
      {"litigation_direct", "litigation_after_review"}};
  static const char *const COLS[3] = {"upheld", "corrected", "other"};
  for (int k = 0; k < 2; k++)
    for (int col = 0; col < 3; col++) {
      buf_printf(&sql, ", sum(coalesce(\"reviews.%s.%s\", 0)", GROUPS[k][0],
                 COLS[col]);
      if (GROUPS[k][1])
        buf_printf(&sql, " + coalesce(\"reviews.%s.%s\", 0)", GROUPS[k][1],
                   COLS[col]);
      buf_puts(&sql, ")");
    }
  buf_printf(&sql,
             " FROM corpus_reports r JOIN corpus_cells x ON x.report_id = r.id"
             " LEFT JOIN corpus_agencies a ON a.id = r.agency_id"
             " WHERE r.latest = 1" FILTERS " GROUP BY %s ORDER BY %s",
             dims.data, dims.data);
  xxgk_status st = store_query(c->s, group_row, g, sql.data, "tdt",
                               f && f->region ? f->region : NULL,
                               f ? f->year : 0, f && f->kind ? f->kind : NULL);
  buf_free(&dims);
  buf_free(&sql);
  if (st != XXGK_OK) {
    xxgk_corpus_groups_free(g);
    return corpus_fail(c, st, "统计");
  }
  *out = g;
  return XXGK_OK;
}

/* ## Quality */

xxgk_status xxgk_corpus_ranking(xxgk_corpus *c, const xxgk_corpus_filter *f,
                                int (*cb)(void *ctx,
                                          const xxgk_corpus_rank *row),
                                void *ctx) {
  rows_ctx x = {&RANKING, NULL, NULL, cb, ctx};
  return query_rows(c, &x, f);
}

xxgk_status xxgk_corpus_quality(xxgk_corpus *c, int64_t id, xxgk_quality *out,
                                int *found) {
  xxgk_status st = stored_quality(c, id, out, found);
  return st == XXGK_OK ? st : corpus_fail(c, st, "质量得分");
}

/* ## Agencies */

xxgk_status xxgk_corpus_agencies(xxgk_corpus *c, const xxgk_corpus_filter *f,
                                 int (*cb)(void *ctx,
                                           const xxgk_corpus_agency *row),
                                 void *ctx) {
  rows_ctx x = {&AGENCIES, NULL, cb, NULL, ctx};
  return query_rows(c, &x, f);
}

/* Sets the agency's place to the division `code` and its parents. */
static xxgk_status set_division(xxgk_corpus *c, int64_t id, const char *code) {
  const xxgk_division *d = xxgk_division_get(code);
  if (!d) {
    snprintf(c->err, sizeof c->err,
             "没有代码为“%s”的行政区划（应为六位代码，如 320812）", code);
    return XXGK_E_USAGE;
  }
  const char *name[4] = {"", "", "", ""}; /* by level */
  for (const xxgk_division *p = d; p; p = xxgk_division_parent(p))
    name[p->level] = p->name;
  xxgk_status st =
      store_run(c->s,
                "UPDATE corpus_agencies SET province = ?, city = ?, county = ?,"
                " division = ?, edited = 1 WHERE id = ?",
                "tttti", name[XXGK_DIV_PROVINCE], name[XXGK_DIV_PREFECTURE],
                name[XXGK_DIV_COUNTY], d->code, id);
  return st == XXGK_OK ? st : corpus_fail(c, st, "修改机关");
}

xxgk_status xxgk_corpus_agency_set(xxgk_corpus *c, int64_t id,
                                   const char *field, const char *value) {
  static const char *const SQL[] = {
      "UPDATE corpus_agencies SET province = ?, edited = 1 WHERE id = ?",
      "UPDATE corpus_agencies SET city = ?, edited = 1 WHERE id = ?",
      "UPDATE corpus_agencies SET county = ?, edited = 1 WHERE id = ?",
      "UPDATE corpus_agencies SET kind = ?, edited = 1 WHERE id = ?", NULL};
  static const char *const FIELDS[] = {"province", "city", "county", "kind",
                                       "division"};
  for (int i = 0; i < 5; i++) {
    if (strcmp(field, FIELDS[i]) != 0)
      continue;
    if (i == 3 && strcmp(value, "government") != 0 &&
        strcmp(value, "department") != 0 && strcmp(value, "township") != 0) {
      snprintf(c->err, sizeof c->err,
               "kind 只能是 government、department 或 township");
      return XXGK_E_USAGE;
    }
    int64_t found;
    int any = 0;
    xxgk_status st =
        store_int(c->s, &found, &any,
                  "SELECT id FROM corpus_agencies WHERE id = ?", "i", id);
    if (st == XXGK_OK && !any) {
      snprintf(c->err, sizeof c->err, "没有编号为 %lld 的机关", (long long)id);
      return XXGK_E_USAGE;
    }
    if (st == XXGK_OK && !SQL[i])
      return set_division(c, id, value);
    if (st == XXGK_OK)
      st = store_run(c->s, SQL[i], "ti", value, id);
    return st == XXGK_OK ? st : corpus_fail(c, st, "修改机关");
  }
  snprintf(c->err, sizeof c->err,
           "只能修改 province、city、county、division 或 kind，不能修改“%s”",
           field);
  return XXGK_E_USAGE;
}
