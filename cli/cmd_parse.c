/*
 * cmd_parse.c — `xxgk parse`: reports to canonical JSON, CSV or Markdown.
 */
#include "cli.h"

#include <string.h>

#include "cmd_parse.h"

static int run(const struct cli_call *c) {
  const struct args *a = c->args;
  int n_files = c->n_pos;
  int fmt = strcmp(a->format, "json") == 0  ? 0
            : strcmp(a->format, "csv") == 0 ? 1
                                            : 2;
  int rc = EXIT_CONSISTENT;
  if (fmt == 1)
    cli_put(stdout, xxgk_render(NULL, XXGK_OUT_CSV_HEADER));
  if (fmt == 0 && !a->jsonl && n_files > 1)
    fputs("[\n", stdout);
  for (int i = 0; i < n_files; i++) {
    xxgk_status st;
    xxgk_doc *d = cli_parse_file(c->pos[i], &st);
    cli_print_diags(stderr, d, a->verbose ? XXGK_SEV_NOTICE : XXGK_SEV_WARNING);
    if (st != XXGK_OK)
      rc = EXIT_UNREADABLE;
    if (st != XXGK_E_IO && st != XXGK_E_ENCODING) {
      char *out = xxgk_render(d, fmt == 0   ? XXGK_OUT_JSON
                                 : fmt == 1 ? XXGK_OUT_CSV_ROW
                                            : XXGK_OUT_MARKDOWN);
      if (fmt == 0 && a->jsonl) { /* one line: drop the pretty-printing */
        for (char *p = out, *q = out; ; p++) {
          if (*p == '\n') {
            while (p[1] == ' ')
              p++;
            continue;
          }
          *q++ = *p;
          if (!*p)
            break;
        }
        fputs(out, stdout);
        fputc('\n', stdout);
        xxgk_free(out);
      } else {
        if (fmt == 0 && n_files > 1 && i > 0)
          fputs(",\n", stdout);
        if (fmt == 2 && i > 0)
          fputs("\n", stdout);
        cli_put(stdout, out);
      }
    }
    xxgk_doc_free(d);
  }
  if (fmt == 0 && !a->jsonl && n_files > 1)
    fputs("]\n", stdout);
  return rc;
}
