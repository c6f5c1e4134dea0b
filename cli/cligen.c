/*
 * cligen.c — turns cli/commands.def, the command line of every subcommand
 * described as data, into C at build time (a host tool built before the
 * command, as SQLite's mkkeywordhash is): for each command cmd_NAME.h
 * with its struct of arguments (a field per option, its type following
 * from the option's kind), its verbs as an enum, its option table and its
 * `struct cli_cmd`; families.h with the structs of the families of
 * options several commands share; and commands.c with the families'
 * option tables and the list of every command. A command's run stays hand-written in
 * cli/cmd_NAME.c, which includes its header. The format is described at
 * the top of cli/commands.def.
 *
 * Usage: cligen commands.def OUTDIR
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_RECORDS 64
#define MAX_LINES 256

/* A line of a record: its key and its value (the rest after the tab). */
struct line {
  const char *key, *value;
  int no; /* in the file, for messages */
};

/* A command or a family of options: the lines from its first key to the
 * next record's. Text keys (synopsis, epilog) have their "|" lines. */
struct record {
  int family;
  const char *name;
  struct line lines[MAX_LINES];
  int n;
};

static const char *input;
static struct record records[MAX_RECORDS];
static int n_records;

static void die(int no, const char *fmt, ...) {
  va_list ap;
  fprintf(stderr, "%s:%d: ", input, no);
  va_start(ap, fmt);
  vfprintf(stderr, fmt, ap);
  va_end(ap);
  fputc('\n', stderr);
  exit(1);
}

static char *read_all(const char *path) {
  FILE *f = fopen(path, "rb");
  if (!f) {
    perror(path);
    exit(1);
  }
  size_t cap = 1 << 16, n = 0;
  char *s = malloc(cap);
  for (size_t k; s && (k = fread(s + n, 1, cap - n - 1, f)) > 0;) {
    char *more = (n += k) + 1 == cap ? realloc(s, cap *= 2) : s;
    if (!more)
      free(s);
    s = more;
  }
  if (!s || ferror(f)) {
    perror(path);
    exit(1);
  }
  fclose(f);
  s[n] = 0;
  return s;
}

/* The file into records; the text is cut in place. */
static void parse(char *text) {
  int no = 0;
  for (char *p = text, *eol; *p; p = eol) {
    eol = p + strcspn(p, "\n");
    if (*eol)
      *eol++ = 0;
    no++;
    if (!*p || *p == '#')
      continue;
    struct record *r = n_records ? &records[n_records - 1] : NULL;
    if (*p == '|') { /* a line of text, kept with its "|" */
      const struct line *prev = r && r->n ? &r->lines[r->n - 1] : NULL;
      if (!prev || (prev->value && strcmp(prev->key, "|") != 0))
        die(no, "a line of text (|) belongs after synopsis or epilog");
    } else {
      char *tab = strchr(p, '\t');
      if (tab)
        *tab = 0;
      if (strcmp(p, "command") == 0 || strcmp(p, "family") == 0) {
        if (n_records == MAX_RECORDS)
          die(no, "more than %d records", MAX_RECORDS);
        r = &records[n_records++];
        r->family = p[0] == 'f';
        r->name = tab ? tab + 1 : "";
      }
      if (!r)
        die(no, "a record begins with command or family");
      if (r->n == MAX_LINES)
        die(no, "more than %d lines in a record", MAX_LINES);
      r->lines[r->n++] = (struct line){p, tab ? tab + 1 : NULL, no};
      continue;
    }
    if (r->n == MAX_LINES)
      die(no, "more than %d lines in a record", MAX_LINES);
    r->lines[r->n++] = (struct line){"|", p + 1, no};
  }
}

/* The value of key in r, or NULL. */
static const char *get(const struct record *r, const char *key) {
  for (int i = 0; i < r->n; i++)
    if (strcmp(r->lines[i].key, key) == 0)
      return r->lines[i].value ? r->lines[i].value : "";
  return NULL;
}

static const struct record *family(const char *name, int no) {
  for (int i = 0; i < n_records; i++)
    if (records[i].family && strcmp(records[i].name, name) == 0)
      return &records[i];
  die(no, "no family %s", name);
  return NULL;
}

/* Splits a value at its tabs into f[0..max-1]; the number of fields. */
static int fields(const struct line *l, char *buf, size_t cap, char **f,
                  int max) {
  snprintf(buf, cap, "%s", l->value ? l->value : "");
  int n = 0;
  for (char *p = buf; n < max; n++) {
    f[n] = p;
    p = strchr(p, '\t');
    if (!p)
      return n + 1;
    *p++ = 0;
  }
  die(l->no, "more than %d fields", max);
  return 0;
}

/* ## Writing C */

