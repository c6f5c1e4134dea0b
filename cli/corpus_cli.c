/*
 * corpus_cli.c — options and helpers of the corpus commands.
 */
#include "corpus_cli.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int corpus_args(int argc, char **argv, corpus_opts *o, const char *cmd,
                const char *usage) {
  memset(o, 0, sizeof *o);
  o->db = cli_default_db();
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    const char **v = NULL;
    if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
      fputs(usage, stdout);
      return 0;
    } else if (strcmp(a, "--json") == 0) {
      o->json = 1;
      continue;
    } else if (strcmp(a, "--db") == 0) {
      v = &o->db;
    } else if (strcmp(a, "--rule") == 0) {
      v = &o->filter.rule;
    } else if (strcmp(a, "--region") == 0) {
      v = &o->filter.region;
    } else if (strcmp(a, "--kind") == 0) {
      v = &o->filter.kind;
    } else if (strcmp(a, "--format") == 0) {
      v = &o->format;
    } else if (strcmp(a, "--by") == 0) {
      v = &o->by;
    } else if (strcmp(a, "-o") == 0) {
      v = &o->out;
    } else if (strcmp(a, "--svg") == 0) {
      v = &o->svg;
    } else if (strcmp(a, "--year") == 0 && i + 1 < argc) {
      char *end;
      long y = strtol(argv[++i], &end, 10);
      if (*end || y < 1990 || y > 2100) {
        fprintf(stderr, "xxgk %s: --year 应为 1990 到 2100 之间的年份\n", cmd);
        return EXIT_UNREADABLE;
      }
      o->filter.year = (int)y;
      continue;
    } else if (a[0] == '-' && a[1]) {
      fprintf(stderr, "xxgk %s: 未知选项 %s\n\n%s", cmd, a, usage);
      return EXIT_UNREADABLE;
    } else {
      if (o->n_pos == 4) {
        fprintf(stderr, "xxgk %s: 参数过多\n\n%s", cmd, usage);
        return EXIT_UNREADABLE;
      }
      o->pos[o->n_pos++] = a;
      continue;
    }
    if (i + 1 >= argc) {
      fprintf(stderr, "xxgk %s: %s 需要一个值\n\n%s", cmd, a, usage);
      return EXIT_UNREADABLE;
    }
    *v = argv[++i];
  }
  return -1;
}

xxgk_corpus *corpus_open_existing(const corpus_opts *o, const char *cmd) {
  if (access(o->db, F_OK) != 0) {
    fprintf(stderr,
            "xxgk %s: %s: 数据库不存在；先用 xxgk import --db %s 导入报告\n",
            cmd, o->db, o->db);
    return NULL;
  }
  xxgk_corpus *c;
  if (xxgk_corpus_open(o->db, XXGK_OPT_CREATE, &c) != XXGK_OK) {
    fprintf(stderr, "xxgk %s: %s: %s\n", cmd, o->db, xxgk_corpus_errmsg(c));
    xxgk_corpus_close(c);
    return NULL;
  }
  return c;
}

json_object *corpus_answer(char *text) {
  json_object *o = text ? json_tokener_parse(text) : NULL;
  xxgk_free(text);
  return o ? o : json_object_new_array();
}

const char *jstr(json_object *o, const char *key) {
  json_object *v;
  if (!json_object_object_get_ex(o, key, &v) || !v)
    return "";
  return json_object_get_string(v);
}
