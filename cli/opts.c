/*
 * opts.c — the command's option parser, its --help and its table for
 * generators, all from each subcommand's `struct cli_cmd`. See opts.h.
 */
#include "opts.h"
#include "cli.h"
#include "xxgk_register.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

/* Every command takes it; cli_parse answers it before any table. */
static const struct cli_opt HELP = {
    .name = "help", .short_name = 'h', .kind = CLI_FLAG, .help = "显示本帮助"};

void cli_list_free(struct cli_list *l) {
  xxgk_free(l->v);
  l->v = NULL;
  l->n = 0;
}

void cli_free_lists(const struct cli_cmd *cmd, void *args) {
  const struct cli_opt *o;
  for (size_t i = 0; (o = cli_opt_at(cmd, i)); i++)
    if (o->kind == CLI_LIST)
      cli_list_free((struct cli_list *)((char *)args + o->offset));
}

static size_t table_len(const struct cli_opt *t) {
  size_t n = 0;
  while (t && (t[n].name || t[n].short_name))
    n++;
  return n;
}

const struct cli_opt *cli_opt_at(const struct cli_cmd *cmd, size_t i) {
  size_t own = table_len(cmd->opts), common = table_len(cmd->common);
  if (i < own)
    return &cmd->opts[i];
  if (i < own + common)
    return &cmd->common[i - own];
  return i == own + common ? &HELP : NULL;
}

/* "a、b 或 c" */
static void choices_text(const char *const *c, char *buf, size_t cap) {
  size_t n = 0, len = 0;
  while (c[n])
    n++;
  buf[0] = 0;
  for (size_t i = 0; i < n && len < cap; i++)
    len += (size_t)snprintf(buf + len, cap - len, "%s%s",
                            i == 0 ? "" : i + 1 == n ? " 或 " : "、", c[i]);
}

int cli_usage_error(const struct cli_cmd *cmd, const char *fmt, ...) {
  va_list ap;
  fprintf(stderr, "xxgk %s: ", cmd->name);
  va_start(ap, fmt);
  vfprintf(stderr, fmt, ap);
  va_end(ap);
  fprintf(stderr, "\n（xxgk %s --help 列出用法和全部选项）\n", cmd->name);
  return EXIT_UNREADABLE;
}

int cli_stray(const struct cli_cmd *cmd, const char *arg) {
  return cli_usage_error(cmd, "多余的参数“%s”", arg);
}

int cli_verb(const struct cli_cmd *cmd, char **argv, int n_pos) {
  const struct cli_verb *v = cmd->verbs;
  size_t n = 0;
  for (; v[n].name; n++) {
    if (n_pos == 0 || strcmp(argv[1], v[n].name) != 0)
      continue;
    if (n_pos - 1 > v[n].n_args)
      return cli_stray(cmd, argv[2 + v[n].n_args]), -1;
    return (int)n;
  }
  const char **names = xxgk_calloc(n + 1, sizeof *names);
  for (size_t i = 0; i < n; i++)
    names[i] = v[i].name;
  char list[512];
  choices_text(names, list, sizeof list);
  xxgk_free(names);
  if (n_pos == 0)
    cli_usage_error(cmd, "请给出子命令 %s", list);
  else
    cli_usage_error(cmd, "未知的子命令“%s”；应为 %s", argv[1], list);
  return -1;
}

/* Whether args holds a value of o: a required option is missing while
 * its value is 0 or NULL. */
static int given(const struct cli_opt *o, const void *args) {
  const char *v = (const char *)args + o->offset;
  switch (o->kind) {
  case CLI_FLAG:
  case CLI_INT: return *(const int *)v != 0;
  case CLI_ID: return *(const int64_t *)v != 0;
  case CLI_LIST: return ((const struct cli_list *)v)->n > 0;
  default: return *(const char *const *)v != NULL;
  }
}

int cli_required(const struct cli_cmd *cmd, const void *args, int verb) {
  const struct cli_opt *o;
  for (size_t i = 0; (o = cli_opt_at(cmd, i)); i++) {
    unsigned in = verb < 0 ? o->required_in : o->required_in >> verb & 1u;
    if (o->required && in && !given(o, args))
      return cli_usage_error(cmd, "请给出 --%s（%s）", o->name, o->required);
  }
  return -1;
}

/* "--name" or "-n", as the user wrote it (into buf). */
static const char *shown(const struct cli_opt *o, int as_short, char *buf,
                         size_t cap) {
  if (as_short || !o->name)
    snprintf(buf, cap, "-%c", o->short_name);
  else
    snprintf(buf, cap, "--%s", o->name);
  return buf;
}

