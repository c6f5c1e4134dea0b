/*
 * round_version.c — a unit's versions of its report: put in (checked,
 * compared with last year's and with the version before, scored, kept
 * with the original file and its SHA-256), listed, and the notes on their
 * findings.
 */
#include "round.h"
#include "xxgk_quality.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The canonical JSON read back, named "第 N 版（source）" (how the
 * comparison of two versions names its sides). */
static xxgk_doc *version_doc(const char *json, int version,
                             const char *source) {
  xxgk_doc *d;
  char name[300];
  xxgk_doc_from_json(json, strlen(json), &d);
  snprintf(name, sizeof name, "第 %d 版（%s）", version,
           source ? source : "登记簿");
  xxgk_doc_set_source(d, name);
  return d;
}

struct stored {
  int version;
  xxgk_doc *doc;
};

static int take_doc(void *ctx, const store_row *row) {
  struct stored *s = ctx;
  s->doc = version_doc(row->v[0].s, s->version, row->v[1].s);
  return 1;
}

xxgk_status round_doc(xxgk_round *rd, int64_t unit_id, int version,
                      xxgk_doc **out) {
  struct stored s = {version, NULL};
  *out = NULL;
  if (store_query(rd->r->st, take_doc, &s,
                  "SELECT doc, source FROM round_version WHERE unit_id = ?"
                  " AND version = ?",
                  "id", unit_id, version) != XXGK_OK) {
    xxgk_doc_free(s.doc);
    return reg_db(rd->r);
  }
  *out = s.doc;
  return XXGK_OK;
}

/* The unit's report in the office's round of the year before: its last
 * version approved or published, else its last; NULL when none. */
static xxgk_status last_year(xxgk_round *rd, const struct round_unit *u,
                             int64_t agency_id, xxgk_doc **out) {
  int64_t prev_unit = 0, version = 0;
  int found = 0;
  *out = NULL;
  if (store_int(rd->r->st, &prev_unit, &found,
                "SELECT u.id FROM round_unit u JOIN round r ON r.id ="
                " u.round_id WHERE r.office_id = ? AND r.year = ?"
                " AND u.agency_id = ? AND u.version > 0",
                "idi", u->office_id, u->year - 1, agency_id) != XXGK_OK)
    return reg_db(rd->r);
  if (!found)
    return XXGK_OK;
  if (store_int(rd->r->st, &version, NULL,
                "SELECT version FROM round_unit WHERE id = ?", "i",
                prev_unit) != XXGK_OK)
    return reg_db(rd->r);
  return round_doc(rd, prev_unit, (int)version, out);
}

/* A version checked as when it was put in: the tables' rules, and Y1–Y3
 * against last year's report ly when there is one. Two versions read back
 * and checked alike compare finding by finding. */
static void check_as_put(xxgk_doc *d, const xxgk_doc *ly) {
  xxgk_check(d);
  if (ly)
    xxgk_check_years(ly, d);
}

/* What changed from prev to cur, both read back and checked alike
 * (xxgk_diff_versions); NULL when prev is NULL. */
static char *compare(xxgk_doc *prev, xxgk_doc *cur, const xxgk_doc *ly,
                     xxgk_diff_format f) {
  if (!prev || !cur)
    return NULL;
  check_as_put(prev, ly);
  check_as_put(cur, ly);
  return xxgk_diff_versions(prev, cur, f);
}

