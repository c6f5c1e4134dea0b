/*
 * cmd_db.c — `xxgk db init|export|import`: create a register, and move the
 * whole register in and out as JSON (backup, restore, move to a new
 * machine). Named `db export/import` so that the corpus's `xxgk import
 * PATH...` of report files can coexist.
 */
#include "reg_cli.h"

#include <stdlib.h>
#include <string.h>

static const char USAGE[] =
    "用法: xxgk db init [--db FILE]\n"
    "      xxgk db export [--db FILE] [-o OUT.json]\n"
    "      xxgk db import [--db FILE] IN.json\n"
    "      xxgk db version [--db FILE]\n"
    "\n"
    "登记簿数据库（SQLite 单文件，WAL 模式）。init 新建数据库并建立表结构；\n"
    "每次打开时自动升级到本程序的结构版本。export 把整个登记簿（含审计日志）\n"
    "写成 JSON；import 把导出的 JSON 原样恢复到一个新建的空登记簿中。\n"
    "\n"
    "  --db FILE   登记簿文件（默认 $XXGK_DB，否则 ./xxgk.db）\n"
    "  -o FILE     export 写到文件（默认标准输出）\n"
    "\n"
    "退出码: 0 成功；2 失败（什么也不写入）。\n"
    "\n"
    "示例:\n"
    "  xxgk db init --db 2024.db\n"
    "  xxgk db export --db 2024.db -o backup.json\n"
    "  xxgk db init --db new.db && xxgk db import --db new.db backup.json\n";

int cmd_db(int argc, char **argv) {
  struct reg_opts o = {0};
  const char *out = NULL, *pos[2];
  int n_pos;
  const struct opt opts[] = {{"-o", &out, NULL}, {"--output", &out, NULL}};
  int rc = cli_reg_args(argc, argv, opts, 2, &o, pos, 2, &n_pos, "db", USAGE);
  if (rc >= 0)
    return rc;
  if (n_pos < 1) {
    fprintf(stderr, "xxgk db: 请给出子命令 init、export、import 或 version\n\n%s",
            USAGE);
    return EXIT_UNREADABLE;
  }
  const char *sub = pos[0];
  int init = strcmp(sub, "init") == 0;
  if (!init && strcmp(sub, "export") && strcmp(sub, "import") &&
      strcmp(sub, "version")) {
    fprintf(stderr, "xxgk db: 未知子命令 %s\n\n%s", sub, USAGE);
    return EXIT_UNREADABLE;
  }
  xxgk_reg *r = cli_reg_open(&o, init, "db");
  if (!r)
    return EXIT_UNREADABLE;
  rc = 0;
  if (init || strcmp(sub, "version") == 0) {
    if (o.json)
      printf("{\"schema\": %d}\n", xxgk_reg_schema_version(r));
    else
      printf("登记簿结构版本 %d\n", xxgk_reg_schema_version(r));
  } else if (strcmp(sub, "export") == 0) {
    char *json;
    if (xxgk_reg_export(r, &json) != XXGK_OK) {
      rc = cli_reg_fail(r, "db");
    } else {
      FILE *f = out ? fopen(out, "wb") : stdout;
      if (!f || fputs(json, f) < 0 || (out && fclose(f) != 0)) {
        fprintf(stderr, "xxgk db: 无法写入 %s\n", out ? out : "标准输出");
        rc = EXIT_UNREADABLE;
      }
      xxgk_free(json);
    }
  } else {
    size_t n = 0;
    FILE *f = n_pos > 1 && strcmp(pos[1], "-") ? fopen(pos[1], "rb") : stdin;
    /* Past INT32_MAX the import refuses it: read no further. */
    char *s = f ? cli_slurp(f, INT32_MAX, &n) : NULL;
    if (f && f != stdin)
      fclose(f);
    if (n_pos < 2 || !s) {
      fprintf(stderr, "xxgk db: 无法读取导入文件 %s\n",
              n_pos > 1 ? pos[1] : "（未给出）");
      rc = EXIT_UNREADABLE;
    } else if (xxgk_reg_import(r, s, n) != XXGK_OK) {
      rc = cli_reg_fail(r, "db");
    } else {
      printf("已导入 %s\n", pos[1]);
    }
    xxgk_free(s);
  }
  xxgk_reg_close(r);
  return rc;
}
