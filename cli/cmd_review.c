/*
 * cmd_review.c — `xxgk review add|decide`: administrative reviews and suits
 * about the agency's disclosure decisions (表四).
 */
#include "reg_cli.h"

#include <string.h>

static const char USAGE[] =
    "用法: xxgk review add --agency ID --kind 类别 --filed 日期 --case 申请\n"
    "                      [--case 申请 ...] [--note 说明]\n"
    "      xxgk review decide ID --result 结果 --date 日期\n"
    "\n"
    "登记行政复议、行政诉讼案件，计入被申请复议或被诉的机关（作出答复的\n"
    "机关；国办公开办函〔2016〕201号）。\n"
    "  类别  administrative_review（行政复议） litigation_direct（未经复议\n"
    "        直接起诉） litigation_after_review（复议后起诉）\n"
    "  结果  upheld（维持） corrected（纠正） other（其他）；未审结的为 pending\n"
    "\n"
    "  --db FILE   登记簿文件（默认 $XXGK_DB，否则 ./xxgk.db）\n"
    "  --user 姓名 经办人，记入审计日志\n"
    "  --json      输出 JSON\n"
    "\n"
    "示例:\n"
    "  xxgk review add --agency 2 --kind administrative_review \\\n"
    "      --filed 2024-04-01 --case 2024-00001\n"
    "  xxgk review decide 1 --result upheld --date 2024-06-01\n";

#define MAX_CASES 64

int cmd_review(int argc, char **argv) {
  struct reg_opts o = {0};
  const char *agency = NULL, *kind = NULL, *filed = NULL, *note = NULL,
             *result = NULL, *date = NULL, *pos[MAX_CASES + 2];
  int n_pos;
  /* --case may repeat: each is taken as a positional after the marker */
  const char *cases[MAX_CASES];
  int n_cases = 0;
  char *args[256];
  int n_args = 0;
  for (int i = 0; i < argc && n_args < 256; i++) {
    if (strcmp(argv[i], "--case") == 0 && i + 1 < argc) {
      if (n_cases < MAX_CASES)
        cases[n_cases++] = argv[++i];
      continue;
    }
    args[n_args++] = argv[i];
  }
  const struct opt opts[] = {
      {"--agency", &agency, NULL}, {"--kind", &kind, NULL},
      {"--filed", &filed, NULL},   {"--note", &note, NULL},
      {"--result", &result, NULL}, {"--date", &date, NULL}};
  int rc = cli_reg_args(n_args, args, opts, 6, &o, pos, 2, &n_pos, "review",
                        USAGE);
  if (rc >= 0)
    return rc;
  const char *sub = n_pos ? pos[0] : "";
  if (strcmp(sub, "add") && strcmp(sub, "decide")) {
    fprintf(stderr, "xxgk review: 请给出子命令 add 或 decide\n\n%s", USAGE);
    return EXIT_UNREADABLE;
  }
  xxgk_reg *r = cli_reg_open(&o, 0, "review");
  if (!r)
    return EXIT_UNREADABLE;
  rc = 0;
  if (strcmp(sub, "add") == 0) {
    int64_t ids[MAX_CASES];
    for (int i = 0; i < n_cases && !rc; i++)
      if (!(ids[i] = cli_case_id(r, cases[i], "review")))
        rc = EXIT_UNREADABLE;
    xxgk_review v = {.kind = kind, .filed = filed, .note = note,
                     .cases = ids, .n_cases = n_cases};
    if (!rc && !(v.agency_id = cli_id(agency, "机关编号（--agency）", "review")))
      rc = EXIT_UNREADABLE;
    if (!rc && xxgk_reg_review_add(r, &v) != XXGK_OK)
      rc = cli_reg_fail(r, "review");
    if (!rc && o.json)
      printf("{\"id\": %lld}\n", (long long)v.id);
    else if (!rc)
      printf("已登记复议诉讼案件 %lld\n", (long long)v.id);
  } else {
    int64_t id = cli_id(n_pos > 1 ? pos[1] : NULL, "案件编号", "review");
    if (!id)
      rc = EXIT_UNREADABLE;
    else if (xxgk_reg_review_decide(r, id, result, date) != XXGK_OK)
      rc = cli_reg_fail(r, "review");
    else
      printf("已登记案件 %lld 的结果：%s，%s\n", (long long)id, result, date);
  }
  xxgk_reg_close(r);
  return rc;
}
