/*
 * reg_event.c — recording what happens to an application, under the order
 * rules of the 条例: events in time order and never before receipt; one
 * 补正 notice (art. 30 一次性告知), its answer only after it; a third-party
 * answer only to an open consultation (art. 32); one extension, approved
 * before the period runs out (art. 33); fee payment or lapse only for an
 * open notice, a lapse only after the 20 working days to pay (109号); and
 * exactly one final event — reply, withdrawal or lapsed fee — after which
 * nothing more. A refused event writes nothing.
 */
#include "reg.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct {
  const char *key, *label;
} EVENTS[XXGK_N_EVENTS] = {
    [XXGK_EV_CORRECTION_REQUESTED] = {"correction_requested", "补正通知"},
    [XXGK_EV_CORRECTION_RECEIVED] = {"correction_received", "收到补正"},
    [XXGK_EV_CONSULT_STARTED] = {"consult_started", "征求第三方意见"},
    [XXGK_EV_CONSULT_ANSWERED] = {"consult_answered", "第三方答复"},
    [XXGK_EV_EXTENDED] = {"extended", "延期答复"},
    [XXGK_EV_FEE_NOTICE] = {"fee_notice", "收费通知"},
    [XXGK_EV_FEE_PAID] = {"fee_paid", "缴纳信息处理费"},
    [XXGK_EV_FEE_LAPSED] = {"fee_lapsed", "逾期未缴费"},
    [XXGK_EV_WITHDRAWN] = {"withdrawn", "申请人撤回"},
    [XXGK_EV_REPLY] = {"reply", "答复"},
};

const char *xxgk_event_key(xxgk_event_kind k) {
  return (unsigned)k < XXGK_N_EVENTS ? EVENTS[k].key : NULL;
}

const char *xxgk_event_label(xxgk_event_kind k) {
  return (unsigned)k < XXGK_N_EVENTS ? EVENTS[k].label : NULL;
}

int xxgk_event_find(const char *key) {
  if (!key)
    return -1;
  for (int i = 0; i < XXGK_N_EVENTS; i++) {
    const char *a = EVENTS[i].key, *b = key;
    while (*a && (*a == *b || (*a == '_' && *b == '-'))) {
      a++;
      b++;
    }
    if (!*a && !*b)
      return i;
  }
  return -1;
}

static int is_final(xxgk_event_kind k) {
  return k == XXGK_EV_REPLY || k == XXGK_EV_WITHDRAWN || k == XXGK_EV_FEE_LAPSED;
}

/* The state of the open matters an event may close. */
struct open_state {
  const struct ev *final, *last, *correction, *consult, *fee, *extension;
  int corrections;
};

static void scan(const struct ev_list *l, struct open_state *o) {
  memset(o, 0, sizeof *o);
  for (int i = 0; i < l->n; i++) {
    const struct ev *e = &l->v[i];
    o->last = e;
    switch (e->kind) {
    case XXGK_EV_CORRECTION_REQUESTED: o->correction = e; o->corrections++; break;
    case XXGK_EV_CORRECTION_RECEIVED: o->correction = NULL; break;
    case XXGK_EV_CONSULT_STARTED: o->consult = e; break;
    case XXGK_EV_CONSULT_ANSWERED: o->consult = NULL; break;
    case XXGK_EV_EXTENDED: o->extension = e; break;
    case XXGK_EV_FEE_NOTICE: o->fee = e; break;
    case XXGK_EV_FEE_PAID: o->fee = NULL; break;
    default:
      if (is_final(e->kind))
        o->final = e;
      break;
    }
  }
}

static void fmt(xxgk_date d, char *out) { xxgk_date_format(d, out); }

/* The month's ordinal of this application among the applicant's
 * applications to the same agency (按件). */
static xxgk_status piece_ordinal(xxgk_reg *r, int64_t case_id,
                                 const struct ev_list *l, int64_t *k) {
  char day[11], first[11];
  fmt(l->received, day);
  memcpy(first, day, 8);
  memcpy(first + 8, "01", 3);
  if (store_int(r->st, k, NULL,
                "SELECT COUNT(*) FROM application WHERE agency_id = ? AND"
                " applicant_id = ? AND received >= ? AND (received < ? OR"
                " (received = ? AND id <= ?))",
                "itttti", l->agency_id, l->applicant_id, first, day, day,
                case_id) != XXGK_OK)
    return reg_db(r);
  return XXGK_OK;
}

