/*
 * fuzz_reg_import.c — fuzz target for the register's import
 * (xxgk_reg_import, a JSON export restored into an empty in-memory
 * register). What an import accepts must export, import into a second
 * empty register and export again identically (export → import → export
 * is the identity, reg_export.c), and build each agency's annual report,
 * which then goes through the checker and every renderer (fuzz_doc.c).
 */
#include "fuzz_doc.h"
#include "xxgk_register.h"

#include <stdio.h>
#include <string.h>

#define FUZZ_MAX_AGENCIES 8

struct agencies {
  int64_t id[FUZZ_MAX_AGENCIES];
  int n;
};

static int collect(void *ctx, const xxgk_agency *a, int depth) {
  struct agencies *g = ctx;
  (void)depth;
  if (g->n < FUZZ_MAX_AGENCIES)
    g->id[g->n++] = a->id;
  return 0;
}

static xxgk_reg *open_memory(void) {
  xxgk_reg *r;
  xxgk_status st = xxgk_reg_open(":memory:", XXGK_OPT_CREATE, &r);
  if (st != XXGK_OK)
    fuzz_fail("cannot open an in-memory register: %s", xxgk_reg_errmsg(r));
  xxgk_reg_set_clock(r, "2024-01-31T09:00:00Z");
  return r;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  xxgk_reg *r = open_memory();
  if (xxgk_reg_import(r, (const char *)data, size) != XXGK_OK) {
    if (!xxgk_reg_errmsg(r)[0])
      fuzz_fail("import refused without a message");
    xxgk_reg_close(r);
    return 0;
  }
  char *e1 = NULL, *e2 = NULL;
  if (xxgk_reg_export(r, &e1) != XXGK_OK)
    fuzz_fail("export after import failed: %s", xxgk_reg_errmsg(r));
  xxgk_reg *r2 = open_memory();
  if (xxgk_reg_import(r2, e1, strlen(e1)) != XXGK_OK)
    fuzz_fail("an export does not import: %s", xxgk_reg_errmsg(r2));
  if (xxgk_reg_export(r2, &e2) != XXGK_OK || strcmp(e1, e2) != 0) {
    fprintf(stderr, "--- first export\n%s\n--- second\n%s\n", e1,
            e2 ? e2 : "(none)");
    fuzz_fail("export -> import -> export is not the identity");
  }
  xxgk_free(e1);
  xxgk_free(e2);
  xxgk_reg_close(r2);

  struct agencies g = {{0}, 0};
  xxgk_reg_agency_list(r, collect, &g);
  for (int i = 0; i < g.n; i++) {
    xxgk_doc *d = NULL;
    xxgk_reg_report(r, g.id[i], 2023, &d);
    if (d) {
      fuzz_exercise(d);
      xxgk_doc_free(d);
    }
  }
  xxgk_reg_close(r);
  return 0;
}
