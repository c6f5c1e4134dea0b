/*
 * version.c — `xxgk --version`: the release, the commit it was built from,
 * and the versions of what it runs with, as a bug report needs them: the
 * library's components (xxgk_components) and the web application's
 * libmicrohttpd, grouped by how they are used.
 */
#include "cli.h"
#include "commit.h" /* XXGK_COMMIT, written at every build */

#include "../server/srv.h"

#include <string.h>

static const struct {
  const char *how, *heading;
} GROUPS[] = {
    {"linked", "链接的库"},
    {"loaded", "首次使用时载入的库"},
    {"program", "运行的程序"},
};

int cli_version(FILE *f) {
  size_t n;
  const xxgk_component *lib = xxgk_components(&n);
  xxgk_component mhd;
  srv_component(&mhd);
  fprintf(f, "xxgk %s\n提交: %s\n", XXGK_VERSION, XXGK_COMMIT);
  for (size_t g = 0; g < sizeof GROUPS / sizeof *GROUPS; g++) {
    fprintf(f, "\n%s:\n", GROUPS[g].heading);
    for (size_t i = 0; i <= n; i++) {
      const xxgk_component *c = i < n ? &lib[i] : &mhd;
      if (strcmp(c->how, GROUPS[g].how) != 0)
        continue;
      fprintf(f, "  %-14s %s", c->name, c->version ? c->version : "");
      if (c->detail)
        fprintf(f, c->version ? "（%s）" : "%s", c->detail);
      fputc('\n', f);
    }
  }
  return EXIT_CONSISTENT;
}
