/*
 * test_queue.c — the clerk's work queue against a reference: over a
 * generated register (an office and two units, 500 applications received
 * over eighteen months, some replied, some paused for a consultation or a
 * 补正 and some of those resumed, some extended; clerks of the units and
 * of the office assigned at random), for several days, every clerk filter
 * and every order, xxgk_reg_queue's counts and rows equal those of the
 * plain way: each open application's deadline from xxgk_reg_case_due,
 * classed and sorted here.
 */
#include "h_calls.h"
#include "h_db.h"
#include "harness.h"
#include "xxgk_register.h"

#include <stdlib.h>
#include <string.h>

static unsigned rnd_state = 20261207;
static unsigned rnd(unsigned n) {
  rnd_state = rnd_state * 1103515245u + 12345u;
  return (rnd_state >> 8) % n;
}

static xxgk_date D(const char *s) {
  xxgk_date d = 0;
  xxgk_date_parse(s, &d);
  return d;
}

static void ev(xxgk_reg *r, int64_t id, xxgk_event_kind k, xxgk_date d,
               xxgk_date until) {
  char ds[11], us[11];
  xxgk_date_format(d, ds);
  xxgk_date_format(until, us);
  xxgk_event e = {.case_id = id, .kind = k, .date = ds,
                  .until = until ? us : NULL,
                  .outcome = k == XXGK_EV_REPLY ? "granted" : NULL,
                  .basis = k == XXGK_EV_REPLY ? "条例第二十七条" : NULL};
  xxgk_reg_event_add(r, &e); /* a step the rules refuse is just not taken */
}

static const char *const CLERKS[] = {"王敏", "李华", "赵强", "周洁"};

static xxgk_reg *generate(void) {
  xxgk_reg *r;
  xxgk_reg_open(h_db(), XXGK_OPT_CREATE, &r);
  xxgk_reg_set_today(r, D("2026-06-30"));
  xxgk_agency office = {.name = "某区政府办公室"};
  xxgk_reg_agency_add(r, &office);
  xxgk_agency u1 = {.parent_id = office.id, .name = "某区教育局"};
  xxgk_agency u2 = {.parent_id = office.id, .name = "某区自然资源局"};
  xxgk_reg_agency_add(r, &u1);
  xxgk_reg_agency_add(r, &u2);
  xxgk_reg_user_add(r, office.id, "王敏"); /* may take any unit's */
  xxgk_reg_user_add(r, u1.id, "李华");
  xxgk_reg_user_add(r, u1.id, "赵强");
  xxgk_reg_user_add(r, u2.id, "周洁");
  xxgk_date first = D("2025-01-02");
  for (int i = 0; i < 500; i++) {
    xxgk_date rec = first + (xxgk_date)rnd(540);
    char rs[11];
    xxgk_date_format(rec, rs);
    int unit = rnd(2);
    xxgk_case c = {.agency_id = unit ? u2.id : u1.id, .channel = "网络",
                   .received = rs, .category = "natural_person",
                   .name = "张三", .content = "某文件"};
    CHECK_INT(xxgk_reg_case_new(r, &c), XXGK_OK);
    switch (rnd(7)) {
    case 0: ev(r, c.id, XXGK_EV_REPLY, rec + 1 + (xxgk_date)rnd(40), 0); break;
    case 1: ev(r, c.id, XXGK_EV_CONSULT_STARTED, rec + 1 + (xxgk_date)rnd(10), 0); break;
    case 2:
      ev(r, c.id, XXGK_EV_CONSULT_STARTED, rec + 2, 0);
      ev(r, c.id, XXGK_EV_CONSULT_ANSWERED, rec + 3 + (xxgk_date)rnd(30), 0);
      break;
    case 3:
      ev(r, c.id, XXGK_EV_CORRECTION_REQUESTED, rec + 1, rec + 1 + 5 + rnd(20));
      break;
    case 4: ev(r, c.id, XXGK_EV_EXTENDED, rec + 10 + (xxgk_date)rnd(15), 0); break;
    default: break;
    }
    /* a clerk of the unit, or the office's, or none */
    int who = rnd(4);
    const char *clerk = who == 0   ? NULL
                        : who == 1 ? "王敏"
                        : unit     ? "周洁"
                                   : CLERKS[1 + rnd(2)];
    if (clerk)
      CHECK_INT(xxgk_reg_case_assign(r, c.id, clerk), XXGK_OK);
  }
  return r;
}

/* ## The reference: each open application's deadline asked alone */

struct ref {
  int64_t id;
  xxgk_date received, key;
  int k;
  char clerk[64];
};

struct refs {
  struct ref v[600];
  int n;
};

