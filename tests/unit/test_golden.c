/*
 * test_golden.c — every sample report parses to its .expected.json, every
 * field of it; its narrative parts are there as printed; it checks clean;
 * and its canonical JSON reads back to the same document.
 */
#include "docutil.h"
#include "harness.h"

/* The first characters of each part, as printed in the sample. */
static void check_sections(const xxgk_doc *d, const char *text,
                           const char *name) {
  for (int s = 0; s < XXGK_N_SECTIONS; s++) {
    const char *sec = xxgk_doc_section(d, (xxgk_section)s);
    CHECK(sec && strlen(sec) > 10, "%s: section %s empty", name,
          xxgk_section_key((xxgk_section)s));
    if (!sec)
      continue;
    char head[64];
    snprintf(head, sizeof head, "%.30s", sec);
    char *nl = strchr(head, '\n');
    if (nl)
      *nl = 0;
    /* Cut at a character boundary. */
    size_t n = strlen(head);
    while (n > 0 && ((unsigned char)head[n - 1] & 0xC0) == 0x80)
      n--;
    if (n > 0 && ((unsigned char)head[n - 1] & 0xC0) == 0xC0)
      n--;
    head[n] = 0;
    CHECK(strstr(text, head) != NULL, "%s: section %s starts \"%s\"", name,
          xxgk_section_key((xxgk_section)s), head);
    /* A section never runs into the next part's heading. */
    CHECK(!strstr(sec, "二、主动公开政府信息情况") &&
              !strstr(sec, "六、其他需要报告的事项"),
          "%s: section %s runs over", name, xxgk_section_key((xxgk_section)s));
  }
}

int main(int argc, char **argv) {
  const char *dir = argc > 1 ? argv[1] : "tests/data";
  for (size_t i = 0; i < N_SAMPLES; i++) {
    char path[4096];
    snprintf(path, sizeof path, "%s/%s.txt", dir, SAMPLES[i]);
    size_t n;
    char *text = read_file(path, &n);
    CHECK(text != NULL, "cannot read %s", path);
    if (!text)
      continue;
    xxgk_doc *want = load_expected(dir, SAMPLES[i]);
    CHECK(want != NULL, "no expected JSON for %s", SAMPLES[i]);
    xxgk_doc *got;
    xxgk_status st = xxgk_parse(text, n, &got);
    CHECK_INT(st, XXGK_OK);
    CHECK_INT(xxgk_doc_count(got, XXGK_SEV_WARNING), 0);
    CHECK_INT(doc_diff(want, got, SAMPLES[i]), 0);
    check_sections(got, text, SAMPLES[i]);
    CHECK_INT(xxgk_check(got), 0);
    CHECK_INT(xxgk_doc_count(got, XXGK_SEV_WARNING), 0);

    /* Canonical JSON round trip, sections included. */
    char *json = xxgk_render(got, XXGK_OUT_JSON);
    xxgk_doc *back;
    CHECK_INT(xxgk_doc_from_json(json, strlen(json), &back), XXGK_OK);
    CHECK_INT(doc_diff(got, back, SAMPLES[i]), 0);
    for (int s = 0; s < XXGK_N_SECTIONS; s++)
      CHECK(same_str(xxgk_doc_section(got, (xxgk_section)s),
                     xxgk_doc_section(back, (xxgk_section)s)),
            "%s: section %d lost in JSON", SAMPLES[i], s);
    char *json2 = xxgk_render(back, XXGK_OUT_JSON);
    CHECK_STR(json2, json);
    xxgk_free(json);
    xxgk_free(json2);
    xxgk_doc_free(back);
    xxgk_doc_free(got);
    xxgk_doc_free(want);
    free(text);
  }
  return h_summary();
}
