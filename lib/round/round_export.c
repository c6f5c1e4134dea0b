/*
 * round_export.c — what the office sends on: the board and the ranking by
 * quality score as tables (CSV or a workbook, sheet.h), and the ranking
 * itself, read in one statement with each lost point's explanation taken
 * from the latest version's stored score.
 */
#include "quality.h"
#include "round.h"
#include "sheet.h"

#include <stdio.h>
#include <string.h>

/* Both exports: the format and the round checked, then `fill` adds the
 * rows to t (ctx: its context, which holds t) knowing the round's info,
 * and t is written in the format and freed. */
static xxgk_status
export_sheet(xxgk_round *rd, int64_t round_id, xxgk_queue_format fmt,
             char **out, size_t *n, struct sheet *t,
             xxgk_status (*fill)(xxgk_round *rd, int64_t round_id,
                                 const xxgk_round_info *info, void *ctx),
             void *ctx) {
  xxgk_round_info info;
  xxgk_status st = XXGK_OK;
  *out = NULL;
  *n = 0;
  if (fmt != XXGK_QUEUE_CSV && fmt != XXGK_QUEUE_XLSX)
    st = reg_fail(rd->r, XXGK_E_REFUSED, "导出格式不对（csv 或 xlsx）");
  if (st == XXGK_OK)
    st = xxgk_round_get(rd, round_id, &info);
  if (st == XXGK_OK)
    st = fill(rd, round_id, &info, ctx);
  if (st == XXGK_OK && sheet_export(t, fmt == XXGK_QUEUE_XLSX, out, n,
                                    rd->r->err, sizeof rd->r->err) != 0)
    st = XXGK_E_IO;
  sheet_free(t);
  return st;
}

/* ## The board */

#define BOARD_COLS 11
static const char *const BOARD_HEADS[BOARD_COLS] = {
    "单位",     "状态",     "版本",     "错误",     "警告",    "提示",
    "质量得分", "报送时间", "报送截止", "逾期天数", "按时情况"};

struct board_sheet {
  struct sheet t;
  const xxgk_board_filter *f;
  char due[11];
};

static int board_line(void *ctx, const xxgk_board_row *b) {
  struct board_sheet *s = ctx;
  char version[16], e[16], w[16], nt[16], score[16], late[16], when[64];
  snprintf(version, sizeof version, "%d", b->version);
  snprintf(e, sizeof e, "%d", b->errors);
  snprintf(w, sizeof w, "%d", b->warnings);
  snprintf(nt, sizeof nt, "%d", b->notices);
  snprintf(score, sizeof score, "%d", b->score);
  snprintf(late, sizeof late, "%d", b->late_days);
  /* a unit not submitted (未报送, or returned and not yet again) is
   * counted against today: say so, the office reads it as a reminder */
  int waiting = b->state == XXGK_UNIT_PENDING ||
                b->state == XXGK_UNIT_RETURNED;
  if (waiting && b->late_days)
    snprintf(when, sizeof when, "未报送，已逾期%d天", b->late_days);
  else if (waiting)
    snprintf(when, sizeof when, "未报送");
  else if (b->late_days)
    snprintf(when, sizeof when, "逾期%d天", b->late_days);
  else
    snprintf(when, sizeof when, "按时");
  const char *v[BOARD_COLS] = {b->agency,
                               xxgk_unit_state_label(b->state),
                               b->version ? version : NULL,
                               b->version ? e : NULL,
                               b->version ? w : NULL,
                               b->version ? nt : NULL,
                               b->score >= 0 ? score : NULL,
                               b->submitted,
                               s->due,
                               late,
                               when};
  sheet_add(&s->t, v);
  return 0;
}

static xxgk_status board_fill(xxgk_round *rd, int64_t round_id,
                              const xxgk_round_info *info, void *ctx) {
  struct board_sheet *s = ctx;
  snprintf(s->due, sizeof s->due, "%s", info->due);
  return xxgk_round_board(rd, round_id, s->f, board_line, s);
}

xxgk_status xxgk_round_board_export(xxgk_round *rd, int64_t round_id,
                                    const xxgk_board_filter *f,
                                    xxgk_queue_format fmt, char **out,
                                    size_t *n) {
  struct board_sheet s = {.t = {.name = "报送情况",
                                .heads = BOARD_HEADS,
                                .n_cols = BOARD_COLS,
                                /* 版本 … 质量得分, 逾期天数 */
                                .numbers = 0x1Fu << 2 | 1u << 9},
                          .f = f};
  return export_sheet(rd, round_id, fmt, out, n, &s.t, board_fill, &s);
}

/* ## The ranking */

struct rank_ctx {
  int (*cb)(void *, const xxgk_round_rank *);
  void *ctx;
  buf lost;
};

