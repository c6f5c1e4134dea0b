/*
 * common.c — small pieces the corpus commands share: the database named by
 * default, the first error of a document, JSON strings on a stream.
 */
#include "cli.h"

#include <stdlib.h>
#include <string.h>

const char *cli_default_db(void) {
  const char *db = getenv("XXGK_DB");
  return db && *db ? db : "xxgk.db";
}

const char *cli_first_error(const xxgk_doc *d, xxgk_status st) {
  for (size_t i = 0; d && i < xxgk_doc_n_diags(d); i++)
    if (xxgk_doc_diag(d, i)->severity == XXGK_SEV_ERROR)
      return xxgk_doc_diag(d, i)->message;
  return xxgk_strerror(st);
}

void cli_json_str(FILE *f, const char *s) {
  xxgk_buf b = XXGK_BUF_INIT;
  xxgk_esc_json(&b, s, 0);
  fwrite(b.data, 1, b.len, f);
  xxgk_buf_free(&b);
}
