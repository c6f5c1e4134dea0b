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
#include <string.h>

#define MAX_KEYS 6

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
static struct {
  char key[KEY_MAX];
  unsigned formats;
} HEADERS[16];
static int N_HEADERS;
static pthread_once_t ONCE = PTHREAD_ONCE_INIT;

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
    if (!seen && N_T4_VOCAB < 64)
      T4_VOCAB[N_T4_VOCAB++] = cp;
    i += (size_t)k;
  }
}

static void build(void) {
  for (int i = 0; i < xxgk_dict_n_rows(); i++) {
    const xxgk_row_def *r = xxgk_dict_row(i);
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
  }
  for (int i = 0; i < XXGK_N_PARTS; i++)
    add_keys(&PKEYS[i], dict_part(i)->heading, dict_part(i)->aliases);
}

static void init(void) { pthread_once(&ONCE, build); }

int labels_n_targets(void) {
  init();
  return N_TARGETS;
}

const label_target *labels_target(int i) {
  init();
  return i >= 0 && i < N_TARGETS ? &TARGETS[i] : NULL;
}

int labels_match_row(const char *full, const char *bare, int prefix) {
  init();
  if (!*full)
    return -1;
  for (int t = 0; t < N_TARGETS; t++)
    for (int k = 0; k < TKEYS[t].n; k++)
      if (strcmp(TKEYS[t].k[k].full, full) == 0)
        return t;
  for (int t = 0; t < N_TARGETS; t++)
    for (int k = 0; k < TKEYS[t].n; k++)
      if (strcmp(TKEYS[t].k[k].bare, bare) == 0)
        return t;
  if (!prefix)
    return -1;
  /* A label wrapped around its numbers (pdftotext -layout) shows only its
   * head before them: accept a head of four or more characters that begins
   * exactly one target's label. */
  size_t nf = strlen(full), nb = strlen(bare);
  if (nb < 12)
    return -1;
  int found = -1;
  for (int t = 0; t < N_TARGETS; t++)
    for (int k = 0; k < TKEYS[t].n; k++) {
      const keypair *kp = &TKEYS[t].k[k];
      if ((strncmp(kp->full, full, nf) == 0 && strlen(kp->full) > nf) ||
          (strncmp(kp->bare, bare, nb) == 0 && strlen(kp->bare) > nb)) {
        if (found >= 0 && found != t)
          return -1;
        found = t;
      }
    }
  return found;
}

int labels_match_part(const char *bare) {
  init();
  for (int i = 0; i < XXGK_N_PARTS; i++)
    for (int k = 0; k < PKEYS[i].n; k++)
      if (strcmp(PKEYS[i].k[k].bare, bare) == 0 ||
          strcmp(PKEYS[i].k[k].full, bare) == 0)
        return i;
  return -1;
}

int labels_t4_vocab(const char *key) {
  init();
  size_t n = strlen(key);
  if (n == 0)
    return 0;
  for (size_t i = 0; i < n;) {
    int32_t cp;
    int k = utf8_decode(key + i, n - i, &cp);
    if (k < 0)
      return 0;
    int in = 0;
    for (int j = 0; j < N_T4_VOCAB && !in; j++)
      in = T4_VOCAB[j] == cp;
    if (!in)
      return 0;
    i += (size_t)k;
  }
  return 1;
}

unsigned labels_header_formats(const char *key) {
  init();
  for (int j = 0; j < N_HEADERS; j++)
    if (strcmp(HEADERS[j].key, key) == 0)
      return HEADERS[j].formats;
  return 0;
}
