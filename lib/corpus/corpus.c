/*
 * corpus.c — storing published reports of many agencies and years: the
 * schema (made and extended from the data dictionary), adding a report
 * idempotently, merging agency name variants, and the cross-year rules.
 *
 * Storage goes through the register's SQL gateway (store.h), so the corpus
 * lives in the same kind of database and could move backend with it.
 *
 * Tables:
 *   corpus_agencies  one organ: key (agency_name.c), province, city, county,
 *                    the code of the division resolved (division.c), kind;
 *                    `edited` marks what a user corrected; `dirty` that its
 *                    cross-year rules are due
 *   corpus_names     every spelling seen → its agency
 *   corpus_reports   one imported file version: path, content hash, version,
 *                    agency, year, format, status; `current` is the newest
 *                    version of its path, `latest` the newest report of its
 *                    agency and year (what statistics count)
 *                    its quality score (lib/quality: percent, points got
 *                    and judged, the points as JSON)
 *   corpus_cells     one row per report, one column per dotted key
 *   corpus_findings  the checker's findings, the cross-year ones included
 */
#include "corpus.h"
#include "quality.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* %s: the backend's integer key (store_dialect's id_key). */
static const char *const SCHEMA[] = {
    "CREATE TABLE IF NOT EXISTS corpus_agencies ("
    " id %s, key TEXT NOT NULL,"
    " province TEXT NOT NULL DEFAULT '', city TEXT NOT NULL DEFAULT '',"
    " county TEXT NOT NULL DEFAULT '', division TEXT NOT NULL DEFAULT '',"
    " kind TEXT NOT NULL, name TEXT NOT NULL,"
    " edited INTEGER NOT NULL DEFAULT 0, dirty INTEGER NOT NULL DEFAULT 1,"
    " UNIQUE (key, province))",
    "CREATE TABLE IF NOT EXISTS corpus_names ("
    " name TEXT PRIMARY KEY,"
    " agency_id INTEGER NOT NULL REFERENCES corpus_agencies(id))",
    "CREATE INDEX IF NOT EXISTS corpus_names_agency ON corpus_names(agency_id)",
    "CREATE TABLE IF NOT EXISTS corpus_reports ("
    " id %s, path TEXT NOT NULL, hash TEXT NOT NULL,"
    " version INTEGER NOT NULL, current INTEGER NOT NULL DEFAULT 1,"
    " latest INTEGER NOT NULL DEFAULT 0,"
    " agency_id INTEGER REFERENCES corpus_agencies(id), year INTEGER,"
    " format TEXT, title TEXT, status TEXT NOT NULL, reason TEXT,"
    " errors INTEGER NOT NULL DEFAULT 0, warnings INTEGER NOT NULL DEFAULT 0,"
    " imported_at TEXT NOT NULL, quality INTEGER, quality_got INTEGER,"
    " quality_judged INTEGER, quality_points TEXT)",
    "CREATE INDEX IF NOT EXISTS corpus_reports_hash ON corpus_reports(hash)",
    "CREATE INDEX IF NOT EXISTS corpus_reports_path"
    " ON corpus_reports(path, version)",
    /* Equality on both agency and latest, then year: without it the planner
     * (no statistics yet during an import) took corpus_reports_year for an
     * agency's latest years and scanned every report once per agency, which
     * made the cross-year pass quadratic (>10 min on 100,000 reports). */
    "DROP INDEX IF EXISTS corpus_reports_agency",
    "CREATE INDEX IF NOT EXISTS corpus_reports_agency_latest"
    " ON corpus_reports(agency_id, latest, year)",
    "CREATE INDEX IF NOT EXISTS corpus_reports_year"
    " ON corpus_reports(latest, year)",
    "CREATE TABLE IF NOT EXISTS corpus_cells ("
    " report_id INTEGER PRIMARY KEY REFERENCES corpus_reports(id))",
    "CREATE TABLE IF NOT EXISTS corpus_findings ("
    " id %s,"
    " report_id INTEGER NOT NULL REFERENCES corpus_reports(id),"
    " rule TEXT NOT NULL, severity TEXT NOT NULL, line INTEGER, col INTEGER,"
    " message TEXT NOT NULL, cells TEXT NOT NULL, expected TEXT, actual TEXT,"
    " other_report_id INTEGER REFERENCES corpus_reports(id))",
    "CREATE INDEX IF NOT EXISTS corpus_findings_report"
    " ON corpus_findings(report_id)",
    "CREATE INDEX IF NOT EXISTS corpus_findings_rule"
    " ON corpus_findings(rule, report_id)",
};

