/*
 * reg_owner.c — the agency a record (表二) or a review (表四) belongs to,
 * by its id: what a caller checks a user's scope on before repealing or
 * deciding it, in one indexed read rather than a walk of every row.
 */
#include "reg.h"

static xxgk_status owner(xxgk_reg *r, const char *sql, int64_t id,
                         int64_t *agency_id) {
  *agency_id = 0;
  xxgk_status st = reg_begin(r, 0);
  if (st == XXGK_OK)
    st = reg_ok(r, store_int(r->st, agency_id, NULL, sql, "i", id));
  return reg_end(r, st);
}

xxgk_status xxgk_reg_record_agency(xxgk_reg *r, int64_t id,
                                   int64_t *agency_id) {
  return owner(r, "SELECT agency_id FROM record WHERE id = ?", id, agency_id);
}

xxgk_status xxgk_reg_review_agency(xxgk_reg *r, int64_t id,
                                   int64_t *agency_id) {
  return owner(r, "SELECT agency_id FROM review WHERE id = ?", id, agency_id);
}
