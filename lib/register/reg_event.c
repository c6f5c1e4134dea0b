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
#include "cal.h"
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
    [XXGK_EV_FEE_SERVED] = {"fee_served", "收费通知送达"},
    [XXGK_EV_REASONS_REQUESTED] = {"reasons_requested", "要求说明理由"},
    [XXGK_EV_REASONS_GIVEN] = {"reasons_given", "申请人说明理由"},
    [XXGK_EV_PERIOD_SET] = {"period_set", "确定延迟答复期限"},
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
  const struct ev *final, *last, *correction, *consult, *fee, *extension,
      *served, *reasons_asked, *reasons_given, *fee_any, *page_fee;
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
    case XXGK_EV_FEE_NOTICE:
      o->fee = o->fee_any = e;
      o->page_fee = e->by_page ? e : NULL;
      o->served = NULL;
      break;
    case XXGK_EV_FEE_PAID: o->fee = NULL; break;
    case XXGK_EV_FEE_SERVED: o->served = e; break;
    case XXGK_EV_REASONS_REQUESTED: o->reasons_asked = e; break;
    case XXGK_EV_REASONS_GIVEN: o->reasons_given = e; break;
    case XXGK_EV_PERIOD_SET: break;
    default:
      if (is_final(e->kind))
        o->final = e;
      break;
    }
  }
}

static void fmt(xxgk_date d, char *out) { xxgk_date_format(d, out); }

/* The month's ordinal of this application's first piece among the
 * applicant's applications to the same agency (按件): the earlier
 * applications of the natural month, each counted as the pieces its 按件
 * notice split it into (art. 4), plus one. */
static xxgk_status piece_ordinal(xxgk_reg *r, int64_t case_id,
                                 const struct ev_list *l, int64_t *k) {
  char day[11], first[11];
  fmt(l->received, day);
  memcpy(first, day, 8);
  memcpy(first + 8, "01", 3);
  if (store_int(r->st, k, NULL,
                "SELECT 1 + COALESCE(SUM(COALESCE((SELECT e.quantity FROM event"
                " e WHERE e.application_id = a.id AND e.kind = 'fee_notice'"
                " AND e.fee_method = 'by_piece' AND e.voided IS NULL), 1)), 0)"
                " FROM application a WHERE a.agency_id = ? AND"
                " a.applicant_id = ? AND a.received >= ? AND (a.received < ? OR"
                " (a.received = ? AND a.id < ?))",
                "itttti", l->agency_id, l->applicant_id, first, day, day,
                case_id) != XXGK_OK)
    return reg_db(r);
  return XXGK_OK;
}

/* The last day to pay: 20 working days from the day after the notice was
 * received (109号) — its delivery if recorded (a delivery record, else the
 * fee-served step), else the notice's date. */
