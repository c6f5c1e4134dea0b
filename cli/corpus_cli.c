/*
 * corpus_cli.c — options and helpers of the corpus commands.
 */
#include "corpus_cli.h"
#include "xxgk_register.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

xxgk_corpus *corpus_open_existing(const corpus_opts *o, const char *cmd) {
  const char *db = o->db ? o->db : cli_default_db();
  char *name = xxgk_db_printable(db); /* never a password */
  xxgk_corpus *c = NULL;
  /* a file that is not there would be made empty; a database server's
   * database is there or the open says why not */
  if (!xxgk_db_is_server(db) && access(db, F_OK) != 0) {
    fprintf(stderr,
            "xxgk %s: %s: 数据库不存在；先用 xxgk import --db %s 导入报告\n",
            cmd, name, name);
  } else if (xxgk_corpus_open(db, XXGK_OPT_CREATE, &c) != XXGK_OK) {
    fprintf(stderr, "xxgk %s: %s: %s\n", cmd, name, xxgk_corpus_errmsg(c));
    xxgk_corpus_close(c);
    c = NULL;
  }
  free(name);
  return c;
}

int cli_corpus_fail(xxgk_corpus *c, const char *cmd) {
  fprintf(stderr, "xxgk %s: %s\n", cmd, xxgk_corpus_errmsg(c));
  return EXIT_UNREADABLE;
}

xxgk_status corpus_list_end(corpus_list *l, xxgk_corpus *c, xxgk_status st,
                            const char *cmd) {
  if (st != XXGK_OK)
    cli_corpus_fail(c, cmd);
  if (st == XXGK_OK && l->json) {
    xxgk_corpus_json_end(&l->b, l->n);
    cli_flush(stdout, &l->b);
  }
  xxgk_buf_free(&l->b);
  return st;
}
