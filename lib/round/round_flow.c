/*
 * round_flow.c — the workflow: a unit submits, the office returns or
 * approves, and publishes the approved reports into the corpus. Each step
 * is one transaction that checks the state it starts from.
 */
#include "round.h"
#include "xxgk_corpus.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

xxgk_status xxgk_round_submit(xxgk_round *rd, int64_t round_id,
                              int64_t agency_id) {
  xxgk_reg *r = rd->r;
  struct round_unit u = {0};
  int64_t errors = 0;
  xxgk_status st = reg_begin(r, 1);
  if (st == XXGK_OK)
    st = round_unit_load(rd, round_id, agency_id, &u);
  if (st == XXGK_OK && u.state >= XXGK_UNIT_APPROVED)
    st = reg_fail(r, XXGK_E_REFUSED, "报告已%s，无需再报送",
                  xxgk_unit_state_label(u.state));
  if (st == XXGK_OK && u.version == 0)
    st = reg_fail(r, XXGK_E_REFUSED,
                  "还没有报告可报送：先从登记簿生成或上传报告");
  if (st == XXGK_OK)
    st = reg_ok(r, store_int(r->st, &errors, NULL,
                             "SELECT errors FROM round_unit WHERE id = ?", "i",
                             u.id));
  char at[32], day[11];
  reg_now(r, at);
  xxgk_date_format(reg_today(r), day);
  if (st == XXGK_OK && strcmp(day, u.due) > 0)
    reg_warn(r, "报送截止日期是 %s，今天（%s）报送已逾期。", u.due, day);
  if (st == XXGK_OK && errors > 0)
    reg_warn(r, "报告有 %lld 处错误，已按“有错误”报送，请等待政务公开办审核。",
             (long long)errors);
  if (st == XXGK_OK)
    st = round_unit_move(rd, &u,
                         errors ? XXGK_UNIT_ERRORS : XXGK_UNIT_SUBMITTED,
                         "round.submit", "submitted = ?, submitted_day = ?",
                         at, day);
  return reg_end(r, st);
}

/* The office's steps start from a submitted report. */
static xxgk_status office_step(xxgk_round *rd, int64_t round_id,
                               int64_t agency_id, struct round_unit *u,
                               const char *what) {
  xxgk_status st = round_unit_load(rd, round_id, agency_id, u);
  if (st == XXGK_OK && u->state != XXGK_UNIT_SUBMITTED &&
      u->state != XXGK_UNIT_ERRORS)
    st = reg_fail(rd->r, XXGK_E_REFUSED, "报告%s，不能%s（只有已报送的报告可以）",
                  xxgk_unit_state_label(u->state), what);
  return st;
}

xxgk_status xxgk_round_return(xxgk_round *rd, int64_t round_id,
                              int64_t agency_id, const char *why) {
  xxgk_reg *r = rd->r;
  struct round_unit u = {0};
  if (!why || !*why)
    return reg_fail(r, XXGK_E_REFUSED, "退回时请写明理由，单位据此修改");
  xxgk_status st = REG_TEXTS(r, "退回理由", why);
  if (st != XXGK_OK)
    return st;
  st = reg_begin(r, 1);
  if (st == XXGK_OK)
    st = office_step(rd, round_id, agency_id, &u, "退回");
  if (st == XXGK_OK)
    st = round_unit_move(rd, &u, XXGK_UNIT_RETURNED, "round.return", NULL,
                         NULL, NULL);
  st = reg_end(r, st);
  /* the note is a write of its own, on the version returned */
  return st == XXGK_OK ? xxgk_round_note_add(rd, round_id, agency_id, 0, 0,
                                             NULL, XXGK_SIDE_OFFICE, why, NULL)
                       : st;
}

xxgk_status xxgk_round_approve(xxgk_round *rd, int64_t round_id,
                               int64_t agency_id) {
  xxgk_reg *r = rd->r;
  struct round_unit u = {0};
  xxgk_status st = reg_begin(r, 1);
  if (st == XXGK_OK)
    st = office_step(rd, round_id, agency_id, &u, "通过");
  if (st == XXGK_OK && u.state == XXGK_UNIT_ERRORS)
    reg_warn(r, "报告仍有错误，已按政务公开办的判断通过；发布前请确认。");
  if (st == XXGK_OK)
    st = round_unit_move(rd, &u, XXGK_UNIT_APPROVED, "round.approve", NULL,
                         NULL, NULL);
  return reg_end(r, st);
}

