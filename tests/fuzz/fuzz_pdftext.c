/*
 * fuzz_pdftext.c — fuzz target for what the PDF reader does with the text
 * `pdftotext -layout` writes (read_pdf_text): pages at form feeds, the
 * columns of each page's tables learnt and short rows completed
 * (pdf_cols.c), the lines fed to the parser with their pages. fuzz_read
 * skips PDFs (their converter runs as a process); this covers the rest.
 * Then the checker and every renderer (fuzz_doc.c); xxgk_doc_where is
 * asked about every line a diagnostic names.
 */
#include "fuzz_doc.h"
#include "reader.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  xxgk_doc *d = NULL;
  read_pdf_text((const char *)data, size, &d);
  for (size_t i = 0; d && i < xxgk_doc_n_diags(d); i++) {
    const xxgk_diag *g = xxgk_doc_diag(d, i);
    char where[128];
    xxgk_doc_where(d, g->line, g->col, where, sizeof where);
  }
  fuzz_exercise(d);
  xxgk_doc_free(d);
  return 0;
}
