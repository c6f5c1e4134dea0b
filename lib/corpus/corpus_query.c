/*
 * corpus_query.c — what is asked of a corpus: the cross-year rules on
 * consecutive years of each agency, the findings, statistics by year,
 * province and kind, and the agencies. Answers are JSON arrays built with
 * json-c; every filter is a bound parameter, and the only names spliced
 * into SQL are the dictionary's own keys.
 */
#include "corpus.h"
#include "quality.h"

#include <json-c/json.h>
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
  *out = xxgk_doc_new(format && strcmp(format, "2019") == 0
                          ? XXGK_FORMAT_2019
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
  st = store_run(c->s,
                 "UPDATE corpus_reports SET quality = NULLIF(?, -1),"
                 " quality_got = ?, quality_judged = ?, quality_points = ?"
                 " WHERE id = ?",
                 "iiiti", (int64_t)q.score, (int64_t)q.got, (int64_t)q.judged,
                 json, id);
  xxgk_free(json);
  return st;
}

typedef struct {
  int64_t id[4096];
  int n;
} id_list;

static int collect_id(void *ctx, const store_row *row) {
  id_list *l = ctx;
  if (l->n < 4096)
    l->id[l->n++] = row->v[0].i;
  return 0;
}

typedef struct {
  int64_t id;
  int year;
  char format[8];
} year_row;

typedef struct {
  year_row r[256];
  int n;
} year_list;

static int collect_year(void *ctx, const store_row *row) {
  year_list *l = ctx;
  if (l->n >= 256)
    return 1;
  year_row *y = &l->r[l->n++];
  y->id = row->v[0].i;
  y->year = (int)row->v[1].i;
  snprintf(y->format, sizeof y->format, "%s",
           row->v[2].t == SV_TEXT ? row->v[2].s : "");
  return 0;
}

