/*
 * cmd_calendar.c — `xxgk calendar import|show`: a year's holiday notice
 * entered into the register (its open deadlines recomputed, audited), and
 * a year's days off as the register counts them, published or 暂定.
 */
#include "reg_cli.h"

#include <stdlib.h>
#include <string.h>

#include "cmd_calendar.h"

static int do_import(xxgk_reg *r, const struct reg_opts *o, const char *file) {
  size_t n;
  char *tsv = file ? cli_read(file, XXGK_MAX_INPUT, &n) : NULL;
  if (!tsv) {
    if (file)
      fprintf(stderr, "xxgk calendar: 无法读取 %s\n", file);
    else
      fputs("xxgk calendar: 未给出放假安排通知文件（xxgk calendar import "
            "FILE）\n",
            stderr);
    return EXIT_UNREADABLE;
  }
  int changed = 0;
  xxgk_status st = xxgk_reg_calendar_import(r, tsv, n, &changed);
  xxgk_free(tsv);
  if (st != XXGK_OK)
    return cli_reg_fail(r, "calendar");
  printf(o->json ? "{\"imported\": true, \"deadlines_moved\": %d}\n"
                 : "已登记放假安排；%d 件未办结申请的期限随之改变（详见审计日志）\n",
         changed);
  return 0;
}

static int do_show(xxgk_reg *r, const struct reg_opts *o, const char *year) {
  char *end;
  long y = year ? strtol(year, &end, 10) : 0;
  if (!year || *end || y < XXGK_CAL_FIRST_YEAR || y > XXGK_CAL_LAST_YEAR) {
    fprintf(stderr, "xxgk calendar: 年份应在 %d 到 %d 之间\n",
            XXGK_CAL_FIRST_YEAR, XXGK_CAL_LAST_YEAR);
    return EXIT_UNREADABLE;
  }
  const xxgk_cal *c = xxgk_reg_calendar(r);
  int provisional = xxgk_cal_provisional(c, (int)y), n = 0;
  char day[16];
  snprintf(day, sizeof day, "%04ld-01-01", y);
  xxgk_date d;
  xxgk_date_parse(day, &d);
  if (o->json)
    printf("{\"year\": %ld, \"provisional\": %s, \"days\": [", y,
           provisional ? "true" : "false");
  else
    printf("%ld 年%s\n", y,
           provisional ? "（暂定：放假安排尚未公布，按《全国年节及纪念日放假"
                         "办法》推算，不含调休）"
                       : "（国务院办公厅放假安排）");
  for (; xxgk_date_year(d) == y; d++) {
    int work = 0, weekend = xxgk_date_weekday(d) > 5;
    xxgk_cal_is_workday(c, d, &work);
    if (work == !weekend)
      continue; /* an ordinary day */
    xxgk_date_format(d, day);
    if (o->json)
      printf("%s{\"date\": \"%s\", \"work\": %s}", n ? ", " : "", day,
             work ? "true" : "false");
    else
      printf("  %s  %s\n", day, work ? "调休上班" : "放假");
    n++;
  }
  if (o->json)
    puts("]}");
  return 0;
}

static int run(const struct cli_call *c) {
  const struct args *a = c->args;
  const char *arg = c->n_pos > 1 ? c->pos[1] : NULL; /* FILE or YEAR */
  return c->verb == VERB_IMPORT ? do_import(c->reg, &a->o, arg)
                                : do_show(c->reg, &a->o, arg);
}
