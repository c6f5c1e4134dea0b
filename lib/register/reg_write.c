/*
 * reg_write.c — a command's write together with its line in the audit
 * log, so that no write of a row can be written without one: a new row
 * (INSERT … RETURNING id), a change of one (UPDATE, upsert), or the
 * closing of a row that opens on one date and closes on another.
 */
#include "reg.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

static int take_id(void *ctx, const store_row *row) {
  *(int64_t *)ctx = row->n > 0 && row->v[0].t == SV_INT ? row->v[0].i : 0;
  return 1;
}

xxgk_status reg_add(xxgk_reg *r, const char *action, const char *entity,
                    int64_t *id, const char *sql, const char *types, ...) {
  va_list ap;
  va_start(ap, types);
  *id = 0;
  xxgk_status st = reg_ok(r, store_vquery(r->st, take_id, id, sql, types, ap));
  va_end(ap);
  return st == XXGK_OK ? reg_audit(r, action, entity, *id, NULL) : st;
}

xxgk_status reg_change(xxgk_reg *r, const char *action, const char *entity,
                       int64_t id, const char *before, const char *sql,
                       const char *types, ...) {
  va_list ap;
  va_start(ap, types);
  xxgk_status st = reg_ok(r, store_vquery(r->st, NULL, NULL, sql, types, ap));
  va_end(ap);
  return st == XXGK_OK ? reg_audit(r, action, entity, id, before) : st;
}

static int take_dates(void *ctx, const store_row *row) {
  char(*s)[11] = ctx;
  snprintf(s[0], 11, "%s", row->v[0].s);
  snprintf(s[1], 11, "%s", row->v[1].t == SV_TEXT ? row->v[1].s : "");
  return 1;
}

xxgk_status reg_close(xxgk_reg *r, const struct reg_closing *c, int64_t id,
                      const char *date, xxgk_date d, const char *sql,
                      const char *types, ...) {
  char dates[2][11] = {"", ""};
  xxgk_date opened;
  if (store_query(r->st, take_dates, dates, c->dates, "i", id) != XXGK_OK)
    return reg_db(r);
  if (!dates[0][0])
    return reg_fail(r, XXGK_E_REFUSED, c->msg[0], (long long)id);
  if (dates[1][0])
    return reg_fail(r, XXGK_E_REFUSED, c->msg[1], (long long)id, dates[1]);
  if (xxgk_date_parse(dates[0], &opened) == 0 && d < opened)
    return reg_fail(r, XXGK_E_REFUSED, c->msg[2], date, dates[0]);
  char *before = reg_row_json(r, c->table, id);
  va_list ap;
  va_start(ap, types);
  xxgk_status st = reg_ok(r, store_vquery(r->st, NULL, NULL, sql, types, ap));
  va_end(ap);
  if (st == XXGK_OK)
    st = reg_audit(r, c->action, c->table, id, before);
  free(before);
  return st;
}
