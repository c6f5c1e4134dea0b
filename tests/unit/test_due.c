/*
 * test_due.c — the working-day index and the deadline against the
 * definitions, day by day, over seeded random cases: the library counts
 * stretches of days through the calendar's index; the reference here asks
 * every day on its own.
 *
 * The oracle calendar is read here from the bundled TSV text itself: Mon–Fri
 * work unless listed holiday, Sat/Sun rest unless listed workday, a year
 * covered when its 01-01 and 10-01 are listed holidays; a year of the range
 * not covered follows the 放假办法 from the festival dates of
 * tests/data/lunar-dates.tsv (a maintained package's lunar table), which
 * cal_lunar.c must also reproduce for every year 2008–2100. The reference
 * deadline decides each day from the rules and the events (below), on the
 * oracle calendar. Every field of xxgk_due must match.
 *
 * Usage: test_due DATA_DIR [CASES]   (default 40,000 random event lists)
 */
#include "h_db.h"
#include "harness.h"
#include "reg.h"
#include "xxgk_register.h"

#include "cal.h"

#include <stdlib.h>

extern const char xxgk_cal_bundled[]; /* cal_data.c */

static uint64_t seed = 0x2545F4914F6CDD1Du;
static uint32_t rnd(uint32_t n) {
  seed ^= seed << 13;
  seed ^= seed >> 7;
  seed ^= seed << 17;
  return (uint32_t)(seed % n);
}

/* ## The oracle calendar: the listed days, a later line winning */

static struct {
  xxgk_date d;
  int work;
} listed[4096];
static int n_listed;

static void oracle_load(const char *tsv) {
  for (const char *s = tsv; *s;) {
    const char *eol = strchr(s, '\n');
    size_t len = eol ? (size_t)(eol - s) : strlen(s);
    char date[11];
    xxgk_date d;
    if (len > 12 && s[0] != '#' && s[10] == '\t') {
      memcpy(date, s, 10);
      date[10] = 0;
      if (xxgk_date_parse(date, &d) == 0) {
        int i = 0;
        while (i < n_listed && listed[i].d != d)
          i++;
        if (i == n_listed && n_listed < 4096)
          n_listed++;
        listed[i].d = d;
        listed[i].work = s[11] == 'w';
      }
    }
    s += len + (eol != NULL);
  }
}

static int oracle_listed(xxgk_date d, int *work) {
  for (int i = 0; i < n_listed; i++)
    if (listed[i].d == d) {
      *work = listed[i].work;
      return 1;
    }
  return 0;
}

static int oracle_covers(int year) {
  char s[11];
  xxgk_date a, b;
  int w1 = 1, w2 = 1;
  snprintf(s, sizeof s, "%04d-01-01", year);
  if (xxgk_date_parse(s, &a) != 0)
    return 0;
  snprintf(s, sizeof s, "%04d-10-01", year);
  xxgk_date_parse(s, &b);
  return oracle_listed(a, &w1) && !w1 && oracle_listed(b, &w2) && !w2;
}

/* ## The festivals of the package's table, and the 放假办法's rule */

static struct cal_festivals table[100]; /* 2008 + i */
static int n_table;

static void table_load(const char *dir) {
  char path[512], line[256];
  snprintf(path, sizeof path, "%s/lunar-dates.tsv", dir);
  FILE *f = fopen(path, "r");
  CHECK(f != NULL, "cannot read %s", path);
  while (f && fgets(line, sizeof line, f)) {
    char a[11], b[11], c[11], d[11];
    int y;
    if (line[0] == '#' ||
        sscanf(line, "%d %10s %10s %10s %10s", &y, a, b, c, d) != 5)
      continue;
    struct cal_festivals *t = &table[y - 2008];
    xxgk_date_parse(a, &t->spring);
    xxgk_date_parse(b, &t->qingming);
    xxgk_date_parse(c, &t->duanwu);
    xxgk_date_parse(d, &t->zhongqiu);
    n_table = y - 2008 + 1;
  }
  if (f)
    fclose(f);
  CHECK_INT(n_table, 93);
}

/* Whether d is a holiday of a year without a notice: the statutory days,
 * and for each one on a weekend or on another holiday, in date order of
 * the blocks, the next weekday after its block not already off. */
