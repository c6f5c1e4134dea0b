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

#include "cmd_db.h"

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
  return c->verb == VERB_COPY ? copy(c->args) : -1;
}

static int run(const struct cli_call *c) {
  const struct args *a = c->args;
  const char *in = c->n_pos > 1 ? c->pos[1] : NULL;
  xxgk_reg *r = c->reg;
  int rc = 0;
  if (c->verb == VERB_INIT || c->verb == VERB_VERSION) {
    if (a->o.json)
      printf("{\"schema\": %d}\n", xxgk_reg_schema_version(r));
    else
      printf("登记簿结构版本 %d\n", xxgk_reg_schema_version(r));
  } else if (c->verb == VERB_EXPORT) {
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
