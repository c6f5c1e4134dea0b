/*
 * cmd_agency.c — `xxgk agency add|list|user`: the agencies of the register
 * (an oversight office above its units) and their users.
 */
#include "reg_cli.h"

#include <stdio.h>
#include <string.h>

static const char USAGE[] =
    "用法: xxgk agency add --name 名称 [--parent ID]\n"
    "      xxgk agency list [--json]\n"
    "      xxgk agency user --agency ID --name 姓名 [--login 登录名]\n"
    "\n"
    "登记机关。--parent 为上级（如本级政府办公室）的编号，上级的年度报告\n"
    "汇总其下各单位。user 登记机关的经办人员；给出 --login 时，从标准输入\n"
    "读一行作为网页登录密码（至少 8 个字节；只存 Argon2id 哈希）。\n"
    "\n"
    "  --db FILE    登记簿文件（默认 $XXGK_DB，否则 ./xxgk.db）\n"
    "  --user 姓名  经办人，记入审计日志（默认 $XXGK_USER，否则 $USER）\n"
    "  --json       输出 JSON\n"
    "\n"
    "示例:\n"
    "  xxgk agency add --name 某市人民政府办公室\n"
    "  xxgk agency add --name 某市生态环境局 --parent 1\n"
    "  xxgk agency list\n"
    "  printf '%s\\n' \"$PASSWORD\" | xxgk agency user --agency 2 --name 王敏 "
    "--login wangmin\n";

static int print_row(void *ctx, const xxgk_agency *a, int depth) {
  int *n = ctx;
  if (n[1]) {
    printf("%s{\"id\": %lld, \"parent_id\": %lld, \"name\": ", n[0] ? ",\n" : "",
           (long long)a->id, (long long)a->parent_id);
    cli_json_str(stdout, a->name);
    fputs("}", stdout);
  } else {
    printf("%*s%-4lld %s\n", depth * 2, "", (long long)a->id, a->name);
  }
  n[0]++;
  return 0;
}

int cmd_agency(int argc, char **argv) {
  struct reg_opts o = {0};
  const char *name = NULL, *parent = NULL, *agency = NULL, *login = NULL,
             *pos[1];
  int n_pos;
  const struct opt opts[] = {{"--name", &name, NULL},
                             {"--parent", &parent, NULL},
                             {"--agency", &agency, NULL},
                             {"--login", &login, NULL}};
  int rc = cli_reg_args(argc, argv, opts, 4, &o, pos, 1, &n_pos, "agency",
                        USAGE);
  if (rc >= 0)
    return rc;
  const char *sub = n_pos ? pos[0] : "";
  if (strcmp(sub, "add") && strcmp(sub, "list") && strcmp(sub, "user")) {
    fprintf(stderr, "xxgk agency: 请给出子命令 add、list 或 user\n\n%s", USAGE);
    return EXIT_UNREADABLE;
  }
  xxgk_reg *r = cli_reg_open(&o, 0, "agency");
  if (!r)
    return EXIT_UNREADABLE;
  if (strcmp(sub, "add") == 0) {
    xxgk_agency a = {.name = name};
    if (parent && !(a.parent_id = cli_id(parent, "上级机关", "agency")))
      rc = EXIT_UNREADABLE;
    else if (xxgk_reg_agency_add(r, &a) != XXGK_OK)
      rc = cli_reg_fail(r, "agency");
    else if (o.json)
      printf("{\"id\": %lld}\n", (long long)a.id);
    else
      printf("已登记机关 %lld：%s\n", (long long)a.id, a.name);
  } else if (strcmp(sub, "list") == 0) {
    int n[2] = {0, o.json};
    if (o.json)
      fputs("[", stdout);
    if (xxgk_reg_agency_list(r, print_row, n) != XXGK_OK)
      rc = cli_reg_fail(r, "agency");
    if (o.json)
      fputs("]\n", stdout);
  } else {
    int64_t id = cli_id(agency, "机关编号（--agency）", "agency");
    /* The password comes on standard input: an argument would show in
     * every other user's process list. */
    char password[256] = "";
    if (id && login) {
      if (!fgets(password, sizeof password, stdin))
        password[0] = 0;
      password[strcspn(password, "\r\n")] = 0;
    }
    if (!id)
      rc = EXIT_UNREADABLE;
    else if (login ? xxgk_reg_user_set_login(r, id, name, login, password)
                   : xxgk_reg_user_add(r, id, name))
      rc = cli_reg_fail(r, "agency");
    else if (login)
      printf("已为机关 %lld 登记用户 %s，登录名 %s\n", (long long)id, name,
             login);
    else
      printf("已为机关 %lld 登记用户 %s\n", (long long)id, name);
    memset(password, 0, sizeof password);
  }
  xxgk_reg_close(r);
  return rc < 0 ? 0 : rc;
}