static int ref_class(const xxgk_due *d) {
  if (d->state == XXGK_DUE_RUNNING)
    return d->left < 0 ? XXGK_QUEUE_OVERDUE
           : d->left == 0 ? XXGK_QUEUE_TODAY
           : d->left <= XXGK_DUE_SOON ? XXGK_QUEUE_SOON
                                      : XXGK_QUEUE_RUNNING;
  if (d->state == XXGK_DUE_PAUSED)
    return d->remind[0] ? XXGK_QUEUE_EXPIRED : XXGK_QUEUE_PAUSED;
  return XXGK_QUEUE_UNKNOWN;
}

static int take_open(void *ctx, const xxgk_case_row *row) {
  struct refs *l = ctx;
  struct ref *x = &l->v[l->n++];
  x->id = row->c.id;
  x->received = D(row->c.received);
  snprintf(x->clerk, sizeof x->clerk, "%s", row->clerk ? row->clerk : "");
  return 0;
}

static int cmp(int64_t a, int64_t b) { return (a > b) - (a < b); }
static int asc(const void *p, const void *q) {
  const struct ref *a = p, *b = q;
  int c = cmp(a->key, b->key);
  c = c ? c : cmp(a->received, b->received);
  return c ? c : cmp(a->id, b->id);
}
static int desc(const void *p, const void *q) { return asc(q, p); }
static int newest(const void *p, const void *q) {
  const struct ref *a = p, *b = q;
  int c = cmp(b->received, a->received);
  return c ? c : cmp(b->id, a->id);
}

struct got {
  int64_t ids[600];
  int k[600];
  int n;
  int bad_due; /* a row whose deadline differs from the one asked alone */
  xxgk_reg *r;
};

static int take_queue(void *ctx, const xxgk_case_row *row,
                      xxgk_queue_class k) {
  struct got *g = ctx;
  g->ids[g->n] = row->c.id;
  g->k[g->n++] = k;
  g->bad_due += row->due == NULL;
  return 0;
}

static void check_day(xxgk_reg *r, struct refs *all, xxgk_date today) {
  int64_t ref_counts_all[XXGK_N_QUEUE] = {0};
  for (int i = 0; i < all->n; i++) {
    xxgk_due d;
    CHECK_INT(xxgk_reg_case_due(r, all->v[i].id, today, &d), XXGK_OK);
    all->v[i].k = ref_class(&d);
    all->v[i].key = d.state == XXGK_DUE_RUNNING ? D(d.due)
                    : d.state == XXGK_DUE_PAUSED
                        ? (d.pause_until[0] ? D(d.pause_until) : INT32_MAX - 1)
                        : INT32_MAX;
    ref_counts_all[all->v[i].k]++;
  }
  CHECK(ref_counts_all[XXGK_QUEUE_OVERDUE] + ref_counts_all[XXGK_QUEUE_RUNNING] >
            0,
        "the day has running applications");
  const char *filters[] = {NULL, "", "王敏", "李华", "赵强", "周洁", "无此人"};
  const xxgk_queue_order orders[] = {XXGK_QUEUE_BY_DEADLINE,
                                     XXGK_QUEUE_BY_DEADLINE_DESC,
                                     XXGK_QUEUE_BY_RECEIPT};
  int (*const sorts[])(const void *, const void *) = {asc, desc, newest};
  const unsigned masks[] = {0, (1u << XXGK_N_QUEUE) - 1,
                            1u << XXGK_QUEUE_PAUSED | 1u << XXGK_QUEUE_EXPIRED};
  for (size_t f = 0; f < sizeof filters / sizeof *filters; f++)
    for (size_t o = 0; o < 3; o++)
      for (size_t m = 0; m < 3; m++) {
        static struct refs want;
        int64_t counts[XXGK_N_QUEUE] = {0}, ref_counts[XXGK_N_QUEUE] = {0};
        unsigned listed = masks[m] ? masks[m] : XXGK_QUEUE_DUE;
        want.n = 0;
        for (int i = 0; i < all->n; i++) {
          const struct ref *x = &all->v[i];
          if (filters[f] && strcmp(filters[f], x->clerk) != 0)
            continue;
          ref_counts[x->k]++;
          if (listed & (1u << x->k))
            want.v[want.n++] = *x;
        }
        qsort(want.v, (size_t)want.n, sizeof *want.v, sorts[o]);
        static struct got g;
        g.n = g.bad_due = 0;
        xxgk_queue_query q = {.clerk = filters[f], .classes = masks[m],
                              .order = orders[o], .today = today};
        CHECK_INT(xxgk_reg_queue(r, &q, counts, take_queue, &g), XXGK_OK);
        CHECK(memcmp(counts, ref_counts, sizeof counts) == 0,
              "counts differ (clerk %s, day %d)", filters[f] ? filters[f] : "*",
              today);
        int same = g.n == want.n && !g.bad_due;
        for (int i = 0; same && i < g.n; i++)
          same = g.ids[i] == want.v[i].id && g.k[i] == want.v[i].k;
        CHECK(same, "rows differ (clerk %s, order %zu, mask %zu, day %d): %d "
                    "rows, want %d",
              filters[f] ? filters[f] : "*", o, m, today, g.n, want.n);
      }
}

