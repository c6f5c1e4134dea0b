/*
 * cmd_agencies.c — `xxgk agencies`: the organs of a corpus, their regions
 * and kind as read from their names, and corrections to them.
 */
#include "corpus_cli.h"

#include <stdlib.h>
#include <string.h>

static const struct cli_opt OPTS[] = {
    CLI_OPT(CLI_FLAG, "json", 0, corpus_opts, json, NULL, "JSON 数组"),
    CLI_OPT_END,
};

static int run(int argc, char **argv) {
  corpus_opts o;
  int n_pos;
  int rc = corpus_args(&cli_cmd_agencies, argc, argv, &o, &n_pos);
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
  xxgk_corpus *c = corpus_open_existing(&o, "agencies");
  if (!c)
    return EXIT_UNREADABLE;
  if (id) {
    xxgk_status st = xxgk_corpus_agency_set(c, id, pos[2], pos[3]);
    if (st != XXGK_OK)
      fprintf(stderr, "xxgk agencies: %s\n", xxgk_corpus_errmsg(c));
    xxgk_corpus_close(c);
    return st == XXGK_OK ? EXIT_CONSISTENT : EXIT_UNREADABLE;
  }
  char *text;
  xxgk_status st = xxgk_corpus_agencies(c, &o.filter, &text);
  if (st != XXGK_OK)
    fprintf(stderr, "xxgk agencies: %s\n", xxgk_corpus_errmsg(c));
  xxgk_corpus_close(c);
  if (st != XXGK_OK)
    return EXIT_UNREADABLE;
  if (o.json) /* the library's answer as it is */
    fputs(text, stdout);
  json_object *arr = corpus_answer(text);
  if (!o.json) {
    for (size_t i = 0; i < json_object_array_length(arr); i++) {
      json_object *a = json_object_array_get_idx(arr, i);
      printf("%s\t%s\t%s%s%s\t%s\t%s\t报告 %s 份\t%s\n", jstr(a, "id"),
             jstr(a, "name"), jstr(a, "province"), jstr(a, "city"),
             jstr(a, "county"), jstr(a, "division"), jstr(a, "kind"),
             jstr(a, "reports"), jstr(a, "names"));
    }
  }
  json_object_put(arr);
  return EXIT_CONSISTENT;
}

const struct cli_cmd cli_cmd_agencies = {
    .name = "agencies",
    .summary = "语料库中的机关：名称写法、地区、类型",
    .run = run,
    .synopsis =
        "用法: xxgk agencies [--db FILE] [--region X] [--kind K] [--json]\n"
        "      xxgk agencies [--db FILE] set ID FIELD VALUE\n"
        "\n"
        "列出语料库中的机关：名称的各种写法、地区（省、市、区县，按全国行政区划\n"
        "识别，附区划代码）和类型（从名称识别）。重名的区县（如两个朝阳区）在\n"
        "名称写明上级之前不定省份。set 修改名称没有说明的地方：FIELD 为\n"
        "province、city、county、kind（government、department、township）或\n"
        "division（六位区划代码，同时定省、市、区县）。--region 也接受区划代码。\n",
    .epilog = "示例:\n"
              "  xxgk agencies --db corpus.db --region 天津市\n"
              "  xxgk agencies --db corpus.db set 12 division 110105\n"
              "  xxgk agencies --db corpus.db set 13 province 河南省\n",
    .opts = OPTS,
    .common = corpus_common,
    .max_pos = 4,
};
