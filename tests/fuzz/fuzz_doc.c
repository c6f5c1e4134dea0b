/*
 * fuzz_doc.c — the checks every fuzz target runs on a parsed document
 * (see fuzz_doc.h). Kept apart from the targets so that a new reader's
 * target is a dozen lines: read the bytes, call fuzz_exercise.
 */
#include "fuzz_doc.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Renderers are enumerated by value: xxgk_render returns "" for a value it
 * does not know, so a renderer added to xxgk_output is exercised without a
 * change here. */
#define FUZZ_MAX_OUTPUT 32

void fuzz_fail(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  fputs("fuzz: ", stderr);
  vfprintf(stderr, fmt, ap);
  fputc('\n', stderr);
  va_end(ap);
  abort();
}

char *fuzz_fingerprint(const xxgk_doc *d) {
  char *json = xxgk_render(d, XXGK_OUT_JSON);
  char *diags = xxgk_render(d, XXGK_OUT_FINDINGS_JSON);
  size_t a = strlen(json), b = strlen(diags);
  char *out = malloc(a + b + 1);
  if (!out)
    fuzz_fail("out of memory");
  memcpy(out, json, a);
  memcpy(out + a, diags, b + 1);
  xxgk_free(json);
  xxgk_free(diags);
  return out;
}

/* The canonical JSON must read back to a document that prints the same. */
static void check_json_roundtrip(const xxgk_doc *d, const char *json) {
  if (xxgk_doc_format(d) == XXGK_FORMAT_NONE)
    return; /* nothing found: the JSON of no format is not canonical */
  xxgk_doc *back = NULL;
  xxgk_status st = xxgk_doc_from_json(json, strlen(json), &back);
  if (!back)
    fuzz_fail("xxgk_doc_from_json set no document");
  char *again = xxgk_render(back, XXGK_OUT_JSON);
  if (st == XXGK_E_NOT_REPORT || strcmp(json, again) != 0) {
    fprintf(stderr, "--- rendered\n%s\n--- read back (%s)\n%s\n", json,
            xxgk_strerror(st), again);
    fuzz_fail("canonical JSON does not round-trip");
  }
  xxgk_free(again);
  xxgk_doc_free(back);
}

static void check_diags(const xxgk_doc *d) {
  size_t n = xxgk_doc_n_diags(d);
  if (n > XXGK_MAX_DIAGS)
    fuzz_fail("%zu diagnostics, more than XXGK_MAX_DIAGS", n);
  for (size_t i = 0; i < n; i++) {
    const xxgk_diag *g = xxgk_doc_diag(d, i);
    if (!g || !g->rule || !g->message)
      fuzz_fail("diagnostic %zu incomplete", i);
    if (g->n_cells < 0 || g->n_cells > XXGK_DIAG_MAX_CELLS)
      fuzz_fail("diagnostic %zu names %d cells", i, g->n_cells);
    for (int c = 0; c < g->n_cells; c++)
      if (g->cells[c].row < 0 || g->cells[c].row >= xxgk_dict_n_rows())
        fuzz_fail("diagnostic %zu names row %d", i, g->cells[c].row);
  }
}

void fuzz_exercise(xxgk_doc *d) {
  if (!d)
    fuzz_fail("the reader set no document");
  xxgk_check(d);
  check_diags(d);
  for (int o = 0; o < FUZZ_MAX_OUTPUT; o++) {
    char *s = xxgk_render(d, (xxgk_output)o);
    if (!s)
      fuzz_fail("xxgk_render(%d) returned NULL", o);
    size_t n = strlen(s); /* ASan: the string is terminated in bounds */
    if (o == XXGK_OUT_JSON)
      check_json_roundtrip(d, s);
    (void)n;
    xxgk_free(s);
  }
  char *header = xxgk_render(NULL, XXGK_OUT_CSV_HEADER);
  xxgk_free(header);
  char *docx = NULL;
  size_t n = 0;
  xxgk_status st = xxgk_render_docx(d, &docx, &n);
  if (st == XXGK_OK && (!docx || n == 0))
    fuzz_fail("xxgk_render_docx: XXGK_OK without bytes");
  if (st != XXGK_OK && docx)
    fuzz_fail("xxgk_render_docx: bytes with status %s", xxgk_strerror(st));
  xxgk_free(docx);
}

void fuzz_exercise_read(xxgk_doc *d) {
  for (size_t i = 0; d && i < xxgk_doc_n_diags(d); i++) {
    const xxgk_diag *g = xxgk_doc_diag(d, i);
    char where[128];
    xxgk_doc_where(d, g->line, g->col, where, sizeof where);
  }
  fuzz_exercise(d);
  xxgk_doc_free(d);
}
