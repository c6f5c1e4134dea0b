/*
 * round.c — the round handle, the units' states, opening a round and
 * adding its units, listing rounds, and a unit's row read and moved.
 */
#include "round.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const KEYS[XXGK_N_UNIT_STATES] = {
    "pending", "submitted", "errors", "returned", "approved", "published"};
static const char *const LABELS[XXGK_N_UNIT_STATES] = {
    "未报送", "已报送", "有错误", "已退回", "已通过", "已发布"};

const char *xxgk_unit_state_key(xxgk_unit_state s) {
  return reg_name(KEYS, XXGK_N_UNIT_STATES, (int)s);
}

const char *xxgk_unit_state_label(xxgk_unit_state s) {
  return reg_name(LABELS, XXGK_N_UNIT_STATES, (int)s);
}

int xxgk_unit_state_find(const char *key) {
  return reg_name_find(KEYS, LABELS, XXGK_N_UNIT_STATES, key);
}

xxgk_status xxgk_round_open(const char *path, unsigned flags,
                            xxgk_round **out) {
  xxgk_round *rd = *out = xxgk_calloc(1, sizeof *rd);
  return xxgk_reg_open(path, flags, &rd->r);
}

void round_forget(xxgk_round *rd) {
  for (size_t i = 0; i < sizeof rd->keep / sizeof rd->keep[0]; i++) {
    free(rd->keep[i]);
    rd->keep[i] = NULL;
  }
}

const char *round_keep(xxgk_round *rd, int slot, const char *s) {
  free(rd->keep[slot]);
  return rd->keep[slot] = s ? xxgk_strdup(s) : NULL;
}

void xxgk_round_close(xxgk_round *rd) {
  if (!rd)
    return;
  round_forget(rd);
  xxgk_reg_close(rd->r);
  free(rd);
}

const char *xxgk_round_errmsg(const xxgk_round *rd) {
  return xxgk_reg_errmsg(rd->r);
}

const char *xxgk_round_warning(const xxgk_round *rd) {
  return xxgk_reg_warning(rd->r);
}

xxgk_reg *xxgk_round_reg(xxgk_round *rd) { return rd->r; }

/* ## Opening a round */

static xxgk_status add_unit(xxgk_round *rd, int64_t round_id,
                            int64_t agency_id) {
  int64_t id;
  if (store_int(rd->r->st, &id, NULL,
                "INSERT INTO round_unit (round_id, agency_id) VALUES (?, ?)"
                " RETURNING id",
                "ii", round_id, agency_id) != XXGK_OK)
    return reg_db(rd->r);
  return reg_audit(rd->r, "round.unit", "round_unit", id, NULL);
}

struct ids {
  int64_t *v;
  size_t n, cap;
};

static int take_id(void *ctx, const store_row *row) {
  struct ids *l = ctx;
  l->v = grow(l->v, &l->cap, l->n + 1, sizeof *l->v);
  l->v[l->n++] = row->v[0].i;
  return 0;
}