static int oracle_statutory(xxgk_date d) {
  int y = xxgk_date_year(d);
  if (y - 2008 >= n_table)
    return 0;
  struct cal_festivals f0 = table[y - 2008];
  const struct cal_festivals *f = &f0;
  if (!f0.qingming) /* 2100: past the table's formula */
    f0.qingming = date_from_ymd(y, 4, 5);
  xxgk_date first[7] = {date_from_ymd(y, 1, 1), f->spring - 1, f->qingming,
                        date_from_ymd(y, 5, 1), f->duanwu, f->zhongqiu,
                        date_from_ymd(y, 10, 1)};
  int days[7] = {1, 4, 1, 2, 1, 1, 3}, order[7] = {0, 1, 2, 3, 4, 5, 6};
  if (f->zhongqiu >= first[6]) { /* 中秋 after 国庆 starts */
    order[5] = 6;
    order[6] = 5;
  }
  xxgk_date off[32];
  int n = 0;
  for (int i = 0; i < 7; i++) {
    int b = order[i], lost = 0;
    for (xxgk_date x = first[b]; x < first[b] + days[b]; x++) {
      int dup = 0;
      for (int j = 0; j < n; j++)
        dup |= off[j] == x;
      lost += dup || xxgk_date_weekday(x) > 5;
      if (!dup)
        off[n++] = x;
    }
    for (xxgk_date x = first[b] + days[b]; lost; x++) {
      int dup = 0;
      for (int j = 0; j < n; j++)
        dup |= off[j] == x;
      if (!dup && xxgk_date_weekday(x) <= 5) {
        off[n++] = x;
        lost--;
      }
    }
  }
  for (int j = 0; j < n; j++)
    if (off[j] == d)
      return 1;
  return 0;
}

/* 0 and *work, or -1 for a day outside the calendar's range (the table's
 * years). */
static int oracle_workday(xxgk_date d, int *work) {
  int y = xxgk_date_year(d);
  if (y < 2008 || y - 2008 >= n_table)
    return -1;
  if (!oracle_listed(d, work))
    *work = xxgk_date_weekday(d) <= 5 &&
            (oracle_covers(y) || !oracle_statutory(d));
  return 0;
}

/* Years 2016–2040 memoised: the reference walks millions of days. */
#define MEMO_FROM 16801 /* 2016-01-01 */
#define MEMO_DAYS 9132  /* to 2040-12-31 */
static signed char memo[MEMO_DAYS];

static void memo_build(void) {
  for (int i = 0; i < MEMO_DAYS; i++) {
    int w;
    memo[i] = (signed char)(oracle_workday(MEMO_FROM + i, &w) ? -1 : w);
  }
}

static int workday(xxgk_date d, int *work) {
  if (d < MEMO_FROM || d >= MEMO_FROM + MEMO_DAYS)
    return oracle_workday(d, work);
  *work = memo[d - MEMO_FROM];
  return *work < 0 ? -1 : 0;
}

static xxgk_date D(const char *s) {
  xxgk_date d = 0;
  CHECK(xxgk_date_parse(s, &d) == 0, "date %s", s);
  return d;
}

/* Every day of 2016–2040, and N-th working days from random days. */
static void compare_calendar(const xxgk_cal *c, int rounds) {
  int bad = 0;
  for (xxgk_date d = MEMO_FROM; d < MEMO_FROM + MEMO_DAYS && bad < 5; d++) {
    int w = -1, ow = -1;
    int st = xxgk_cal_is_workday(c, d, &w) == XXGK_OK ? 0 : -1;
    int ost = workday(d, &ow);
    if (st != ost || (st == 0 && w != ow)) {
      char s[11];
      xxgk_date_format(d, s);
      CHECK(0, "%s: index %d/%d, oracle %d/%d", s, st, w, ost, ow);
      bad++;
    }
  }
  for (int y = 1899; y <= 3001; y++)
    if (xxgk_cal_covers(c, y) != oracle_covers(y) && bad++ < 5)
      CHECK(0, "covers %d", y);
  for (int k = 0; k < rounds && bad < 5; k++) {
    xxgk_date d = MEMO_FROM + (xxgk_date)rnd(MEMO_DAYS);
    int n = (int)rnd(80) - 2;
    xxgk_date out = 0, ref = d;
    int st = xxgk_cal_add_workdays(c, d, n, &out) == XXGK_OK ? 0 : -1;
    int ost = 0;
    for (int left = n; left > 0 && ost == 0;) {
      int w = 0; /* the oracle leaves it unset past the calendar's years */
      ref++;
      ost = workday(ref, &w);
      left -= w;
    }
    if (st != ost || (st == 0 && out != ref)) {
      CHECK(0, "add_workdays(%d, %d): index %d/%d, oracle %d/%d", d, n, st,
            out, ost, ref);
      bad++;
    }
  }
  CHECK(bad == 0, "calendar index differs from the definition");
}

