/*
 * reg_review.c — administrative reviews and suits (表四): each linked to
 * the applications it concerns, all of one agency — the acting organ, for
 * whom 国办公开办函〔2016〕201号 says the case is counted. A case is filed
 * pending and decided once, with 维持 / 纠正 / 其他.
 */
#include "reg.h"

#include <stdio.h>
#include <string.h>

static int take_text(void *ctx, const store_row *row) {
  snprintf(ctx, 11, "%s", row->v[0].s);
  return 1;
}

/* kind must be a row of table 4, result one of its columns (not total). */
static int valid_kind(const char *k) {
  return k && xxgk_dict_find_row(XXGK_T_REVIEWS, k, XXGK_FORMAT_2021) >= 0;
}

static int valid_result(const char *res, int allow_pending) {
  const xxgk_row_def *d = xxgk_dict_row(xxgk_dict_find_row(
      XXGK_T_REVIEWS, "administrative_review", XXGK_FORMAT_2021));
  for (int c = 0; res && d && c < d->n_cols; c++)
    if (strcmp(d->cols[c].key, res) == 0 && strcmp(res, "total") != 0)
      return allow_pending || strcmp(res, "pending") != 0;
  return 0;
}

xxgk_status xxgk_reg_review_add(xxgk_reg *r, xxgk_review *v) {
  xxgk_date filed;
  if (REG_TEXTS(r, "说明", v->note) != XXGK_OK)
    return XXGK_E_REFUSED;
  xxgk_status st = reg_begin(r, 1);
  if (st == XXGK_OK)
    st = reg_agency_exists(r, v->agency_id);
  if (st == XXGK_OK && !valid_kind(v->kind))
    st = reg_fail(r, XXGK_E_REFUSED,
                  "类别“%s”不对，应为 administrative_review（行政复议）、"
                  "litigation_direct（未经复议直接起诉）、"
                  "litigation_after_review（复议后起诉）之一",
                  v->kind ? v->kind : "");
  if (st == XXGK_OK)
    st = reg_past_date(r, v->filed, "立案日期", &filed);
  if (st == XXGK_OK && v->n_cases < 1)
    st = reg_fail(r, XXGK_E_REFUSED,
                  "请给出复议或诉讼涉及的申请（--case ID，可多个）");
  for (int i = 0; st == XXGK_OK && i < v->n_cases; i++) {
    int64_t agency, reviews;
    int found;
    char received[11] = "";
    if (store_int(r->st, &agency, &found,
                  "SELECT agency_id FROM application WHERE id = ?", "i",
                  v->cases[i]) != XXGK_OK ||
        store_query(r->st, take_text, received,
                    "SELECT received FROM application WHERE id = ?", "i",
                    v->cases[i]) != XXGK_OK ||
        store_int(r->st, &reviews, NULL,
                  "SELECT COUNT(*) FROM review_application l JOIN review v"
                  " ON v.id = l.review_id WHERE l.application_id = ?"
                  " AND v.kind = 'administrative_review' AND v.filed <= ?",
                  "it", v->cases[i], v->filed) != XXGK_OK)
      st = reg_db(r);
    else if (found && strcmp(v->filed, received) < 0)
      st = reg_fail(r, XXGK_E_REFUSED,
                    "立案日期 %s 早于申请 %lld 的收到日期 %s：复议诉讼针对的是"
                    "已收到的申请的处理",
                    v->filed, (long long)v->cases[i], received);
    else if (found && !reviews &&
             strcmp(v->kind, "litigation_after_review") == 0)
      st = reg_fail(r, XXGK_E_REFUSED,
                    "申请 %lld 没有登记在先的行政复议，不能按复议后起诉登记；"
                    "请先登记行政复议，或按未经复议直接起诉"
                    "（litigation_direct）登记",
                    (long long)v->cases[i]);
    else if (!found)
      st = reg_fail(r, XXGK_E_REFUSED, "申请 %lld 不存在",
                    (long long)v->cases[i]);
    else if (agency != v->agency_id)
      st = reg_fail(r, XXGK_E_REFUSED,
                    "申请 %lld 属于机关 %lld，不属于机关 %lld；复议诉讼计入"
                    "作出答复的机关",
                    (long long)v->cases[i], (long long)agency,
                    (long long)v->agency_id);
  }
  if (st == XXGK_OK)
    st = reg_add(r, "review.add", "review", &v->id,
                 "INSERT INTO review (agency_id, kind, filed, note)"
                 " VALUES (?, ?, ?, ?) RETURNING id",
                 "ittt", v->agency_id, v->kind, v->filed, v->note);
  for (int i = 0; st == XXGK_OK && i < v->n_cases; i++) {
    int64_t link;
    if (store_int(r->st, &link, NULL,
                  "INSERT INTO review_application (review_id, application_id)"
                  " VALUES (?, ?) ON CONFLICT DO NOTHING RETURNING id",
                  "ii", v->id, v->cases[i]) != XXGK_OK)
      st = reg_db(r);
    else if (link)
      st = reg_audit(r, "review.link", "review_application", link, NULL);
  }
  return reg_end(r, st);
}

xxgk_status xxgk_reg_review_decide(xxgk_reg *r, int64_t id,
                                   const char *result, const char *date) {
  static const struct reg_closing DECIDE = {
      "review",
      "SELECT filed, decided FROM review WHERE id = ?",
      "review.decide",
      {"复议诉讼案件 %lld 不存在", "案件 %lld 已于 %s 审结，不能再次登记结果",
       "审结日期 %s 早于立案日期 %s"}};
  xxgk_date d = 0;
  xxgk_status st = reg_begin(r, 1);
  if (st == XXGK_OK && !valid_result(result, 0))
    st = reg_fail(r, XXGK_E_REFUSED,
                  "结果“%s”不对，应为 upheld（维持）、corrected（纠正）、"
                  "other（其他）之一",
                  result ? result : "");
  if (st == XXGK_OK)
    st = reg_past_date(r, date, "审结日期", &d);
  if (st == XXGK_OK)
    st = reg_close(r, &DECIDE, id, date, d,
                   "UPDATE review SET result = ?, decided = ? WHERE id = ?",
                   "tti", result, date, id);
  return reg_end(r, st);
}
