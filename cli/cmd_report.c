/*
 * cmd_report.c — `xxgk report --agency ID --year N`: the annual report's
 * tables (format 2021) counted from the register, checked, then written as
 * canonical JSON or as a whole report in any format of `xxgk render`;
 * with --explain KEY, the applications, reviews or records one figure
 * counts.
 */
#include "reg_cli.h"

#include "cmd_report.h"

struct listing {
  int json, n;
};

static int list_item(void *ctx, const xxgk_report_item *it) {
  struct listing *l = ctx;
  char v[40];
  xxgk_num_format(it->value, v);
  if (l->json) {
    printf("%s\n  {\"kind\": \"%s\", \"id\": %lld, \"case_id\": ",
           l->n ? "," : "", xxgk_item_key(it->kind), (long long)it->id);
    if (it->case_id)
      printf("%lld", (long long)it->case_id);
    else
      fputs("null", stdout);
    cli_json_field(stdout, "ref", it->ref);
    cli_json_field(stdout, "agency", it->agency);
    cli_json_field(stdout, "date", it->date);
    cli_json_field(stdout, "detail", it->detail);
    printf(", \"value\": %s}", v);
  } else {
    printf("  %-12s %-10s %s  %s\n", it->ref ? it->ref : "",
           it->date ? it->date : "", it->agency ? it->agency : "",
           it->detail ? it->detail : "");
  }
  l->n++;
  return 0;
}

/* --explain: the figure, then what it counts. */
static int explain(xxgk_reg *r, const struct args *a) {
  struct listing l = {a->o.json, 0};
  xxgk_report_cell cell;
  if (l.json)
    printf("{\"key\": \"%s\", \"items\": [", a->explain);
  xxgk_status st = xxgk_reg_report_explain(r, a->agency, a->year, a->explain,
                                           &cell, list_item, &l);
  if (st != XXGK_OK) {
    if (l.json)
      puts("]}");
    return cli_reg_fail(r, "report");
  }
  char v[40];
  xxgk_num_format(cell.value, v);
  if (l.json) {
    printf("%s], \"label\": ", l.n ? "\n" : "");
    cli_json_str(stdout, cell.label);
    printf(", \"value\": %s, \"money\": %s, \"count\": %lld}\n", v,
           cell.money ? "true" : "false", (long long)cell.n_items);
  } else {
    printf("%d 年 %s（%s）= %s%s，共 %lld 项\n", a->year, cell.label,
           a->explain, v, cell.money ? "（各项金额之和）" : "",
           (long long)cell.n_items);
  }
  return 0;
}

static int run(const struct cli_call *c) {
  const struct args *a = c->args;
  xxgk_reg *r = c->reg;
  const char *to = a->to || a->path ? a->to : "json";
  if (a->explain)
    return explain(r, a);
  xxgk_doc *d;
  if (xxgk_reg_report(r, a->agency, a->year, &d) != XXGK_OK)
    return cli_reg_fail(r, "report");
  size_t errors = xxgk_check(d);
  int rc = cli_write_report(d, to, a->path, "report");
  if (errors)
    cli_print_diags(stderr, d, XXGK_SEV_ERROR);
  xxgk_doc_free(d);
  return rc != 0 ? rc : errors ? EXIT_FINDINGS : 0;
}
