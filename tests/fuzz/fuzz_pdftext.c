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
  fuzz_exercise_read(d);
  return 0;
}