xxgk_status xxgk_round_new(xxgk_round *rd, int64_t office_id, int year,
                           const char *due, int64_t *id) {
  xxgk_reg *r = rd->r;
  xxgk_date d;
  xxgk_status st = reg_begin(r, 1);
  if (st == XXGK_OK)
    st = reg_agency_exists(r, office_id);
  if (st == XXGK_OK)
    st = reg_date(r, due, "报送截止日期", &d);
  if (st == XXGK_OK && (year < 2008 || xxgk_date_year(d) <= year))
    st = reg_fail(r, XXGK_E_REFUSED,
                  "报送截止日期 %s 早于所报的 %d 年度：年度报告在次年报送"
                  "（条例第四十九条：部门 1 月 31 日前，政府 3 月 31 日前）",
                  due, year);
  struct ids units = {0};
  if (st == XXGK_OK)
    st = reg_ok(
        r, store_query(
               r->st, take_id, &units,
               "SELECT a.id FROM agency a WHERE a.id <> ? AND a.id" REG_UNDER
               " ORDER BY a.id",
               "ii", office_id, office_id));
  if (st == XXGK_OK && units.n == 0)
    st = reg_fail(r, XXGK_E_REFUSED,
                  "机关 %lld 下没有下级单位：请先用 xxgk agency add --parent "
                  "%lld 登记各单位",
                  (long long)office_id, (long long)office_id);
  int found = 0;
  if (st == XXGK_OK)
    st = reg_ok(
        r, store_int(r->st, id, &found,
                     "SELECT id FROM round WHERE office_id = ? AND year = ?",
                     "id", office_id, year));
  if (st == XXGK_OK && found)
    st = reg_fail(r, XXGK_E_REFUSED,
                  "该机关 %d 年度的报送轮次已经开启（编号 %lld）", year,
                  (long long)*id);
  char at[32];
  reg_now(r, at);
  if (st == XXGK_OK)
    st = reg_add(r, "round.open", "round", id,
                 "INSERT INTO round (office_id, year, due, opened)"
                 " VALUES (?, ?, ?, ?) RETURNING id",
                 "idtt", office_id, year, due, at);
  for (size_t i = 0; st == XXGK_OK && i < units.n; i++)
    st = add_unit(rd, *id, units.v[i]);
  free(units.v);
  return reg_end(r, st);
}

xxgk_status xxgk_round_unit_add(xxgk_round *rd, int64_t round_id,
                                int64_t agency_id) {
  xxgk_reg *r = rd->r;
  xxgk_round_info info;
  int in = 0, found = 0;
  int64_t v;
  /* each a transaction of its own, before this one's */
  xxgk_status st = xxgk_round_get(rd, round_id, &info);
  if (st == XXGK_OK && agency_id != info.office_id)
    st = xxgk_reg_agency_within(r, info.office_id, agency_id, &in);
  if (st == XXGK_OK && !in)
    st = reg_fail(r, XXGK_E_REFUSED,
                  "机关 %lld 不在%s之下：先把它登记为下级单位（xxgk agency "
                  "add --parent %lld）",
                  (long long)agency_id, info.office, (long long)info.office_id);
  if (st == XXGK_OK)
    st = reg_begin(r, 1);
  else
    return st;
  if (st == XXGK_OK)
    st = reg_ok(
        r, store_int(
               r->st, &v, &found,
               "SELECT id FROM round_unit WHERE round_id = ? AND agency_id = ?",
               "ii", round_id, agency_id));
  if (st == XXGK_OK && found)
    st = reg_fail(r, XXGK_E_REFUSED, "机关 %lld 已在本轮报送之中",
                  (long long)agency_id);
  if (st == XXGK_OK)
    st = add_unit(rd, round_id, agency_id);
  return reg_end(r, st);
}

/* ## Listing rounds */

#define ROUND_COLUMNS                                                          \
  "SELECT r.id, r.office_id, g.name, r.year, r.due, r.opened,"                 \
  " (SELECT COUNT(*) FROM round_unit u WHERE u.round_id = r.id)"               \
  " FROM round r JOIN agency g ON g.id = r.office_id"

static void info_of(const store_row *row, xxgk_round_info *o) {
  *o = (xxgk_round_info){.id = row->v[0].i, .office_id = row->v[1].i,
                         .office = row->v[2].s, .year = (int)row->v[3].i,
                         .due = row->v[4].s, .opened = row->v[5].s,
                         .units = (int)row->v[6].i};
}

struct list_ctx {
  int (*cb)(void *, const xxgk_round_info *);
  void *ctx;
};

static int list_row(void *ctx, const store_row *row) {
  struct list_ctx *l = ctx;
  xxgk_round_info info;
  info_of(row, &info);
  return l->cb(l->ctx, &info);
}