/* s as the body of a C string: "${NAME}" becomes the macro NAME's value
 * (CLI_STR), so that a number the library defines is not written again. */
static void c_body(FILE *f, const char *s) {
  for (; *s; s++) {
    if (s[0] == '$' && s[1] == '{' && strchr(s, '}')) {
      const char *end = strchr(s, '}');
      fprintf(f, "\" CLI_STR(%.*s) \"", (int)(end - s - 2), s + 2);
      s = end;
    } else if (*s == '\\' || *s == '"' || *s == '?') {
      /* "??" would begin a trigraph; "\?" is the same character */
      fprintf(f, "\\%c", *s);
    } else {
      fputc(*s, f);
    }
  }
}

static void c_string(FILE *f, const char *s) {
  if (!s || strcmp(s, "-") == 0) {
    fputs("NULL", f);
    return;
  }
  fputc('"', f);
  c_body(f, s);
  fputc('"', f);
}

/* The "|" lines after key, one C string a line; NULL when there is none. */
static void c_text(FILE *f, const struct record *r, const char *key) {
  int i = 0;
  while (i < r->n && strcmp(r->lines[i].key, key) != 0)
    i++;
  if (i == r->n) {
    fputs("NULL", f);
    return;
  }
  for (int j = i + 1; j < r->n && strcmp(r->lines[j].key, "|") == 0; j++) {
    fputs("\n        \"", f);
    c_body(f, r->lines[j].value);
    fputs("\\n\"", f);
  }
}

static const char *const KINDS[][3] = {
    /* the data's name, the C enumerator, the field's type */
    {"flag", "CLI_FLAG", "int "},
    {"string", "CLI_STRING", "const char *"},
    {"int", "CLI_INT", "int "},
    {"id", "CLI_ID", "int64_t "},
    {"date", "CLI_DATE", "const char *"},
    {"enum", "CLI_ENUM", "const char *"},
    {"list", "CLI_LIST", "struct cli_list "}};

/* An option line: long, short, kind[:min:max | :a|b | :@symbol], field,
 * value name, help. */
struct opt {
  char buf[2048];
  char *f[6];
  int kind;
  const char *arg; /* after the kind's ":" */
};

static void read_opt(const struct line *l, struct opt *o) {
  if (fields(l, o->buf, sizeof o->buf, o->f, 6) != 6)
    die(l->no, "an option has six fields: long short kind field value help");
  char *colon = strchr(o->f[2], ':');
  if (colon)
    *colon = 0;
  o->arg = colon ? colon + 1 : NULL;
  for (o->kind = 0; o->kind < 7; o->kind++)
    if (strcmp(o->f[2], KINDS[o->kind][0]) == 0)
      break;
  if (o->kind == 7)
    die(l->no, "unknown kind %s", o->f[2]);
  if ((o->kind == 2 || o->kind == 5) != (o->arg != NULL))
    die(l->no, "int takes :MIN:MAX and enum :a|b or :@symbol, no other kind");
  if (strlen(o->f[1]) > 1)
    die(l->no, "a short option is one letter, or -");
}

/* The index of verb v (its first len bytes) in r; dies if none. */
static int verb_index(const struct record *r, const char *v, size_t len,
                      int no) {
  for (int i = 0, k = 0; i < r->n; i++)
    if (strcmp(r->lines[i].key, "verb") == 0) {
      const char *name = r->lines[i].value;
      if (strcspn(name, "\t") == len && strncmp(name, v, len) == 0)
        return k;
      k++;
    }
  die(no, "%s has no verb %.*s", r->name, (int)len, v);
  return -1;
}

/* `require LONG VERBS WHAT` of the option named long, as the members
 * .required and .required_in of its row. */
static void c_required(FILE *f, const struct record *r, const char *name) {
  for (int i = 0; i < r->n; i++) {
    char buf[1024], *p[3];
    if (strcmp(r->lines[i].key, "require") != 0 ||
        fields(&r->lines[i], buf, sizeof buf, p, 3) != 3)
      continue;
    if (strcmp(p[0], name) != 0)
      continue;
    int every = strcmp(p[1], "*") == 0;
    unsigned mask = every ? ~0u : 0;
    for (const char *v = p[1]; !every && *v;) {
      size_t len = strcspn(v, ",");
      mask |= 1u << verb_index(r, v, len, r->lines[i].no);
      v += len + (v[len] == ',');
    }
    fputs(",\n     .required = ", f);
    c_string(f, p[2]);
    fprintf(f, ", .required_in = 0x%xu", mask);
  }
}

/* The next option line of r from *i on, into o (*i then past it); 0 after
 * the last. */
static int next_opt(const struct record *r, int *i, struct opt *o) {
  for (; *i < r->n; ++*i)
    if (strcmp(r->lines[*i].key, "option") == 0) {
      read_opt(&r->lines[(*i)++], o);
      return 1;
    }
  return 0;
}

