/*
 * h_reg.h — what the tests that build a register share: dates, a seeded
 * random stream (the same register on every run), and the agencies,
 * reviews and records they add, each checked.
 */
#ifndef XXGK_H_REG_H
#define XXGK_H_REG_H

#include "harness.h"
#include "xxgk_register.h"

#include <stdio.h>

/* The day "YYYY-MM-DD" (checked). */
static inline xxgk_date D(const char *s) {
  xxgk_date d = 0;
  CHECK(xxgk_date_parse(s, &d) == 0, "date %s", s);
  return d;
}

/* 0 .. n-1, from a linear congruential stream with a fixed seed. */
static unsigned h_rnd_state = 20261207;
static inline unsigned rnd(unsigned n) {
  h_rnd_state = h_rnd_state * 1103515245u + 12345u;
  return (h_rnd_state >> 8) % n;
}

/* A new register in db (h_db's) acting as 测试员 on a fixed day: today
 * for the rules and the audit's clock (08:00 UTC) are that day's. */
static inline xxgk_reg *h_reg_on(const char *db, const char *day) {
  xxgk_reg *r;
  CHECK_INT(xxgk_reg_open(db, XXGK_OPT_CREATE, &r), XXGK_OK);
  char clock[32];
  snprintf(clock, sizeof clock, "%sT08:00:00Z", day);
  xxgk_reg_set_user(r, "测试员");
  xxgk_reg_set_clock(r, clock);
  xxgk_reg_set_today(r, D(day));
  return r;
}

/* The applicants' categories (table 3's columns). */
static const char *const CATS[] = {"natural_person", "commercial",
                                   "research",       "social_welfare",
                                   "legal_services", "other_org"};

/* An application to agency received on day rec from 申请人, of a random
 * category (one draw of rnd), checked; its id, 0 if refused. */
static inline int64_t h_case(xxgk_reg *r, int64_t agency, xxgk_date rec) {
  char ds[11];
  xxgk_date_format(rec, ds);
  xxgk_case c = {.agency_id = agency,
                 .channel = "网络",
                 .received = ds,
                 .category = CATS[rnd(6)],
                 .name = "申请人",
                 .content = "某项信息"};
  CHECK(xxgk_reg_case_new(r, &c) == XXGK_OK, "case: %s", xxgk_reg_errmsg(r));
  return c.id;
}

/* Records a step of application id on day d (outcome: a reply's; pages:
 * a fee notice's count of pages, 0 for none); *event_id (may be NULL) is
 * its id. The register's status. */
static inline xxgk_status h_step(xxgk_reg *r, int64_t id, xxgk_event_kind kind,
                                 xxgk_date d, const char *outcome, int pages,
                                 int64_t *event_id) {
  char ds[11];
  xxgk_date_format(d, ds);
  xxgk_event e = {.case_id = id, .kind = kind, .date = ds, .outcome = outcome};
  if (pages) {
    e.method = XXGK_FEE_BY_PAGE;
    e.quantity = pages;
  }
  xxgk_status st = xxgk_reg_event_add(r, &e);
  if (event_id)
    *event_id = e.id;
  return st;
}

/* A new agency under parent (0: none), as added (its id set). */
static inline xxgk_agency h_agency(xxgk_reg *r, int64_t parent,
                                   const char *name) {
  xxgk_agency a = {.parent_id = parent, .name = name};
  CHECK(xxgk_reg_agency_add(r, &a) == XXGK_OK, "agency %s: %s", name,
        xxgk_reg_errmsg(r));
  return a;
}

/* A review of application app, filed on `filed` against agency, an
 * administrative review or a lawsuit (one draw of rnd); its id. */
static inline int64_t h_review(xxgk_reg *r, int64_t agency, int64_t app,
                               const char *filed) {
  xxgk_review v = {.agency_id = agency,
                   .kind =
                       rnd(2) ? "administrative_review" : "litigation_direct",
                   .filed = filed,
                   .cases = &app,
                   .n_cases = 1};
  CHECK(xxgk_reg_review_add(r, &v) == XXGK_OK, "review: %s",
        xxgk_reg_errmsg(r));
  return v.id;
}

/* n records, each issued on a day of the `span` from 2019-01-01 by one of
 * the n_ids agencies, a rule or a normative document, and one in two
 * repealed `life` to life + 899 days after its issue. */
static inline void h_records(xxgk_reg *r, const int64_t *ids, unsigned n_ids,
                             int n, unsigned span, int life) {
  for (int i = 0; i < n; i++) {
    char issued[11], repealed[11];
    xxgk_date d = D("2019-01-01") + (xxgk_date)rnd(span);
    xxgk_date_format(d, issued);
    xxgk_date_format(d + life + (xxgk_date)rnd(900), repealed);
    int64_t agency = ids[rnd(n_ids)];
    xxgk_record rec = {.agency_id = agency,
                       .kind = rnd(2) ? "rules" : "normative_documents",
                       .title = "某办法",
                       .issued = issued};
    CHECK_INT(xxgk_reg_record_add(r, &rec), XXGK_OK);
    if (rnd(2))
      CHECK_INT(xxgk_reg_record_repeal(r, rec.id, repealed), XXGK_OK);
  }
}

#endif