xxgk_status xxgk_corpus_cross_years(xxgk_corpus *c, size_t *n_found) {
  *n_found = 0;
  xxgk_status st = c->s->ops->begin(c->s, 1);
  if (st != XXGK_OK)
    return corpus_fail(c, st, "跨年度检查");
  static id_list agencies; /* at most 4096 dirty agencies per pass */
  for (;;) {
    agencies.n = 0;
    st = store_query(c->s, collect_id, &agencies,
                     "SELECT id FROM corpus_agencies WHERE dirty = 1 LIMIT 4096",
                     "");
    if (st != XXGK_OK || agencies.n == 0)
      break;
    for (int a = 0; st == XXGK_OK && a < agencies.n; a++) {
      year_list years = {.n = 0};
      st = store_query(c->s, collect_year, &years,
                       "SELECT id, year, format FROM corpus_reports WHERE "
                       "agency_id = ? AND latest = 1 AND year IS NOT NULL "
                       "ORDER BY year",
                       "i", agencies.id[a]);
      for (int y = 1; st == XXGK_OK && y < years.n; y++) {
        const year_row *prev = &years.r[y - 1], *cur = &years.r[y];
        st = store_run(c->s,
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
      if (st == XXGK_OK)
        st = store_run(c->s,
                       "UPDATE corpus_agencies SET dirty = 0 WHERE id = ?",
                       "i", agencies.id[a]);
    }
  }
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

/* ## Rows as JSON objects */

static json_object *value_json(const store_val *v) {
  switch (v->t) {
  case SV_INT:
    return json_object_new_int64(v->i);
  case SV_TEXT:
    return json_object_new_string(v->s);
  default:
    return NULL;
  }
}

static int row_to_json(void *ctx, const store_row *row) {
  json_object *arr = ctx, *o = json_object_new_object();
  for (int i = 0; i < row->n; i++)
    json_object_object_add(o, row->names[i], value_json(&row->v[i]));
  json_object_array_add(arr, o);
  return 0;
}

static char *to_text(json_object *o) {
  const char *s = json_object_to_json_string_ext(
      o, JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_SPACED |
             JSON_C_TO_STRING_NOSLASHESCAPE);
  size_t n = strlen(s);
  char *out = xxgk_malloc(n + 2);
  memcpy(out, s, n);
  out[n] = '\n';
  out[n + 1] = 0;
  return out;
}

/* The filter's region (?1: a name of any level, or a division's code),
 * year (?2) and kind (?3). */
#define REGION                                                                 \
  " AND (?1 IS NULL OR a.province = ?1 OR a.city = ?1 OR a.county = ?1"        \
  " OR a.division = ?1)"
#define FILTERS REGION " AND (?2 = 0 OR r.year = ?2) AND (?3 IS NULL OR a.kind = ?3)"

/* The rows of sql, whose parameters are the filter's (?1–?3), as a JSON
 * array; `what` names the query in an error. */
static xxgk_status filtered(xxgk_corpus *c, const xxgk_corpus_filter *f,
                            const char *sql, const char *what, char **json) {
  json_object *arr = json_object_new_array();
  xxgk_status st = store_query(c->s, row_to_json, arr, sql, "tdt",
                               f && f->region ? f->region : NULL,
                               f ? f->year : 0, f && f->kind ? f->kind : NULL);
  *json = st == XXGK_OK ? to_text(arr) : NULL;
  json_object_put(arr);
  return st == XXGK_OK ? st : corpus_fail(c, st, what);
}

xxgk_status xxgk_corpus_findings(xxgk_corpus *c, const xxgk_corpus_filter *f,
                                 char **json) {
  json_object *arr = json_object_new_array();
  xxgk_status st = store_query(
      c->s, row_to_json, arr,
      "SELECT f.rule, f.severity, f.message, f.cells, f.expected, f.actual,"
      " f.line, r.path, r.year, r.format, a.name AS agency, a.province,"
      " a.city, a.county, a.kind, r.id AS report_id,"
      " f.other_report_id AS previous_report_id"
      " FROM corpus_findings f JOIN corpus_reports r ON r.id = f.report_id"
      " LEFT JOIN corpus_agencies a ON a.id = r.agency_id"
      " WHERE (r.latest = 1 OR r.id = ?5)"
      " AND (?5 = 0 OR r.id = ?5) AND (?4 IS NULL OR f.rule = ?4)" FILTERS
      " ORDER BY r.year, a.key, r.id, f.id",
      "tdtti", f && f->region ? f->region : NULL, f ? f->year : 0,
      f && f->kind ? f->kind : NULL, f && f->rule ? f->rule : NULL,
      f ? f->report_id : (int64_t)0);
  *json = st == XXGK_OK ? to_text(arr) : NULL;
  json_object_put(arr);
  return st == XXGK_OK ? st : corpus_fail(c, st, "查询发现");
}

/* ## Statistics */

typedef struct {
  json_object *arr;
  int n_dims;
  const char *const *outcomes; /* row keys, one SUM column each */
  int n_outcomes;
} stats_ctx;

static double ratio(int64_t a, int64_t b) { return b ? (double)a / (double)b : -1; }

static json_object *rate_json(double r) {
  if (r < 0)
    return NULL;
  char s[32];
  snprintf(s, sizeof s, "%.4f", r);
  return json_object_new_double_s(r, s);
}

static int64_t ival(const store_val *v) { return v->t == SV_INT ? v->i : 0; }

static int stats_row(void *ctx, const store_row *row) {
  stats_ctx *x = ctx;
  json_object *o = json_object_new_object();
  int i = 0;
  for (; i < x->n_dims; i++)
    json_object_object_add(o, row->names[i], value_json(&row->v[i]));
  int64_t reports = ival(&row->v[i++]), received = ival(&row->v[i++]),
          handled = ival(&row->v[i++]);
  json_object_object_add(o, "reports", json_object_new_int64(reports));
  json_object_object_add(o, "received", json_object_new_int64(received));
  json_object_object_add(o, "handled", json_object_new_int64(handled));
  json_object *shares = json_object_new_object(),
              *counts = json_object_new_object();
  for (int k = 0; k < x->n_outcomes; k++, i++) {
    json_object_object_add(counts, x->outcomes[k],
                           json_object_new_int64(ival(&row->v[i])));
    json_object_object_add(shares, x->outcomes[k],
                           rate_json(ratio(ival(&row->v[i]), handled)));
  }
  json_object_object_add(o, "outcomes", counts);
  json_object_object_add(o, "shares", shares);
  /* Correction rates: corrected of the cases concluded. */
  for (int g = 0; g < 2; g++) {
    int64_t up = ival(&row->v[i++]), cor = ival(&row->v[i++]),
            oth = ival(&row->v[i++]);
    json_object_object_add(
        o, g ? "litigation_correction_rate" : "review_correction_rate",
        rate_json(ratio(cor, up + cor + oth)));
  }
  json_object_array_add(x->arr, o);
  return 0;
}

xxgk_status xxgk_corpus_stats(xxgk_corpus *c, const xxgk_corpus_filter *f,
                              const char *by, char **json) {
  *json = NULL;
  static const struct {
    const char *name, *expr;
  } DIMS[] = {{"year", "r.year"}, {"province", "a.province"},
              {"kind", "a.kind"}};
  buf dims = {0}, group = {0}, sql = {0};
  int n_dims = 0;
  for (size_t i = 0; i < 3; i++) {
    if (!by || !strstr(by, DIMS[i].name))
      continue;
    buf_printf(&dims, "%s%s AS %s", n_dims ? ", " : "", DIMS[i].expr,
               DIMS[i].name);
    buf_printf(&group, "%s%s", n_dims ? ", " : "", DIMS[i].expr);
    n_dims++;
  }
  if (n_dims == 0) {
    buf_free(&dims);
    buf_free(&group);
    snprintf(c->err, sizeof c->err,
             "--by 应为 year、province、kind 中的一个或多个（逗号分隔）");
    return XXGK_E_USAGE;
  }
  /* The outcome rows of table 3, both formats, from the dictionary. */
  const xxgk_row_def *rows[64];
  const char *outcomes[64];
  int n_out = xxgk_dict_rows_by_role(XXGK_T_APPLICATIONS, XXGK_ROLE_OUTCOME,
                                     rows, 64);
  for (int k = 0; k < n_out; k++)
    outcomes[k] = rows[k]->key;
  buf_printf(&sql,
             "SELECT %s, count(*) AS reports,"
             " sum(\"applications.received.total\"),"
             " sum(\"applications.total.total\")",
             dims.data);
  for (int k = 0; k < n_out; k++)
    buf_printf(&sql, ", sum(\"applications.%s.total\")", outcomes[k]);
  static const char *const GROUPS[2][2] = {
      {"administrative_review", NULL},
      {"litigation_direct", "litigation_after_review"}};
  static const char *const COLS[3] = {"upheld", "corrected", "other"};
  for (int g = 0; g < 2; g++)
    for (int k = 0; k < 3; k++) {
      buf_printf(&sql, ", sum(coalesce(\"reviews.%s.%s\", 0)", GROUPS[g][0],
                 COLS[k]);
      if (GROUPS[g][1])
        buf_printf(&sql, " + coalesce(\"reviews.%s.%s\", 0)", GROUPS[g][1],
                   COLS[k]);
      buf_puts(&sql, ")");
    }
  buf_printf(&sql,
             " FROM corpus_reports r JOIN corpus_cells x ON x.report_id = r.id"
             " LEFT JOIN corpus_agencies a ON a.id = r.agency_id"
             " WHERE r.latest = 1" FILTERS " GROUP BY %s ORDER BY %s",
             group.data, group.data);
  stats_ctx x = {json_object_new_array(), n_dims, outcomes, n_out};
  xxgk_status st = store_query(c->s, stats_row, &x, sql.data, "tdt",
                               f && f->region ? f->region : NULL,
                               f ? f->year : 0,
                               f && f->kind ? f->kind : NULL);
  if (st == XXGK_OK)
    *json = to_text(x.arr);
  json_object_put(x.arr);
  buf_free(&dims);
  buf_free(&group);
  buf_free(&sql);
  return st == XXGK_OK ? st : corpus_fail(c, st, "统计");
}

/* ## Quality */

xxgk_status xxgk_corpus_ranking(xxgk_corpus *c, const xxgk_corpus_filter *f,
                                char **json) {
  return filtered(
      c, f,
      "SELECT CASE WHEN r.quality IS NOT NULL THEN"
      " rank() OVER (ORDER BY r.quality IS NULL, r.quality DESC) END AS rank,"
      " r.quality AS score, r.quality_got AS got,"
      " r.quality_judged AS judged, r.year, a.name AS agency, a.province,"
      " a.division, a.kind, (SELECT group_concat(json_extract(p.value,"
      " '$.key'), ' ') FROM json_each(r.quality_points, '$.points') p"
      " WHERE json_extract(p.value, '$.state') IN ('lost', 'partial'))"
      " AS lost, r.path, r.id AS report_id"
      " FROM corpus_reports r LEFT JOIN corpus_agencies a"
      " ON a.id = r.agency_id WHERE r.latest = 1" FILTERS
      " ORDER BY r.quality IS NULL, r.quality DESC, r.quality_judged DESC,"
      " r.year DESC, a.key, r.id",
      "质量排名", json);
}

xxgk_status xxgk_corpus_quality(xxgk_corpus *c, int64_t id, xxgk_quality *out,
                                int *found) {
  xxgk_status st = stored_quality(c, id, out, found);
  return st == XXGK_OK ? st : corpus_fail(c, st, "质量得分");
}

/* ## Agencies */

xxgk_status xxgk_corpus_agencies(xxgk_corpus *c, const xxgk_corpus_filter *f,
                                 char **json) {
  return filtered(
      c, f,
      "SELECT a.id, a.name, a.key, a.province, a.city, a.county, a.division,"
      " a.kind, a.edited, (SELECT group_concat(n.name, '|') FROM corpus_names"
      " n WHERE n.agency_id = a.id) AS names,"
      " (SELECT count(*) FROM corpus_reports r WHERE r.agency_id = a.id"
      " AND r.latest = 1) AS reports"
      " FROM corpus_agencies a WHERE 1 = 1" REGION
      " AND (?3 IS NULL OR a.kind = ?3)"
      " ORDER BY a.province, a.city, a.county, a.key",
      "查询机关", json);
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
    xxgk_status st = store_int(c->s, &found, &any,
                               "SELECT id FROM corpus_agencies WHERE id = ?",
                               "i", id);
    if (st == XXGK_OK && !any) {
      snprintf(c->err, sizeof c->err, "没有编号为 %lld 的机关",
               (long long)id);
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