static void test_calendar(void) {
  xxgk_cal *c;
  CHECK_INT(xxgk_cal_open(NULL, 0, &c), XXGK_OK);
  oracle_load(xxgk_cal_bundled);
  memo_build();
  compare_calendar(c, 200000);
  /* a user's lines: 2027 covered, a holiday turned into a workday, and a
   * malformed line after a good one (the good one is kept) */
  const char *more = "2027-01-01\tholiday\t元旦\n"
                     "2027-10-01\tholiday\t国庆节\n"
                     "2027-10-02\tholiday\t国庆节\n"
                     "2024-10-07\tworkday\t假设的调休\n"
                     "2028-01-01\tholiday\t元旦\n"
                     "2028-13-01\tholiday\t坏行\n";
  CHECK_INT(xxgk_cal_load(c, more, strlen(more)), XXGK_E_REFUSED);
  oracle_load(more);
  memo_build();
  CHECK(xxgk_cal_covers(c, 2027) && !xxgk_cal_covers(c, 2028),
        "2027 covered, 2028 not");
  int w = 0;
  CHECK_INT(xxgk_cal_is_workday(c, D("2024-10-07"), &w), XXGK_OK);
  CHECK_INT(w, 1);
  CHECK_INT(xxgk_cal_is_workday(c, D("2028-01-03"), &w), XXGK_OK);
  CHECK_INT(w, 0); /* 2028 provisional: 元旦 on a Saturday, made up Monday */
  CHECK(xxgk_cal_provisional(c, 2028) && !xxgk_cal_provisional(c, 2027),
        "2028 provisional, 2027 published");
  CHECK_INT(xxgk_cal_is_workday(c, D("2101-01-03"), &w), XXGK_E_REFUSED);
  CHECK_INT(xxgk_cal_is_workday(c, D("2007-12-31"), &w), XXGK_E_REFUSED);
  compare_calendar(c, 200000);
  xxgk_cal_close(c);
}

/* ## The reference deadline, day by day from the definitions
 *
 * The rules of xxgk_register.h ("Deadlines"), each day decided on its own:
 *  - the count starts the day after receipt, or after the last 补正
 *    received (what came before it no longer matters); a 补正 notice
 *    after the 7th working day from receipt (art. 30; not under the 2007
 *    条例) and the 补正 answering it are as if not recorded;
 *  - a wait (for a 补正, a third party's answer or a fee) is on from the
 *    day after it is asked up to and including the day it is answered, or
 *    for good while unanswered; asking again while it is on changes
 *    nothing, an answer to nothing is nothing;
 *  - a working day counts unless a wait is on; the reply is due on the
 *    20th counted day, the 40th after an extension (15 and 30 for an
 *    application received before 2019-05-15, under the 2007 条例);
 *  - a wait on for good before the due day pauses the clock; a final
 *    event (reply, withdrawal, lapsed fee) closes the application.
 * No stop list and no stretches: each day asks the events again. */

enum { W_CORRECTION, W_CONSULT, W_FEE, N_WAITS };

