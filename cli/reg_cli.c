/*
 * reg_cli.c — the register commands' shared plumbing: options, opening the
 * register, messages. See reg_cli.h.
 */
#include "reg_cli.h"

#include <stdlib.h>
#include <string.h>

int cli_reg_args(int argc, char **argv, const struct opt *opts, int n_opts,
                 struct reg_opts *c, const char **pos, int max_pos,
                 int *n_pos, const char *cmd, const char *usage) {
  *n_pos = 0;
  const struct opt common[] = {
      {"--db", &c->db, NULL},         {"--user", &c->user, NULL},
      {"--calendar", &c->calendar, NULL}, {"--today", &c->today, NULL},
      {"--json", NULL, &c->json},     {"--help", NULL, &c->help},
      {"-h", NULL, &c->help},
  };
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    const struct opt *o = NULL;
    for (int k = 0; k < n_opts && !o; k++)
      if (strcmp(a, opts[k].name) == 0)
        o = &opts[k];
    for (size_t k = 0; k < sizeof common / sizeof common[0] && !o; k++)
      if (strcmp(a, common[k].name) == 0)
        o = &common[k];
    if (o && o->value) {
      if (i + 1 >= argc) {
        fprintf(stderr, "xxgk %s: %s 需要一个值\n\n%s", cmd, a, usage);
        return EXIT_UNREADABLE;
      }
      *o->value = argv[++i];
    } else if (o) {
      *o->flag = 1;
    } else if (a[0] == '-' && a[1]) {
      fprintf(stderr, "xxgk %s: 未知选项 %s\n\n%s", cmd, a, usage);
      return EXIT_UNREADABLE;
    } else if (*n_pos < max_pos) {
      pos[(*n_pos)++] = a;
    } else {
      fprintf(stderr, "xxgk %s: 多余的参数 %s\n\n%s", cmd, a, usage);
      return EXIT_UNREADABLE;
    }
  }
  if (c->help) {
    fputs(usage, stdout);
    return 0;
  }
  return -1;
}

static char *slurp(const char *path, size_t *n) {
  FILE *f = fopen(path, "rb");
  if (!f)
    return NULL;
  char *s = cli_slurp(f, XXGK_MAX_INPUT, n);
  fclose(f);
  return s;
}

xxgk_reg *cli_reg_open(const struct reg_opts *o, int create, const char *cmd) {
  const char *db = o->db ? o->db : getenv("XXGK_DB");
  if (!db || !*db)
    db = "xxgk.db";
  xxgk_reg *r;
  xxgk_status st = xxgk_reg_open(db, create ? XXGK_OPT_CREATE : 0, &r);
  if (st != XXGK_OK) {
    fprintf(stderr, "xxgk %s: %s\n", cmd, xxgk_reg_errmsg(r));
    xxgk_reg_close(r);
    return NULL;
  }
  const char *user = o->user ? o->user : getenv("XXGK_USER");
  if (!user || !*user)
    user = getenv("USER");
  xxgk_reg_set_user(r, user);
  xxgk_date today;
  if (cli_today(o, &today, cmd) != 0) {
    xxgk_reg_close(r);
    return NULL;
  }
  xxgk_reg_set_today(r, today);
  const char *cal = o->calendar ? o->calendar : getenv("XXGK_CALENDAR");
  if (cal && *cal) {
    size_t n;
    char *tsv = slurp(cal, &n);
    if (!tsv) {
      fprintf(stderr, "xxgk %s: 无法读取节假日文件 %s\n", cmd, cal);
      xxgk_reg_close(r);
      return NULL;
    }
    st = xxgk_cal_load(xxgk_reg_calendar(r), tsv, n);
    xxgk_free(tsv);
    if (st != XXGK_OK) {
      fprintf(stderr, "xxgk %s: %s: %s\n", cmd, cal,
              xxgk_cal_errmsg(xxgk_reg_calendar(r)));
      xxgk_reg_close(r);
      return NULL;
    }
  }
  return r;
}

int cli_reg_fail(xxgk_reg *r, const char *cmd) {
  fprintf(stderr, "xxgk %s: %s\n", cmd, xxgk_reg_errmsg(r));
  return EXIT_UNREADABLE;
}

void cli_reg_warn(xxgk_reg *r, const char *cmd) {
  if (xxgk_reg_warning(r)[0])
    fprintf(stderr, "xxgk %s: 注意：%s\n", cmd, xxgk_reg_warning(r));
}

int64_t cli_id(const char *s, const char *what, const char *cmd) {
  char *end;
  long long v = s ? strtoll(s, &end, 10) : 0;
  if (!s || !*s || *end || v <= 0) {
    fprintf(stderr, "xxgk %s: %s“%s”应为正整数编号\n", cmd, what,
            s ? s : "");
    return 0;
  }
  return v;
}

int64_t cli_case_id(xxgk_reg *r, const char *s, const char *cmd) {
  if (!s) {
    fprintf(stderr, "xxgk %s: 请给出申请编号或受理编号\n", cmd);
    return 0;
  }
  if (strspn(s, "0123456789") == strlen(s))
    return cli_id(s, "申请编号", cmd);
  int64_t id;
  if (xxgk_reg_case_find(r, s, &id) != XXGK_OK) {
    cli_reg_fail(r, cmd);
    return 0;
  }
  return id;
}

int cli_today(const struct reg_opts *o, xxgk_date *out, const char *cmd) {
  const char *t = o->today ? o->today : getenv("XXGK_TODAY");
  if (!t || !*t) {
    *out = xxgk_date_today();
    return 0;
  }
  if (xxgk_date_parse(t, out) != 0) {
    fprintf(stderr, "xxgk %s: 日期“%s”应为 YYYY-MM-DD\n", cmd, t);
    return -1;
  }
  return 0;
}
