/*
 * reg_correct.c — correcting mistakes without losing history. A case's
 * details are edited in place, the row before kept in the audit log with
 * the reason; an event is never changed or deleted, it is voided once
 * with a reason (event_void), after which the rules, the deadline and the
 * report ignore it. Only an application's latest event may be voided —
 * the events after one depend on it (a payment on its notice, a reply on
 * the clock) — so a clerk undoes in reverse order and records anew.
 */
#include "reg.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *ch(const char *v, const char *old) { return v ? v : old; }

/* The stored fields, copied: channel, received, category, name, id
 * number, contact, content, delivery, and the first event's date. */
struct cur {
  char *f[9];
};

static int take_case(void *ctx, const store_row *row) {
  struct cur *c = ctx;
  for (int i = 0; i < row->n && i < 9; i++)
    c->f[i] = store_text_copy(&row->v[i]);
  return 1;
}

xxgk_status xxgk_reg_case_edit(xxgk_reg *r, const xxgk_case *c,
                               const char *reason) {
  xxgk_status st = reg_begin(r, 1);
  struct cur cur = {{0}};
  int64_t agency = 0;
  if (st == XXGK_OK)
    st = reg_reason(r, "更正", reason);
  if (st == XXGK_OK)
    st = reg_case_agency(r, c->id, &agency);
  if (st == XXGK_OK)
    st = reg_ok(
        r,
        store_query(r->st, take_case, &cur,
                    "SELECT channel, received, category, applicant_name,"
                    " applicant_id, applicant_contact, content, delivery,"
                    " (SELECT MIN(date) FROM event WHERE application_id = a.id"
                    " AND voided IS NULL) FROM application a WHERE id = ?",
                    "i", c->id));
  /* the edited application passes every check a new one does */
  xxgk_case n = {.id = c->id,
                 .agency_id = c->agency_id ? c->agency_id : agency,
                 .channel = ch(c->channel, cur.f[0]),
                 .received = ch(c->received, cur.f[1]),
                 .category = ch(c->category, cur.f[2]),
                 .name = ch(c->name, cur.f[3]),
                 .id_number = ch(c->id_number, cur.f[4]),
                 .contact = ch(c->contact, cur.f[5]),
                 .content = ch(c->content, cur.f[6]),
                 .delivery = ch(c->delivery, cur.f[7])};
  xxgk_date received;
  if (st == XXGK_OK)
    st = reg_check_case(r, &n, &received);
  if (st == XXGK_OK && cur.f[8] && strcmp(n.received, cur.f[8]) > 0)
    st = reg_fail(r, XXGK_E_REFUSED,
                  "收到日期 %s 晚于该申请最早的办理记录（%s）；请先作废有误的"
                  "办理记录",
                  n.received, cur.f[8]);
  char *before = st == XXGK_OK ? reg_row_json(r, "application", c->id) : NULL;
  if (st == XXGK_OK)
    st = reg_ok(
        r, store_run(r->st,
                     "UPDATE application SET agency_id = ?, channel = ?,"
                     " received = ?, category = ?, applicant_name = ?,"
                     " applicant_id = ?, applicant_contact = ?, content = ?,"
                     " delivery = ? WHERE id = ?",
                     "itttttttti", n.agency_id, n.channel, n.received,
                     n.category, n.name, n.id_number, n.contact, n.content,
                     n.delivery, c->id));
  if (st == XXGK_OK)
    st = reg_audit_why(r, "case.edit", "application", c->id, before, reason);
  free(before);
  for (int i = 0; i < 9; i++)
    free(cur.f[i]);
  return reg_end(r, st);
}

xxgk_status xxgk_reg_event_void(xxgk_reg *r, int64_t event_id,
                                const char *reason) {
  xxgk_status st = reg_begin(r, 1);
  int64_t case_id = 0, last = 0, voided = 0;
  if (st == XXGK_OK)
    st = reg_reason(r, "作废", reason);
  if (st == XXGK_OK)
    st = reg_find(r, &case_id, "SELECT application_id FROM event WHERE id = ?",
                  event_id, "办理记录 %lld 不存在");
  if (st == XXGK_OK)
    st = reg_ok(r,
                store_int(r->st, &voided, NULL,
                          "SELECT COALESCE(voided, 0) FROM event WHERE id = ?",
                          "i", event_id));
  if (st == XXGK_OK && voided)
    st = reg_fail(r, XXGK_E_REFUSED, "办理记录 %lld 已经作废", (long long)event_id);
  if (st == XXGK_OK)
    st = reg_ok(
        r,
        store_int(r->st, &last, NULL,
                  "SELECT id FROM event WHERE application_id = ? AND voided IS"
                  " NULL ORDER BY date DESC, id DESC LIMIT 1",
                  "i", case_id));
  if (st == XXGK_OK && last != event_id)
    st = reg_fail(r, XXGK_E_REFUSED,
                  "只能作废该申请最近的一条办理记录（%lld）：后面的记录依赖"
                  "前面的，请从最近的一条起依次作废",
                  (long long)last);
  char *before = st == XXGK_OK ? reg_row_json(r, "event", event_id) : NULL;
  char at[32];
  reg_now(r, at);
  int64_t vid = 0;
  if (st == XXGK_OK)
    st =
        reg_ok(r, store_int(r->st, &vid, NULL,
                            "INSERT INTO event_void (event_id, reason, at, who)"
                            " VALUES (?, ?, ?, ?) RETURNING id",
                            "itt"
                            "t",
                            event_id, reason, at, r->user));
  if (st == XXGK_OK &&
      (store_run(r->st, "UPDATE event SET voided = ? WHERE id = ?", "ii", vid,
                 event_id) != XXGK_OK ||
       store_run(r->st, STORE_SQL_DERIVE_FINAL " WHERE id = ?", "i",
                 case_id) != XXGK_OK))
    st = reg_db(r);
  if (st == XXGK_OK)
    st = reg_audit_why(r, "event.void", "event", event_id, before, reason);
  free(before);
  return reg_end(r, st);
}
