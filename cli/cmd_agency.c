/*
 * cmd_agency.c — `xxgk agency add|list|user`: the agencies of the register
 * (an oversight office above its units) and their users.
 */
#include "reg_cli.h"

#include <stdio.h>
#include <string.h>

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

struct args {
  struct reg_opts o; /* first: reg_common's offsets */
  const char *name, *login;
  int64_t parent, agency;
  int no_register;
};

static const struct cli_opt OPTS[] = {
    CLI_OPT(CLI_STRING, "name", 0, struct args, name, "名称",
            "机关名称（add），或用户姓名（user）"),
    CLI_OPT(CLI_ID, "parent", 0, struct args, parent, "ID",
            "上级机关的编号（add）"),
    CLI_OPT(CLI_FLAG, "no-register", 0, struct args, no_register, NULL,
            "该机关不在本系统记登记簿，只在报送轮次中上传年度报告（add）"),
    CLI_OPT(CLI_ID, "agency", 0, struct args, agency, "ID",
            "用户所在机关的编号（user）"),
    CLI_OPT(CLI_STRING, "login", 0, struct args, login, "登录名",
            "网页登录名（user；密码从标准输入读一行）"),
    CLI_OPT_END,
};

enum { ADD, LIST, USER };

static int check(struct cli_call *c) {
  const struct args *a = c->args;
  if (c->verb == USER && !a->agency)
    return cli_usage_error(&cli_cmd_agency, "请给出 --agency（机关编号）");
  return -1;
}

static int run(const struct cli_call *c) {
  const struct args *a = c->args;
  xxgk_reg *r = c->reg;
  int rc = 0;
  if (c->verb == ADD) {
    xxgk_agency ag = {
        .name = a->name, .parent_id = a->parent, .no_register = a->no_register};
    if (xxgk_reg_agency_add(r, &ag) != XXGK_OK)
      rc = cli_reg_fail(r, "agency");
    else
      cli_added(&a->o, ag.id, "已登记机关 %lld：%s\n", (long long)ag.id,
                ag.name);
  } else if (c->verb == LIST) {
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

const struct cli_cmd cli_cmd_agency = {
    .name = "agency",
    .summary = "登记簿中的机关及其用户（add|list|user）",
    .run = run,
    .synopsis =
        "用法: xxgk agency add --name 名称 [--parent ID] [--no-register]\n"
        "      xxgk agency list [--json]\n"
        "      xxgk agency user --agency ID --name 姓名 [--login 登录名]\n"
        "\n"
        "登记机关。--parent 为上级（如本级政府办公室）的编号，上级的年度报告\n"
        "汇总其下各单位；--no-register 的单位不在本系统记登记簿，报送轮次中\n"
        "只能上传年度报告。user 登记机关的经办人员；给出 --login 时，从标准输入\n"
        "读一行作为网页登录密码（8 至 1024 个字节；只存 Argon2id 哈希）。\n",
    .epilog =
        "示例:\n"
        "  xxgk agency add --name 某市人民政府办公室\n"
        "  xxgk agency add --name 某市生态环境局 --parent 1\n"
        "  xxgk agency add --name 某市气象局 --parent 1 --no-register\n"
        "  xxgk agency list\n"
        "  printf '%s\\n' \"$PASSWORD\" | xxgk agency user --agency 2 --name 王敏 "
        "--login wangmin\n",
    .opts = OPTS,
    .common = reg_common,
    .max_pos = 1,
    .verbs = (const struct cli_verb[]){
        {"add", 0}, {"list", 0}, {"user", 0}, {NULL, 0}},
    .args_size = sizeof(struct args),
    .opens = CLI_OPENS_REGISTER,
    .check = check,
};