const char *const corpus_tables[] = {"corpus_agencies", "corpus_names",
                                     "corpus_reports",  "corpus_cells",
                                     "corpus_findings", NULL};

xxgk_status corpus_fail(xxgk_corpus *c, xxgk_status st, const char *what) {
  /* `what` may be long (a path): cut, never overrun; the store's message
   * (under 512 bytes) whole, since its end says what to do. */
  int n = snprintf(c->err, sizeof c->err, "%.200s：", what);
  if (n > 0 && (size_t)n < sizeof c->err)
    snprintf(c->err + n, sizeof c->err - (size_t)n, "%s",
             c->s ? c->s->err : "");
  return st;
}

const char *xxgk_corpus_errmsg(const xxgk_corpus *c) { return c->err; }

static int column_seen(void *ctx, const store_row *row) {
  buf *names = ctx; /* a row of the dialect's `columns` */
  if (row->v[0].t == SV_TEXT) {
    buf_puts(names, "\n");
    buf_puts(names, row->v[0].s);
    buf_puts(names, "\n");
  }
  return 0;
}

/* Adds `column` (with its declaration) to `table` if missing; *added says
 * whether it was. */
static xxgk_status add_column(xxgk_corpus *c, const char *table,
                              const char *column, const char *decl,
                              int *added) {
  buf have = {0};
  char sql[256], needle[128];
  xxgk_status st = store_query(c->s, column_seen, &have,
                               c->s->ops->dialect->columns, "t", table);
  snprintf(needle, sizeof needle, "\n%s\n", column);
  *added = st == XXGK_OK && !(have.data && strstr(have.data, needle));
  buf_free(&have);
  if (*added) {
    snprintf(sql, sizeof sql, "ALTER TABLE %s ADD COLUMN %s %s", table, column,
             decl);
    st = store_run(c->s, sql, "");
  }
  return st;
}

typedef struct {
  int64_t *id;
  char **name;
  size_t n, cap;
} agency_list;

static int collect_agency(void *ctx, const store_row *row) {
  agency_list *l = ctx;
  if (l->n == l->cap) {
    l->cap = l->cap ? 2 * l->cap : 64;
    l->id = xxgk_realloc(l->id, l->cap * sizeof *l->id);
    l->name = xxgk_realloc(l->name, l->cap * sizeof *l->name);
  }
  l->id[l->n] = row->v[0].i;
  l->name[l->n++] = xxgk_strdup(row->v[1].t == SV_TEXT ? row->v[1].s : "");
  return 0;
}

/* A corpus made before agencies' names were read against the divisions
 * knew only the provinces a name printed (淮安市 had none): its agencies
 * are read again, once, when the division column is added. What a user
 * corrected stays; a record the reading would make a duplicate of another
 * (same key and province) stays as it was. Only SQLite corpora are so old
 * (a PostgreSQL corpus is made with the column), hence SQLite's OR IGNORE. */
static xxgk_status migrate_agencies(xxgk_corpus *c) {
  int added;
  xxgk_status st = add_column(c, "corpus_agencies", "division",
                              "TEXT NOT NULL DEFAULT ''", &added);
  if (st != XXGK_OK || !added)
    return st;
  agency_list l = {0};
  st = store_query(c->s, collect_agency, &l,
                   "SELECT id, name FROM corpus_agencies WHERE edited = 0", "");
  for (size_t i = 0; i < l.n; i++) {
    xxgk_agency_name a;
    if (st == XXGK_OK && xxgk_agency_parse(l.name[i], &a) == 0)
      st = store_run(c->s,
                     "UPDATE OR IGNORE corpus_agencies SET province = ?,"
                     " city = ?, county = ?, division = ? WHERE id = ?",
                     "tttti", a.province, a.city, a.county, a.code, l.id[i]);
    free(l.name[i]);
  }
  free(l.id);
  free(l.name);
  return st;
}

/* Adds a column for every dictionary key the cells table lacks: the schema
 * follows the dictionary, the one source of the keys. Counts are INTEGER;
 * money is TEXT, to keep every printed digit. */
