/*
 * cmd_agencies.c — `xxgk agencies`: the organs of a corpus, their regions
 * and kind as read from their names, and corrections to them.
 */
#include "corpus_cli.h"

#include <stdlib.h>
#include <string.h>

static const char USAGE[] =
    "用法: xxgk agencies [--db FILE] [--region X] [--kind K] [--json]\n"
    "      xxgk agencies [--db FILE] set ID FIELD VALUE\n"
    "\n"
    "列出语料库中的机关：名称的各种写法、地区（省、市、区县）和类型（从名称\n"
    "识别）。set 修改名称没有说明的地方：FIELD 为 province、city、county 或\n"
    "kind（government、department、township）。\n"
    "\n"
    "示例:\n"
    "  xxgk agencies --db corpus.db --region 天津市\n"
    "  xxgk agencies --db corpus.db set 12 province 河南省\n";

int cmd_agencies(int argc, char **argv) {
  corpus_opts o;
  int rc = corpus_args(argc, argv, &o, "agencies", USAGE);
  if (rc >= 0)
    return rc;
  xxgk_corpus *c = corpus_open_existing(&o, "agencies");
  if (!c)
    return EXIT_UNREADABLE;
  if (o.n_pos > 0) {
    char *end = NULL;
    long long id = o.n_pos == 4 ? strtoll(o.pos[1], &end, 10) : 0;
    if (strcmp(o.pos[0], "set") != 0 || o.n_pos != 4 || *end || id <= 0) {
      fprintf(stderr, "xxgk agencies: 用法: set ID FIELD VALUE\n\n%s", USAGE);
      xxgk_corpus_close(c);
      return EXIT_UNREADABLE;
    }
    xxgk_status st = xxgk_corpus_agency_set(c, id, o.pos[2], o.pos[3]);
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
      printf("%s\t%s\t%s%s%s\t%s\t报告 %s 份\t%s\n", jstr(a, "id"),
             jstr(a, "name"), jstr(a, "province"), jstr(a, "city"),
             jstr(a, "county"), jstr(a, "kind"), jstr(a, "reports"),
             jstr(a, "names"));
    }
  }
  json_object_put(arr);
  return EXIT_CONSISTENT;
}
