/*
 * reg_delivery.c — when and how a document reached its addressee (送达):
 * the method, the postal tracking number, the day. It matters to the law
 * where a period runs from receipt: the fee notice's 20 working days run
 * from the day after the applicant receives it (109号), so the deadline
 * reads the earliest delivery recorded for the fee notice (reg_case.c
 * loads it with the event).
 */
#include "reg.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const xxgk_delivery_methods[] = {"邮寄", "当面", "电子邮件",
                                             "在线", "其他", NULL};

/* Not the steps the applicant or a third party takes, nor the record of a
 * receipt. */
int xxgk_event_sent(xxgk_event_kind k) {
  return (unsigned)k < XXGK_N_EVENTS && k != XXGK_EV_CORRECTION_RECEIVED &&
         k != XXGK_EV_CONSULT_ANSWERED && k != XXGK_EV_FEE_PAID &&
         k != XXGK_EV_FEE_SERVED && k != XXGK_EV_WITHDRAWN &&
         k != XXGK_EV_REASONS_GIVEN;
}

static int take_date(void *ctx, const store_row *row) {
  snprintf(ctx, 11, "%s", row->v[0].s);
  return 1;
}

xxgk_status xxgk_reg_delivery_add(xxgk_reg *r, xxgk_delivery *d) {
  xxgk_status st = reg_begin(r, 1);
  int64_t case_id = 0;
  xxgk_event_kind kind = XXGK_EV_REPLY;
  xxgk_date day = 0, sent;
  char sent_on[11] = "";
  int known = 0;
  for (int i = 0; d->method && xxgk_delivery_methods[i]; i++)
    known |= strcmp(d->method, xxgk_delivery_methods[i]) == 0;
  if (st == XXGK_OK && !known)
    st = reg_fail(r, XXGK_E_REFUSED,
                  "送达方式“%s”不对：应为 邮寄、当面、电子邮件、在线 或 其他",
                  d->method ? d->method : "");
  if (st == XXGK_OK)
    st = REG_TEXTS(r, "邮件号", d->number, "说明", d->note);
  if (st == XXGK_OK && d->number && strlen(d->number) > 64)
    st = reg_fail(r, XXGK_E_REFUSED, "邮件号太长（至多 64 字节）");
  if (st == XXGK_OK)
    st = reg_event_of(r, d->event_id, &case_id, &kind);
  if (st == XXGK_OK && !xxgk_event_sent(kind))
    st = reg_fail(r, XXGK_E_REFUSED,
                  "“%s”不是本机关发出的文书，没有送达可登记；送达记在所送的"
                  "通知或答复上",
                  xxgk_event_label(kind));
  if (st == XXGK_OK)
    st = reg_past_date(r, d->date, "送达日期", &day);
  if (st == XXGK_OK)
    st = reg_ok(r, store_query(r->st, take_date, sent_on,
                               "SELECT date FROM event WHERE id = ?", "i",
                               d->event_id));
  if (st == XXGK_OK && xxgk_date_parse(sent_on, &sent) == 0 && day < sent)
    st = reg_fail(r, XXGK_E_REFUSED, "送达日期 %s 早于文书发出的日期 %s",
                  d->date, sent_on);
  if (st == XXGK_OK && strcmp(d->method, "邮寄") == 0 &&
      (!d->number || !*d->number))
    reg_warn(r, "邮寄送达没有登记邮件号：日后证明送达要靠它，请补登"
                "（作废本条后重新登记）");
  char at[32];
  reg_now(r, at);
  d->case_id = case_id;
  d->kind = kind;
  if (st == XXGK_OK)
    st = reg_add(r, "delivery.add", "delivery", &d->id,
                 "INSERT INTO delivery (event_id, method, number, date, note,"
                 " at, who) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
                 "ittttt"
                 "t",
                 d->event_id, d->method,
                 d->number && *d->number ? d->number : NULL, d->date,
                 d->note && *d->note ? d->note : NULL, at, r->user);
  return reg_end(r, st);
}

struct lister {
  int (*cb)(void *ctx, const xxgk_delivery *d);
  void *ctx;
};

static int list_row(void *ctx, const store_row *row) {
  struct lister *l = ctx;
  const store_val *v = row->v;
  int k = xxgk_event_find(v[2].s);
  xxgk_delivery d = {
      .id = v[0].i,
      .event_id = v[1].i,
      .kind = k < 0 ? XXGK_EV_REPLY : (xxgk_event_kind)k,
      .method = v[3].s,
      .number = store_text(&v[4]),
      .date = v[5].s,
      .note = store_text(&v[6]),
      .case_id = v[7].i,
      .at = v[8].s,
      .who = v[9].s,
      .voided = store_text(&v[10]),
  };
  return l->cb(l->ctx, &d);
}

xxgk_status xxgk_reg_delivery_list(xxgk_reg *r, int64_t case_id,
                                   int (*cb)(void *ctx, const xxgk_delivery *d),
                                   void *ctx) {
  struct lister l = {cb, ctx};
  return reg_read(r, list_row, &l,
                  "SELECT d.id, d.event_id, e.kind, d.method, d.number,"
                  " d.date, d.note, e.application_id, d.at, d.who,"
                  " d.void_reason FROM delivery d JOIN event e ON"
                  " e.id = d.event_id WHERE e.application_id = ?"
                  " ORDER BY d.date, d.id",
                  "i", case_id);
}

xxgk_status xxgk_reg_delivery_void(xxgk_reg *r, int64_t id,
                                   const char *reason) {
  return reg_void_row(r, "delivery", "送达记录", id, reason);
}
