/*
 * reg_due.c — the reply deadline of an application (条例 arts. 30, 32, 33;
 * rules.md §1.3 and §7).
 *
 * Conventions, stated once:
 *  - Counting starts on the day after receipt: the receipt day itself is
 *    not counted (the general period rule of 民法典 art. 201; rules.md marks
 *    it [U] — the 条例 is silent). The due date is the 20th working day.
 *  - An approved extension makes it 40 working days (art. 33 ¶2).
 *  - After a 补正 is received, the 20 days start anew on the day after
 *    that receipt (art. 30: 答复期限自收到补正的申请之日起计算); days used
 *    before the 补正 notice are not carried over.
 *  - The clock stops while a 补正, a third party's answer (art. 33 ¶3) or a
 *    fee payment (rules.md §7) is awaited: the day the stop begins still
 *    counts, the day it ends does not (counting resumes the day after, as
 *    after receipt). While a stop is open no due date exists.
 *  - Working days come from the official calendar; where the count runs
 *    through a year whose notice is not published, from the provisional
 *    calendar (cal.c), and the deadline is marked 暂定 with the reason.
 *    Only a day past the calendar's range makes it unknown.
 */
#include "cal.h"
#include "reg.h"

#include <stdio.h>
#include <string.h>

#define OPEN_END INT32_MAX

struct stop {
  xxgk_date from, to; /* days in (from, to] are off the clock */
  const char *why;    /* what the clock waits for               */
  int kind;           /* 0 补正, 1 consultation, 2 fee          */
  xxgk_date until;    /* the 补正期限 set with it, or 0          */
};

int reg_limit(xxgk_date received) {
  return received < date_from_ymd(2019, 5, 15) ? 15 : 20;
}

int reg_correction_timely(const xxgk_cal *c, xxgk_date received,
                          xxgk_date d) {
  xxgk_date last;
  return reg_limit(received) == 15 ||
         xxgk_cal_add_workdays(c, received, 7, &last) != XXGK_OK ||
         d <= last;
}

/* A sentence of xxgk_due written a piece at a time, cut as snprintf cuts:
 * every open application of a page gets its "why", and printf's parsing
 * of the format cost more than the count of its days. */
struct text {
  char *s;
  size_t cap, n;
};

static void put(struct text *t, const char *s) {
  size_t k = strlen(s);
  if (t->n + k >= t->cap)
    k = t->cap - 1 - t->n;
  memcpy(t->s + t->n, s, k);
  t->n += k;
  t->s[t->n] = 0;
}

static void put_num(struct text *t, int v) {
  char d[24];
  put(t, int_text(v, d));
}

/* The awaited step's own period and, past it, the reminder: the office
 * may close or go on — the law leaves the decision to it. */
static void pause_limit(const xxgk_cal *c, const struct stop *s,
                        xxgk_date served, int by_record, xxgk_date today,
                        xxgk_due *out) {
  static const char *const REMIND[] = {
      "补正期限已过，申请人未补正：可按视为放弃办结（条例第三十条）——请决定",
      ("征求意见已满 15 个工作日未获答复：第三方未答复的由本机关依条例决定"
       "（第三十二条），其他机关未答复的视为同意公开（第三十四条）——请决定"),
      "缴费期限已过仍未缴费：可按逾期未缴费办结（109号）——请决定"};
  xxgk_date until = s->until;
  if (s->kind == 1)
    xxgk_cal_add_workdays(c, s->from, 15, &until);
  else if (s->kind == 2) {
    xxgk_date from = served > s->from ? served : s->from;
    char day[11];
    xxgk_date_format(from, day);
    xxgk_cal_add_workdays(c, from, 20, &until);
    /* the law counts from receipt: say which day stood for it */
    snprintf(out->counted_from, sizeof out->counted_from,
             "缴费期限自 %s（%s）的次日起算（109号）", day,
             from != served ? "发出收费通知之日，未登记送达"
             : by_record    ? "送达之日，按送达记录"
                            : "送达之日，按“收费通知送达”");
  }
  if (!until)
    return;
  xxgk_date_format(until, out->pause_until);
  if (today > until)
    snprintf(out->remind, sizeof out->remind, "%s", REMIND[s->kind]);
}

