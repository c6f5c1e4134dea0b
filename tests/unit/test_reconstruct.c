/*
 * test_reconstruct.c — every sample report as real conversions break it
 * (tests/gen/gen_recon.c: zeros printed empty at a row's edges, labels moved
 * away from their numbers, a crawler's text with the cells run together),
 * read back and compared field by field with the sample: title, year,
 * agency and every cell of its format. Each input prints
 *
 *   class K  KIND  SAMPLE: N of M fields right, W wrong, rest null
 *
 * and must meet its class's expectation (BY_CLASS). Whatever the class, a
 * field is right or null, never wrong, and a null comes with an error.
 */
#include "docutil.h"
#include "gen_recon.h"
#include "harness.h"

typedef enum {
  EXPECT_NO_WRONG, /* every field right, or null with an error          */
  EXPECT_EXACT     /* every field right, no error                       */
} expectation;

/* What each class of input must reach. Classes 4 and 5 are aligned against
 * the template and split by the rows' sums, but where the evidence leaves
 * several readings (a row of zeros whose label was moved, digits that split
 * two ways) the cells stay null with an error: never wrong, not all read. */
static const expectation BY_CLASS[] = {
    [1] = EXPECT_EXACT,
    [4] = EXPECT_NO_WRONG,
    [5] = EXPECT_NO_WRONG,
};

typedef struct {
  int right, wrong, null, total;
} score;


static void field(score *s, const char *want, const char *got,
                  const char *what, const char *name) {
  s->total++;
  if (!got) {
    s->null++;
  } else if (same_str(want, got)) {
    s->right++;
  } else {
    s->wrong++;
    fprintf(stderr, "  %s: %s \"%s\", want \"%s\"\n", what, name, got,
            want ? want : "null");
  }
}

static score compare(const xxgk_doc *want, const xxgk_doc *got,
                     const char *what) {
  score s = {0};
  char a[32], b[32];
  snprintf(a, sizeof a, "%d", xxgk_doc_year(want));
  snprintf(b, sizeof b, "%d", xxgk_doc_year(got));
  field(&s, a, xxgk_doc_year(got) ? b : NULL, what, "year");
  field(&s, xxgk_doc_agency(want), xxgk_doc_agency(got), what, "agency");
  field(&s, xxgk_doc_title(want), xxgk_doc_title(got), what, "title");
  for (int i = 0; i < xxgk_dict_n_rows(); i++) {
    const xxgk_row_def *r = xxgk_dict_row(i);
    for (int c = 0; c < r->n_cols; c++) {
      const xxgk_cell *w = xxgk_doc_cell(want, i, c),
                      *g = xxgk_doc_cell(got, i, c);
      if (!w || w->state == XXGK_CELL_ABSENT)
        continue;
      char key[128];
      xxgk_dict_key(i, c, key, sizeof key);
      xxgk_num_format(w->num, a);
      if (g && g->state != XXGK_CELL_ABSENT)
        xxgk_num_format(g->num, b);
      field(&s, a, g && g->state != XXGK_CELL_ABSENT ? b : NULL, what, key);
    }
  }
  return s;
}

int main(int argc, char **argv) {
  const char *dir = argc > 1 ? argv[1] : "tests/data";
  score by_kind[RECON_N] = {{0}};
  for (size_t i = 0; i < N_SAMPLES; i++) {
    char path[4096];
    snprintf(path, sizeof path, "%s/%s.txt", dir, SAMPLES[i]);
    size_t n = 0;
    char *txt = read_file(path, &n);
    xxgk_doc *want = load_expected(dir, SAMPLES[i]), *text;
    CHECK(txt && want, "cannot read %s", SAMPLES[i]);
    if (!txt || !want) {
      free(txt);
      xxgk_doc_free(want);
      continue;
    }
    xxgk_parse(txt, n, &text);
    for (int k = 0; k < RECON_N; k++) {
      char what[160];
      snprintf(what, sizeof what, "%s as %s", SAMPLES[i],
               recon_name((recon_kind)k));
      char *in = recon_report(want, text, (recon_kind)k, &n);
      CHECK(in != NULL, "%s: not made", what);
      if (!in)
        continue;
      xxgk_doc *got;
      xxgk_status st = xxgk_read(in, n, &got);
      score s = compare(want, got, what);
      int cls = recon_class((recon_kind)k);
      size_t errors = xxgk_doc_count(got, XXGK_SEV_ERROR);
      printf("class %d  %-18s %-28s %3d of %3d fields right, %d wrong, "
             "rest null\n",
             cls, recon_name((recon_kind)k), SAMPLES[i], s.right, s.total,
             s.wrong);
      CHECK(s.wrong == 0, "%s: %d fields wrong", what, s.wrong);
      CHECK(s.null == 0 || errors > 0, "%s: %d null fields and no error",
            what, s.null);
      if (BY_CLASS[cls] == EXPECT_EXACT) {
        CHECK(s.right == s.total, "%s: %d of %d fields right", what,
              s.right, s.total);
        CHECK(st == XXGK_OK && errors == 0, "%s: status %s, %zu errors",
              what, xxgk_strerror(st), errors);
      }
      score *t = &by_kind[k];
      t->right += s.right;
      t->wrong += s.wrong;
      t->null += s.null;
      t->total += s.total;
      xxgk_doc_free(got);
      free(in);
    }
    xxgk_doc_free(text);
    xxgk_doc_free(want);
    free(txt);
  }
  for (int k = 0; k < RECON_N; k++)
    printf("class %d  %-18s all samples: %d of %d fields right (%.1f%%), %d "
           "wrong\n",
           recon_class((recon_kind)k), recon_name((recon_kind)k),
           by_kind[k].right, by_kind[k].total,
           by_kind[k].total ? 100.0 * by_kind[k].right / by_kind[k].total : 0,
           by_kind[k].wrong);
  return h_summary();
}