/* Checks v against o's kind and stores it; 0, or 2 after the message. */
static int store(const struct cli_cmd *cmd, const struct cli_opt *o,
                 const char *name, const char *v, void *args) {
  char *dst = (char *)args + o->offset;
  switch (o->kind) {
  case CLI_FLAG:
    *(int *)dst = 1;
    return 0;
  case CLI_STRING:
    *(const char **)dst = v;
    return 0;
  case CLI_LIST: {
    struct cli_list *l = (struct cli_list *)dst;
    l->v = xxgk_realloc(l->v, (l->n + 1) * sizeof *l->v);
    l->v[l->n++] = v;
    return 0;
  }
  case CLI_INT:
  case CLI_ID: {
    /* Digits only: strtoll alone would take " 7" and "+7". */
    const char *digits = v + (v[0] == '-');
    errno = 0;
    long long n = strtoll(v, NULL, 10);
    int bad = !*digits || digits[strspn(digits, "0123456789")] || errno;
    if (o->kind == CLI_ID) {
      if (bad || n < 1)
        return cli_usage_error(cmd, "选项 %s 的值“%s”应为正整数编号", name,
                               v);
      *(int64_t *)dst = n;
    } else {
      if (bad || n < o->min || n > o->max)
        return cli_usage_error(cmd, "选项 %s 的值“%s”应为 %d 到 %d 之间的整数",
                               name, v, o->min, o->max);
      *(int *)dst = (int)n;
    }
    return 0;
  }
  case CLI_DATE: {
    xxgk_date d;
    if (xxgk_date_parse(v, &d) != 0)
      return cli_usage_error(
          cmd, "选项 %s 的值“%s”不是日历上的日期（应为 YYYY-MM-DD）", name, v);
    *(const char **)dst = v;
    return 0;
  }
  case CLI_ENUM:
    for (size_t i = 0; o->choices[i]; i++)
      if (strcmp(v, o->choices[i]) == 0) {
        *(const char **)dst = o->choices[i];
        return 0;
      }
    char list[512];
    choices_text(o->choices, list, sizeof list);
    return cli_usage_error(cmd, "选项 %s 只能是 %s，不能是“%s”", name, list,
                           v);
  }
  return EXIT_UNREADABLE;
}

/* The option argv[i] names, and its value written after "=" or, for a
 * short option, right after the letter ("-j4"); NULL if there is none. */
static const struct cli_opt *lookup(const struct cli_cmd *cmd, const char *a,
                                    const char **inline_value, size_t *index) {
  *inline_value = NULL;
  int is_long = a[1] == '-';
  const char *name = a + (is_long ? 2 : 1);
  size_t len = strlen(name);
  if (is_long && strchr(name, '=')) {
    len = (size_t)(strchr(name, '=') - name);
    *inline_value = name + len + 1;
  }
  const struct cli_opt *o;
  for (size_t i = 0; (o = cli_opt_at(cmd, i)); i++) {
    int hit = is_long ? o->name && strlen(o->name) == len &&
                            strncmp(o->name, name, len) == 0
                      : o->short_name && o->short_name == name[0];
    if (hit) {
      if (!is_long && name[1])
        *inline_value = name + 1;
      *index = i;
      return o;
    }
  }
  return NULL;
}

int cli_parse(const struct cli_cmd *cmd, int argc, char **argv, void *args,
              int *n_pos) {
  size_t n_opts = 0;
  while (cli_opt_at(cmd, n_opts))
    n_opts++;
  /* Which options were given: a value given twice would lose the first. */
  unsigned char *seen = xxgk_calloc(n_opts, 1);
  int rc = -1, only_pos = 0;
  *n_pos = 0;
  for (int i = 1; i < argc && rc < 0; i++) {
    const char *a = argv[i];
    if (only_pos || a[0] != '-' || !a[1]) {
      if (cmd->max_pos >= 0 && *n_pos >= cmd->max_pos)
        rc = cli_stray(cmd, a);
      else /* never ahead of i: argv[i] is read before it is overwritten */
        argv[1 + (*n_pos)++] = argv[i];
      continue;
    }
    if (strcmp(a, "--") == 0) {
      only_pos = 1;
      continue;
    }
    const char *v;
    size_t k;
    const struct cli_opt *o = lookup(cmd, a, &v, &k);
    if (!o) {
      size_t len = strcspn(a, "=");
      rc = cli_usage_error(cmd, "未知选项 %.*s", (int)len, a);
      continue;
    }
    if (o == &HELP) {
      cli_usage(cmd, stdout);
      rc = 0;
      continue;
    }
    char name[64];
    shown(o, a[1] != '-', name, sizeof name);
    if (o->kind == CLI_FLAG) {
      if (v)
        rc = cli_usage_error(cmd, "选项 %s 不带值", name);
      else
        rc = store(cmd, o, name, NULL, args) ? EXIT_UNREADABLE : -1;
      continue;
    }
    if (o->kind != CLI_LIST) {
      for (size_t j = 0; j < n_opts && rc < 0; j++)
        if (seen[j] && cli_opt_at(cmd, j)->offset == o->offset)
          rc = cli_usage_error(cmd, "选项 %s 只能给出一次", name);
      if (rc >= 0)
        continue;
    }
    seen[k] = 1;
    if (!v) {
      /* "--content --db x": the value was forgotten, and "--db" is the
       * next option, not the content. */
      const char *next = i + 1 < argc ? argv[i + 1] : NULL;
      if (!next || (next[0] == '-' && next[1])) {
        rc = cli_usage_error(cmd,
                             "选项 %s 需要一个值%s", name,
                             next && a[1] == '-'
                                 ? "（以 - 开头的值请写成 --选项=值）"
                                 : "");
        continue;
      }
      v = argv[++i];
    }
    if (store(cmd, o, name, v, args) != 0)
      rc = EXIT_UNREADABLE;
  }
  xxgk_free(seen);
  return rc;
}

