/*
 * cmd_serve.c — `xxgk serve`: the web application (server/) over the
 * register, in the foreground until Ctrl-C. Option parsing only; the
 * server itself lives in server/srv_*.c.
 */
#include "cli.h"

#include "../server/srv.h"

#include <stdlib.h>

#include "cmd_serve.h"

static int run(const struct cli_call *c) {
  struct srv_opts *o = c->args;
  const char *tpl = getenv("XXGK_TEMPLATES");
  if (!o->db)
    o->db = cli_default_db();
  if (!o->templates)
    o->templates = tpl && *tpl ? tpl : NULL;
  return srv_run(o);
}
