/*
 * cmd_agencies.c — `xxgk agencies`: the organs of a corpus, their regions
 * and kind as read from their names, and corrections to them.
 */
#include "corpus_cli.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

static const struct cli_opt OPTS[] = {
    CLI_OPT(CLI_FLAG, "json", 0, corpus_opts, json, NULL, "JSON 数组"),
    CLI_OPT_END,
};

static int print(void *ctx, const xxgk_corpus_agency *a) {
  corpus_list *l = ctx;
  if (l->json) {
    xxgk_corpus_agency_json(&l->b, a, l->n++);
    cli_flush(stdout, &l->b);
  } else {
    printf("%" PRId64 "\t%s\t%s%s%s\t%s\t%s\t报告 %" PRId64 " 份\t%s\n",
           a->id, a->name, a->province, a->city, a->county, a->division,
           a->kind, a->reports, a->names ? a->names : "");
  }
  return 0;
}

static int run(int argc, char **argv) {
  corpus_opts opts;
  int n_pos;
  int rc = corpus_args(&cli_cmd_agencies, argc, argv, &opts, &n_pos);
  if (rc >= 0)
    return rc;
  const char *const *pos = (const char *const *)argv + 1;
  if (n_pos > 0 && strcmp(pos[0], "set") != 0)
    return cli_usage_error(&cli_cmd_agencies, "未知的子命令“%s”；只有 set",
                           pos[0]);
  int64_t id = 0;
  if (n_pos > 0) {
    char *end = NULL;
    long long v = n_pos > 1 ? strtoll(pos[1], &end, 10) : 0;
    if (n_pos < 4 || *end || v <= 0)
      return cli_usage_error(&cli_cmd_agencies, "用法: set ID FIELD VALUE");
    id = v;
  }
  xxgk_corpus *c = corpus_open_existing(&opts, "agencies");
  if (!c)
    return EXIT_UNREADABLE;
  if (id) {
    xxgk_status st = xxgk_corpus_agency_set(c, id, pos[2], pos[3]);
    if (st != XXGK_OK)
      fprintf(stderr, "xxgk agencies: %s\n", xxgk_corpus_errmsg(c));
    xxgk_corpus_close(c);
    return st == XXGK_OK ? EXIT_CONSISTENT : EXIT_UNREADABLE;
  }
  corpus_list l = {.json = opts.json, .b = XXGK_BUF_INIT};
  return corpus_list_end(&l, c,
                         xxgk_corpus_agencies(c, &opts.filter, print, &l),
                         "agencies") == XXGK_OK
             ? EXIT_CONSISTENT
             : EXIT_UNREADABLE;
}

const struct cli_cmd cli_cmd_agencies = {
    .name = "agencies",
    .summary = "语料库中的机关：名称写法、地区、类型",
    .run = run,
    .synopsis =
        "用法: xxgk agencies [--db FILE] [--region X] [--kind K] [--json]\n"
        "      xxgk agencies [--db FILE] set ID FIELD VALUE\n"
        "\n"
        "列出语料库中的机关：名称的各种写法、地区（省、市、区县）和类型（从名称\n"
        "识别）。set 修改名称没有说明的地方：FIELD 为 province、city、county 或\n"
        "kind（government、department、township）。\n",
    .epilog = "示例:\n"
              "  xxgk agencies --db corpus.db --region 天津市\n"
              "  xxgk agencies --db corpus.db set 12 province 河南省\n",
    .opts = OPTS,
    .common = corpus_common,
    .max_pos = 4,
};
