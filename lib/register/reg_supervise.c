/*
 * reg_supervise.c — the supervision view of late replies: per agency, the
 * replies of a year and those given after their deadline (逾期答复, 条例
 * 第三十三条; marked when recorded), voided ones not counted.
 */
#include "reg.h"

#include <stdio.h>

struct sup {
  int (*cb)(void *ctx, const char *agency, int64_t replies, int64_t late);
  void *ctx;
};

static int sup_row(void *ctx, const store_row *row) {
  struct sup *s = ctx;
  return s->cb(s->ctx, row->v[0].s, row->v[1].i, row->v[2].i);
}

xxgk_status xxgk_reg_late_replies(
    xxgk_reg *r, int64_t agency_id, int year,
    int (*cb)(void *ctx, const char *agency, int64_t replies, int64_t late),
    void *ctx) {
  char jan1[16], dec31[16];
  snprintf(jan1, sizeof jan1, "%04d-01-01", year);
  snprintf(dec31, sizeof dec31, "%04d-12-31", year);
  struct sup s = {cb, ctx};
  xxgk_status st = reg_begin(r, 0);
  if (st == XXGK_OK && agency_id)
    st = reg_agency_exists(r, agency_id);
  if (st == XXGK_OK)
    st = reg_ok(
        r, store_query(r->st, sup_row, &s,
                       "SELECT g.name, COUNT(*), SUM(e.late) FROM event e"
                       " JOIN application a ON a.id = e.application_id"
                       " JOIN agency g ON g.id = a.agency_id"
                       " WHERE e.kind = 'reply' AND e.voided IS NULL"
                       " AND e.date >= ? AND e.date <= ?"
                       " AND (? = 0 OR" REG_WITHIN(
                           "a.agency_id") ")"
                                          " GROUP BY g.id, g.name ORDER BY "
                                          "SUM(e.late) DESC, g.name",
                       "ttii", jan1, dec31, agency_id, agency_id));
  return reg_end(r, st);
}