static xxgk_status migrate_cells(xxgk_corpus *c) {
  buf have = {0};
  xxgk_status st =
      store_query(c->s, column_seen, &have, c->s->ops->dialect->columns, "t",
                  "corpus_cells");
  for (int i = 0; st == XXGK_OK && i < c->n_keys; i++) {
    char needle[128], sql[256];
    snprintf(needle, sizeof needle, "\n%s\n", c->keys[i].key);
    if (have.data && strstr(have.data, needle))
      continue;
    snprintf(sql, sizeof sql, "ALTER TABLE corpus_cells ADD COLUMN \"%s\" %s",
             c->keys[i].key,
             c->keys[i].kind == XXGK_KIND_MONEY ? "TEXT" : "INTEGER");
    st = store_run(c->s, sql, "");
  }
  buf_free(&have);
  return st;
}

/* Makes and migrates the corpus's schema, in one transaction. */
static xxgk_status make_schema(xxgk_corpus *c) {
  xxgk_status st = c->s->ops->begin(c->s, 1);
  for (size_t i = 0; st == XXGK_OK && i < sizeof SCHEMA / sizeof *SCHEMA; i++) {
    char sql[1024];
    snprintf(sql, sizeof sql, SCHEMA[i], c->s->ops->dialect->id_key);
    st = store_run(c->s, sql, "");
  }
  if (st == XXGK_OK)
    st = migrate_cells(c);
  if (st == XXGK_OK)
    st = migrate_agencies(c);
  /* Reports imported before they were scored keep no score (NULL): their
   * narrative and headings were not stored to score them by. */
  static const char *const QUALITY[][2] = {{"quality", "INTEGER"},
                                           {"quality_got", "INTEGER"},
                                           {"quality_judged", "INTEGER"},
                                           {"quality_points", "TEXT"}};
  for (size_t i = 0; st == XXGK_OK && i < 4; i++) {
    int added;
    st = add_column(c, "corpus_reports", QUALITY[i][0], QUALITY[i][1], &added);
  }
  if (st == XXGK_OK)
    st = c->s->ops->commit(c->s);
  else
    c->s->ops->rollback(c->s);
  return st;
}

/* Whether the corpus's schema is there, for a read-only open. */
static xxgk_status have_schema(xxgk_corpus *c, const char *path) {
  int64_t n;
  if (store_int(c->s, &n, NULL, "SELECT COUNT(*) FROM corpus_reports", "") ==
      XXGK_OK)
    return XXGK_OK;
  snprintf(c->s->err, sizeof c->s->err,
           "%.200s 里没有语料库（只读打开时不建表：请先在主库导入报告）", path);
  return XXGK_E_DB;
}

xxgk_status xxgk_corpus_open(const char *path, unsigned flags,
                             xxgk_corpus **out) {
  xxgk_corpus *c = xxgk_calloc(1, sizeof *c);
  *out = c;
  xxgk_status st;
  c->s = store_open(path, (flags & XXGK_OPT_CREATE) != 0, &st);
  c->n_keys = dict_keys(&c->keys);
  if (st == XXGK_OK)
    st = (flags & XXGK_OPT_READONLY) ? have_schema(c, path) : make_schema(c);
  if (st != XXGK_OK) {
    corpus_fail(c, st, "无法打开语料库");
  } else {
    buf sql = {0};
    buf_puts(&sql, "INSERT INTO corpus_cells (report_id");
    for (int i = 0; i < c->n_keys; i++)
      buf_printf(&sql, ", \"%s\"", c->keys[i].key);
    buf_puts(&sql, ") VALUES (?");
    for (int i = 0; i < c->n_keys; i++)
      buf_puts(&sql, ", ?");
    buf_puts(&sql, ")");
    c->insert_cells = buf_detach(&sql);
  }
  return st;
}

void xxgk_corpus_close(xxgk_corpus *c) {
  if (!c)
    return;
  if (c->s)
    store_close(c->s);
  free(c->insert_cells);
  free(c);
}

xxgk_status xxgk_corpus_begin(xxgk_corpus *c) {
  xxgk_status st = c->s->ops->begin(c->s, 1);
  c->in_tx = st == XXGK_OK;
  c->next_report = c->next_agency = 0;
  return st == XXGK_OK ? st : corpus_fail(c, st, "无法开始事务");
}

xxgk_status xxgk_corpus_commit(xxgk_corpus *c) {
  xxgk_status st = XXGK_OK;
  /* ids given here: the backend's own numbering (a PostgreSQL identity)
   * set past them */
  if ((c->next_report || c->next_agency) && c->s->ops->ids_given)
    st = c->s->ops->ids_given(c->s, "corpus_reports");
  if (st == XXGK_OK)
    st = c->s->ops->commit(c->s);
  else
    c->s->ops->rollback(c->s);
  c->in_tx = 0;
  return st == XXGK_OK ? st : corpus_fail(c, st, "无法提交");
}

