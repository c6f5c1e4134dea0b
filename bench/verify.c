/*
 * verify.c — `bench_verify DIR`: the generator's test. Every report that
 * `bench_gen -j` wrote to DIR, in every rendition present (text, HTML,
 * DOCX, mixed), must read back (xxgk_read) to exactly the data generated (DIR/json: metadata, every cell, the
 * overview and problems parts), and checking it must find exactly what the
 * manifest says: nothing in a consistent report; in a report with one
 * changed cell, the manifest's rules, every finding naming that cell.
 * Prints "N passed, N failed" (tests/unit/harness.h).
 */
#include "docutil.h"
#include "gen.h"
#include "harness.h"

/* The rules of d's warnings and errors, sorted, space-separated; counts a
 * failure for each that does not name the cell (row, col). */
static void findings(const xxgk_doc *d, int row, int col, char *out,
                     size_t cap, const char *what) {
  const char *rules[64];
  int n = 0;
  for (size_t i = 0; i < xxgk_doc_n_diags(d) && n < 64; i++) {
    const xxgk_diag *g = xxgk_doc_diag(d, i);
    if (g->severity < XXGK_SEV_WARNING)
      continue;
    rules[n++] = g->rule;
    int named = 0;
    for (int k = 0; k < g->n_cells; k++)
      named |= g->cells[k].row == row && g->cells[k].col == col;
    CHECK(named, "%s: %s finding does not name the changed cell: %s", what,
          g->rule, g->message);
  }
  for (int i = 1; i < n; i++) /* insertion sort: a handful of findings */
    for (int j = i; j > 0 && strcmp(rules[j - 1], rules[j]) > 0; j--) {
      const char *t = rules[j];
      rules[j] = rules[j - 1];
      rules[j - 1] = t;
    }
  out[0] = 0;
  for (int i = 0; i < n; i++)
    snprintf(out + strlen(out), cap - strlen(out), "%s%s", i ? " " : "",
             rules[i]);
}

/* One report in one rendition (read as the command reads any file, with
 * xxgk_read) against the generated data. */
static void verify(const char *path, const char *what, const xxgk_doc *want,
                   const char *key, const char *rules) {
  size_t n;
  char *text = read_file(path, &n);
  CHECK(text != NULL, "cannot read %s", path);
  if (!text)
    return;
  xxgk_doc *got;
  xxgk_status st = xxgk_read(text, n, &got);
  free(text);
  CHECK(st == XXGK_OK, "%s: status %s", what, xxgk_strerror(st));
  CHECK_INT(doc_diff(want, got, what), 0);
  static const xxgk_section KEPT[] = {XXGK_SEC_OVERVIEW, XXGK_SEC_PROBLEMS};
  for (int s = 0; s < 2; s++)
    CHECK(same_str(xxgk_doc_section(want, KEPT[s]),
                   xxgk_doc_section(got, KEPT[s])),
          "%s: part %s differs", what, xxgk_section_key(KEPT[s]));
  xxgk_check(got);
  int row = -1, col = -1;
  if (strcmp(key, "-") != 0)
    CHECK(xxgk_dict_find_key(key, xxgk_doc_format(want), &row, &col) == 0,
          "%s: manifest names an unknown cell %s", what, key);
  char found[256];
  findings(got, row, col, found, sizeof found, what);
  const char *expect = strcmp(rules, "-") == 0 ? "" : rules;
  CHECK(strcmp(found, expect) == 0, "%s: findings \"%s\", want \"%s\" (%s)",
        what, found, expect, key);
  if (strcmp(found, expect) != 0)
    for (size_t i = 0; i < xxgk_doc_n_diags(got); i++)
      if (xxgk_doc_diag(got, i)->severity >= XXGK_SEV_WARNING)
        fprintf(stderr, "  %s: %s\n", what, xxgk_doc_diag(got, i)->message);
  xxgk_doc_free(got);
}

int main(int argc, char **argv) {
  if (argc != 2) {
    fputs("usage: bench_verify DIR (written by bench_gen -j)\n", stderr);
    return 2;
  }
  const char *dir = argv[1];
  char path[4096], line[1024];
  snprintf(path, sizeof path, "%s/manifest.tsv", dir);
  FILE *man = fopen(path, "r");
  CHECK(man != NULL, "cannot read %s", path);
  if (!man)
    return h_summary();
  int reports = 0, inconsistent = 0;
  while (fgets(line, sizeof line, man)) {
    /* report format year agency key printed was rules */
    char *f[8];
    int k = 0;
    for (char *p = line; k < 8; k++) {
      f[k] = p;
      p += strcspn(p, "\t\n");
      if (!*p)
        break;
      *p++ = 0;
    }
    if (k < 7 || strcmp(f[0], "report") == 0)
      continue;
    reports++;
    inconsistent += strcmp(f[4], "-") != 0;
    snprintf(path, sizeof path, "%s/json/%s.json", dir, f[0]);
    size_t n;
    char *js = read_file(path, &n);
    CHECK(js != NULL, "cannot read %s", path);
    if (!js)
      continue;
    xxgk_doc *want;
    CHECK(xxgk_doc_from_json(js, n, &want) == XXGK_OK, "%s: bad JSON", path);
    free(js);
    /* Every rendition bench_gen writes, and its mixed corpus (-x). */
    static const char *const EXTRA[] = {"html", "docx", "mixed"};
    static const char *const EXT[] = {"txt", "html", "docx"};
    for (int r = 0; r < GEN_N_RENDITIONS + 3; r++) {
      const char *sub =
          r < GEN_N_RENDITIONS ? gen_name((gen_rendition)r)
                               : EXTRA[r - GEN_N_RENDITIONS];
      for (int e = 0; e < 3; e++) {
        snprintf(path, sizeof path, "%s/%s/%s.%s", dir, sub, f[0], EXT[e]);
        FILE *t = fopen(path, "rb");
        if (!t)
          continue; /* that rendition was not asked for */
        fclose(t);
        char what[512];
        snprintf(what, sizeof what, "%.64s/%.64s.%s", sub, f[0], EXT[e]);
        verify(path, what, want, f[4], f[7]);
      }
    }
    xxgk_doc_free(want);
  }
  fclose(man);
  CHECK(reports > 0, "%s: the manifest lists no report", dir);
  printf("%d reports, %d with one inconsistent cell\n", reports,
         inconsistent);
  return h_summary();
}
