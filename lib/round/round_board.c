/*
 * round_board.c — the office's board: one row per unit, read from the
 * units' rows alone (the latest version's counts and score are kept
 * there), so the board costs one indexed read per unit however many
 * versions there are; and the reminders of the units that are late.
 */
#include "round.h"

#include <stdio.h>
#include <string.h>

/* Days late: of the submission, or (not submitted: 未报送, 已退回) of today,
 * against the due date; julianday() counts calendar days. The rows as a
 * table b, so that a condition may name `late` (standard SQL reads a
 * column's alias only outside its SELECT). */
#define BOARD_COLUMNS                                                          \
  "SELECT * FROM (SELECT u.agency_id, g.name, u.state, u.version,"             \
  " u.submitted, u.errors, u.warnings, u.notices, COALESCE(u.score, -1),"      \
  " COALESCE(u.corpus_id, 0),"                                                 \
  " MAX(0, CAST(julianday(CASE WHEN u.state IN ('pending', 'returned')"        \
  " THEN ? ELSE u.submitted_day END) - julianday(r.due) AS INTEGER)) late,"    \
  " g.no_register"                                                             \
  " FROM round_unit u JOIN round r ON r.id = u.round_id"                       \
  " JOIN agency g ON g.id = u.agency_id WHERE u.round_id = ?) b WHERE TRUE"

struct board_ctx {
  int (*cb)(void *, const xxgk_board_row *);
  void *ctx;
};

static int board_row(void *ctx, const store_row *row) {
  struct board_ctx *l = ctx;
  const store_val *v = row->v;
  xxgk_board_row b = {.agency_id = v[0].i,
                      .agency = v[1].s,
                      .state = (xxgk_unit_state)xxgk_unit_state_find(v[2].s),
                      .version = (int)v[3].i,
                      .submitted = store_text(&v[4]),
                      .errors = (int)v[5].i,
                      .warnings = (int)v[6].i,
                      .notices = (int)v[7].i,
                      .score = (int)v[8].i,
                      .corpus_id = v[9].i,
                      .late_days = v[10].t == SV_INT ? (int)v[10].i : 0,
                      .no_register = (int)v[11].i};
  return l->cb(l->ctx, &b);
}

xxgk_status xxgk_round_board(xxgk_round *rd, int64_t round_id,
                             const xxgk_board_filter *f,
                             int (*cb)(void *ctx, const xxgk_board_row *row),
                             void *ctx) {
  xxgk_reg *r = rd->r;
  struct board_ctx l = {cb, ctx};
  xxgk_board_filter all = {.state = -1};
  if (!f)
    f = &all;
  char today[11];
  xxgk_date_format(reg_today(r), today);
  return reg_read(r, board_row, &l,
                  BOARD_COLUMNS " AND (? = 0 OR b.agency_id = ?)"
                                " AND (? = '' OR b.state = ?)"
                                " AND (? = 0 OR b.late > 0)"
                                " AND (? = 0 OR b.errors > 0)"
                                " ORDER BY b.agency_id",
                  "tiiittdd", today, round_id, f->agency_id, f->agency_id,
                  f->state >= 0 ? xxgk_unit_state_key(f->state) : "",
                  f->state >= 0 ? xxgk_unit_state_key(f->state) : "",
                  f->late_only, f->errors_only);
}

xxgk_status xxgk_round_late(xxgk_round *rd, int64_t round_id,
                            int (*cb)(void *ctx, const xxgk_board_row *row),
                            void *ctx) {
  xxgk_reg *r = rd->r;
  struct board_ctx l = {cb, ctx};
  char today[11];
  xxgk_date_format(reg_today(r), today);
  return reg_read(r, board_row, &l,
                  BOARD_COLUMNS " AND b.state IN ('pending', 'returned')"
                                " AND b.late > 0 ORDER BY b.late DESC,"
                                " b.agency_id",
                  "ti", today, round_id);
}