void xxgk_corpus_rollback(xxgk_corpus *c) {
  c->s->ops->rollback(c->s);
  c->in_tx = 0;
}

/* The id of the next row of `table` (*next: the transaction's count,
 * started past the table's largest id). */
static xxgk_status next_id(xxgk_corpus *c, const char *table, int64_t *next,
                           int64_t *id) {
  xxgk_status st = XXGK_OK;
  if (!*next) {
    char sql[96];
    snprintf(sql, sizeof sql, "SELECT COALESCE(max(id), 0) + 1 FROM %s", table);
    st = store_int(c->s, next, NULL, sql, "");
  }
  *id = (*next)++;
  return st;
}

const char *xxgk_import_result_name(xxgk_import_result r) {
  static const char *const N[] = {"imported", "unchanged", "new_version",
                                  "failed"};
  return (unsigned)r < 4 ? N[r] : "?";
}

typedef struct {
  int (*cb)(void *ctx, const char *hash);
  void *ctx;
} hash_ctx;

static int each_hash(void *ctx, const store_row *row) {
  hash_ctx *h = ctx;
  return row->v[0].t == SV_TEXT ? h->cb(h->ctx, row->v[0].s) : 0;
}

xxgk_status xxgk_corpus_hashes(xxgk_corpus *c,
                               int (*cb)(void *ctx, const char *hash),
                               void *ctx) {
  hash_ctx h = {cb, ctx};
  xxgk_status st = store_query(
      c->s, each_hash, &h,
      "SELECT hash FROM corpus_reports WHERE status <> 'failed'", "");
  return st == XXGK_OK ? st : corpus_fail(c, st, "读取已导入的文件");
}

int xxgk_corpus_has(xxgk_corpus *c, const char *hash) {
  int64_t id;
  int found = 0;
  store_int(c->s, &id, &found,
            "SELECT id FROM corpus_reports WHERE hash = ? AND status <> "
            "'failed' LIMIT 1",
            "t", hash);
  return found;
}

/* ## Agencies */

/* The agency the name designates, made if new; 0 if the name says nothing. */
static xxgk_status agency_for(xxgk_corpus *c, const char *name, int64_t *id) {
  *id = 0;
  if (!name || !*name)
    return XXGK_OK;
  int found = 0;
  xxgk_status st =
      store_int(c->s, id, &found,
                "SELECT agency_id FROM corpus_names WHERE name = ?", "t", name);
  if (st != XXGK_OK || found)
    return st;
  xxgk_agency_name a;
  if (xxgk_agency_parse(name, &a) != 0)
    return XXGK_OK;
  /* Same key: the same province, or a record that has none yet, or —
   * when this name states no province — the only record of the key. */
  found = 0;
  if (a.province[0])
    st = store_int(c->s, id, &found,
                   "SELECT id FROM corpus_agencies WHERE key = ? AND "
                   "province IN (?, '') ORDER BY province = '' LIMIT 1",
                   "tt", a.key, a.province);
  else
    st = store_int(c->s, id, &found,
                   "SELECT CASE WHEN count(*) = 1 THEN min(id) END FROM "
                   "corpus_agencies WHERE key = ?",
                   "t", a.key);
  if (st != XXGK_OK)
    return st;
  if (found && *id) {
    if (a.province[0]) /* learn what this spelling says */
      st = store_send(c->s,
                      "UPDATE corpus_agencies SET province = ?, "
                      "city = CASE WHEN city = '' THEN ? ELSE city END, "
                      "division = CASE WHEN division = '' THEN ? "
                      "ELSE division END "
                      "WHERE id = ? AND province = '' AND edited = 0",
                      "ttti", a.province, a.city, a.code, *id);
  } else {
    st = next_id(c, "corpus_agencies", &c->next_agency, id);
    if (st == XXGK_OK)
      st = store_send(c->s,
                      "INSERT INTO corpus_agencies (id, key, province, city, "
                      "county, division, kind, name) "
                      "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                      "ittttttt", *id, a.key, a.province, a.city, a.county,
                      a.code, xxgk_agency_kind_name(a.kind), name);
  }
  if (st == XXGK_OK)
    st = store_send(c->s,
                    "INSERT INTO corpus_names (name, agency_id) VALUES (?, ?)",
                    "ti", name, *id);
  return st;
}

