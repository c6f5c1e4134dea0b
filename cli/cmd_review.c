/*
 * cmd_review.c — `xxgk review add|decide`: administrative reviews and suits
 * about the agency's disclosure decisions (表四).
 */
#include "reg_cli.h"

#include <string.h>

#include "cmd_review.h"

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
  if (c->verb == VERB_ADD)
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
