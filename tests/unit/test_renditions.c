/*
 * test_renditions.c — every sample report, written in every plain-text
 * rendition by tests/gen/gen.c, parses back to the same document: metadata, every
 * cell, the narrative parts, and the 信息处理费 figures.
 */
#include "docutil.h"
#include "gen.h"
#include "harness.h"

static void roundtrip(const xxgk_doc *want, const char *name, int sections) {
  for (int r = 0; r < GEN_N_RENDITIONS; r++) {
    size_t n;
    char *text = gen_report(want, (gen_rendition)r, &n);
    CHECK(text != NULL, "%s: no %s text", name, gen_name(r));
    if (!text)
      continue;
    char what[160];
    snprintf(what, sizeof what, "%s as %s", name, gen_name(r));
    xxgk_doc *got;
    xxgk_status st = xxgk_parse(text, n, &got);
    CHECK(st == XXGK_OK, "%s: status %s", what, xxgk_strerror(st));
    CHECK_INT(doc_diff(want, got, what), 0);
    CHECK(xxgk_doc_count(got, XXGK_SEV_WARNING) == 0, "%s: %zu warnings",
          what, xxgk_doc_count(got, XXGK_SEV_WARNING));
    for (size_t i = 0; i < xxgk_doc_n_diags(got); i++)
      if (xxgk_doc_diag(got, i)->severity >= XXGK_SEV_WARNING)
        fprintf(stderr, "  %s: %s\n", what, xxgk_doc_diag(got, i)->message);
    for (int s = 0; sections && s < XXGK_N_SECTIONS; s++)
      CHECK(same_str(xxgk_doc_section(want, (xxgk_section)s),
                     xxgk_doc_section(got, (xxgk_section)s)),
            "%s: section %s differs", what,
            xxgk_section_key((xxgk_section)s));
    CHECK_INT(xxgk_check(got), 0);
    xxgk_doc_free(got);
    free(text);
  }
}

int main(int argc, char **argv) {
  const char *dir = argc > 1 ? argv[1] : "tests/data";
  for (size_t i = 0; i < N_SAMPLES; i++) {
    /* From the parsed sample: its own narrative parts. */
    char path[4096];
    snprintf(path, sizeof path, "%s/%s.txt", dir, SAMPLES[i]);
    size_t n = 0;
    char *text = read_file(path, &n);
    CHECK(text != NULL, "cannot read %s", path);
    if (!text)
      continue;
    xxgk_doc *parsed;
    xxgk_parse(text, n, &parsed);
    roundtrip(parsed, SAMPLES[i], 1);
    xxgk_doc_free(parsed);
    free(text);
    /* From the expected JSON: part 六 written from its fee figures. */
    xxgk_doc *want = load_expected(dir, SAMPLES[i]);
    roundtrip(want, SAMPLES[i], 0);
    xxgk_doc_free(want);
  }
  return h_summary();
}