/* +1 if event kind k asks for wait *w, -1 if it answers it, else 0. */
static int wait_of(xxgk_event_kind k, int *w) {
  switch (k) {
  case XXGK_EV_CORRECTION_REQUESTED: *w = W_CORRECTION; return 1;
  case XXGK_EV_CONSULT_STARTED: *w = W_CONSULT; return 1;
  case XXGK_EV_CONSULT_ANSWERED: *w = W_CONSULT; return -1;
  case XXGK_EV_FEE_NOTICE: *w = W_FEE; return 1;
  case XXGK_EV_FEE_PAID: *w = W_FEE; return -1;
  default: *w = -1; return 0;
  }
}

static const char *const WAIT_WHY[N_WAITS] = {
    "等待申请人补正", "等待第三方意见", "等待申请人缴纳信息处理费"};

/* What is on on a day: the wait asked first (by its place in the list) of
 * those on, or -1; and whether it is never answered. */
struct day_wait {
  int wait, for_good;
};

/* The waits on on day d, for the events from list position `from` on.
 * They depend only on which events are dated before d. */
static struct day_wait waits_on(const struct ev_list *l, int from,
                                xxgk_date d) {
  struct day_wait r = {-1, 0};
  int first = INT32_MAX;
  for (int w = 0; w < N_WAITS; w++) {
    int asked = -1, i = from, k;
    for (; i < l->n && l->v[i].date < d; i++) {
      int dir = wait_of(l->v[i].kind, &k);
      if (k == w && dir > 0 && asked < 0)
        asked = i;
      else if (k == w && dir < 0)
        asked = -1;
    }
    if (asked < 0 || asked >= first)
      continue;
    int answered = 0;
    for (; i < l->n; i++)
      answered |= wait_of(l->v[i].kind, &k) < 0 && k == w;
    first = asked;
    r = (struct day_wait){w, !answered};
  }
  return r;
}

/* waits_on for any day, cached by the number of events dated before it. */
struct waits {
  const struct ev_list *l;
  int from;
  struct day_wait by_before[16];
  int known[16];
};

static struct day_wait wait_on(struct waits *c, xxgk_date d) {
  int before = 0;
  while (before < c->l->n && c->l->v[before].date < d)
    before++;
  if (!c->known[before]) {
    c->by_before[before] = waits_on(c->l, c->from, d);
    c->known[before] = 1;
  }
  return c->by_before[before];
}

/* The events without the late 补正 notices and the 补正 answering them. */
static void drop_late_corrections(const struct ev_list *in,
                                  struct ev_list *out, struct ev *v) {
  *out = *in;
  out->v = v;
  out->n = 0;
  int late = 0;
  for (int i = 0; i < in->n; i++) {
    const struct ev *e = &in->v[i];
    if (e->kind == XXGK_EV_CORRECTION_REQUESTED) {
      int wd = 0, w = 0; /* working days before the notice's day */
      for (xxgk_date x = in->received + 1; x < e->date && wd < 7; x++)
        if (workday(x, &w) == 0)
          wd += w;
      late = in->received >= D("2019-05-15") && wd >= 7;
    }
    if (!(late && (e->kind == XXGK_EV_CORRECTION_REQUESTED ||
                   e->kind == XXGK_EV_CORRECTION_RECEIVED)))
      v[out->n++] = *e;
  }
}

/* 暂定: the first year of the days counted, (start, last], with no notice. */
static void ref_provisional(xxgk_date start, xxgk_date last, xxgk_due *out) {
  for (xxgk_date x = start + 1; x <= last && !out->provisional; x++)
    if (!oracle_covers(xxgk_date_year(x)))
      out->provisional = xxgk_date_year(x);
}

