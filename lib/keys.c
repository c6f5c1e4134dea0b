/*
 * keys.c — the union of the dictionary's dotted keys over both formats, in
 * dictionary order: the columns of the CSV output and of the corpus
 * database. Each key knows its (row, col) in each format, if any.
 */
#include "internal.h"

#include <pthread.h>
#include <string.h>

static dict_key *KEYS;
static int N_KEYS;
static pthread_once_t ONCE = PTHREAD_ONCE_INIT;

static void build(void) {
  int cap = 0;
  for (int i = 0; i < xxgk_dict_n_rows(); i++)
    cap += xxgk_dict_row(i)->n_cols;
  KEYS = xxgk_calloc((size_t)cap, sizeof *KEYS);
  for (int i = 0; i < xxgk_dict_n_rows(); i++) {
    const xxgk_row_def *r = xxgk_dict_row(i);
    for (int c = 0; c < r->n_cols; c++) {
      char key[sizeof KEYS->key];
      xxgk_dict_key(i, c, key, sizeof key);
      int j = 0;
      while (j < N_KEYS && strcmp(KEYS[j].key, key) != 0)
        j++;
      if (j == N_KEYS) {
        memcpy(KEYS[j].key, key, sizeof key);
        KEYS[j].row[0] = KEYS[j].row[1] = -1;
        KEYS[j].kind = r->cols[c].kind;
        N_KEYS++;
      }
      for (int f = 0; f < 2; f++)
        if (r->formats & (unsigned)(f + 1)) {
          KEYS[j].row[f] = i;
          KEYS[j].col[f] = c;
        }
    }
  }
}

int dict_keys(const dict_key **out) {
  pthread_once(&ONCE, build);
  *out = KEYS;
  return N_KEYS;
}

const xxgk_cell *dict_key_cell(const dict_key *k, const xxgk_doc *d) {
  int f = d->format == XXGK_FORMAT_2019 ? 0 : 1;
  if (k->row[f] >= 0)
    return xxgk_doc_cell(d, k->row[f], k->col[f]);
  /* The other format's row, in a table printed in its layout. */
  return k->row[!f] >= 0 ? xxgk_doc_cell(d, k->row[!f], k->col[!f]) : NULL;
}