static int take_nothing(void *ctx, const xxgk_case_row *c, xxgk_queue_class k) {
  (void)ctx, (void)c, (void)k;
  return 0;
}

static void test_against_reference(void) {
  xxgk_reg *r = generate();
  static struct refs all;
  xxgk_case_filter open = {.open_only = 1};
  CHECK_INT(xxgk_reg_case_list(r, &open, take_open, &all), XXGK_OK);
  CHECK(all.n > 100, "open applications: %d", all.n);
  const char *days[] = {"2025-06-03", "2026-03-16", "2026-07-20"};
  for (int i = 0; i < 3; i++)
    check_day(r, &all, D(days[i]));
  /* an agency's queue is its own and its units' */
  int64_t counts[XXGK_N_QUEUE], sum = 0, unit_sum = 0;
  xxgk_queue_query q = {.classes = (1u << XXGK_N_QUEUE) - 1,
                        .today = D("2026-03-16")};
  /* the queue's reads are two statements in one transaction, however
   * many open applications and events it reads */
  h_calls_start(r);
  CHECK_INT(xxgk_reg_queue(r, &q, counts, take_nothing, NULL), XXGK_OK);
  int calls = h_calls_stop(r);
  CHECK(calls == 4,
        "the queue of %d open applications: %d statements, want "
        "4 (BEGIN, the applications with their events, the rows, "
        "COMMIT)",
        all.n, calls);
  for (int k = 0; k < XXGK_N_QUEUE; k++)
    sum += counts[k];
  CHECK_INT(sum, all.n);
  for (int64_t a = 2; a <= 3; a++) {
    q.agency_id = a;
    CHECK_INT(xxgk_reg_queue(r, &q, counts, NULL, NULL), XXGK_OK);
    for (int k = 0; k < XXGK_N_QUEUE; k++)
      unit_sum += counts[k];
  }
  CHECK_INT(unit_sum, all.n);
  xxgk_reg_close(r);
}

static void test_assign_rules(void) {
  xxgk_reg *r;
  xxgk_reg_open(h_db(), XXGK_OPT_CREATE, &r);
  xxgk_reg_set_today(r, D("2024-11-20"));
  xxgk_agency a = {.name = "甲局"}, b = {.name = "乙局"};
  xxgk_reg_agency_add(r, &a);
  xxgk_reg_agency_add(r, &b);
  xxgk_reg_user_add(r, b.id, "乙的人");
  xxgk_case c = {.agency_id = a.id, .channel = "网络", .received = "2024-11-01",
                 .category = "natural_person", .name = "张三",
                 .content = "某文件"};
  CHECK_INT(xxgk_reg_case_new(r, &c), XXGK_OK);
  /* another agency's user is not this one's clerk */
  CHECK_INT(xxgk_reg_case_assign(r, c.id, "乙的人"), XXGK_E_REFUSED);
  CHECK(strstr(xxgk_reg_errmsg(r), "xxgk agency user") != NULL, "%s",
        xxgk_reg_errmsg(r));
  CHECK_INT(xxgk_reg_case_assign(r, c.id, "\xff\xfe"), XXGK_E_REFUSED);
  CHECK_INT(xxgk_reg_case_assign(r, 99, NULL), XXGK_E_REFUSED);
  CHECK_INT(xxgk_reg_case_assign(r, c.id, ""), XXGK_OK);
  xxgk_queue_query bad = {.classes = 1u << XXGK_N_QUEUE};
  CHECK_INT(xxgk_reg_queue(r, &bad, NULL, NULL, NULL), XXGK_E_REFUSED);
  bad = (xxgk_queue_query){.agency_id = 77};
  CHECK_INT(xxgk_reg_queue(r, &bad, NULL, NULL, NULL), XXGK_E_REFUSED);
  char *out;
  size_t n;
  CHECK_INT(xxgk_reg_queue_export(r, &bad, (xxgk_queue_format)7, &out, &n),
            XXGK_E_REFUSED);
  CHECK_INT(xxgk_queue_find("expired"), XXGK_QUEUE_EXPIRED);
  CHECK_STR(xxgk_queue_label(XXGK_QUEUE_TODAY), "今日到期");
  CHECK(xxgk_queue_key(XXGK_N_QUEUE) == NULL, "key out of range");
  xxgk_reg_close(r);
}

int main(void) {
  h_db_start();
  test_against_reference();
  test_assign_rules();
  return h_summary();
}
