/*
 * version.c — xxgk_components(): the versions of what the library runs
 * with. Each library is asked for its own version at run time (a program
 * may run with a newer one than it was built against); those loaded on
 * first use (dl.h) are loaded here to ask them, which also shows that they
 * load; pdftotext, a program, is run with -v.
 */
#include "dl.h"
#include "internal.h"
#include "reader.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <json-c/json.h>
#include <pcre2.h>
#include <sodium.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

/* A library loaded on first use, and how to ask its version. */
enum ask {
  ASK_CALL,     /* const char *symbol(void)                             */
  ASK_NUMBER,   /* const char *symbol holds it as a number: "20914"     */
  ASK_INT,      /* int symbol(void) returns major * 100 + minor: 544    */
  ASK_ALLOCATED /* char *symbol(void), freed with free_symbol; after a
                   prefix "name-"                                        */
};
struct loaded {
  const char *name, *soname, *package, *symbol, *free_symbol;
  enum ask ask;
};

static const struct loaded LOADED[] = {
    {"libxml2", XXGK_SONAME_XML2, "libxml2", "xmlParserVersion", NULL,
     ASK_NUMBER},
    {"libzip", XXGK_SONAME_ZIP, "libzip4", "zip_libzip_version", NULL,
     ASK_CALL},
    {"libxlsxwriter", XXGK_SONAME_XLSX, "libxlsxwriter4", "lxw_version", NULL,
     ASK_CALL},
    {"Tesseract", XXGK_SONAME_TESS, "libtesseract5", "TessVersion", NULL,
     ASK_CALL},
    {"Leptonica", XXGK_SONAME_LEPT, "liblept5", "getLeptonicaVersion",
     "lept_free", ASK_ALLOCATED},
    {"libmagic", XXGK_SONAME_MAGIC, "libmagic1", "magic_version", NULL,
     ASK_INT},
};
#define N_LOADED (sizeof LOADED / sizeof *LOADED)
#define N_LINKED 5

static xxgk_component all[N_LINKED + N_LOADED + 1];
static char why[N_LOADED + 1][512]; /* messages, and libxml2's version */
static char pdftotext[64];
static pthread_once_t once = PTHREAD_ONCE_INIT;

static void ask_loaded(const struct loaded *l, xxgk_component *c, char *msg,
                       size_t cap) {
  char names[128];
  void *fn[2];
  /* dl_open takes the names NUL-separated, ending with an empty one. */
  int len = snprintf(names, sizeof names - 2, "%s%c%s", l->symbol, 0,
                     l->free_symbol ? l->free_symbol : "");
  names[len + 1] = 0;
  *c = (xxgk_component){.name = l->name, .how = "loaded", .detail = msg};
  if (dl_open("显示版本", l->soname, l->package, names, fn,
              l->free_symbol ? 2 : 1, msg, cap) != 0)
    return;
  c->detail = l->soname;
  c->version = msg;
  if (l->ask == ASK_NUMBER) {
    long v = strtol(*(const char *const *)fn[0], NULL, 10);
    snprintf(msg, cap, "%ld.%ld.%ld", v / 10000, v / 100 % 100, v % 100);
  } else if (l->ask == ASK_INT) {
    int (*get)(void);
    memcpy(&get, &fn[0], sizeof get);
    int v = get();
    snprintf(msg, cap, "%d.%02d", v / 100, v % 100);
  } else if (l->ask == ASK_ALLOCATED) {
    /* POSIX: a dlsym result converts to a function pointer. */
    char *(*make)(void);
    void (*release)(void *);
    memcpy(&make, &fn[0], sizeof make);
    memcpy(&release, &fn[1], sizeof release);
    char *v = make();
    const char *dash = v ? strchr(v, '-') : NULL;
    snprintf(msg, cap, "%s", dash ? dash + 1 : v ? v : "");
    release(v);
  } else {
    const char *(*get)(void);
    memcpy(&get, &fn[0], sizeof get);
    c->version = get();
  }
}

/* "pdftotext version 22.02.0", the first line it writes (on standard
 * error). */
static void ask_pdftotext(xxgk_component *c, char *msg, size_t cap) {
  const char *const argv[] = {"pdftotext", "-v", NULL};
  subproc r;
  int rc = subproc_run(argv, NULL, 0, 10, 4096, &r);
  const buf *b = r.err.len ? &r.err : &r.out;
  const char *text = b->len ? b->data : "";
  int line = (int)strcspn(text, "\n");
  const char *v = strstr(text, "version ");
  *c = (xxgk_component){.name = "pdftotext", .how = "program", .detail = msg};
  if (r.not_found)
    snprintf(msg, cap,
             "未安装：读取 PDF 需要它（Debian：sudo apt-get install "
             "poppler-utils）");
  else if (rc != 0 || !v || v - text > line)
    snprintf(msg, cap, "无法得知版本（pdftotext -v 的输出：%.*s）", line, text);
  else {
    snprintf(pdftotext, sizeof pdftotext, "%.*s", line - (int)(v + 8 - text),
             v + 8);
    c->version = pdftotext;
    c->detail = NULL;
  }
  buf_free(&r.out);
  buf_free(&r.err);
}

static void ask_all(void) {
  static char pcre[32];
  pcre2_config(PCRE2_CONFIG_VERSION, pcre);
  const xxgk_component linked[N_LINKED] = {
      {"SQLite", "linked", sqlite3_libversion(), NULL},
      {"libsodium", "linked", sodium_version_string(), NULL},
      {"utf8proc", "linked", utf8proc_version(), NULL},
      {"PCRE2", "linked", pcre, NULL},
      {"json-c", "linked", json_c_version(), NULL},
  };
  memcpy(all, linked, sizeof linked);
  for (size_t i = 0; i < N_LOADED; i++)
    ask_loaded(&LOADED[i], &all[N_LINKED + i], why[i], sizeof why[i]);
  ask_pdftotext(&all[N_LINKED + N_LOADED], why[N_LOADED], sizeof why[N_LOADED]);
}

const xxgk_component *xxgk_components(size_t *n) {
  pthread_once(&once, ask_all);
  *n = sizeof all / sizeof *all;
  return all;
}
