/*
 * fuzz_pdftext.c — fuzz target for what the PDF reader does with the text
 * `pdftotext -layout` writes (read_pdf_text): pages at form feeds, the
 * columns of each page's tables learnt and short rows completed
 * (pdf_cols.c), the lines fed to the parser with their pages. fuzz_read
 * skips PDFs (their converter runs as a process); this covers the rest.
 * An input with a NUL byte is the XHTML `pdftotext -bbox-layout` writes
 * (where the words stand, pdf_boxes.c) before it and the page text after:
 * read_pdf_text_boxed, the reading of a PDF's rows by the words' positions.
 * Then the checker and every renderer (fuzz_doc.c); xxgk_doc_where is
 * asked about every line a diagnostic names.
 */
#include "fuzz_doc.h"
#include "reader.h"

#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  xxgk_doc *d = NULL;
  const char *s = (const char *)data, *nul = memchr(s, 0, size);
  xxgk_status st;
  if (!nul || read_pdf_text_boxed(nul + 1, size - (size_t)(nul + 1 - s), s,
                                  (size_t)(nul - s), &d, &st) != 0)
    read_pdf_text(s, size, &d);
  fuzz_exercise_read(d);
  return 0;
}