/* The option table of r, as NAME. */
static void c_opts(FILE *f, const struct record *r, const char *name,
                   const char *type, int is_static) {
  fprintf(f, "%sconst struct cli_opt %s[] = {\n", is_static ? "static " : "",
          name);
  struct opt o;
  for (int i = 0; next_opt(r, &i, &o);) {
    fputs("    {.name = ", f);
    c_string(f, o.f[0]);
    if (strcmp(o.f[1], "-") != 0)
      fprintf(f, ", .short_name = '%c'", o.f[1][0]);
    fprintf(f, ", .kind = %s,\n     .offset = offsetof(%s, %s), .value = ",
            KINDS[o.kind][1], type, o.f[3]);
    c_string(f, o.f[4]);
    fputs(",\n     .help = ", f);
    c_string(f, o.f[5]);
    if (o.kind == 2) {
      const char *colon = strchr(o.arg, ':');
      if (!colon)
        die(r->lines[i].no, "int:MIN:MAX");
      fprintf(f, ", .min = %.*s, .max = %s", (int)(colon - o.arg), o.arg,
              colon + 1);
    } else if (o.kind == 5 && o.arg[0] == '@') {
      fprintf(f, ", .choices = %s", o.arg + 1);
    } else if (o.kind == 5) {
      fputs(",\n     .choices = (const char *const[]){\"", f);
      for (const char *p = o.arg; *p; p++)
        if (*p == '|')
          fputs("\", \"", f);
        else
          fputc(*p, f);
      fputs("\", NULL}", f);
    }
    c_required(f, r, o.f[0]);
    fputs("},\n", f);
  }
  fputs("    CLI_OPT_END,\n};\n", f);
}

/* "void-file" as VERB_VOID_FILE */
static void c_verb(FILE *f, const char *v) {
  fputs("VERB_", f);
  for (; *v && *v != '\t'; v++)
    fputc(isalnum((unsigned char)*v) ? toupper((unsigned char)*v) : '_', f);
}

/* The C type of r's arguments: `args`, else the struct generated for
 * it, `struct NAME` for a family (its key `struct`), `struct args` for a
 * command. */
static const char *type_of(const struct record *r, char *buf, size_t cap) {
  const char *args = get(r, "args"), *name = get(r, "struct");
  if (args)
    return args;
  if (r->family && !name)
    die(r->lines[0].no, "a family has args TYPE or struct NAME");
  snprintf(buf, cap, "struct %s", r->family ? name : "args");
  return buf;
}

/* The struct of arguments: the family's first, then a field per option
 * (once, however many options write it), then the extra fields. */
static void c_args(FILE *f, const struct record *r) {
  const char *common = get(r, "common");
  char type[256], family_type[256];
  fprintf(f, "%s {\n", type_of(r, type, sizeof type));
  if (common)
    fprintf(f, "  %s o; /* first: %s's offsets */\n",
            type_of(family(common, 0), family_type, sizeof family_type),
            common);
  struct opt o, p;
  for (int i = 0; next_opt(r, &i, &o);) {
    if (strchr(o.f[3], '.')) /* the family's */
      continue;
    int seen = 0; /* by an option before this one */
    for (int j = 0; next_opt(r, &j, &p) && j < i && !seen;)
      seen = strcmp(p.f[3], o.f[3]) == 0;
    if (!seen)
      fprintf(f, "  %s%s;\n", KINDS[o.kind][2], o.f[3]);
  }
  for (int i = 0; i < r->n; i++)
    if (strcmp(r->lines[i].key, "field") == 0)
      fprintf(f, "  %s;\n", r->lines[i].value);
  fputs("};\n\n", f);
}

static FILE *create(const char *dir, const char *name) {
  char path[4096];
  snprintf(path, sizeof path, "%s/%s", dir, name);
  FILE *f = fopen(path, "w");
  if (!f) {
    perror(path);
    exit(1);
  }
  fprintf(f, "/* Generated from cli/commands.def by cli/cligen.c; do not "
             "edit. */\n");
  return f;
}

static void close_file(FILE *f) {
  if (ferror(f) || fclose(f) != 0) {
    perror(input);
    exit(1);
  }
}