static void sha256_hex(const char *b, size_t n, char hex[65]) {
  unsigned char h[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(h, (const unsigned char *)b, n);
  sodium_bin2hex(hex, 65, h, sizeof h);
}

static char *base64(const char *b, size_t n) {
  size_t cap = sodium_base64_encoded_len(n, sodium_base64_VARIANT_ORIGINAL);
  char *s = xxgk_malloc(cap);
  return sodium_bin2base64(s, cap, (const unsigned char *)b, n,
                           sodium_base64_VARIANT_ORIGINAL);
}

/* What was read, checked and scored, ready to be stored. */
struct checked {
  char *json, *findings, *quality, *changes;
  int errors, warnings, notices, score;
};

static void checked_free(struct checked *c) {
  xxgk_free(c->json);
  xxgk_free(c->findings);
  xxgk_free(c->quality);
  xxgk_free(c->changes);
}

static xxgk_status check_doc(xxgk_round *rd, const struct round_unit *u,
                             int64_t agency_id, xxgk_doc *doc,
                             const char *source, struct checked *c) {
  xxgk_doc *prev = NULL, *ly = NULL;
  if (!xxgk_doc_year(doc)) {
    xxgk_doc_set_year(doc, u->year);
    reg_warn(rd->r, "报告中未读出年度，按本轮的 %d 年度处理。", u->year);
  } else if (xxgk_doc_year(doc) != u->year) {
    reg_warn(rd->r, "报告是 %d 年度的，本轮收的是 %d 年度：请核对是否传错文件。",
             xxgk_doc_year(doc), u->year);
  }
  xxgk_check(doc);
  xxgk_status st = last_year(rd, u, agency_id, &ly);
  if (st == XXGK_OK && ly)
    xxgk_check_years(ly, doc);
  /* the submission is not yet the publication: on time stays unknown
   * here, and the board shows the submission against the round's date */
  xxgk_quality q;
  xxgk_quality_ctx qc = {0};
  if (xxgk_quality_score(doc, &qc, &q) == XXGK_OK) {
    c->quality = xxgk_quality_json(&q);
    c->score = q.score;
  } else {
    c->score = -1;
  }
  size_t e = xxgk_doc_count(doc, XXGK_SEV_ERROR),
         w = xxgk_doc_count(doc, XXGK_SEV_WARNING),
         n = xxgk_doc_count(doc, XXGK_SEV_NOTICE);
  c->errors = (int)e;
  c->warnings = (int)(w - e);
  c->notices = (int)(n - w);
  c->json = xxgk_render(doc, XXGK_OUT_JSON);
  c->findings = xxgk_render(doc, XXGK_OUT_FINDINGS_JSON);
  if (st == XXGK_OK && u->version > 0)
    st = round_doc(rd, u->id, u->version, &prev);
  if (st == XXGK_OK && prev) {
    /* this version as it will be read back, so that listing the change
     * later (xxgk_round_diff) says the same */
    xxgk_doc *cur = version_doc(c->json, u->version + 1, source);
    c->changes = compare(prev, cur, ly, XXGK_DIFF_TEXT);
    xxgk_doc_free(cur);
  }
  xxgk_doc_free(prev);
  xxgk_doc_free(ly);
  return st;
}

xxgk_status xxgk_round_put(xxgk_round *rd, int64_t round_id,
                           int64_t agency_id, xxgk_doc *doc,
                           const char *original, size_t n, const char *source,
                           xxgk_round_version *out) {
  xxgk_reg *r = rd->r;
  struct round_unit u = {0};
  struct checked c = {0};
  round_forget(rd);
  xxgk_status st = REG_TEXTS(r, "来源", source);
  if (st == XXGK_OK)
    st = reg_begin(r, 1);
  else
    goto done;
  if (st == XXGK_OK)
    st = round_unit_load(rd, round_id, agency_id, &u);
  if (st == XXGK_OK && u.state >= XXGK_UNIT_APPROVED)
    st = reg_fail(r, XXGK_E_REFUSED,
                  "报告已%s，不能再交新的版本；如需更正，请联系政务公开办",
                  xxgk_unit_state_label(u.state));
  /* the register's report is kept as from "登记簿" (no source) */
  if (st == XXGK_OK && u.no_register &&
      (!source || strcmp(source, "登记簿") == 0))
    st = reg_fail(r, XXGK_E_REFUSED,
                  "机关 %lld 不使用登记簿，没有可生成报告的数据：请上传本单位的"
                  "年度报告文件",
                  (long long)agency_id);
  if (st == XXGK_OK)
    st = check_doc(rd, &u, agency_id, doc, source, &c);
  char hex[65] = "", at[32];
  /* refused: nothing was rendered to hash */
  if (st == XXGK_OK)
    sha256_hex(original ? original : c.json, original ? n : strlen(c.json),
               hex);
  char *b64 = original ? base64(original, n) : NULL;
  reg_now(r, at);
  int64_t id = 0;
  int version = u.version + 1;
  /* a score of -1 (nothing could be judged) is stored as NULL */
  if (st == XXGK_OK)
    st = reg_ok(
        r, store_int(
               r->st, &id, NULL,
               "INSERT INTO round_version (unit_id, version, at, who, source,"
               " sha256, original, doc, findings, quality, changes, errors,"
               " warnings, notices, score) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?,"
               " ?, ?, ?, ?, ?, NULLIF(?, -1)) RETURNING id",
               "idtttttttttdddd", u.id, version, at, r->user,
               source ? source : "登记簿", hex, b64, c.json, c.findings,
               c.quality, c.changes, c.errors, c.warnings, c.notices, c.score));
  char *before = st == XXGK_OK ? reg_row_json(r, "round_unit", u.id) : NULL;
  if (st == XXGK_OK)
    st = reg_ok(
        r,
        store_run(r->st,
                  "UPDATE round_unit SET version = ?, errors = ?, warnings = ?,"
                  " notices = ?, score = NULLIF(?, -1) WHERE id = ?",
                  "dddddi", version, c.errors, c.warnings, c.notices, c.score,
                  u.id));
  char why[128];
  snprintf(why, sizeof why, "第 %d 版（%s），SHA-256 %s", version,
           source ? source : "登记簿", hex);
  if (st == XXGK_OK)
    st = reg_audit_why(r, "round.put", "round_unit", u.id, before, why);
  free(before);
  free(b64);
  st = reg_end(r, st);
  if (st == XXGK_OK && out)
    *out = (xxgk_round_version){
        .id = id, .version = version, .at = round_keep(rd, 0, at),
        .who = round_keep(rd, 1, r->user),
        .source = round_keep(rd, 2, source ? source : "登记簿"),
        .sha256 = round_keep(rd, 3, hex), .doc = round_keep(rd, 4, c.json),
        .findings = round_keep(rd, 5, c.findings),
        .quality = round_keep(rd, 6, c.quality),
        .changes = round_keep(rd, 7, c.changes), .errors = c.errors,
        .warnings = c.warnings, .notices = c.notices, .score = c.score,
        .has_original = original != NULL};
done:
  checked_free(&c);
  xxgk_doc_free(doc);
  return st;
}

/* ## Reading versions */

#define VERSION_COLUMNS                                                        \
  "SELECT v.id, v.version, v.at, v.who, v.source, v.sha256, v.doc,"            \
  " v.findings, v.quality, v.changes, v.errors, v.warnings, v.notices,"        \
  " COALESCE(v.score, -1), v.original IS NOT NULL FROM round_version v"        \
  " JOIN round_unit u ON u.id = v.unit_id"

struct version_ctx {
  int (*cb)(void *, const xxgk_round_version *);
  void *ctx;
};

static int version_row(void *ctx, const store_row *row) {
  struct version_ctx *l = ctx;
  const store_val *v = row->v;
  xxgk_round_version x = {.id = v[0].i,
                          .version = (int)v[1].i,
                          .at = v[2].s,
                          .who = v[3].s,
                          .source = v[4].s,
                          .sha256 = v[5].s,
                          .doc = v[6].s,
                          .findings = v[7].s,
                          .quality = store_text(&v[8]),
                          .changes = store_text(&v[9]),
                          .errors = (int)v[10].i,
                          .warnings = (int)v[11].i,
                          .notices = (int)v[12].i,
                          .score = (int)v[13].i,
                          .has_original = (int)v[14].i};
  return l->cb(l->ctx, &x);
}

xxgk_status xxgk_round_versions(
    xxgk_round *rd, int64_t round_id, int64_t agency_id,
    int (*cb)(void *ctx, const xxgk_round_version *v), void *ctx) {
  xxgk_reg *r = rd->r;
  struct version_ctx l = {cb, ctx};
  return reg_read(r, version_row, &l,
                  VERSION_COLUMNS " WHERE u.round_id = ? AND u.agency_id = ?"
                                  " ORDER BY v.version DESC",
                  "ii", round_id, agency_id);
}

xxgk_status xxgk_round_diff(xxgk_round *rd, int64_t round_id,
                            int64_t agency_id, int version,
                            xxgk_diff_format f, char **out) {
  xxgk_reg *r = rd->r;
  struct round_unit u = {0};
  xxgk_doc *prev = NULL, *cur = NULL, *ly = NULL;
  *out = NULL;
  xxgk_status st = reg_begin(r, 0);
  if (st == XXGK_OK)
    st = round_unit_load(rd, round_id, agency_id, &u);
  if (st == XXGK_OK && !version)
    version = u.version;
  if (st == XXGK_OK && (version < 1 || version > u.version))
    st = reg_fail(r, XXGK_E_REFUSED, "该单位没有第 %d 版（共 %d 个版本）",
                  version, u.version);
  else if (st == XXGK_OK && version == 1)
    st = reg_fail(r, XXGK_E_REFUSED, "第 1 版是该单位的第一版，没有上一版可比");
  if (st == XXGK_OK)
    st = last_year(rd, &u, agency_id, &ly);
  if (st == XXGK_OK)
    st = round_doc(rd, u.id, version - 1, &prev);
  if (st == XXGK_OK)
    st = round_doc(rd, u.id, version, &cur);
  if (st == XXGK_OK && !(*out = compare(prev, cur, ly, f)))
    st = reg_fail(r, XXGK_E_DB, "第 %d 版或上一版读不出来", version);
  xxgk_doc_free(prev);
  xxgk_doc_free(cur);
  xxgk_doc_free(ly);
  return reg_end(r, st);
}

static int take_original(void *ctx, const store_row *row) {
  char **s = ctx;
  s[0] = store_text_copy(&row->v[0]);
  s[1] = xxgk_strdup(row->v[1].s);
  return 1;
}

xxgk_status xxgk_round_original(xxgk_round *rd, int64_t round_id,
                                int64_t agency_id, int version, char **bytes,
                                size_t *n, const char **name) {
  xxgk_reg *r = rd->r;
  char *got[2] = {NULL, NULL};
  *bytes = NULL;
  *n = 0;
  round_forget(rd);
  xxgk_status st =
      reg_read(r, take_original, got,
               "SELECT v.original, v.source FROM round_version v JOIN"
               " round_unit u ON u.id = v.unit_id WHERE u.round_id = ?"
               " AND u.agency_id = ? AND v.version = ?",
               "iid", round_id, agency_id, version);
  if (st == XXGK_OK && !got[0])
    st = reg_fail(r, XXGK_E_REFUSED, "没有第 %d 版的上传文件", version);
  if (st == XXGK_OK) {
    size_t len = strlen(got[0]);
    *bytes = xxgk_malloc(len + 1);
    if (sodium_base642bin((unsigned char *)*bytes, len + 1, got[0], len, NULL,
                          n, NULL, sodium_base64_VARIANT_ORIGINAL) != 0)
      st = reg_fail(r, XXGK_E_DB, "第 %d 版的文件已损坏（base64 无法解码）",
                    version);
    *name = round_keep(rd, 0, got[1]);
  }
  free(got[0]);
  free(got[1]);
  if (st != XXGK_OK) {
    xxgk_free(*bytes);
    *bytes = NULL;
  }
  return st;
}

/* ## Notes */

xxgk_status xxgk_round_note_add(xxgk_round *rd, int64_t round_id,
                                int64_t agency_id, int version, int finding,
                                const char *cell, xxgk_side side,
                                const char *text, int64_t *id) {
  xxgk_reg *r = rd->r;
  struct round_unit u = {0};
  int64_t vid = 0, nid = 0;
  int row, col;
  xxgk_status st = REG_TEXTS(r, "意见", text, "单元格", cell);
  if (st == XXGK_OK && (!text || !*text))
    st = reg_fail(r, XXGK_E_REFUSED, "意见不能为空");
  if (st == XXGK_OK && cell &&
      xxgk_dict_find_key(cell, XXGK_FORMAT_ANY, &row, &col) != 0)
    st = reg_fail(r, XXGK_E_REFUSED,
                  "年度报告没有单元格“%s”（字段名见 docs/annual-report.md）",
                  cell);
  if (st == XXGK_OK && cell && finding)
    st = reg_fail(r, XXGK_E_REFUSED, "意见针对一条检查意见或一个单元格，不能兼有");
  if (st != XXGK_OK)
    return st;
  st = reg_begin(r, 1);
  if (st == XXGK_OK)
    st = round_unit_load(rd, round_id, agency_id, &u);
  if (st == XXGK_OK && version == 0)
    version = u.version;
  /* a version's findings are all its diagnostics, whatever their severity */
  int64_t n = 0;
  int found = 0;
  if (st == XXGK_OK)
    st = reg_ok(
        r, store_int(
               r->st, &vid, &found,
               "SELECT id FROM round_version WHERE unit_id = ? AND version = ?",
               "id", u.id, version));
  if (st == XXGK_OK && !found)
    st = reg_fail(r, XXGK_E_REFUSED, "没有第 %d 版报告", version);
  if (st == XXGK_OK)
    st = reg_ok(
        r, store_int(r->st, &n, NULL,
                     "SELECT errors + warnings + notices FROM round_version"
                     " WHERE id = ?",
                     "i", vid));
  if (st == XXGK_OK && (finding < 0 || finding > n))
    st = reg_fail(r, XXGK_E_REFUSED,
                  "第 %d 版报告有 %lld 条检查意见，没有第 %d 条（0 表示整份报告）",
                  version, (long long)n, finding);
  char at[32];
  reg_now(r, at);
  if (st == XXGK_OK)
    st = reg_add(r, "round.note", "round_note", &nid,
                 "INSERT INTO round_note (version_id, finding, cell, side, at,"
                 " who, text) VALUES (?, NULLIF(?, 0), ?, ?, ?, ?, ?)"
                 " RETURNING id",
                 "idttttt", vid, finding, cell,
                 side == XXGK_SIDE_OFFICE ? "office" : "unit", at, r->user,
                 text);
  if (st == XXGK_OK && id)
    *id = nid;
  return reg_end(r, st);
}

struct note_ctx {
  int (*cb)(void *, const xxgk_round_note *);
  void *ctx;
};

static int note_row(void *ctx, const store_row *row) {
  struct note_ctx *l = ctx;
  const store_val *v = row->v;
  xxgk_round_note x = {.id = v[0].i, .version = (int)v[1].i,
                       .finding = v[2].t == SV_INT ? (int)v[2].i : 0,
                       .cell = v[7].t == SV_NULL ? NULL : v[7].s,
                       .side = strcmp(v[3].s, "office") == 0 ? XXGK_SIDE_OFFICE
                                                             : XXGK_SIDE_UNIT,
                       .at = v[4].s, .who = v[5].s, .text = v[6].s};
  return l->cb(l->ctx, &x);
}

xxgk_status xxgk_round_notes(xxgk_round *rd, int64_t round_id,
                             int64_t agency_id,
                             int (*cb)(void *ctx, const xxgk_round_note *n),
                             void *ctx) {
  xxgk_reg *r = rd->r;
  struct note_ctx l = {cb, ctx};
  return reg_read(
      r, note_row, &l,
      "SELECT n.id, v.version, n.finding, n.side, n.at, n.who,"
      " n.text, n.cell FROM round_note n JOIN round_version v ON v.id ="
      " n.version_id JOIN round_unit u ON u.id = v.unit_id"
      " WHERE u.round_id = ? AND u.agency_id = ? ORDER BY n.id",
      "ii", round_id, agency_id);
}
