/*
 * cmd_agencies.c — `xxgk agencies`: the organs of a corpus, their regions
 * and kind as read from their names, and corrections to them.
 */
#include "corpus_cli.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "cmd_agencies.h"

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

static int check(struct cli_call *c) {
  struct args *a = c->args;
  const char *const *pos = (const char *const *)c->pos;
  if (c->n_pos == 0)
    return -1;
  if (strcmp(pos[0], "set") != 0)
    return cli_usage_error(&cli_cmd_agencies, "未知的子命令“%s”；只有 set",
                           pos[0]);
  char *end = NULL;
  long long v = c->n_pos > 1 ? strtoll(pos[1], &end, 10) : 0;
  if (c->n_pos < 4 || *end || v <= 0)
    return cli_usage_error(&cli_cmd_agencies, "用法: set ID FIELD VALUE");
  a->set = v;
  return -1;
}

static int run(const struct cli_call *call) {
  const struct args *a = call->args;
  xxgk_corpus *c = call->corpus;
  if (a->set) {
    return xxgk_corpus_agency_set(c, a->set, call->pos[2], call->pos[3]) ==
                   XXGK_OK
               ? EXIT_CONSISTENT
               : cli_corpus_fail(c, "agencies");
  }
  corpus_list l = {.json = a->o.json, .b = XXGK_BUF_INIT};
  return corpus_list_end(&l, c,
                         xxgk_corpus_agencies(c, &a->o.filter, print, &l),
                         "agencies") == XXGK_OK
             ? EXIT_CONSISTENT
             : EXIT_UNREADABLE;
}