/* The end of the stretch of days after d in which the same stops cover
 * every day and every day is on the same side of `today`: the next stop
 * boundary, `today` or `last`, whichever comes first. */
static xxgk_date stretch_end(const struct stop *s, int n, xxgk_date d,
                             xxgk_date last, xxgk_date today) {
  xxgk_date e = last;
  for (int i = 0; i < n; i++) {
    if (s[i].from > d && s[i].from < e)
      e = s[i].from;
    if (s[i].to > d && s[i].to < e)
      e = s[i].to;
  }
  return today > d && today < e ? today : e;
}

/* The first stop (in the order they began) covering day d, or NULL. */
static const struct stop *stopped(const struct stop *s, int n, xxgk_date d) {
  for (int i = 0; i < n; i++)
    if (d > s[i].from && d <= s[i].to)
      return &s[i];
  return NULL;
}

/* Marks the deadline 暂定 when the days counted, (start, end], run through
 * a year with no published notice. */
static void mark_provisional(const xxgk_cal *c, xxgk_date start,
                             xxgk_date end, xxgk_due *out) {
  int y = end > start ? cal_first_provisional(c, start + 1, end) : 0;
  if (!y)
    return;
  out->provisional = y;
  struct text t = {out->note, sizeof out->note, 0};
  put(&t, "暂定：");
  put_num(&t, y);
  put(&t, " 年放假安排尚未公布，按《全国年节及纪念日放假办法》推算"
          "（不含调休），公布后导入即重算");
}