static xxgk_date pay_by(xxgk_reg *r, const struct open_state *o) {
  xxgk_date due = 0;
  xxgk_cal_add_workdays(r->cal,
                        o->fee->delivered ? o->fee->delivered
                        : o->served       ? o->served->date
                                          : o->fee->date,
                        20, &due);
  return due;
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
    if (e->until && (xxgk_date_parse(e->until, &due) != 0 || due < d))
      return reg_fail(r, XXGK_E_REFUSED,
                      "补正期限“%s”应为补正通知当天或之后的日期（YYYY-MM-DD）",
                      e->until);
    if (!reg_correction_timely(r->cal, l->received, d)) {
      fmt(d, a);
      reg_warn(r, "补正通知（%s）超过条例第三十条规定的收到申请后 7 个工作日，"
                  "不中止也不重新计算答复期限。",
               a);
    }
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
    if (o->fee_any) {
      fmt(o->fee_any->date, a);
      return reg_fail(r, XXGK_E_REFUSED,
                      "该申请已于 %s 发过收费通知：一件申请只收一次费，按件或"
                      "按量二选一（109号第三条）",
                      a);
    }
    if (d < date_from_ymd(2021, 1, 1))
      return reg_fail(r, XXGK_E_REFUSED,
                      "信息处理费自 2021 年 1 月 1 日起收取（国办函〔2020〕"
                      "109号施行之日），此前不能发收费通知");
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
      int64_t k, pieces = e->quantity ? e->quantity : 1;
      if (pieces < 1 || pieces > 1000)
        return reg_fail(r, XXGK_E_REFUSED,
                        "按件计收的件数应为 1 到 1000（一事一申请拆分后的件数，"
                        "109号第四条）");
      xxgk_status st = piece_ordinal(r, e->case_id, l, &k);
      if (st != XXGK_OK)
        return st;
      e->quantity = pieces;
      amount = xxgk_fee_by_piece(k, pieces);
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
    due = pay_by(r, o);
    fmt(due, a);
    fmt(d, b);
    if (e->kind == XXGK_EV_FEE_PAID && d > due)
      return reg_fail(r, XXGK_E_REFUSED,
                      "缴费期限已于 %s 届满（收到收费通知次日起 20 个工作日，"
                      "109号），"
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
    if (o->fee)
      return reg_fail(r, XXGK_E_REFUSED,
                      "收费通知尚未缴费：请先登记缴费（fee-paid）或逾期未缴费"
                      "（fee-lapsed，109号）再答复");
    if (o->fee_any && o->page_fee && strcmp(e->outcome, "granted") != 0 &&
        strcmp(e->outcome, "partially_granted") != 0)
      return reg_fail(r, XXGK_E_REFUSED,
                      "已按量计收信息处理费，答复却未提供信息：按量计收只适用于"
                      "提供信息的答复（109号第五条）");
    if (reg_limit(l->received) == 20) { /* the 2007 条例 numbered otherwise */
      xxgk_status st = reg_basis_check(r, e->outcome, e->basis);
      if (st != XXGK_OK)
        return st;
      if (!e->basis || !*e->basis)
        reg_warn(r, "答复未注明法律依据，宜写明所依据的条款（如%s）。",
                 reg_basis_articles(e->outcome));
    }
    if (strcmp(e->outcome, "not_processed_excessive") == 0 && !o->reasons_asked)
      reg_warn(r, "按无正当理由大量反复申请不予处理，未登记要求申请人说明理由"
                  "（条例第三十五条）。");
    *outcome = e->outcome;
    break;
  case XXGK_EV_FEE_SERVED:
    if (!o->fee || o->served)
      return reg_fail(r, XXGK_E_REFUSED,
                      o->fee ? "收费通知的送达日期已登记"
                             : "没有待缴费的收费通知，不能登记送达");
    break;
  case XXGK_EV_REASONS_REQUESTED:
    if (o->reasons_asked)
      return reg_fail(r, XXGK_E_REFUSED, "已要求申请人说明理由（条例第三十五条）");
    break;
  case XXGK_EV_REASONS_GIVEN:
    if (!o->reasons_asked || o->reasons_given)
      return reg_fail(r, XXGK_E_REFUSED,
                      o->reasons_given ? "申请人的理由已登记"
                                       : "未要求申请人说明理由，不能登记其理由"
                                         "（条例第三十五条）");
    break;
  case XXGK_EV_PERIOD_SET: {
    if (!o->reasons_given)
      return reg_fail(r, XXGK_E_REFUSED,
                      "延迟答复期限须在申请人说明理由、理由合理之后确定（条例"
                      "第三十五条）；请先登记 reasons-requested 和 reasons-given");
    xxgk_date until;
    if (!e->until || xxgk_date_parse(e->until, &until) != 0 || until <= d)
      return reg_fail(r, XXGK_E_REFUSED,
                      "请给出延迟答复的期限（--until YYYY-MM-DD，晚于今天的登记"
                      "日期）");
    break;
  }
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
    st = reg_past_date(r, e->date, "事件日期", &d);
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
  e->late = 0;
  if (st == XXGK_OK && e->kind == XXGK_EV_REPLY) {
    xxgk_due cur;
    st = reg_compute_due(r, &l, d, &cur);
    if (st == XXGK_OK && cur.state == XXGK_DUE_RUNNING && cur.left < 0) {
      e->late = 1;
      reg_warn(r, "逾期答复：答复期限为 %s，答复时已超期 %d 个工作日（条例第"
                  "三十三条）。",
               cur.due, -cur.left);
    }
  }
  e->warning = r->warn[0] ? r->warn : NULL;
  static const char *const METHOD[] = {NULL, "by_piece", "by_page"};
  int fee = e->kind == XXGK_EV_FEE_NOTICE, paid = e->kind == XXGK_EV_FEE_PAID;
  char action[48];
  snprintf(action, sizeof action, "event.%s", xxgk_event_key(e->kind));
  if (st == XXGK_OK)
    st =
        reg_add(r, action, "event", &e->id,
                "INSERT INTO event (application_id, kind, date, outcome, basis,"
                " note, fee_method, quantity, amount, until, warning, late)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                "ittttttIIttd", e->case_id, xxgk_event_key(e->kind), e->date,
                outcome, e->basis, e->note, fee ? METHOD[e->method] : NULL,
                fee ? e->quantity : 0, fee || paid ? e->amount : 0, e->until,
                e->warning, e->late);
  ev_list_free(&l);
  return st;
}

xxgk_status xxgk_reg_event_add(xxgk_reg *r, xxgk_event *e) {
  xxgk_status st = reg_begin(r, 1);
  if (st == XXGK_OK)
    st = add_event(r, e);
  return reg_end(r, st);
}