/* ## Help */

/* Columns s takes on a terminal: CJK characters take two. */
static int width(const char *s) {
  int w = 0;
  const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
  utf8proc_int32_t c;
  for (utf8proc_ssize_t k; *p; p += k > 0 ? k : 1) {
    k = utf8proc_iterate(p, -1, &c);
    w += k > 0 ? utf8proc_charwidth(c) : 1;
  }
  return w;
}

/* The value as help shows it: its name, or an enum's choices. */
static void value_text(const struct cli_opt *o, char *buf, size_t cap) {
  buf[0] = 0;
  if (o->kind == CLI_FLAG)
    return;
  if (o->value) {
    snprintf(buf, cap, "%s", o->value);
    return;
  }
  size_t len = 0;
  for (size_t i = 0; o->kind == CLI_ENUM && o->choices[i] && len < cap; i++)
    len += (size_t)snprintf(buf + len, cap - len, "%s%s", i ? "|" : "",
                            o->choices[i]);
}

/* "-o, --output FILE" */
static void label(const struct cli_opt *o, char *buf, size_t cap) {
  char v[256];
  value_text(o, v, sizeof v);
  size_t len = 0;
  if (o->short_name)
    len += (size_t)snprintf(buf, cap, "-%c%s", o->short_name,
                            o->name ? ", " : "");
  if (o->name && len < cap)
    len += (size_t)snprintf(buf + len, cap - len, "--%s", o->name);
  if (*v && len < cap)
    len += (size_t)snprintf(buf + len, cap - len, " %s%s", v,
                            o->kind == CLI_LIST ? " …" : "");
}

#define LABEL_MAX 24 /* wider labels put their help after two spaces */

void cli_usage(const struct cli_cmd *cmd, FILE *f) {
  fputs(cmd->synopsis, f);
  fputs("\n选项:\n", f);
  const struct cli_opt *o;
  int col = 0;
  char buf[512];
  for (size_t i = 0; (o = cli_opt_at(cmd, i)); i++) {
    label(o, buf, sizeof buf);
    int w = width(buf);
    if (w > col && w <= LABEL_MAX)
      col = w;
  }
  for (size_t i = 0; (o = cli_opt_at(cmd, i)); i++) {
    label(o, buf, sizeof buf);
    int pad = col - width(buf);
    fprintf(f, "  %s%*s  %s%s\n", buf, pad > 0 ? pad : 0, "", o->help,
            o->kind == CLI_LIST ? "（可重复）" : "");
  }
  if (cmd->epilog) {
    fputc('\n', f);
    fputs(cmd->epilog, f);
  }
}

static const char *const KIND_NAMES[] = {"flag", "string", "int", "id",
                                         "date", "enum",   "list"};

void cli_help_table(FILE *f) {
  for (size_t c = 0; cli_commands[c]; c++) {
    const struct cli_cmd *cmd = cli_commands[c];
    fprintf(f, "command\t%s\t%s\n", cmd->name, cmd->summary);
    for (size_t i = 0; cmd->verbs && cmd->verbs[i].name; i++)
      fprintf(f, "verb\t%s\t%s\t%d\n", cmd->name, cmd->verbs[i].name,
              cmd->verbs[i].n_args);
    const struct cli_opt *o;
    for (size_t i = 0; (o = cli_opt_at(cmd, i)); i++) {
      char choices[512] = "";
      if (o->kind == CLI_ENUM)
        value_text(&(struct cli_opt){.kind = CLI_ENUM, .choices = o->choices},
                   choices, sizeof choices);
      fprintf(f, "option\t%s\t%s%s\t", cmd->name, o->name ? "--" : "",
              o->name ? o->name : "");
      if (o->short_name)
        fprintf(f, "-%c", o->short_name);
      fprintf(f, "\t%s\t%s\t%d\t%s\t%s\n", KIND_NAMES[o->kind],
              o->value ? o->value : "", o->kind == CLI_LIST, choices, o->help);
    }
  }
}
