/*
 * cmd_findings.c — `xxgk findings`: the inconsistent reports of a corpus.
 */
#include "corpus_cli.h"

#include <string.h>

#include "cmd_findings.h"

struct out {
  corpus_list list;
  size_t errors;
};

static int print(void *ctx, const xxgk_corpus_finding *f) {
  struct out *o = ctx;
  o->errors += strcmp(f->severity, "error") == 0;
  if (o->list.json) {
    xxgk_corpus_finding_json(&o->list.b, f, o->list.n);
    cli_flush(stdout, &o->list.b);
  } else {
    char year[16] = "";
    if (f->year)
      snprintf(year, sizeof year, "%d", f->year);
    printf("%s %s %s %s: %s [%s] (%s)\n", year, f->agency ? f->agency : "",
           f->severity, f->rule, f->message, f->cells, f->path);
  }
  o->list.n++;
  return 0;
}

static int run(const struct cli_call *c) {
  const corpus_opts *opts = c->args;
  struct out o = {.list = {.json = opts->json, .b = XXGK_BUF_INIT}};
  xxgk_status st = corpus_list_end(
      &o.list, c->corpus,
      xxgk_corpus_findings(c->corpus, &opts->filter, print, &o), "findings");
  if (st != XXGK_OK)
    return EXIT_UNREADABLE;
  if (!o.list.json)
    fprintf(stderr, "xxgk findings: %zu 条发现，其中错误 %zu 条\n", o.list.n,
            o.errors);
  return o.errors ? EXIT_FINDINGS : EXIT_CONSISTENT;
}