xxgk_status xxgk_round_list(xxgk_round *rd, int64_t agency_id,
                            int (*cb)(void *ctx, const xxgk_round_info *info),
                            void *ctx) {
  xxgk_reg *r = rd->r;
  struct list_ctx l = {cb, ctx};
  xxgk_status st = reg_begin(r, 0);
  /* an office sees its rounds; a unit those it takes part in */
  if (st == XXGK_OK)
    st = reg_ok(r, store_query(r->st, list_row, &l,
                               ROUND_COLUMNS
                               " WHERE ? = 0 OR r.office_id = ? OR EXISTS"
                               " (SELECT 1 FROM round_unit u WHERE"
                               " u.round_id = r.id AND u.agency_id = ?)"
                               " ORDER BY r.year DESC, r.id",
                               "iii", agency_id, agency_id, agency_id));
  return reg_end(r, st);
}

static int take_info(void *ctx, const store_row *row) {
  struct {
    xxgk_round *rd;
    xxgk_round_info *o;
    int found;
  } *g = ctx;
  info_of(row, g->o);
  g->o->office = round_keep(g->rd, 0, g->o->office);
  g->o->due = round_keep(g->rd, 1, g->o->due);
  g->o->opened = round_keep(g->rd, 2, g->o->opened);
  g->found = 1;
  return 1;
}

xxgk_status xxgk_round_get(xxgk_round *rd, int64_t id, xxgk_round_info *out) {
  xxgk_reg *r = rd->r;
  struct {
    xxgk_round *rd;
    xxgk_round_info *o;
    int found;
  } g = {rd, out, 0};
  xxgk_status st =
      reg_read(r, take_info, &g, ROUND_COLUMNS " WHERE r.id = ?", "i", id);
  if (st == XXGK_OK && !g.found)
    st = reg_fail(r, XXGK_E_REFUSED,
                  "报送轮次 %lld 不存在；用 xxgk round list 查看编号",
                  (long long)id);
  return st;
}

/* ## A unit's row */

static int take_unit(void *ctx, const store_row *row) {
  struct round_unit *u = ctx;
  u->id = row->v[0].i;
  u->state = (xxgk_unit_state)xxgk_unit_state_find(row->v[1].s);
  u->version = (int)row->v[2].i;
  u->year = (int)row->v[3].i;
  u->office_id = row->v[4].i;
  snprintf(u->due, sizeof u->due, "%s", row->v[5].s);
  u->no_register = (int)row->v[6].i;
  return 1;
}

xxgk_status round_unit_load(xxgk_round *rd, int64_t round_id,
                            int64_t agency_id, struct round_unit *out) {
  xxgk_reg *r = rd->r;
  memset(out, 0, sizeof *out);
  if (store_query(r->st, take_unit, out,
                  "SELECT u.id, u.state, u.version, r.year, r.office_id, r.due,"
                  " g.no_register FROM round_unit u"
                  " JOIN round r ON r.id = u.round_id"
                  " JOIN agency g ON g.id = u.agency_id"
                  " WHERE u.round_id = ? AND u.agency_id = ?",
                  "ii", round_id, agency_id) != XXGK_OK)
    return reg_db(r);
  if (!out->id)
    return reg_fail(r, XXGK_E_REFUSED,
                    "机关 %lld 不在报送轮次 %lld 之中（或轮次不存在）",
                    (long long)agency_id, (long long)round_id);
  return XXGK_OK;
}

xxgk_status round_unit_move(xxgk_round *rd, const struct round_unit *u,
                            xxgk_unit_state to, const char *action,
                            const char *set, const char *a, const char *b) {
  xxgk_reg *r = rd->r;
  char sql[256];
  snprintf(sql, sizeof sql, "UPDATE round_unit SET state = ?%s%s WHERE id = ?",
           set ? ", " : "", set ? set : "");
  char *before = reg_row_json(r, "round_unit", u->id);
  int params = 0;
  for (const char *p = set; p && *p; p++)
    params += *p == '?';
  const char *key = xxgk_unit_state_key(to);
  xxgk_status st =
      params == 2   ? store_run(r->st, sql, "ttti", key, a, b, u->id)
      : params == 1 ? store_run(r->st, sql, "tti", key, a, u->id)
                    : store_run(r->st, sql, "ti", key, u->id);
  st = st == XXGK_OK ? reg_audit(r, action, "round_unit", u->id, before)
                     : reg_db(r);
  free(before);
  return st;
}
