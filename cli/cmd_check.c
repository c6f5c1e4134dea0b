/*
 * cmd_check.c — `xxgk check`: the consistency rules, with exit codes that
 * compose in scripts.
 */
#include "cli.h"

#include <string.h>

#include "cmd_check.h"

static int run(const struct cli_call *c) {
  const struct args *a = c->args;
  int unreadable = 0, inconsistent = 0;
  int array = a->json && !a->jsonl && c->n_pos > 1;
  if (array)
    fputs("[\n", stdout);
  for (int i = 0; i < c->n_pos; i++) {
    xxgk_status st;
    xxgk_doc *d = cli_parse_file(c->pos[i], &st);
    size_t parse_errors = xxgk_doc_count(d, XXGK_SEV_ERROR);
    if (st == XXGK_OK || st == XXGK_E_INCOMPLETE)
      xxgk_check(d);
    size_t errors = xxgk_doc_count(d, XXGK_SEV_ERROR);
    unreadable |= st != XXGK_OK;
    inconsistent |= errors > parse_errors;
    if (a->json || a->jsonl) {
      char *out = xxgk_render(d, XXGK_OUT_FINDINGS_JSON);
      if (a->jsonl)
        for (char *p = out; *p; p++)
          if (*p == '\n' && p[1])
            *p = ' ';
      if (array && i > 0)
        fputs(",\n", stdout);
      cli_put(stdout, out);
    } else if (!a->quiet) {
      cli_print_diags(stdout, d,
                      a->verbose ? XXGK_SEV_NOTICE : XXGK_SEV_WARNING);
      size_t w = xxgk_doc_count(d, XXGK_SEV_WARNING) - errors;
      printf("%s: %s（%zu 个错误，%zu 个警告）\n", c->pos[i],
             st == XXGK_E_IO || st == XXGK_E_ENCODING ? "无法读取"
             : st == XXGK_E_NOT_REPORT                ? "不是年度报告"
             : errors                                 ? "不一致"
                                                      : "一致",
             errors, w);
    }
    xxgk_doc_free(d);
  }
  if (array)
    fputs("]\n", stdout);
  return unreadable ? EXIT_UNREADABLE
         : inconsistent ? EXIT_FINDINGS
                        : EXIT_CONSISTENT;
}
