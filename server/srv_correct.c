/*
 * srv_correct.c — corrections with history over HTTP: POST /cases/{id}/edit
 * (the fields given replace the stored ones) and POST /events/{id}/void,
 * each with a `reason` the audit log keeps. Both need the case to be the
 * user's agency's or one of its units'.
 */
#include "srv.h"

#include <stdio.h>
#include <string.h>

static int take_agency(void *ctx, const xxgk_case_row *row) {
  *(int64_t *)ctx = row->c.agency_id;
  return 0;
}

int64_t srv_case_agency(struct srv *s, int64_t id) {
  int64_t agency = 0;
  if (xxgk_reg_case_get(s->reg, id, take_agency, NULL, &agency) != XXGK_OK)
    return 0;
  return agency;
}

static const char *given(const struct srv_req *q, const char *name) {
  const char *v = srv_form(q, name);
  return v && *v ? v : NULL;
}

void h_case_edit(struct srv *s, struct srv_req *q, struct srv_resp *r) {
  int64_t id = srv_id(q->args[0]), agency = id ? srv_case_agency(s, id) : 0;
  if (!agency)
    FAIL(r, q, 404, "没有申请“%s”", q->args[0]);
  if (!srv_may_see(s, q, agency))
    FAIL(r, q, 403, "无权更正其他机关的申请");
  xxgk_case c = {.id = id,
                 .channel = given(q, "channel"),
                 .received = given(q, "received"),
                 .category = given(q, "category"),
                 .name = given(q, "name"),
                 .id_number = given(q, "id_number"),
                 .contact = given(q, "contact"),
                 .content = given(q, "content"),
                 .delivery = given(q, "delivery")};
  if (xxgk_reg_case_edit(s->reg, &c, srv_form(q, "reason")) != XXGK_OK) {
    srv_reg_fail(s, r, q);
    return;
  }
  char to[48];
  snprintf(to, sizeof to, "/cases/%lld", (long long)id);
  srv_done(r, q, to, "已更正申请，更正前的内容和理由已记入审计日志");
}

/* The event's application is named in the form (`case`): the user's
 * scope is checked on it, and the event must be one of its. */
void h_event_void(struct srv *s, struct srv_req *q, struct srv_resp *r) {
  int64_t id = srv_id(q->args[0]), case_id = srv_id(srv_form(q, "case"));
  int64_t agency = case_id ? srv_case_agency(s, case_id) : 0;
  if (!agency || !srv_case_has_event(s, case_id, id))
    FAIL(r, q, 404, "申请中没有办理记录“%s”（表单须给出所属申请 case）",
         q->args[0]);
  if (!srv_may_see(s, q, agency))
    FAIL(r, q, 403, "无权更正其他机关的申请");
  if (xxgk_reg_event_void(s->reg, id, srv_form(q, "reason")) != XXGK_OK) {
    srv_reg_fail(s, r, q);
    return;
  }
  char to[48];
  snprintf(to, sizeof to, "/cases/%lld", (long long)case_id);
  srv_done(r, q, to, "已作废办理记录 %lld（保留在登记簿和审计日志中）",
           (long long)id);
}
