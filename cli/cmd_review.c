/*
 * cmd_review.c — `xxgk review add|decide`: administrative reviews and suits
 * about the agency's disclosure decisions (表四).
 */
#include "reg_cli.h"

#include <string.h>

struct args {
  struct reg_opts o; /* first: reg_common's offsets */
  const char *kind, *filed, *note, *result, *date;
  int64_t agency;
  struct cli_list cases;
};

static const struct cli_opt OPTS[] = {
    CLI_OPT(CLI_ID, "agency", 0, struct args, agency, "ID",
            "被申请复议或被诉的机关的编号（add）"),
    CLI_OPT(CLI_STRING, "kind", 0, struct args, kind, "类别",
            "案件类别（add；见上）"),
    CLI_OPT(CLI_DATE, "filed", 0, struct args, filed, "日期",
            "申请复议或起诉的日期（add）"),
    CLI_OPT(CLI_LIST, "case", 0, struct args, cases, "申请",
            "所涉的申请：申请编号或受理编号（add）"),
    CLI_OPT(CLI_STRING, "note", 0, struct args, note, "说明", "说明（add）"),
    CLI_OPT(CLI_STRING, "result", 0, struct args, result, "结果",
            "审结结果（decide；见上）"),
    CLI_OPT(CLI_DATE, "date", 0, struct args, date, "日期",
            "审结日期（decide）"),
    CLI_OPT_END,
};

enum { ADD, DECIDE };

static int add(xxgk_reg *r, const struct args *a) {
  int64_t *ids = xxgk_calloc(a->cases.n ? a->cases.n : 1, sizeof *ids);
  int rc = 0;
  for (size_t i = 0; i < a->cases.n && !rc; i++)
    if (!(ids[i] = cli_case_id(r, a->cases.v[i], "review")))
      rc = EXIT_UNREADABLE;
  xxgk_review v = {.agency_id = a->agency, .kind = a->kind,
                   .filed = a->filed, .note = a->note, .cases = ids,
                   .n_cases = (int)a->cases.n};
  if (!rc && !a->agency)
    rc = cli_usage_error(&cli_cmd_review, "请给出 --agency（机关编号）");
  if (!rc && xxgk_reg_review_add(r, &v) != XXGK_OK)
    rc = cli_reg_fail(r, "review");
  if (!rc)
    cli_added(&a->o, v.id, "已登记复议诉讼案件 %lld\n", (long long)v.id);
  xxgk_free(ids);
  return rc;
}

static int run(const struct cli_call *c) {
  const struct args *a = c->args;
  xxgk_reg *r = c->reg;
  if (c->verb == ADD)
    return add(r, a);
  int64_t id = cli_id(c->n_pos > 1 ? c->pos[1] : NULL, "案件编号", "review");
  if (!id)
    return EXIT_UNREADABLE;
  if (xxgk_reg_review_decide(r, id, a->result, a->date) != XXGK_OK)
    return cli_reg_fail(r, "review");
  printf("已登记案件 %lld 的结果：%s，%s\n", (long long)id, a->result,
         a->date);
  return 0;
}

const struct cli_cmd cli_cmd_review = {
    .name = "review",
    .summary = "行政复议、行政诉讼案件（add|decide）",
    .run = run,
    .synopsis =
        "用法: xxgk review add --agency ID --kind 类别 --filed 日期 --case 申请\n"
        "                      [--case 申请 ...] [--note 说明]\n"
        "      xxgk review decide ID --result 结果 --date 日期\n"
        "\n"
        "登记行政复议、行政诉讼案件，计入被申请复议或被诉的机关（作出答复的\n"
        "机关；国办公开办函〔2016〕201号）。\n"
        "  类别  administrative_review（行政复议） litigation_direct（未经复议\n"
        "        直接起诉） litigation_after_review（复议后起诉）\n"
        "  结果  upheld（维持） corrected（纠正） other（其他）；未审结的为 "
        "pending\n",
    .epilog =
        "示例:\n"
        "  xxgk review add --agency 2 --kind administrative_review \\\n"
        "      --filed 2024-04-01 --case 2024-00001\n"
        "  xxgk review decide 1 --result upheld --date 2024-06-01\n",
    .opts = OPTS,
    .common = reg_common,
    .max_pos = 2,
    .verbs = (const struct cli_verb[]){{"add", 0}, {"decide", 1}, {NULL, 0}},
    .args_size = sizeof(struct args),
    .opens = CLI_OPENS_REGISTER,
};
