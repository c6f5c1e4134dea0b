/*
 * reg_write.c — a command's write together with its line in the audit
 * log, so that no write of a row can be written without one: a new row
 * (INSERT … RETURNING id) or a change of one (UPDATE, upsert).
 */
#include "reg.h"

#include <stdarg.h>

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
