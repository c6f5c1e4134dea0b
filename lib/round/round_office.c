/*
 * round_office.c — the office's own report of the round's year: its
 * register's report of itself alone, plus, where that is its practice,
 * the sum of its units' approved reports (xxgk_sum), checked like any
 * other report.
 *
 * A unit's report built from the register already holds its own units'
 * registers (xxgk_reg_report: an agency's report includes its units), so
 * a unit under such a unit is not added again: it is named in the
 * warning instead, never counted twice.
 */
#include "round.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct units {
  xxgk_doc **docs; /* [0]: the office's own; owned                 */
  size_t n, cap;
  buf left, covered; /* the names not counted, "、"-separated      */
};

static void name_in(buf *b, const char *name) {
  buf_puts(b, b->len ? "、" : "");
  buf_puts(b, name);
}

static void add_doc(struct units *u, xxgk_doc *d) {
  u->docs = grow(u->docs, &u->cap, u->n + 1, sizeof *u->docs);
  u->docs[u->n++] = d;
}

/* A unit of the round: its name, whether it is approved (or published),
 * whether an approved unit above it reported from the register, and its
 * latest version's canonical JSON and source. */
static int take_unit(void *ctx, const store_row *row) {
  struct units *u = ctx;
  const store_val *v = row->v;
  if (!v[1].i || v[3].t != SV_TEXT) {
    name_in(&u->left, v[0].s);
  } else if (v[2].i) {
    name_in(&u->covered, v[0].s);
  } else {
    xxgk_doc *d;
    xxgk_doc_from_json(v[3].s, strlen(v[3].s), &d);
    char name[600];
    snprintf(name, sizeof name, "%s（第 %d 版，%s）", v[0].s, (int)v[5].i,
             v[4].s);
    xxgk_doc_set_source(d, name);
    xxgk_check(d);
    add_doc(u, d);
  }
  return 0;
}

xxgk_status xxgk_round_office_report(xxgk_round *rd, int64_t round_id,
                                     unsigned flags,
                                     const xxgk_doc *last_year,
                                     xxgk_doc **out, int *n_units) {
  xxgk_reg *r = rd->r;
  xxgk_round_info info;
  struct units u = {0};
  *out = NULL;
  if (n_units)
    *n_units = 0;
  xxgk_status st = xxgk_round_get(rd, round_id, &info);
  if (st != XXGK_OK)
    return st;
  int64_t office = info.office_id;
  int year = info.year;
  xxgk_doc *own = NULL;
  r->warn[0] = 0;
  st = xxgk_reg_report_own(r, office, year, &own);
  if (st != XXGK_OK)
    return st;
  if (!(flags & XXGK_ROUND_SUM_UNITS)) {
    *out = own;
  } else {
    xxgk_doc_set_source(own, "本机关登记簿");
    add_doc(&u, own);
    st = reg_read(
        r, take_unit, &u,
        "SELECT g.name, u.state IN ('approved', 'published'),"
        " EXISTS (SELECT 1 FROM round_unit p"
        " JOIN agency_tree t ON t.ancestor = p.agency_id"
        " AND t.descendant = u.agency_id AND t.ancestor <> t.descendant"
        " JOIN round_version pv ON pv.unit_id = p.id"
        " AND pv.version = p.version WHERE p.round_id = u.round_id"
        " AND p.state IN ('approved', 'published')"
        " AND pv.source = '登记簿'),"
        " v.doc, v.source, v.version FROM round_unit u"
        " JOIN agency g ON g.id = u.agency_id"
        " LEFT JOIN round_version v ON v.unit_id = u.id"
        " AND v.version = u.version WHERE u.round_id = ?"
        " ORDER BY u.agency_id",
        "i", round_id);
    if (st == XXGK_OK) {
      /* xxgk_sum checks the sum: a cell it could not add (one report
       * lacks it) stays empty, an error among its findings */
      st = xxgk_sum((const xxgk_doc *const *)u.docs, u.n,
                    xxgk_doc_agency(own), year, out);
      if (st == XXGK_E_USAGE)
        st = reg_fail(r, XXGK_E_REFUSED, "各单位的报告不能相加：%s",
                      xxgk_doc_diag(*out, 0)->message);
      else if (st == XXGK_E_INCOMPLETE)
        st = XXGK_OK;
    }
    if (u.left.len)
      reg_warn(r, "以下单位的报告尚未通过，未计入汇总：%s。", u.left.data);
    if (u.covered.len)
      reg_warn(r, "以下单位的数字已在其上级单位由登记簿生成的报告中，未再"
                  "计入：%s。",
               u.covered.data);
    if (n_units)
      *n_units = (int)u.n - 1;
    for (size_t i = 0; i < u.n; i++)
      xxgk_doc_free(u.docs[i]);
    free(u.docs);
    buf_free(&u.left);
    buf_free(&u.covered);
  }
  if (st != XXGK_OK) {
    xxgk_doc_free(*out);
    *out = NULL;
    return st;
  }
  /* checked like any other report (the sum is already): the tables'
   * rules, and Y1–Y3 against the office's report of the year before when
   * it is given */
  if (!(flags & XXGK_ROUND_SUM_UNITS))
    xxgk_check(*out);
  if (last_year)
    xxgk_check_years(last_year, *out);
  return XXGK_OK;
}