static xxgk_status check_kind(xxgk_reg *r, xxgk_event *e,
                              const struct ev_list *l,
                              const struct open_state *o, xxgk_date d,
                              const char **outcome) {
  char a[11], b[11];
  xxgk_date due;
  switch (e->kind) {
  case XXGK_EV_CORRECTION_REQUESTED:
    if (o->corrections)
      return reg_fail(r, XXGK_E_REFUSED,
                      "补正只能一次性告知（条例第三十条），该申请已登记过补正通知");
    break;
  case XXGK_EV_CORRECTION_RECEIVED:
    if (!o->correction)
      return reg_fail(r, XXGK_E_REFUSED,
                      "没有待补正的通知，不能登记收到补正；请先登记 "
                      "correction-requested");
    break;
  case XXGK_EV_CONSULT_STARTED:
    if (o->consult)
      return reg_fail(r, XXGK_E_REFUSED,
                      "已有未答复的第三方意见征询，请先登记 consult-answered");
    break;
  case XXGK_EV_CONSULT_ANSWERED:
    if (!o->consult)
      return reg_fail(r, XXGK_E_REFUSED,
                      "没有正在进行的第三方意见征询，请先登记 consult-started");
    break;
  case XXGK_EV_EXTENDED: {
    if (o->extension) {
      fmt(o->extension->date, a);
      return reg_fail(r, XXGK_E_REFUSED,
                      "答复期限只能延长一次（条例第三十三条），已于 %s 延期", a);
    }
    xxgk_due cur;
    xxgk_status st = reg_compute_due(r, l, d, &cur);
    if (st != XXGK_OK)
      return st;
    if (cur.state == XXGK_DUE_RUNNING && xxgk_date_parse(cur.due, &due) == 0 &&
        d > due) {
      fmt(d, a);
      return reg_fail(r, XXGK_E_REFUSED,
                      "延期须在答复期限届满前批准：期限为 %s，延期日期 %s 已超过",
                      cur.due, a);
    }
    break;
  }
  case XXGK_EV_FEE_NOTICE: {
    if (o->fee)
      return reg_fail(r, XXGK_E_REFUSED,
                      "已有未缴费也未逾期的收费通知，不能再发收费通知");
    int64_t amount = -1;
    if (e->method == XXGK_FEE_BY_PAGE) {
      amount = xxgk_fee_by_page(e->quantity);
      if (amount < 0)
        return reg_fail(r, XXGK_E_REFUSED, "按量计收须给出页数（正整数）");
    } else if (e->method == XXGK_FEE_BY_PIECE) {
      if (!l->applicant_id || !*l->applicant_id)
        return reg_fail(r, XXGK_E_REFUSED,
                        "按件计收要统计申请人当月的申请件数，须先登记申请人"
                        "身份证明号码");
      int64_t k;
      xxgk_status st = piece_ordinal(r, e->case_id, l, &k);
      if (st != XXGK_OK)
        return st;
      e->quantity = k;
      amount = xxgk_fee_by_piece(k, 1);
    } else {
      return reg_fail(r, XXGK_E_REFUSED,
                      "收费通知须注明计收方式：按件（--by-piece）或按量"
                      "（--pages N），二者只能选一");
    }
    if (amount == 0)
      return reg_fail(r, XXGK_E_REFUSED,
                      "按 109 号文的标准本件应收 0 元（免费范围内），不需发收费"
                      "通知");
    e->amount = amount;
    break;
  }
  case XXGK_EV_FEE_PAID:
  case XXGK_EV_FEE_LAPSED: {
    if (!o->fee)
      return reg_fail(r, XXGK_E_REFUSED,
                      "没有待缴费的收费通知，不能登记缴费或逾期未缴费");
    xxgk_status st = xxgk_cal_add_workdays(r->cal, o->fee->date, 20, &due);
    fmt(due, a);
    fmt(d, b);
    if (st != XXGK_OK)
      return reg_fail(r, XXGK_E_REFUSED,
                      "缴费期限超出节假日日历，请补充下一年的放假安排");
    if (e->kind == XXGK_EV_FEE_PAID && d > due)
      return reg_fail(r, XXGK_E_REFUSED,
                      "缴费期限已于 %s 届满（收到收费通知次日起 20 个工作日），"
                      "%s 缴费不能登记；应登记逾期未缴费（fee-lapsed）",
                      a, b);
    if (e->kind == XXGK_EV_FEE_LAPSED && d <= due)
      return reg_fail(r, XXGK_E_REFUSED,
                      "缴费期限到 %s 才届满，%s 还不能按逾期未缴费办结", a, b);
    if (e->kind == XXGK_EV_FEE_LAPSED)
      *outcome = "other_unpaid_fee";
    else if (store_int(r->st, &e->amount, NULL,
                       "SELECT amount FROM event WHERE id = ?", "i",
                       o->fee->id) != XXGK_OK)
      return reg_db(r);
    break;
  }
  case XXGK_EV_WITHDRAWN:
    *outcome = "other_other";
    break;
  case XXGK_EV_REPLY:
    if (reg_outcome_row(e->outcome) < 0)
      return reg_fail(r, XXGK_E_REFUSED,
                      "答复结果“%s”不是表三的办理结果，应为 %s 之一",
                      e->outcome ? e->outcome : "", reg_outcome_keys());
    if (strcmp(e->outcome, "other_unpaid_fee") == 0)
      return reg_fail(r, XXGK_E_REFUSED,
                      "逾期未缴费不再处理的，请登记 fee-lapsed 事件");
    if (strcmp(e->outcome, "other_no_correction") == 0 && !o->correction)
      return reg_fail(r, XXGK_E_REFUSED,
                      "“逾期不补正”只适用于已发补正通知且未收到补正的申请");
    *outcome = e->outcome;
    break;
  default:
    return reg_fail(r, XXGK_E_REFUSED, "未知的事件类型");
  }
  return XXGK_OK;
}

