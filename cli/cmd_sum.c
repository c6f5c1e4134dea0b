/*
 * cmd_sum.c — `xxgk sum`: the oversight office's aggregate of its units'
 * reports (xxgk_sum), written as canonical JSON or as a whole report.
 */
#include "cli.h"

#include <stdlib.h>
#include <string.h>

#include "cmd_sum.h"

static int run(const struct cli_call *c) {
  const struct args *a = c->args;
  int n_files = c->n_pos;
  xxgk_doc **docs = xxgk_calloc((size_t)n_files, sizeof *docs);
  size_t inconsistent = 0;
  int rc = cli_parse_reports(c->pos, n_files, docs, &inconsistent, "sum",
                             "，不能计入汇总");
  if (rc == 0) {
    xxgk_doc *sum;
    xxgk_status st = xxgk_sum((const xxgk_doc *const *)docs, (size_t)n_files,
                              a->agency, a->year, &sum);
    xxgk_doc_set_source(sum, "汇总");
    cli_print_diags(stderr, sum, XXGK_SEV_WARNING);
    const char *to = a->to ? a->to : a->path ? NULL : "json";
    if (st != XXGK_OK && st != XXGK_E_INCOMPLETE)
      rc = EXIT_UNREADABLE;
    else if ((rc = cli_write_report(sum, to, a->path, "sum")) == 0)
      rc = st != XXGK_OK ? EXIT_UNREADABLE
           : inconsistent || xxgk_doc_count(sum, XXGK_SEV_ERROR)
               ? EXIT_FINDINGS
               : EXIT_CONSISTENT;
    xxgk_doc_free(sum);
  }
  for (int i = 0; i < n_files; i++)
    xxgk_doc_free(docs[i]);
  xxgk_free(docs);
  return rc;
}
