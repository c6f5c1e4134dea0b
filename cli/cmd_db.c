/*
 * cmd_db.c — `xxgk db init|export|import`: create a register, and move the
 * whole register in and out as JSON (backup, restore, move to a new
 * machine). Named `db export/import` so that the corpus's `xxgk import
 * PATH...` of report files can coexist.
 */
#include "reg_cli.h"

#include <stdlib.h>
#include <string.h>

struct args {
  struct reg_opts o; /* first: reg_common's offsets */
  const char *out;
};

static const struct cli_opt OPTS[] = {
    CLI_OPT(CLI_STRING, "output", 'o', struct args, out, "FILE",
            "export 写到文件（默认标准输出）"),
    CLI_OPT_END,
};

enum { INIT, EXPORT, IMPORT, VERSION };

static int run(const struct cli_call *c) {
  const struct args *a = c->args;
  const struct reg_opts o = a->o;
  const char *out = a->out, *in = c->n_pos > 1 ? c->pos[1] : NULL;
  xxgk_reg *r = c->reg;
  int rc = 0;
  if (c->verb == INIT || c->verb == VERSION) {
    if (o.json)
      printf("{\"schema\": %d}\n", xxgk_reg_schema_version(r));
    else
      printf("登记簿结构版本 %d\n", xxgk_reg_schema_version(r));
  } else if (c->verb == EXPORT) {
    char *json;
    if (xxgk_reg_export(r, &json) != XXGK_OK) {
      rc = cli_reg_fail(r, "db");
    } else {
      rc = cli_write(out, json, strlen(json), "db");
      xxgk_free(json);
    }
  } else {
    size_t n = 0;
    /* Past INT32_MAX the import refuses it: read no further. */
    char *s = in ? cli_read(in, INT32_MAX, &n) : NULL;
    if (!s) {
      fprintf(stderr, "xxgk db: 无法读取导入文件 %s\n", in ? in : "（未给出）");
      rc = EXIT_UNREADABLE;
    } else if (xxgk_reg_import(r, s, n) != XXGK_OK) {
      rc = cli_reg_fail(r, "db");
    } else {
      printf("已导入 %s\n", in);
    }
    xxgk_free(s);
  }
  return rc;
}

const struct cli_cmd cli_cmd_db = {
    .name = "db",
    .summary = "登记簿数据库：新建、导出、导入（init|export|import）",
    .run = run,
    .synopsis =
        "用法: xxgk db init [--db FILE]\n"
        "      xxgk db export [--db FILE] [-o OUT.json]\n"
        "      xxgk db import [--db FILE] IN.json\n"
        "      xxgk db version [--db FILE]\n"
        "\n"
        "登记簿数据库（SQLite 单文件，WAL 模式）。init 新建数据库并建立表结构；\n"
        "每次打开时自动升级到本程序的结构版本。export 把整个登记簿（含审计日志）\n"
        "写成 JSON；import 把导出的 JSON 原样恢复到一个新建的空登记簿中。\n",
    .epilog =
        "退出码: 0 成功；2 失败（什么也不写入）。\n"
        "\n"
        "示例:\n"
        "  xxgk db init --db 2024.db\n"
        "  xxgk db export --db 2024.db -o backup.json\n"
        "  xxgk db init --db new.db && xxgk db import --db new.db backup.json\n",
    .opts = OPTS,
    .common = reg_common,
    .max_pos = 2,
    .verbs = (const struct cli_verb[]){{"init", 0},
                                       {"export", 0},
                                       {"import", 1},
                                       {"version", 0},
                                       {NULL, 0}},
    .args_size = sizeof(struct args),
    .opens = CLI_OPENS_REGISTER,
    .creates = "init",
};