static void ref_due(const struct ev_list *all, xxgk_date today,
                    xxgk_due *out) {
  memset(out, 0, sizeof *out);
  struct ev kept[16];
  struct ev_list list;
  drop_late_corrections(all, &list, kept);
  const struct ev_list *l = &list;
  int base = l->received < D("2019-05-15") ? 15 : 20;
  int from = 0, closed = 0, extended = 0;
  xxgk_date start = l->received;
  for (int i = 0; i < l->n; i++) {
    xxgk_event_kind k = l->v[i].kind;
    if (k == XXGK_EV_CORRECTION_RECEIVED)
      start = l->v[i].date, from = i + 1;
    extended |= k == XXGK_EV_EXTENDED;
    closed |=
        k == XXGK_EV_REPLY || k == XXGK_EV_WITHDRAWN || k == XXGK_EV_FEE_LAPSED;
  }
  struct waits c = {.l = l, .from = from};
  out->limit = extended ? 2 * base : base;
  int counted = 0, by_today = 0, waited = 0;
  xxgk_date d = start;
  while (counted < out->limit) {
    d++;
    int work;
    if (workday(d, &work) != 0) {
      out->state = XXGK_DUE_UNKNOWN;
      snprintf(out->why, sizeof out->why,
               "%d 年超出节假日日历的范围（%d–%d 年），无法计算答复期限",
               xxgk_date_year(d), XXGK_CAL_FIRST_YEAR, XXGK_CAL_LAST_YEAR);
      out->used = by_today;
      return;
    }
    struct day_wait w = wait_on(&c, d);
    if (w.wait >= 0 && w.for_good) {
      ref_provisional(start, d - 1, out);
      out->state = closed ? XXGK_DUE_CLOSED : XXGK_DUE_PAUSED;
      out->used = by_today;
      out->left = out->limit - by_today;
      snprintf(out->why, sizeof out->why, "计时暂停：%s（已用 %d 个工作日）",
               WAIT_WHY[w.wait], counted);
      return;
    }
    waited += work && w.wait >= 0;
    if (work && w.wait < 0 && ++counted && d <= today)
      by_today = counted;
  }
  ref_provisional(start, d, out);
  xxgk_date_format(d, out->due);
  out->state = closed ? XXGK_DUE_CLOSED : XXGK_DUE_RUNNING;
  out->used = by_today;
  out->left = out->limit - by_today;
  int over = 0, work;
  for (xxgk_date x = d + 1; x <= today && over < 10000; x++) {
    if (workday(x, &work) != 0)
      break;
    over += work && wait_on(&c, x).wait < 0;
  }
  if (today > d)
    out->left = -over;
  char extra[64] = "";
  if (waited)
    snprintf(extra, sizeof extra, "，暂停 %d 个工作日不计", waited);
  snprintf(out->why, sizeof out->why, "%s次日起算 %d 个工作日%s%s",
           start == l->received ? "自收到申请" : "自收到补正", out->limit,
           extended ? (base == 15 ? "（含延期 15 日）" : "（含延期 20 日）") : "",
           extra);
}

/* Random event lists in date order, of any kinds in any order (wider than
 * the rules allow: the computation must agree on every list), received
 * from 2018 to 2027 (provisional) and, now and then, at the end of the
 * calendar's range (2100), where deadlines become unknown. */
static void test_deadlines(long cases) {
  xxgk_reg *r;
  xxgk_status st = xxgk_reg_open(h_db(), XXGK_OPT_CREATE, &r);
  CHECK_INT(st, XXGK_OK);
  struct ev v[12];
  long bad = 0, by_state[4] = {0};
  for (long k = 0; k < cases && bad < 5; k++) {
    struct ev_list l = {.v = v};
    l.received = rnd(20) ? D("2018-06-01") + (xxgk_date)rnd(9 * 365)
                         : D("2100-10-01") + (xxgk_date)rnd(90);
    l.n = (int)rnd(8);
    xxgk_date at = l.received;
    for (int i = 0; i < l.n; i++) {
      at += (xxgk_date)(rnd(4) ? rnd(25) : rnd(120));
      v[i] = (struct ev){.id = i + 1,
                         /* the kinds that move the clock; art. 35's
                          * period and the fee's delivery are tested by
                          * hand (test_procedure.c) */
                         .kind = (xxgk_event_kind)rnd(XXGK_EV_REPLY + 1),
                         .date = at};
    }
    /* a final event, when drawn, is last (as in a register) */
    for (int i = 0; i + 1 < l.n; i++)
      if (v[i].kind == XXGK_EV_REPLY || v[i].kind == XXGK_EV_WITHDRAWN ||
          v[i].kind == XXGK_EV_FEE_LAPSED)
        v[i].kind = XXGK_EV_EXTENDED;
    xxgk_date today = l.received - 10 + (xxgk_date)rnd(rnd(8) ? 500 : 4000);
    xxgk_due fast, ref;
    CHECK_INT(reg_compute_due(r, &l, today, &fast), XXGK_OK);
    ref_due(&l, today, &ref);
    by_state[ref.state]++;
    if (fast.state != ref.state || strcmp(fast.due, ref.due) != 0 ||
        fast.limit != ref.limit || fast.used != ref.used ||
        fast.left != ref.left || strcmp(fast.why, ref.why) != 0 ||
        fast.provisional != ref.provisional ||
        !fast.note[0] != !fast.provisional) {
      CHECK(0,
            "case %ld (received %d, %d events, today %d): fast %d %s %d/%d/%d "
            "\"%s\" 暂定 %d, reference %d %s %d/%d/%d \"%s\" 暂定 %d",
            k, l.received, l.n, today, fast.state, fast.due, fast.limit,
            fast.used, fast.left, fast.why, fast.provisional, ref.state,
            ref.due, ref.limit, ref.used, ref.left, ref.why, ref.provisional);
      bad++;
    }
  }
  CHECK(bad == 0, "deadlines differ from the day-by-day definition");
  /* the draw reaches every state */
  for (int s = 0; s < 4; s++)
    CHECK(by_state[s] > cases / 100, "state %d drawn %ld times", s,
          by_state[s]);
  fprintf(stderr, "%ld deadlines: running %ld, paused %ld, closed %ld, "
                  "unknown %ld\n",
          cases, by_state[0], by_state[1], by_state[2], by_state[3]);
  xxgk_reg_close(r);
}