/* cmd_NAME.h: everything of the command but its run (and check). */
static void c_command(const char *dir, const struct record *r) {
  char name[256];
  snprintf(name, sizeof name, "cmd_%s.h", r->name);
  FILE *f = create(dir, name);
  const char *common = get(r, "common");
  char buf[256];
  const char *type = type_of(r, buf, sizeof buf);
  if (!get(r, "args"))
    c_args(f, r);
  int has_verbs = get(r, "verb") != NULL;
  if (has_verbs) {
    fputs("enum {", f);
    for (int i = 0, k = 0; i < r->n; i++)
      if (strcmp(r->lines[i].key, "verb") == 0) {
        fputs(k++ ? ", " : " ", f);
        c_verb(f, r->lines[i].value);
      }
    fputs(" };\n\n", f);
  }
  fputs("static int run(const struct cli_call *c);\n", f);
  if (get(r, "check"))
    fputs("static int check(struct cli_call *c);\n", f);
  fputc('\n', f);
  c_opts(f, r, "OPTS", type, 1);
  fprintf(f, "\nconst struct cli_cmd cli_cmd_%s = {\n    .name = ", r->name);
  c_string(f, r->name);
  fputs(",\n    .summary = ", f);
  c_string(f, get(r, "summary"));
  fputs(",\n    .run = run,\n    .synopsis =", f);
  c_text(f, r, "synopsis");
  fputs(",\n    .epilog =", f);
  c_text(f, r, "epilog");
  fputs(",\n    .opts = OPTS,\n", f);
  if (common)
    fprintf(f, "    .common = %s,\n", common);
  const char *pos = get(r, "positional");
  if (pos) {
    char buf[1024], *p[3];
    const struct line l = {"positional", pos, 0};
    if (fields(&l, buf, sizeof buf, p, 3) != 3)
      die(0, "%s: positional MIN MAX MISSING", r->name);
    fprintf(f, "    .min_pos = %s,\n    .max_pos = %s,\n    .missing = ", p[0],
            p[1]);
    c_string(f, p[2]);
    fputs(",\n", f);
  }
  if (has_verbs) {
    fputs("    .verbs = (const struct cli_verb[]){", f);
    for (int i = 0; i < r->n; i++)
      if (strcmp(r->lines[i].key, "verb") == 0) {
        const char *v = r->lines[i].value, *tab = strchr(v, '\t');
        if (!tab)
          die(r->lines[i].no, "verb NAME ARGUMENTS");
        fprintf(f, "\n        {\"%.*s\", %s},", (int)(tab - v), v, tab + 1);
      }
    fputs("\n        {NULL, 0}},\n", f);
  }
  fprintf(f, "    .args_size = sizeof(%s),\n", type);
  if (get(r, "default")) {
    fprintf(f, "    .defaults = &(const %s){", type);
    for (int i = 0, k = 0; i < r->n; i++)
      if (strcmp(r->lines[i].key, "default") == 0) {
        const char *v = r->lines[i].value, *tab = strchr(v, '\t');
        if (!tab)
          die(r->lines[i].no, "default FIELD VALUE");
        fprintf(f, "%s.%.*s = %s", k++ ? ", " : "", (int)(tab - v), v, tab + 1);
      }
    fputs("},\n", f);
  }
  const char *opens = get(r, "opens");
  if (opens)
    fprintf(f, "    .opens = %s,\n",
            strcmp(opens, "register") == 0 ? "CLI_OPENS_REGISTER"
                                           : "CLI_OPENS_CORPUS");
  if (get(r, "creates")) {
    fputs("    .creates = ", f);
    c_string(f, get(r, "creates"));
    fputs(",\n", f);
  }
  if (get(r, "check"))
    fputs("    .check = check,\n", f);
  fputs("};\n", f);
  close_file(f);
}

int main(int argc, char **argv) {
  if (argc != 3) {
    fputs("usage: cligen commands.def OUTDIR\n", stderr);
    return 2;
  }
  input = argv[1];
  parse(read_all(input));
  FILE *families = create(argv[2], "families.h");
  fputs("#ifndef XXGK_CLI_FAMILIES_H\n#define XXGK_CLI_FAMILIES_H\n\n", families);
  FILE *all = create(argv[2], "commands.c");
  fputs("#include \"corpus_cli.h\"\n#include \"reg_cli.h\"\n\n", all);
  for (int i = 0; i < n_records; i++)
    if (records[i].family) {
      char type[256];
      if (!get(&records[i], "args"))
        c_args(families, &records[i]);
      c_opts(all, &records[i], records[i].name,
             type_of(&records[i], type, sizeof type), 0);
    }
  fputs("#endif\n", families);
  close_file(families);
  fputc('\n', all);
  for (int i = 0; i < n_records; i++)
    if (!records[i].family)
      fprintf(all, "extern const struct cli_cmd cli_cmd_%s;\n",
              records[i].name);
  fputs("\nconst struct cli_cmd *const cli_commands[] = {\n", all);
  for (int i = 0; i < n_records; i++)
    if (!records[i].family) {
      fprintf(all, "    &cli_cmd_%s,\n", records[i].name);
      c_command(argv[2], &records[i]);
    }
  fputs("    NULL,\n};\n", all);
  close_file(all);
  return 0;
}