xxgk_status reg_compute_due(xxgk_reg *r, const struct ev_list *l,
                            xxgk_date today, xxgk_due *out) {
  memset(out, 0, sizeof *out);
  struct stop stops[64];
  int n = 0, open[3] = {-1, -1, -1}; /* correction, consult, fee */
  xxgk_date start = l->received, served = 0, period = 0;
  int by_record = 0; /* served: a delivery record, not a fee-served step */
  int closed = 0, extended = 0, late_correction = 0;
  const xxgk_cal *c = r->cal;
  for (int i = 0; i < l->n; i++) {
    const struct ev *e = &l->v[i];
    int which = -1, begin = 0;
    const char *why = NULL;
    switch (e->kind) {
    case XXGK_EV_CORRECTION_REQUESTED:
      /* a notice after art. 30's 7 working days stops nothing */
      late_correction = !reg_correction_timely(c, l->received, e->date);
      if (!late_correction) {
        which = 0;
        begin = 1;
        why = "等待申请人补正";
      }
      break;
    case XXGK_EV_CORRECTION_RECEIVED:
      if (late_correction)
        break;
      /* the count starts anew: earlier stops no longer matter */
      start = e->date;
      n = 0;
      open[0] = open[1] = open[2] = -1;
      break;
    case XXGK_EV_CONSULT_STARTED: which = 1; begin = 1; why = "等待第三方意见"; break;
    case XXGK_EV_CONSULT_ANSWERED: which = 1; break;
    case XXGK_EV_FEE_NOTICE:
      which = 2;
      begin = 1;
      why = "等待申请人缴纳信息处理费";
      served = e->delivered;
      by_record = e->delivered != 0;
      break;
    case XXGK_EV_FEE_PAID: which = 2; break;
    case XXGK_EV_FEE_SERVED:
      if (!by_record)
        served = e->date;
      break;
    case XXGK_EV_EXTENDED: extended = 1; break;
    case XXGK_EV_PERIOD_SET: period = e->until; break;
    case XXGK_EV_REASONS_REQUESTED:
    case XXGK_EV_REASONS_GIVEN: break;
    default: closed = 1; break;
    }
    if (which < 0)
      continue;
    if (begin && open[which] < 0 && n < 64) {
      stops[n] = (struct stop){e->date, OPEN_END, why, which, e->until};
      open[which] = n++;
    } else if (!begin && open[which] >= 0) {
      stops[open[which]].to = e->date;
      open[which] = -1;
    }
  }
  int base = reg_limit(l->received);
  out->limit = extended ? 2 * base : base;
  /* Walk the days after `start` a stretch at a time: a day counts when it
   * is a working day off every stop. Within a stretch ending at the next
   * stop boundary, at `today` or before the first day the calendar lacks,
   * the covering stops are the same, so the stretch's working days come
   * from the calendar's index at once. Stop at the limit, or at an open
   * stop. */
  xxgk_date gap = cal_gap(c, start + 1);
  int used = 0, used_today = 0, paused_days = 0;
  xxgk_date d = start, due = 0; /* the days in (start, d] are walked */
  const struct stop *pause = NULL;
  while (used < out->limit) {
    if (d + 1 >= gap) {
      out->state = XXGK_DUE_UNKNOWN;
      snprintf(out->why, sizeof out->why,
               "%d 年超出节假日日历的范围（%d–%d 年），无法计算答复期限",
               xxgk_date_year(d + 1), XXGK_CAL_FIRST_YEAR, XXGK_CAL_LAST_YEAR);
      out->used = used_today;
      return XXGK_OK;
    }
    xxgk_date e = stretch_end(stops, n, d, gap - 1, today);
    const struct stop *s = stopped(stops, n, d + 1);
    if (s && s->to == OPEN_END) {
      pause = s;
      break;
    }
    int work = cal_workdays(c, d, e);
    if (s) {
      paused_days += work;
    } else if (used + work >= out->limit) {
      e = cal_nth_workday(c, d, out->limit - used);
      work = out->limit - used;
    }
    if (!s)
      used += work;
    if (!s && e <= today)
      used_today = used;
    d = e;
  }
  out->used = used_today;
  mark_provisional(c, start, d, out);
  if (pause) {
    out->state = closed ? XXGK_DUE_CLOSED : XXGK_DUE_PAUSED;
    out->left = out->limit - used_today;
    struct text t = {out->why, sizeof out->why, 0};
    put(&t, "计时暂停：");
    put(&t, pause->why);
    put(&t, "（已用 ");
    put_num(&t, used);
    put(&t, " 个工作日）");
    if (!closed)
      pause_limit(c, pause, served, by_record, today, out);
    return XXGK_OK;
  }
  due = d > period ? d : period;
  xxgk_date_format(due, out->due);
  out->state = closed ? XXGK_DUE_CLOSED : XXGK_DUE_RUNNING;
  out->left = out->limit - used_today;
  if (today > due) {
    /* overdue: count the working days past the due date, up to today,
     * off every stop (at most 10,000, as far as the calendar goes) */
    int over = 0;
    xxgk_date g = cal_gap(c, due + 1);
    for (xxgk_date x = due; x < today && x + 1 < g && over < 10000;) {
      xxgk_date e = stretch_end(stops, n, x, g - 1, today);
      if (!stopped(stops, n, x + 1))
        over += cal_workdays(c, x, e);
      x = e;
    }
    out->left = -(over < 10000 ? over : 10000);
  } else if (due > d) { /* art. 35's date, later than the count */
    out->left = cal_workdays(c, today, due);
  }
  struct text t = {out->why, sizeof out->why, 0};
  put(&t, start == l->received ? "自收到申请次日起算 " : "自收到补正次日起算 ");
  put_num(&t, out->limit);
  put(&t, " 个工作日");
  if (extended) {
    put(&t, "（含延期 ");
    put_num(&t, base);
    put(&t, " 日）");
  }
  if (due > d)
    put(&t, "，按条例第三十五条确定的延迟答复期限");
  if (paused_days) {
    put(&t, "，暂停 ");
    put_num(&t, paused_days);
    put(&t, " 个工作日不计");
  }
  return XXGK_OK;
}

xxgk_status xxgk_reg_case_due(xxgk_reg *r, int64_t id, xxgk_date today,
                              xxgk_due *out) {
  struct ev_list l = {0};
  xxgk_status st = reg_begin(r, 0);
  if (st == XXGK_OK)
    st = reg_load_events(r, id, &l);
  if (st == XXGK_OK)
    st = reg_compute_due(r, &l, today, out);
  ev_list_free(&l);
  return reg_end(r, st);
}
