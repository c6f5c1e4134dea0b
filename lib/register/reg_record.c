/*
 * reg_record.c — active disclosure (表二): 规章 and 行政规范性文件 with their
 * issue and repeal dates, so the year's issued / repealed / in-force counts
 * are counted rather than typed; and the yearly figures of 行政许可,
 * 行政处罚, 行政强制 decisions and 行政事业性收费 (万元), which the agency
 * keeps elsewhere and enters once a year. Kinds and items are table 2's
 * row keys in the dictionary.
 */
#include "reg.h"

#include <stdio.h>
#include <string.h>

/* A table-2 row of format 2021 whose first column is `col`. */
static int active_row(const char *key, const char *col) {
  int i = key ? xxgk_dict_find_row(XXGK_T_ACTIVE, key, XXGK_FORMAT_2021) : -1;
  return i >= 0 && strcmp(xxgk_dict_row(i)->cols[0].key, col) == 0 ? i : -1;
}

xxgk_status xxgk_reg_record_add(xxgk_reg *r, xxgk_record *d) {
  xxgk_date issued;
  if (REG_TEXTS(r, "文件标题", d->title, "文号", d->number) != XXGK_OK)
    return XXGK_E_REFUSED;
  xxgk_status st = reg_begin(r, 1);
  if (st == XXGK_OK)
    st = reg_agency_exists(r, d->agency_id);
  if (st == XXGK_OK && active_row(d->kind, "issued") < 0)
    st = reg_fail(r, XXGK_E_REFUSED,
                  "文件类别“%s”不对，应为 rules（规章）或 normative_documents"
                  "（行政规范性文件）",
                  d->kind ? d->kind : "");
  if (st == XXGK_OK && (!d->title || !*d->title))
    st = reg_fail(r, XXGK_E_REFUSED, "请给出文件标题（--title）");
  if (st == XXGK_OK)
    st = reg_date(r, d->issued, "制发日期", &issued);
  if (st == XXGK_OK)
    st = reg_add(r, "record.add", "record", &d->id,
                 "INSERT INTO record (agency_id, kind, title, number, issued)"
                 " VALUES (?, ?, ?, ?, ?) RETURNING id",
                 "ittt"
                 "t",
                 d->agency_id, d->kind, d->title, d->number, d->issued);
  return reg_end(r, st);
}

xxgk_status xxgk_reg_record_repeal(xxgk_reg *r, int64_t id, const char *date) {
  static const struct reg_closing REPEAL = {
      "record",
      "SELECT issued, repealed FROM record WHERE id = ?",
      "record.repeal",
      {"文件 %lld 不存在", "文件 %lld 已于 %s 废止",
       "废止日期 %s 早于制发日期 %s"}};
  xxgk_date d = 0;
  xxgk_status st = reg_begin(r, 1);
  if (st == XXGK_OK)
    st = reg_date(r, date, "废止日期", &d);
  if (st == XXGK_OK)
    st = reg_close(r, &REPEAL, id, date, d,
                   "UPDATE record SET repealed = ? WHERE id = ?", "ti", date,
                   id);
  return reg_end(r, st);
}

xxgk_status xxgk_reg_figure_set(xxgk_reg *r, int64_t agency_id, int year,
                                const char *item, const char *value) {
  int row = active_row(item, "decisions");
  int money = 0;
  if (row < 0) {
    row = active_row(item, "amount");
    money = 1;
  }
  if (row < 0)
    return reg_fail(r, XXGK_E_REFUSED,
                    "项目“%s”不对，应为 licensing（行政许可）、punishment"
                    "（行政处罚）、coercion（行政强制）或 fees（行政事业性收费，"
                    "万元）",
                    item ? item : "");
  xxgk_num v;
  if (!value || xxgk_num_parse(value, strlen(value), &v) != 0 || v.mant < 0 ||
      (!money && v.scale))
    return reg_fail(r, XXGK_E_REFUSED, "%s的数值“%s”不对，应为%s",
                    xxgk_dict_row(row)->label, value ? value : "",
                    money ? "非负金额（万元，如 12.3456）" : "非负整数");
  if (year < 2021 || year > 2999)
    return reg_fail(r, XXGK_E_REFUSED, "年度 %d 不对", year);
  char canon[32];
  xxgk_num_format(v, canon);
  xxgk_status st = reg_begin(r, 1);
  if (st == XXGK_OK)
    st = reg_agency_exists(r, agency_id);
  if (st == XXGK_OK)
    st = reg_yearly_put(r, "figure", "item", "value", agency_id, year, item,
                        canon);
  return reg_end(r, st);
}
