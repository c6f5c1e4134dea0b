/*
 * labels.c — the matching keys of every printed label the parser looks for,
 * computed once from the data dictionary: row labels of tables 2 and 3 (the
 * "targets" a number run is assigned to), the six part headings, the words
 * of table 4's header, and table 2's column headers (which tell the format).
 *
 * A key keeps only letters and digits (text_key), so punctuation, spaces and
 * full-width forms never decide a match; the "bare" key also drops a leading
 * enumerator, for reports that renumber or omit "（一）", "1." and the like.
 */
#include "labels.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#define MAX_KEYS 8
#define N(a) (sizeof(a) / sizeof((a)[0])) /* label, aliases, group + label combinations */

typedef struct {
  char full[KEY_MAX];
  char bare[KEY_MAX];
} keypair;

struct target_keys {
  keypair k[MAX_KEYS];
  int n;
};

static label_target TARGETS[XXGK_DICT_ROWS];
static struct target_keys TKEYS[XXGK_DICT_ROWS];
static int N_TARGETS;
static struct target_keys PKEYS[XXGK_N_PARTS];
static int32_t T4_VOCAB[64];
static int N_T4_VOCAB;
static uint32_t T4_BITS[32]; /* the vocabulary's code points mod 1024 */
static struct {
  char key[KEY_MAX];
  unsigned formats;
} HEADERS[16];
static int N_HEADERS;
static pthread_once_t ONCE = PTHREAD_ONCE_INIT;

#define NEAR_MAX 64 /* characters: a longer key is no label */
/* An official key, decoded once for the edit distances (near matches). */
typedef struct {
  const char *s;
  int n;
  int32_t cp[NEAR_MAX];
} near_official;
static near_official HEADER_NEAR[16], T4_NEAR;
static void near_official_set(near_official *o, const char *key);
static int PART_ASCII; /* a part heading's key holds ASCII (none does) */

/* Exact and prefix lookups are hash probes: a report has a number run per
 * row of prose as well as per table row, and each run asks up to sixteen
 * questions of the label tables. An entry points into the key arrays above,
 * which live as long as the process. */
typedef struct {
  const char *key; /* not NUL-terminated at len for prefixes */
  uint32_t hash;
  uint16_t len;
  int16_t value; /* target, or AMBIGUOUS */
} map_entry;

/* Each map is sized for its entries (106, 106, 974, 963, 22 and 13 in
 * the order below, today): with 64 KB a map, every probe missed the
 * cache. A dictionary that outgrows one aborts the first parse. */
typedef struct {
  map_entry *e;
  uint32_t mask;  /* capacity - 1, a power of two minus one */
  uint32_t n;     /* entries, kept under 3/4 of the capacity  */
  size_t max_len; /* a longer key is in no entry: answered without hashing */
} map;

