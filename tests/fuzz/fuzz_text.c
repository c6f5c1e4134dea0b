/*
 * fuzz_text.c — fuzz target for the text parser (xxgk_parser_new/feed/
 * finish). The first input byte chooses the feed chunk size (1..255, or 0
 * for one chunk), so chunk boundaries fall inside lines, UTF-8 and UTF-16
 * sequences, BOMs and CRLFs; the rest is the report. The streamed result
 * must equal the one-shot xxgk_parse of the same bytes, cells and
 * diagnostics alike. Then the checker and every renderer (fuzz_doc.c).
 */
#include "fuzz_doc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size < 1)
    return 0;
  size_t chunk = data[0] ? data[0] : size;
  const char *text = (const char *)data + 1;
  size_t n = size - 1;

  xxgk_parser *p = xxgk_parser_new();
  for (size_t off = 0; off < n; off += chunk)
    xxgk_parser_feed(p, text + off, n - off < chunk ? n - off : chunk);
  xxgk_doc *streamed = NULL;
  xxgk_status st1 = xxgk_parser_finish(p, &streamed);

  xxgk_doc *whole = NULL;
  xxgk_status st2 = xxgk_parse(text, n, &whole);
  char *a = fuzz_fingerprint(streamed), *b = fuzz_fingerprint(whole);
  if (st1 != st2 || strcmp(a, b) != 0) {
    fprintf(stderr, "--- fed in chunks of %zu (%s)\n%s\n--- whole (%s)\n%s\n",
            chunk, xxgk_strerror(st1), a, xxgk_strerror(st2), b);
    fuzz_fail("streamed and one-shot parses differ");
  }
  free(a);
  free(b);
  xxgk_doc_free(whole);

  fuzz_exercise(streamed);
  xxgk_doc_free(streamed);
  return 0;
}