static xxgk_status add_event(xxgk_reg *r, xxgk_event *e) {
  if ((unsigned)e->kind >= XXGK_N_EVENTS)
    return reg_fail(r, XXGK_E_REFUSED, "未知的事件类型");
  if (REG_TEXTS(r, "说明", e->note, "依据", e->basis) != XXGK_OK)
    return XXGK_E_REFUSED;
  struct ev_list l;
  xxgk_status st = reg_load_events(r, e->case_id, &l);
  xxgk_date d = 0;
  if (st == XXGK_OK)
    st = reg_date(r, e->date, "事件日期", &d);
  struct open_state o;
  scan(&l, &o);
  char a[11], b[11];
  if (st == XXGK_OK && d < l.received) {
    fmt(d, a);
    fmt(l.received, b);
    st = reg_fail(r, XXGK_E_REFUSED, "%s日期 %s 早于申请收到日期 %s",
                  xxgk_event_label(e->kind), a, b);
  }
  if (st == XXGK_OK && o.final) {
    fmt(o.final->date, a);
    st = reg_fail(r, XXGK_E_REFUSED,
                  "该申请已于 %s 办结（%s），不能再登记%s；一件申请只有一个"
                  "最终结果",
                  a, xxgk_event_label(o.final->kind),
                  xxgk_event_label(e->kind));
  }
  if (st == XXGK_OK && o.last && d < o.last->date) {
    fmt(d, a);
    fmt(o.last->date, b);
    st = reg_fail(r, XXGK_E_REFUSED,
                  "事件须按时间顺序登记：%s日期 %s 早于上一事件（%s，%s）",
                  xxgk_event_label(e->kind), a,
                  xxgk_event_label(o.last->kind), b);
  }
  const char *outcome = NULL;
  if (st == XXGK_OK)
    st = check_kind(r, e, &l, &o, d, &outcome);
  static const char *const METHOD[] = {NULL, "by_piece", "by_page"};
  int fee = e->kind == XXGK_EV_FEE_NOTICE, paid = e->kind == XXGK_EV_FEE_PAID;
  if (st == XXGK_OK &&
      store_int(r->st, &e->id, NULL,
                "INSERT INTO event (application_id, kind, date, outcome, basis,"
                " note, fee_method, quantity, amount)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                "ittttttII", e->case_id, xxgk_event_key(e->kind), e->date,
                outcome, e->basis, e->note,
                fee ? METHOD[e->method] : NULL, fee ? e->quantity : 0,
                fee || paid ? e->amount : 0) != XXGK_OK)
    st = reg_db(r);
  if (st == XXGK_OK) {
    char action[48];
    snprintf(action, sizeof action, "event.%s", xxgk_event_key(e->kind));
    st = reg_audit(r, action, "event", e->id, NULL);
  }
  ev_list_free(&l);
  return st;
}

xxgk_status xxgk_reg_event_add(xxgk_reg *r, xxgk_event *e) {
  xxgk_status st = reg_begin(r, 1);
  if (st == XXGK_OK)
    st = add_event(r, e);
  return reg_end(r, st);
}