#define MAP(name, cap)                                                    \
  static map_entry name##_E[cap];                                          \
  static map name = {name##_E, (cap) - 1, 0, 0};
MAP(FULL_MAP, 256)
MAP(BARE_MAP, 256)
MAP(PREFIX_FULL, 2048)
MAP(PREFIX_BARE, 2048)
MAP(PART_MAP, 64)
MAP(HEADER_MAP, 32)
MAP(COLUMN_MAP, 64)
#undef MAP

static uint32_t hash(const char *s, size_t n) {
  uint32_t h = 2166136261u; /* FNV-1a */
  for (size_t i = 0; i < n; i++)
    h = (h ^ (unsigned char)s[i]) * 16777619u;
  return h;
}

static map_entry *map_slot(const map *m, const char *s, size_t n,
                           uint32_t h) {
  for (uint32_t i = h & m->mask;; i = (i + 1) & m->mask) {
    map_entry *e = &m->e[i];
    if (!e->key || (e->hash == h && e->len == n && memcmp(e->key, s, n) == 0))
      return e;
  }
}

/* Maps s[0..n) to target t; a second target makes the entry ambiguous. */
static void map_put(map *m, const char *s, size_t n, int t) {
  if (n > m->max_len)
    m->max_len = n;
  uint32_t h = hash(s, n);
  map_entry *e = map_slot(m, s, n, h);
  if (!e->key) {
    if (++m->n > (m->mask + 1) / 4 * 3)
      abort(); /* the dictionary outgrew the map: a bug, caught by tests */
    e->key = s;
    e->hash = h;
    e->len = (uint16_t)n;
    e->value = (int16_t)t;
  } else if (e->value != t) {
    e->value = AMBIGUOUS;
  }
}

static int map_get(const map *m, const char *s, size_t n) {
  if (n > m->max_len) /* most text tokens are longer than any label */
    return -1;
  const map_entry *e = map_slot(m, s, n, hash(s, n));
  return e->key ? e->value : -1;
}

/* Every head of key of at least four characters (12 bytes of CJK), short of
 * the whole key: what a label wrapped around its numbers shows first. */
static void map_prefixes(map *m, const char *key, int t) {
  size_t n = strlen(key);
  for (size_t i = 12; i < n; i++)
    if (((unsigned char)key[i] & 0xC0) != 0x80)
      map_put(m, key, i, t);
}

static void add_key(struct target_keys *t, const char *label, size_t n) {
  if (t->n >= MAX_KEYS)
    return;
  keypair *k = &t->k[t->n++];
  text_key(label, n, k->full, KEY_MAX);
  const char *bare = text_key_bare(k->full);
  memmove(k->bare, bare, strlen(bare) + 1);
}

/* Adds the label and each '|'-separated alias. */
static void add_keys(struct target_keys *t, const char *label,
                     const char *aliases) {
  add_key(t, label, strlen(label));
  for (const char *a = aliases; a && *a;) {
    const char *bar = strchr(a, '|');
    size_t n = bar ? (size_t)(bar - a) : strlen(a);
    add_key(t, a, n);
    a = bar ? bar + 1 : a + n;
  }
}

static void add_joined(struct target_keys *t, const char *a, const char *b,
                       const char *c) {
  buf j = {0};
  buf_puts(&j, a);
  buf_puts(&j, b);
  buf_puts(&j, c);
  add_key(t, j.data, j.len);
  buf_free(&j);
}

static void add_group_keys(struct target_keys *t, const xxgk_row_def *r) {
  if (r->group)
    add_joined(t, r->group, "", r->label);
  if (r->subgroup)
    add_joined(t, r->subgroup, "", r->label);
  if (r->group && r->subgroup)
    add_joined(t, r->group, r->subgroup, r->label);
}

static void vocab_add(const char *s) {
  size_t n = strlen(s);
  for (size_t i = 0; i < n;) {
    int32_t cp;
    int k = utf8_decode(s + i, n - i, &cp);
    if (k < 0)
      return;
    int seen = 0;
    for (int j = 0; j < N_T4_VOCAB; j++)
      seen |= T4_VOCAB[j] == cp;
    if (!seen && N_T4_VOCAB < 64) {
      T4_VOCAB[N_T4_VOCAB++] = cp;
      T4_BITS[(cp >> 5) & 31] |= 1u << (cp & 31);
    }
    i += (size_t)k;
  }
}

/* The keys of the distinct column labels of tables 2 to 4 (31 today), for
 * COLUMN_MAP. */
static char COLUMNS[48][96];

static void build(void) {
  int n_columns = 0;
  for (int i = 0; i < xxgk_dict_n_rows(); i++) {
    const xxgk_row_def *r = xxgk_dict_row(i);
    for (int c = 0; r->table != XXGK_T_FEES && c < r->n_cols; c++) {
      if (n_columns == N(COLUMNS))
        abort(); /* the dictionary outgrew the array: caught by tests */
      char *k = COLUMNS[n_columns];
      size_t n = text_key(r->cols[c].label, strlen(r->cols[c].label), k,
                          sizeof COLUMNS[0]);
      if (map_get(&COLUMN_MAP, k, n) < 0)
        map_put(&COLUMN_MAP, COLUMNS[n_columns++], n, 1);
    }
    if (r->table == XXGK_T_REVIEWS) {
      vocab_add(r->label);
      if (r->group)
        vocab_add(r->group);
      for (int c = 0; c < r->n_cols; c++)
        vocab_add(r->cols[c].label);
      continue;
    }
    if (r->table == XXGK_T_ACTIVE) {
      for (int c = 0; c < r->n_cols; c++) {
        char key[KEY_MAX];
        text_key(r->cols[c].label, strlen(r->cols[c].label), key, KEY_MAX);
        int j = 0;
        while (j < N_HEADERS && strcmp(HEADERS[j].key, key) != 0)
          j++;
        if (j == N_HEADERS && N_HEADERS < 16)
          strcpy(HEADERS[N_HEADERS++].key, key);
        if (j < 16)
          HEADERS[j].formats |= r->formats;
      }
    }
    if (r->table != XXGK_T_ACTIVE && r->table != XXGK_T_APPLICATIONS)
      continue;
    /* Rows of different formats with one key share a target. */
    int t = 0;
    while (t < N_TARGETS && !(TARGETS[t].table == r->table &&
                              strcmp(TARGETS[t].key, r->key) == 0))
      t++;
    if (t == N_TARGETS) {
      TARGETS[t].table = r->table;
      TARGETS[t].key = r->key;
      TARGETS[t].first_row = i;
      N_TARGETS++;
    }
    TARGETS[t].formats |= r->formats;
    add_keys(&TKEYS[t], r->label, r->aliases);
    /* pdftotext -layout may leave a single space between a group label and
     * the row label ("三、本年度办理结果 （一）予以公开"): one cell. The
     * group plus the label, in full, is that row too. */
    add_group_keys(&TKEYS[t], r);
  }
  for (int t = 0; t < N_TARGETS; t++)
    for (int f = 0; f < 2; f++)
      TARGETS[t].row[f] = xxgk_dict_find_row(
          TARGETS[t].table, TARGETS[t].key,
          f ? XXGK_FORMAT_2021 : XXGK_FORMAT_2019);
  for (int i = 0; i < XXGK_N_PARTS; i++)
    add_keys(&PKEYS[i], dict_part(i)->heading, dict_part(i)->aliases);
  for (int i = 0; i < XXGK_N_PARTS; i++)
    for (int k = 0; k < PKEYS[i].n; k++) {
      map_put(&PART_MAP, PKEYS[i].k[k].bare, strlen(PKEYS[i].k[k].bare), i);
      map_put(&PART_MAP, PKEYS[i].k[k].full, strlen(PKEYS[i].k[k].full), i);
      for (const char *c = PKEYS[i].k[k].full; *c; c++)
        PART_ASCII |= (unsigned char)*c < 0x80;
    }
  for (int j = 0; j < N_HEADERS; j++) {
    map_put(&HEADER_MAP, HEADERS[j].key, strlen(HEADERS[j].key),
            (int)HEADERS[j].formats);
    near_official_set(&HEADER_NEAR[j], HEADERS[j].key);
  }
  static char t4_key[KEY_MAX];
  const xxgk_row_def *t4 =
      xxgk_dict_row(xxgk_dict_find_row(XXGK_T_REVIEWS, "administrative_review",
                                       XXGK_FORMAT_ANY));
  text_key(t4->label, strlen(t4->label), t4_key, KEY_MAX);
  near_official_set(&T4_NEAR, t4_key);
  for (int t = 0; t < N_TARGETS; t++)
    for (int k = 0; k < TKEYS[t].n; k++) {
      const keypair *kp = &TKEYS[t].k[k];
      map_put(&FULL_MAP, kp->full, strlen(kp->full), t);
      map_put(&BARE_MAP, kp->bare, strlen(kp->bare), t);
      map_prefixes(&PREFIX_FULL, kp->full, t);
      map_prefixes(&PREFIX_BARE, kp->bare, t);
    }
}

static void init(void) { pthread_once(&ONCE, build); }

/* ## Near matches
 *
 * A label printed with a character dropped, swapped or misread is close to
 * the official one in edit distance; the parser asks only about the rows
 * that may come next, so a near label never competes with the whole
 * dictionary. */


static int decode(const char *s, int32_t *out) {
  int n = 0;
  size_t len = strlen(s);
  for (size_t i = 0; i < len && n < NEAR_MAX;) {
    int k = utf8_decode(s + i, len - i, &out[n]);
    if (k < 0)
      return -1;
    i += (size_t)k;
    n++;
  }
  return n < NEAR_MAX ? n : -1;
}

/* Levenshtein distance of a and b, or max + 1 once it exceeds max: only
 * the band |i - j| <= max of the table is computed (Ukkonen), so a call
 * costs O(n·max), a few cells a character. */
static int distance(const int32_t *a, int na, const int32_t *b, int nb,
                    int max) {
  enum { BIG = NEAR_MAX * 2 };
  if (na - nb > max || nb - na > max)
    return max + 1;
  /* Zeroed whole: the copy below takes one cell past the band. */
  int prev[NEAR_MAX + 2] = {0}, cur[NEAR_MAX + 2] = {0};
  for (int j = 0; j <= nb + 1; j++)
    prev[j] = j <= max ? j : BIG;
  for (int i = 1; i <= na; i++) {
    int lo = i - max > 1 ? i - max : 1, hi = i + max < nb ? i + max : nb;
    cur[lo - 1] = lo == 1 ? i : BIG;
    int best = cur[lo - 1];
    for (int j = lo; j <= hi; j++) {
      int v = prev[j - 1] + (a[i - 1] != b[j - 1]);
      if (prev[j] + 1 < v)
        v = prev[j] + 1;
      if (cur[j - 1] + 1 < v)
        v = cur[j - 1] + 1;
      cur[j] = v;
      if (v < best)
        best = v;
    }
    if (hi < nb)
      cur[hi + 1] = BIG;
    if (best > max)
      return max + 1;
    memcpy(prev + lo - 1, cur + lo - 1, (size_t)(hi - lo + 3) * sizeof *cur);
  }
  return prev[nb];
}

/* A key decoded once, for the distances to every candidate. */
typedef struct {
  const char *s;
  size_t len;
  int n; /* characters, or -1 until decoded (or if not decodable) */
  int32_t cp[NEAR_MAX];
} near_key;

static near_key near_key_of(const char *s) {
  near_key k;
  k.s = s;
  k.len = strlen(s);
  k.n = -2;
  return k;
}

/* The distance of key to official, if near: one character in four. */
static int near_cp(near_key *key, size_t kb, const int32_t *b, int nb) {
  /* At most official's bytes / 4 edits (its characters being at most its
   * bytes), each changing the length by 3 bytes at most: most keys are
   * rejected here, undecoded. */
  if ((key->len > kb ? key->len - kb : kb - key->len) > 3 * (kb / 4))
    return -1;
  if (key->n == -2)
    key->n = decode(key->s, key->cp);
  if (key->n <= 0 || nb <= 0)
    return -1;
  int max = nb / 4;
  int d = distance(key->cp, key->n, b, nb, max);
  return d <= max ? d : -1;
}

static int near(near_key *key, const char *official) {
  int32_t b[NEAR_MAX];
  size_t kb = strlen(official);
  if ((key->len > kb ? key->len - kb : kb - key->len) > 3 * (kb / 4))
    return -1;
  return near_cp(key, kb, b, decode(official, b));
}

int labels_near_row(const char *full, const char *bare, const int *cands,
                    int n, int *dist, int tie[2]) {
  init();
  int best = -1, best_d = NEAR_MAX, second = -1;
  near_key kf = near_key_of(full), kb = near_key_of(bare);
  for (int i = 0; i < n; i++) {
    int t = cands[i];
    if (t < 0 || t >= N_TARGETS)
      continue;
    int td = NEAR_MAX;
    for (int k = 0; k < TKEYS[t].n; k++) {
      int a = near(&kf, TKEYS[t].k[k].full);
      int b = near(&kb, TKEYS[t].k[k].bare);
      if (a >= 0 && a < td)
        td = a;
      if (b >= 0 && b < td)
        td = b;
    }
    if (td == NEAR_MAX || t == best)
      continue;
    if (td < best_d) {
      best = t;
      best_d = td;
      second = -1;
    } else if (td == best_d) {
      second = t;
    }
  }
  if (best < 0 || best_d == 0)
    return -1; /* exact matches are the exact lookups' */
  *dist = best_d;
  if (second >= 0) {
    tie[0] = best;
    tie[1] = second;
    return AMBIGUOUS;
  }
  return best;
}

static void near_official_set(near_official *o, const char *key) {
  o->s = key;
  o->n = decode(key, o->cp);
}

/* The index of the official key nearest key, or -1. */
static int near_best(const char *key, const near_official *o, int n) {
  int best = -1, best_d = NEAR_MAX;
  near_key k = near_key_of(key);
  for (int i = 0; i < n; i++) {
    int d = near_cp(&k, strlen(o[i].s), o[i].cp, o[i].n);
    if (d >= 0 && d < best_d) {
      best = i;
      best_d = d;
    }
  }
  return best;
}

int labels_t4_start_near(const char *key) {
  init();
  return near_best(key, &T4_NEAR, 1) == 0;
}

int labels_row_target(int row) {
  init();
  const xxgk_row_def *r = xxgk_dict_row(row);
  for (int t = 0; r && t < N_TARGETS; t++)
    if (TARGETS[t].table == r->table && strcmp(TARGETS[t].key, r->key) == 0)
      return t;
  return -1;
}

int labels_match_tail(const char *key, size_t n) {
  init();
  size_t max = FULL_MAP.max_len > BARE_MAP.max_len ? FULL_MAP.max_len
                                                   : BARE_MAP.max_len;
  for (size_t i = n > max ? n - max : 0; i < n; i++) {
    if (((unsigned char)key[i] & 0xC0) == 0x80)
      continue;
    int t = map_get(&FULL_MAP, key + i, n - i);
    if (t == -1)
      t = map_get(&BARE_MAP, key + i, n - i);
    if (t >= 0)
      return t;
  }
  return -1;
}

int labels_n_targets(void) {
  init();
  return N_TARGETS;
}

const label_target *labels_target(int i) {
  init();
  return i >= 0 && i < N_TARGETS ? &TARGETS[i] : NULL;
}

int labels_target_row(const label_target *lt, xxgk_format f) {
  /* A report's rows are looked up per found row and format when the
   * format is decided and the cells assigned: ~90 linear searches of the
   * dictionary, with strcmp, per report otherwise. */
  if (f == XXGK_FORMAT_2019 || f == XXGK_FORMAT_2021)
    return lt->row[f == XXGK_FORMAT_2021];
  return xxgk_dict_find_row(lt->table, lt->key, f);
}

int labels_may_match(size_t n) {
  init();
  /* An enumerator is a few characters: a key longer than every label by
   * more than one is no label, bare or not. */
  return n <= FULL_MAP.max_len || n <= BARE_MAP.max_len + 24;
}

int labels_match_row(const char *full, size_t nf, const char *bare, size_t nb,
                     int prefix) {
  init();
  if (nf == 0)
    return -1;
  int t = map_get(&FULL_MAP, full, nf);
  if (t == -1)
    t = map_get(&BARE_MAP, bare, nb);
  if (t != -1 || !prefix)
    return t >= 0 ? t : -1;
  /* A label wrapped around its numbers (pdftotext -layout) shows only its
   * head before them: accept a head of four or more characters that begins
   * exactly one target's label. */
  if (nb < 12)
    return -1;
  int a = map_get(&PREFIX_FULL, full, nf), b = map_get(&PREFIX_BARE, bare, nb);
  if (a == AMBIGUOUS || b == AMBIGUOUS || (a >= 0 && b >= 0 && a != b))
    return -1;
  return a >= 0 ? a : b;
}

int labels_part_possible(const char *norm, size_t n, unsigned flags) {
  init();
  if (PART_ASCII)
    return 1;
  /* No heading's key holds ASCII, and the key without its enumerator
   * (text_key_bare strips a leading run of ASCII digits, of CJK numerals or
   * 第…部分) keeps every ASCII letter and digit but those of a leading
   * digit run: such a line can be no heading. */
  const unsigned char *u = (const unsigned char *)norm;
  size_t i = 0;
#define DIGIT(c) ((c) >= '0' && (c) <= '9')
#define ALNUM(c) (DIGIT(c) || (unsigned)(((c) | 0x20) - 'a') < 26u)
  while (i < n && u[i] < 0x80 && !ALNUM(u[i])) /* what keys drop */
    i++;
  if (i == n)
    return 1;
  if (u[i] < 0x80 && !DIGIT(u[i]))
    return 0; /* a letter first: it stays */
  if (u[i] < 0x80) { /* a digit first: only CJK after it can be a heading */
    while (i < n && u[i] < 0x80)
      i++;
    return i < n;
  }
#undef DIGIT
#undef ALNUM
  /* A CJK ideograph first: a digit anywhere after it stays. */
  return !(flags & NORM_DIGIT) ||
         !(i + 3 <= n && u[i] >= 0xE4 && u[i] <= 0xE9 &&
           (u[i + 1] & 0xC0) == 0x80 && (u[i + 2] & 0xC0) == 0x80);
}

int labels_match_part(const char *bare, size_t n) {
  init();
  int i = map_get(&PART_MAP, bare, n);
  return i >= 0 ? i : -1;
}

int labels_t4_vocab(const char *key) {
  init();
  size_t n = strlen(key);
  if (n == 0)
    return 0;
  int chars = 0, out = 0;
  for (size_t i = 0; i < n;) {
    int32_t cp;
    int k = utf8_decode(key + i, n - i, &cp);
    if (k < 0)
      return 0;
    int in = 0;
    if (T4_BITS[(cp >> 5) & 31] >> (cp & 31) & 1) /* else surely not */
      for (int j = 0; j < N_T4_VOCAB && !in; j++)
        in = T4_VOCAB[j] == cp;
    out += !in;
    chars++;
    i += (size_t)k;
  }
  return out * 4 <= chars;
}

unsigned labels_header_formats(const char *key, size_t n, int near_ok) {
  init();
  int f = map_get(&HEADER_MAP, key, n);
  if (f > 0)
    return (unsigned)f;
  if (!near_ok || n > 3 * NEAR_MAX)
    return 0;
  int j = near_best(key, HEADER_NEAR, N_HEADERS);
  return j >= 0 ? HEADERS[j].formats : 0;
}

int labels_is_column(const char *key, size_t n) {
  init();
  return map_get(&COLUMN_MAP, key, n) > 0;
}
