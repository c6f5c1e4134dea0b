/*
 * cmd_diff.c — `xxgk diff`: two years of one agency compared, figure by
 * figure, with the cross-year rules Y1–Y3 (xxgk_check_years, xxgk_diff).
 */
#include "cli.h"

#include <string.h>

#include "cmd_diff.h"

static int run(const struct cli_call *c) {
  const struct args *a = c->args;
  xxgk_doc *d[2];
  int rc = cli_parse_reports(c->pos, 2, d, NULL, "diff", "");
  if (rc == 0) {
    size_t errors = xxgk_check_years(d[0], d[1]);
    cli_put(stdout,
            xxgk_diff(d[0], d[1], a->json ? XXGK_DIFF_JSON : XXGK_DIFF_TEXT));
    rc = errors ? EXIT_FINDINGS : EXIT_CONSISTENT;
  }
  xxgk_doc_free(d[0]);
  xxgk_doc_free(d[1]);
  return rc;
}
