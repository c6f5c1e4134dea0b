/*
 * common.c — small pieces the corpus commands share: the database named by
 * default, JSON strings on a stream.
 */
#include "cli.h"

#include <stdlib.h>
#include <string.h>

const char *cli_default_db(void) {
  const char *db = getenv("XXGK_DB");
  return db && *db ? db : "xxgk.db";
}

void cli_json_str(FILE *f, const char *s) {
  xxgk_buf b = XXGK_BUF_INIT;
  xxgk_esc_json(&b, s, 0);
  fwrite(b.data, 1, b.len, f);
  xxgk_buf_free(&b);
}

void cli_json_field(FILE *f, const char *key, const char *s) {
  fprintf(f, ", \"%s\": ", key);
  cli_json_str(f, s);
}
