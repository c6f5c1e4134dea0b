/*
 * reg_cli.c — the register commands' shared plumbing: options, opening the
 * register, messages. See reg_cli.h.
 */
#include "reg_cli.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

/* --today, else $XXGK_TODAY; NULL if neither is set. */
static const char *today_given(const struct reg_opts *o) {
  const char *t = o->today ? o->today : getenv("XXGK_TODAY");
  return t && *t ? t : NULL;
}

const char *cli_reg_path(const struct reg_opts *o) {
  return o->db ? o->db : cli_default_db();
}

int cli_reg_setup(xxgk_reg *r, const struct reg_opts *o, const char *cmd) {
  const char *user = o->user ? o->user : getenv("XXGK_USER");
  if (!user || !*user)
    user = getenv("USER");
  if (xxgk_reg_set_user(r, user) != XXGK_OK) {
    fprintf(stderr, "xxgk %s: %s\n", cmd, xxgk_reg_errmsg(r));
    return -1;
  }
  const char *cal = o->calendar ? o->calendar : getenv("XXGK_CALENDAR");
  if (cal && *cal) {
    size_t n;
    char *tsv = cli_read(cal, XXGK_MAX_INPUT, &n);
    if (!tsv) {
      fprintf(stderr, "xxgk %s: 无法读取节假日文件 %s\n", cmd, cal);
      return -1;
    }
    xxgk_status st = xxgk_cal_load(xxgk_reg_calendar(r), tsv, n);
    xxgk_free(tsv);
    if (st != XXGK_OK) {
      fprintf(stderr, "xxgk %s: %s: %s\n", cmd, cal,
              xxgk_cal_errmsg(xxgk_reg_calendar(r)));
      return -1;
    }
  }
  /* A today of our own after the calendar, which bounds it. */
  xxgk_date today;
  if (cli_today(o, &today, cmd) != 0)
    return -1;
  if (today_given(o) && xxgk_reg_set_today(r, today) != XXGK_OK) {
    fprintf(stderr, "xxgk %s: %s\n", cmd, xxgk_reg_errmsg(r));
    return -1;
  }
  return 0;
}

xxgk_reg *cli_reg_open(const struct reg_opts *o, int create, const char *cmd) {
  xxgk_reg *r;
  xxgk_status st =
      xxgk_reg_open(cli_reg_path(o), create ? XXGK_OPT_CREATE : 0, &r);
  if (st != XXGK_OK)
    fprintf(stderr, "xxgk %s: %s\n", cmd, xxgk_reg_errmsg(r));
  if (st != XXGK_OK || cli_reg_setup(r, o, cmd) != 0) {
    xxgk_reg_close(r);
    return NULL;
  }
  return r;
}

int cli_reg_fail(xxgk_reg *r, const char *cmd) {
  fprintf(stderr, "xxgk %s: %s\n", cmd, xxgk_reg_errmsg(r));
  return EXIT_UNREADABLE;
}

void cli_added(const struct reg_opts *o, int64_t id, const char *fmt, ...) {
  if (o->json) {
    printf("{\"id\": %lld}\n", (long long)id);
    return;
  }
  va_list ap;
  va_start(ap, fmt);
  vprintf(fmt, ap);
  va_end(ap);
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
  const char *t = today_given(o);
  if (!t) {
    *out = xxgk_date_today();
    return 0;
  }
  if (xxgk_date_parse(t, out) != 0) {
    fprintf(stderr, "xxgk %s: 日期“%s”应为 YYYY-MM-DD\n", cmd, t);
    return -1;
  }
  return 0;
}
