/*
 * cmd_db.c — `xxgk db init|export|import|version|copy`: create a register,
 * move the whole register in and out as JSON (backup, restore, move to a
 * new machine), and copy it (with its corpus) to another database, of the
 * same backend or another, verified. Named `db export/import` so that the
 * corpus's `xxgk import PATH...` of report files can coexist.
 */
#include "reg_cli.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

struct args {
  struct reg_opts o; /* first: reg_common's offsets */
  const char *out;
  const char *from, *to;
  int force;
};

static const struct cli_opt OPTS[] = {
    CLI_OPT(CLI_STRING, "output", 'o', struct args, out, "FILE",
            "export 写到文件（默认标准输出）"),
    CLI_OPT(CLI_STRING, "from", 0, struct args, from, "DB",
            "copy 的源库（文件或数据库地址）"),
    CLI_OPT(CLI_STRING, "to", 0, struct args, to, "DB",
            "copy 的目标库（不存在则新建）"),
    CLI_OPT(CLI_FLAG, "force", 0, struct args, force, NULL,
            "copy 到已有数据的目标库（源库的行加进去，编号冲突则整体不写入）"),
    CLI_OPT_END,
};

enum { INIT, EXPORT, IMPORT, VERSION, COPY };

static double seconds_since(const struct timespec *t0) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)(t.tv_sec - t0->tv_sec) + (t.tv_nsec - t0->tv_nsec) / 1e9;
}

/* xxgk db copy: exit 0 when copied and verified, 2 with the first
 * difference or the reason nothing was written. */
static int copy(const struct args *a) {
  if (!a->from || !a->to) {
    fprintf(stderr, "xxgk db copy: 请用 --from 和 --to 给出源库和目标库\n");
    return EXIT_UNREADABLE;
  }
  struct timespec t0;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  xxgk_copy_stats n;
  char msg[1024];
  xxgk_status st = xxgk_db_copy(a->from, a->to, a->force, &n, msg, sizeof msg);
  double secs = seconds_since(&t0);
  if (st != XXGK_OK) {
    fprintf(stderr, "xxgk db copy: %s\n", msg);
    return EXIT_UNREADABLE;
  }
  if (a->o.json)
    printf("{\"tables\": %d, \"rows\": %lld, \"reports\": %d, \"corpus\": "
           "%s, \"seconds\": %.3f}\n",
           n.tables, (long long)n.rows, n.reports, n.corpus ? "true" : "false",
           secs);
  else
    printf("已复制 %d 张表、%lld 行%s，用时 %.2f 秒；核对一致：各表行数与内容"
           "散列相同，%d 份年报逐字节相同\n",
           n.tables, (long long)n.rows, n.corpus ? "（含语料库）" : "", secs,
           n.reports);
  return 0;
}

/* copy names its two databases, not --db: it runs here, before the
 * dispatcher would open --db for the other verbs. */
static int check(struct cli_call *c) {
  return c->verb == COPY ? copy(c->args) : -1;
}

static int run(const struct cli_call *c) {
  const struct args *a = c->args;
  const char *in = c->n_pos > 1 ? c->pos[1] : NULL;
  xxgk_reg *r = c->reg;
  int rc = 0;
  if (c->verb == INIT || c->verb == VERSION) {
    if (a->o.json)
      printf("{\"schema\": %d}\n", xxgk_reg_schema_version(r));
    else
      printf("登记簿结构版本 %d\n", xxgk_reg_schema_version(r));
  } else if (c->verb == EXPORT) {
    char *json;
    if (xxgk_reg_export(r, &json) != XXGK_OK) {
      rc = cli_reg_fail(r, "db");
    } else {
      rc = cli_write(a->out, json, strlen(json), "db");
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
    .summary = "登记簿数据库：新建、导出、导入、复制（init|export|import|copy）",
    .run = run,
    .synopsis =
        "用法: xxgk db init [--db FILE]\n"
        "      xxgk db export [--db FILE] [-o OUT.json]\n"
        "      xxgk db import [--db FILE] IN.json\n"
        "      xxgk db version [--db FILE]\n"
        "      xxgk db copy --from DB --to DB [--force] [--json]\n"
        "\n"
        "登记簿数据库（SQLite 单文件，WAL 模式）。init 新建数据库并建立表结构；\n"
        "每次打开时自动升级到本程序的结构版本。export 把整个登记簿（含审计日志）\n"
        "写成 JSON；import 把导出的 JSON 原样恢复到一个新建的空登记簿中。\n"
        "copy 把登记簿（连同库中的语料库、网站会话）逐表复制到另一个数据库，\n"
        "在目标库的一个事务中写入（出错则什么也不写），目标库须是空的（除非\n"
        "--force）；复制后逐表核对行数与内容散列，并在两边生成每个机关每一年\n"
        "的年报逐字节比较，有不同即以退出码 2 报告第一处不同。\n",
    .epilog =
        "退出码: 0 成功；2 失败（什么也不写入）。\n"
        "\n"
        "示例:\n"
        "  xxgk db init --db 2024.db\n"
        "  xxgk db export --db 2024.db -o backup.json\n"
        "  xxgk db init --db new.db && xxgk db import --db new.db backup.json\n"
        "  xxgk db copy --from 2024.db --to copy.db\n"
        "  xxgk db copy --from 2024.db --to copy.db --json\n",
    .opts = OPTS,
    .common = reg_common,
    .max_pos = 2,
    .verbs = (const struct cli_verb[]){{"init", 0},
                                       {"export", 0},
                                       {"import", 1},
                                       {"version", 0},
                                       {"copy", 0},
                                       {NULL, 0}},
    .args_size = sizeof(struct args),
    .opens = CLI_OPENS_REGISTER,
    .creates = "init",
    .check = check,
};
