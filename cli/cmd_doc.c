/*
 * cmd_doc.c — `xxgk doc add|repeal|figure`: the active-disclosure records
 * behind table 2 — 规章 and 行政规范性文件 with issue and repeal dates, and
 * the year's figures of 行政许可, 行政处罚, 行政强制 and 行政事业性收费.
 */
#include "reg_cli.h"

#include <stdlib.h>
#include <string.h>

#include "cmd_doc.h"

static int run(const struct cli_call *c) {
  const struct args *a = c->args;
  xxgk_reg *r = c->reg;
  if (c->verb == VERB_ADD) {
    xxgk_record d = {.agency_id = a->agency, .kind = a->kind,
                     .title = a->title, .number = a->number,
                     .issued = a->issued};
    if (xxgk_reg_record_add(r, &d) != XXGK_OK)
      return cli_reg_fail(r, "doc");
    cli_added(&a->o, d.id, "已登记文件 %lld：%s\n", (long long)d.id, a->title);
  } else if (c->verb == VERB_REPEAL) {
    int64_t id = cli_id(c->n_pos > 1 ? c->pos[1] : NULL, "文件编号", "doc");
    if (!id)
      return EXIT_UNREADABLE;
    if (xxgk_reg_record_repeal(r, id, a->date) != XXGK_OK)
      return cli_reg_fail(r, "doc");
    printf("已登记文件 %lld 于 %s 废止\n", (long long)id, a->date);
  } else {
    if (xxgk_reg_figure_set(r, a->agency, a->year, a->item, a->value) !=
        XXGK_OK)
      return cli_reg_fail(r, "doc");
    printf("已登记机关 %lld %d 年 %s = %s\n", (long long)a->agency, a->year,
           a->item, a->value);
  }
  return 0;
}
