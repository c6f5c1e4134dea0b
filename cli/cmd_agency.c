/*
 * cmd_agency.c — `xxgk agency add|list|user`: the agencies of the register
 * (an oversight office above its units) and their users.
 */
#include "reg_cli.h"

#include <stdio.h>
#include <string.h>

#include "cmd_agency.h"

static int print_row(void *ctx, const xxgk_agency *a, int depth) {
  int *n = ctx;
  if (n[1]) {
    printf("%s{\"id\": %lld, \"parent_id\": %lld, \"name\": ", n[0] ? ",\n" : "",
           (long long)a->id, (long long)a->parent_id);
    cli_json_str(stdout, a->name);
    printf(", \"no_register\": %s}", a->no_register ? "true" : "false");
  } else {
    printf("%*s%-4lld %s%s\n", depth * 2, "", (long long)a->id, a->name,
           a->no_register ? "（不用登记簿）" : "");
  }
  n[0]++;
  return 0;
}

static int run(const struct cli_call *c) {
  const struct args *a = c->args;
  xxgk_reg *r = c->reg;
  int rc = 0;
  if (c->verb == VERB_ADD) {
    xxgk_agency ag = {
        .name = a->name, .parent_id = a->parent, .no_register = a->no_register};
    if (xxgk_reg_agency_add(r, &ag) != XXGK_OK)
      rc = cli_reg_fail(r, "agency");
    else
      cli_added(&a->o, ag.id, "已登记机关 %lld：%s\n", (long long)ag.id,
                ag.name);
  } else if (c->verb == VERB_LIST) {
    int n[2] = {0, a->o.json};
    if (a->o.json)
      fputs("[", stdout);
    if (xxgk_reg_agency_list(r, print_row, n) != XXGK_OK)
      rc = cli_reg_fail(r, "agency");
    if (a->o.json)
      fputs("]\n", stdout);
  } else {
    int64_t id = a->agency;
    const char *name = a->name, *login = a->login;
    /* The password comes on standard input: an argument would show in
     * every other user's process list. */
    /* Room for one byte past the longest password: a longer line reaches
     * the library long enough to be refused, never cut to a password
     * other than the one typed. */
    char password[XXGK_MAX_PASSWORD + 2] = "";
    if (login) {
      if (!fgets(password, sizeof password, stdin))
        password[0] = 0;
      password[strcspn(password, "\r\n")] = 0;
    }
    if (login ? xxgk_reg_user_set_login(r, id, name, login, password)
                   : xxgk_reg_user_add(r, id, name))
      rc = cli_reg_fail(r, "agency");
    else if (login)
      printf("已为机关 %lld 登记用户 %s，登录名 %s\n", (long long)id, name,
             login);
    else
      printf("已为机关 %lld 登记用户 %s\n", (long long)id, name);
    memset(password, 0, sizeof password);
  }
  return rc;
}