/* The points of the stored score lost or partly lost, explained, in the
 * score's order: parsed here once per unit (json-c), not point by point
 * in SQL, which read the whole score again for every member. */
static const char *lost_points(struct rank_ctx *l, const char *json,
                               int *got, int *judged) {
  xxgk_quality q;
  l->lost.len = 0;
  if (!json || quality_from_json(json, &q) != 0)
    return NULL;
  *got = q.got;
  *judged = q.judged;
  for (int k = 0; k < XXGK_QUALITY_POINTS; k++) {
    const xxgk_quality_point *p = &q.points[k];
    if (p->state == XXGK_POINT_LOST || p->state == XXGK_POINT_PARTIAL)
      buf_printf(&l->lost, "%s%s [%s] %d/%d：%s", l->lost.len ? "；" : "",
                 p->label, p->rule, p->got, p->max, p->why);
  }
  return l->lost.len ? l->lost.data : NULL;
}

static int rank_row(void *ctx, const store_row *row) {
  struct rank_ctx *l = ctx;
  const store_val *v = row->v;
  xxgk_round_rank r = {
      .rank = (int)v[0].i, .agency_id = v[1].i, .agency = v[2].s,
      .state = (xxgk_unit_state)xxgk_unit_state_find(v[3].s),
      .version = (int)v[4].i, .score = (int)v[5].i, .got = -1,
      .judged = -1};
  r.lost = lost_points(l, store_text(&v[6]), &r.got, &r.judged);
  if (r.score < 0)
    r.got = r.judged = -1; /* nothing judged: no points to speak of */
  return l->cb(l->ctx, &r);
}

xxgk_status xxgk_round_ranking(xxgk_round *rd, int64_t round_id,
                               int (*cb)(void *ctx,
                                         const xxgk_round_rank *row),
                               void *ctx) {
  xxgk_reg *r = rd->r;
  struct rank_ctx l = {cb, ctx, {0}};
  xxgk_status st = reg_begin(r, 0);
  /* NULL scores sorted last (said so: SQLite puts them last in a
   * descending order, PostgreSQL first), so the ranks of the scored units
   * are not moved by the others */
  if (st == XXGK_OK &&
      store_query(
          r->st, rank_row, &l,
          "SELECT CASE WHEN u.score IS NULL THEN -1 ELSE"
          " RANK() OVER (ORDER BY u.score DESC NULLS LAST) END, u.agency_id,"
          " g.name, u.state, u.version, COALESCE(u.score, -1),"
          " v.quality FROM round_unit u"
          " JOIN agency g ON g.id = u.agency_id"
          " LEFT JOIN round_version v ON v.unit_id = u.id"
          " AND v.version = u.version WHERE u.round_id = ?"
          " ORDER BY u.score IS NULL, u.score DESC, u.agency_id",
          "i", round_id) != XXGK_OK)
    st = reg_db(r);
  buf_free(&l.lost);
  return reg_end(r, st);
}

#define RANK_COLS 8
static const char *const RANK_HEADS[RANK_COLS] = {
    "名次", "单位", "状态", "版本", "质量得分", "得分", "可评判分", "失分说明"};

static int rank_line(void *ctx, const xxgk_round_rank *r) {
  char rank[16], version[16], score[16], got[16], judged[16];
  snprintf(rank, sizeof rank, "%d", r->rank);
  snprintf(version, sizeof version, "%d", r->version);
  snprintf(score, sizeof score, "%d", r->score);
  snprintf(got, sizeof got, "%d", r->got);
  snprintf(judged, sizeof judged, "%d", r->judged);
  const char *v[RANK_COLS] = {r->rank > 0 ? rank : NULL,
                              r->agency,
                              xxgk_unit_state_label(r->state),
                              r->version ? version : NULL,
                              r->score >= 0 ? score : NULL,
                              r->got >= 0 ? got : NULL,
                              r->judged >= 0 ? judged : NULL,
                              r->lost};
  sheet_add(ctx, v);
  return 0;
}

static xxgk_status rank_fill(xxgk_round *rd, int64_t round_id,
                             const xxgk_round_info *info, void *ctx) {
  (void)info;
  return xxgk_round_ranking(rd, round_id, rank_line, ctx);
}

xxgk_status xxgk_round_ranking_export(xxgk_round *rd, int64_t round_id,
                                      xxgk_queue_format fmt, char **out,
                                      size_t *n) {
  struct sheet t = {.name = "质量排名", .heads = RANK_HEADS,
                    .n_cols = RANK_COLS,
                    .numbers = 1u << 0 | 1u << 3 | 1u << 4 | 1u << 5 |
                               1u << 6,
                    .wide = 1u << 7};
  return export_sheet(rd, round_id, fmt, out, n, &t, rank_fill, &t);
}