/* ## Publication
 *
 * The corpus lives in the same database file through a connection of its
 * own, and SQLite lets one connection write at a time: so the approved
 * versions are read first, the corpus takes them in one transaction, and
 * only then are the units marked published, in one transaction of the
 * register. Should that last step fail, the reports are in the corpus and
 * the units still 已通过; publishing again finds the same bytes stored
 * (the corpus keeps a path's bytes once) and marks them. */

struct approved {
  struct round_unit u;
  int64_t agency_id, report_id;
  char *name, *doc, *sha;
};

struct approved_list {
  struct approved *v;
  size_t n, cap;
};

static int take_approved(void *ctx, const store_row *row) {
  struct approved_list *l = ctx;
  l->v = grow(l->v, &l->cap, l->n + 1, sizeof *l->v);
  l->v[l->n++] = (struct approved){.agency_id = row->v[0].i,
                                   .name = xxgk_strdup(row->v[1].s),
                                   .doc = xxgk_strdup(row->v[2].s),
                                   .sha = xxgk_strdup(row->v[3].s)};
  return 0;
}

static xxgk_status to_corpus(xxgk_round *rd, const xxgk_round_info *info,
                             struct approved_list *l, xxgk_corpus *c) {
  if (xxgk_corpus_begin(c) != XXGK_OK)
    return reg_fail(rd->r, XXGK_E_DB, "语料库：%s", xxgk_corpus_errmsg(c));
  xxgk_status st = XXGK_OK;
  for (size_t i = 0; i < l->n && st == XXGK_OK; i++) {
    struct approved *a = &l->v[i];
    char path[96];
    snprintf(path, sizeof path, "round/%lld/%d/%lld",
             (long long)info->office_id, info->year, (long long)a->agency_id);
    xxgk_doc *doc;
    xxgk_doc_from_json(a->doc, strlen(a->doc), &doc);
    xxgk_doc_set_agency(doc, a->name);
    xxgk_doc_set_source(doc, path);
    xxgk_check(doc);
    xxgk_import_result res;
    if (xxgk_corpus_add(c, path, a->sha, doc, XXGK_OK, &res, &a->report_id) !=
        XXGK_OK)
      st = reg_fail(rd->r, XXGK_E_DB, "写入语料库失败：%s",
                    xxgk_corpus_errmsg(c));
    xxgk_doc_free(doc);
  }
  if (st == XXGK_OK && xxgk_corpus_commit(c) != XXGK_OK)
    st = reg_fail(rd->r, XXGK_E_DB, "语料库：%s", xxgk_corpus_errmsg(c));
  if (st != XXGK_OK)
    xxgk_corpus_rollback(c);
  return st;
}

xxgk_status xxgk_round_publish(xxgk_round *rd, int64_t round_id,
                               xxgk_corpus *corpus, int *n) {
  xxgk_reg *r = rd->r;
  struct approved_list l = {0};
  xxgk_round_info info;
  *n = 0;
  xxgk_status st = xxgk_round_get(rd, round_id, &info);
  if (st != XXGK_OK)
    return st;
  st = reg_read(r, take_approved, &l,
                "SELECT u.agency_id, g.name, v.doc, v.sha256 FROM round_unit"
                " u JOIN agency g ON g.id = u.agency_id JOIN round_version v"
                " ON v.unit_id = u.id AND v.version = u.version"
                " WHERE u.round_id = ? AND u.state = 'approved'"
                " ORDER BY u.agency_id",
                "i", round_id);
  if (st == XXGK_OK && l.n)
    st = to_corpus(rd, &info, &l, corpus);
  int writing = st == XXGK_OK && l.n;
  if (writing)
    st = reg_begin(r, 1);
  for (size_t i = 0; i < l.n && st == XXGK_OK; i++) {
    struct approved *a = &l.v[i];
    char id[24];
    snprintf(id, sizeof id, "%lld", (long long)a->report_id);
    st = round_unit_load(rd, round_id, a->agency_id, &a->u);
    if (st == XXGK_OK)
      st = round_unit_move(rd, &a->u, XXGK_UNIT_PUBLISHED, "round.publish",
                           "corpus_id = CAST(? AS INTEGER)", id, NULL);
  }
  if (writing)
    st = reg_end(r, st);
  if (st == XXGK_OK)
    *n = (int)l.n;
  for (size_t i = 0; i < l.n; i++) {
    free(l.v[i].name);
    free(l.v[i].doc);
    free(l.v[i].sha);
  }
  free(l.v);
  return st;
}