/* ## Reports */

static char *now_iso(char *out, size_t cap) {
  time_t t = time(NULL);
  struct tm tm;
  gmtime_r(&t, &tm);
  strftime(out, cap, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return out;
}

static xxgk_status insert_cells(xxgk_corpus *c, int64_t report,
                                const xxgk_doc *d) {
  store_val *v = xxgk_calloc((size_t)c->n_keys + 1, sizeof *v);
  char(*text)[32] = xxgk_calloc((size_t)c->n_keys, sizeof *text);
  v[0].t = SV_INT;
  v[0].i = report;
  for (int i = 0; i < c->n_keys; i++) {
    const xxgk_cell *x = dict_key_cell(&c->keys[i], d);
    if (!x || x->state == XXGK_CELL_ABSENT)
      continue; /* SV_NULL */
    if (x->num.scale == 0 && c->keys[i].kind != XXGK_KIND_MONEY) {
      v[i + 1].t = SV_INT;
      v[i + 1].i = x->num.mant;
    } else { /* money, or a count printed with a fraction (a V1 finding) */
      xxgk_num_format(x->num, text[i]);
      v[i + 1].t = SV_TEXT;
      v[i + 1].s = text[i];
    }
  }
  xxgk_status st = store_sendv(c->s, c->insert_cells, v, c->n_keys + 1);
  free(v);
  free(text);
  return st;
}

/* The keys a finding names, comma-separated. */
static void finding_cells(const xxgk_diag *g, buf *out) {
  out->len = 0;
  buf_puts(out, "");
  for (int k = 0; k < g->n_cells; k++) {
    char key[128];
    xxgk_dict_key(g->cells[k].row, g->cells[k].col, key, sizeof key);
    if (k)
      buf_putc(out, ',');
    buf_puts(out, key);
  }
}

xxgk_status corpus_insert_findings(xxgk_corpus *c, int64_t report,
                                   const xxgk_doc *d, xxgk_severity min,
                                   char rule_first, int64_t other) {
  xxgk_status st = XXGK_OK;
  buf cells = {0};
  for (size_t i = 0; st == XXGK_OK && i < xxgk_doc_n_diags(d); i++) {
    const xxgk_diag *g = xxgk_doc_diag(d, i);
    if (g->severity < min || (rule_first && g->rule[0] != rule_first))
      continue;
    finding_cells(g, &cells);
    char e[32] = "", a[32] = "";
    if (g->has_expected)
      xxgk_num_format(g->expected, e);
    if (g->has_actual)
      xxgk_num_format(g->actual, a);
    st = store_send(
        c->s,
        "INSERT INTO corpus_findings (report_id, rule, severity, "
        "line, col, message, cells, expected, actual, "
        "other_report_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        "ittiittttI", report, g->rule, xxgk_severity_name(g->severity),
        (int64_t)g->line, (int64_t)g->col, g->message, cells.data,
        g->has_expected ? e : NULL, g->has_actual ? a : NULL, other);
  }
  buf_free(&cells);
  return st;
}

static const char *first_error(const xxgk_doc *d, xxgk_status st) {
  for (size_t i = 0; d && i < xxgk_doc_n_diags(d); i++)
    if (xxgk_doc_diag(d, i)->severity == XXGK_SEV_ERROR)
      return xxgk_doc_diag(d, i)->message;
  return xxgk_strerror(st);
}

static xxgk_status add(xxgk_corpus *c, const char *path, const char *hash,
                       const xxgk_doc *d, xxgk_status parse_status,
                       xxgk_import_result *res, int64_t *report_id) {
  *report_id = 0;
  *res = XXGK_IMPORT_UNCHANGED;
  /* Whether these bytes are stored, and the path's last version, in one
   * question: an import asks it of every file (-1: stored already). */
  int64_t version = 0;
  int found = 0;
  xxgk_status st = store_int(
      c->s, &version, &found,
      "SELECT CASE WHEN EXISTS (SELECT 1 FROM corpus_reports WHERE hash = ? "
      "AND status <> 'failed') THEN -1 ELSE (SELECT max(version) FROM "
      "corpus_reports WHERE path = ? AND status <> 'failed') END",
      "tt", hash, path);
  if (st == XXGK_OK && version < 0)
    return XXGK_OK;
  *res = version > 0 ? XXGK_IMPORT_VERSION : XXGK_IMPORT_NEW;
  if (st == XXGK_OK)
    st = store_send(
        c->s, "DELETE FROM corpus_reports WHERE hash = ? AND status = 'failed'",
        "t", hash);
  if (st == XXGK_OK && version > 0)
    st = store_send(c->s,
                    "UPDATE corpus_reports SET current = 0, latest = 0 "
                    "WHERE path = ?",
                    "t", path);
  int usable =
      d && (parse_status == XXGK_OK || parse_status == XXGK_E_INCOMPLETE);
  char when[32];
  now_iso(when, sizeof when);
  if (!usable) {
    *res = XXGK_IMPORT_FAILED;
    int64_t id = 0;
    if (st == XXGK_OK)
      st = next_id(c, "corpus_reports", &c->next_report, &id);
    if (st == XXGK_OK)
      st = store_send(c->s,
                      "INSERT INTO corpus_reports (id, path, hash, version, "
                      "current, status, reason, imported_at) "
                      "VALUES (?, ?, ?, ?, 0, 'failed', ?, ?)",
                      "ittitt", id, path, hash, version + 1,
                      first_error(d, parse_status), when);
    return st == XXGK_OK ? st : corpus_fail(c, st, path);
  }
  int64_t agency = 0;
  const char *name =
      xxgk_doc_agency(d) ? xxgk_doc_agency(d) : xxgk_doc_title(d);
  if (st == XXGK_OK)
    st = agency_for(c, name, &agency);
  int year = xxgk_doc_year(d);
  if (st == XXGK_OK && agency && year)
    st = store_send(c->s,
                    "UPDATE corpus_reports SET latest = 0 WHERE agency_id = ? "
                    "AND year = ?",
                    "id", agency, year);
  /* The score as far as one report tells (no publication date, no last
   * year: cross_years judges Y1 later). */
  xxgk_quality q;
  xxgk_quality_score(d, NULL, &q);
  char *points = quality_json(&q, 1);
  if (st == XXGK_OK)
    st = next_id(c, "corpus_reports", &c->next_report, report_id);
  if (st == XXGK_OK)
    st = store_send(
        c->s,
        "INSERT INTO corpus_reports (id, path, hash, version, latest, "
        "agency_id, year, format, title, status, reason, errors, warnings, "
        "imported_at, quality, quality_got, quality_judged, quality_points) "
        "VALUES (?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULLIF(?, -1), ?, "
        "?, ?)",
        "ittiIIttttiitiiit", *report_id, path, hash, version + 1, agency, (int64_t)year,
        xxgk_format_name(xxgk_doc_format(d)), xxgk_doc_title(d),
        parse_status == XXGK_OK ? "ok" : "incomplete",
        parse_status == XXGK_OK ? NULL : first_error(d, parse_status),
        (int64_t)xxgk_doc_count(d, XXGK_SEV_ERROR),
        (int64_t)(xxgk_doc_count(d, XXGK_SEV_WARNING) -
                  xxgk_doc_count(d, XXGK_SEV_ERROR)),
        when, (int64_t)q.score, (int64_t)q.got, (int64_t)q.judged, points);
  xxgk_free(points);
  if (st == XXGK_OK)
    st = insert_cells(c, *report_id, d);
  if (st == XXGK_OK)
    st = corpus_insert_findings(c, *report_id, d, XXGK_SEV_WARNING, 0, 0);
  if (st == XXGK_OK && agency)
    st = store_send(c->s, "UPDATE corpus_agencies SET dirty = 1 WHERE id = ?",
                    "i", agency);
  return st == XXGK_OK ? st : corpus_fail(c, st, path);
}

/* Outside a batch, one add is its own transaction (add numbers its rows
 * under the write lock). */
xxgk_status xxgk_corpus_add(xxgk_corpus *c, const char *path, const char *hash,
                            const xxgk_doc *d, xxgk_status parse_status,
                            xxgk_import_result *res, int64_t *report_id) {
  if (c->in_tx)
    return add(c, path, hash, d, parse_status, res, report_id);
  *report_id = 0;
  *res = XXGK_IMPORT_UNCHANGED;
  xxgk_status st = xxgk_corpus_begin(c);
  if (st == XXGK_OK)
    st = add(c, path, hash, d, parse_status, res, report_id);
  if (st == XXGK_OK)
    return xxgk_corpus_commit(c);
  xxgk_corpus_rollback(c);
  return st;
}