/* cal_lunar.c against the package's table, every year 2008–2100; the
 * festivals of every published year fall on its official holidays; and
 * for the years published under the amended 办法 (2025 on), every day the
 * rule makes a holiday is one in the notice — the rule is never more
 * generous than the State Council. */
static void test_festivals(void) {
  int bad = 0;
  for (int i = 0; i < n_table; i++) {
    struct cal_festivals f;
    cal_festivals(2008 + i, &f);
    const struct cal_festivals *t = &table[i];
    if (f.spring != t->spring || (t->qingming && f.qingming != t->qingming) ||
        f.duanwu != t->duanwu || f.zhongqiu != t->zhongqiu) {
      CHECK(0, "%d: 春节/清明/端午/中秋 %d %d %d %d, table %d %d %d %d",
            2008 + i, f.spring, f.qingming, f.duanwu, f.zhongqiu, t->spring,
            t->qingming, t->duanwu, t->zhongqiu);
      bad++;
    }
  }
  CHECK(bad == 0, "the astronomical festivals differ from the table");
  xxgk_cal *c;
  CHECK_INT(xxgk_cal_open(NULL, 0, &c), XXGK_OK);
  for (int y = 2008; y <= 2026; y++) {
    CHECK(xxgk_cal_covers(c, y), "%d published", y);
    const struct cal_festivals *t = &table[y - 2008];
    xxgk_date days[4] = {t->spring, t->qingming, t->duanwu, t->zhongqiu};
    for (int k = 0; k < 4; k++) {
      int w = 1;
      xxgk_cal_is_workday(c, days[k], &w);
      CHECK(!w, "%d: festival %d (day %d) is an official holiday", y, k,
            days[k]);
    }
    if (y < 2025)
      continue;
    for (xxgk_date d = date_from_ymd(y, 1, 1); d < date_from_ymd(y + 1, 1, 1);
         d++) {
      int w = 1;
      xxgk_cal_is_workday(c, d, &w);
      if (oracle_statutory(d))
        CHECK(!w, "%d: day %d the rule gives off is off in the notice", y, d);
    }
  }
  xxgk_cal_close(c);
}

int main(int argc, char **argv) {
  h_db_start();
  if (argc < 2) {
    fprintf(stderr, "usage: test_due DATA_DIR [CASES]\n");
    return 2;
  }
  long cases = argc > 2 ? strtol(argv[2], NULL, 10) : 40000;
  table_load(argv[1]);
  test_festivals();
  test_calendar();
  /* the register's calendar is the bundled one: back to it */
  n_listed = 0;
  oracle_load(xxgk_cal_bundled);
  memo_build();
  test_deadlines(cases);
  return h_summary();
}
