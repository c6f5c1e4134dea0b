/*
 * test_due.c — the working-day index and the deadline against the
 * definitions, day by day, over seeded random cases: the library counts
 * stretches of days through the calendar's index; the reference here asks
 * every day on its own.
 *
 * The oracle calendar is read here from the bundled TSV text itself: Mon–Fri
 * work unless listed holiday, Sat/Sun rest unless listed workday, a year
 * covered when its 01-01 and 10-01 are listed holidays. The reference
 * deadline decides each day from the rules and the events (below), on the
 * oracle calendar. Every field of xxgk_due must match.
 *
 * Usage: test_due [CASES]   (default 40,000 random event lists)
 */
#include "harness.h"
#include "reg.h"
#include "xxgk_register.h"

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

/* 0 and *work, or -1 for a day of a year not covered. */
static int oracle_workday(xxgk_date d, int *work) {
  if (!oracle_covers(xxgk_date_year(d)))
    return -1;
  if (!oracle_listed(d, work))
    *work = xxgk_date_weekday(d) <= 5;
  return 0;
}

/* Years 2016–2029 memoised: the reference walks millions of days. */
#define MEMO_FROM 16801 /* 2016-01-01 */
#define MEMO_DAYS 5114  /* to 2029-12-31 */
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

/* Every day of 2016–2029, and N-th working days from random days. */
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
  CHECK_INT(xxgk_cal_is_workday(c, D("2028-01-03"), &w), XXGK_E_REFUSED);
  compare_calendar(c, 200000);
  xxgk_cal_close(c);
}

/* ## The reference deadline, day by day from the definitions
 *
 * The rules of xxgk_register.h ("Deadlines"), each day decided on its own:
 *  - the count starts the day after receipt, or after the last 补正
 *    received (what came before it no longer matters);
 *  - a wait (for a 补正, a third party's answer or a fee) is on from the
 *    day after it is asked up to and including the day it is answered, or
 *    for good while unanswered; asking again while it is on changes
 *    nothing, an answer to nothing is nothing;
 *  - a working day counts unless a wait is on; the reply is due on the
 *    20th counted day, the 40th after an extension;
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

static void ref_due(const struct ev_list *l, xxgk_date today, xxgk_due *out) {
  memset(out, 0, sizeof *out);
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
  out->limit = extended ? 40 : 20;
  int counted = 0, by_today = 0, waited = 0;
  xxgk_date d = start;
  while (counted < out->limit) {
    d++;
    int work;
    if (workday(d, &work) != 0) {
      out->state = XXGK_DUE_UNKNOWN;
      snprintf(out->why, sizeof out->why,
               "节假日日历缺少 %d 年的放假安排，无法计算答复期限",
               xxgk_date_year(d));
      out->used = by_today;
      return;
    }
    struct day_wait w = wait_on(&c, d);
    if (w.wait >= 0 && w.for_good) {
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
  char extra[160] = "";
  if (waited)
    snprintf(extra, sizeof extra, "，暂停 %d 个工作日不计", waited);
  snprintf(out->why, sizeof out->why, "%s次日起算 %d 个工作日%s%s",
           start == l->received ? "自收到申请" : "自收到补正", out->limit,
           extended ? "（含延期 20 日）" : "", extra);
}

/* Random event lists in date order, of any kinds in any order (wider than
 * the rules allow: the computation must agree on every list), received
 * from 2018 (not covered) to 2027 (covered only after the user's lines). */
static void test_deadlines(long cases) {
  xxgk_reg *r;
  xxgk_status st = xxgk_reg_open(":memory:", XXGK_OPT_CREATE, &r);
  CHECK_INT(st, XXGK_OK);
  struct ev v[12];
  long bad = 0, by_state[4] = {0};
  for (long k = 0; k < cases && bad < 5; k++) {
    struct ev_list l = {.v = v};
    l.received = D("2018-06-01") + (xxgk_date)rnd(9 * 365);
    l.n = (int)rnd(8);
    xxgk_date at = l.received;
    for (int i = 0; i < l.n; i++) {
      at += (xxgk_date)(rnd(4) ? rnd(25) : rnd(120));
      v[i] = (struct ev){.id = i + 1,
                         .kind = (xxgk_event_kind)rnd(XXGK_N_EVENTS),
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
        fast.left != ref.left || strcmp(fast.why, ref.why) != 0) {
      CHECK(0,
            "case %ld (received %d, %d events, today %d): fast %d %s %d/%d/%d "
            "\"%s\", reference %d %s %d/%d/%d \"%s\"",
            k, l.received, l.n, today, fast.state, fast.due, fast.limit,
            fast.used, fast.left, fast.why, ref.state, ref.due, ref.limit,
            ref.used, ref.left, ref.why);
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

int main(int argc, char **argv) {
  long cases = argc > 1 ? strtol(argv[1], NULL, 10) : 40000;
  test_calendar();
  /* the register's calendar is the bundled one: back to it */
  n_listed = 0;
  oracle_load(xxgk_cal_bundled);
  memo_build();
  test_deadlines(cases);
  return h_summary();
}
