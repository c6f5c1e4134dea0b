/*
 * fuzz_read.c — fuzz target for xxgk_read, the reader of published
 * renditions: content sniffing (xxgk_detect), then HTML (libxml2, table
 * grids with rowspan/colspan, charsets), DOCX archives, RTF refusal, JSON
 * or text; then the checker, every renderer and the DOCX writer
 * (fuzz_doc.c). Inputs sniffed as PDF or OLE (.doc) are skipped: their
 * readers run a converter process (pdftotext, LibreOffice) whose output
 * fuzz_pdftext and fuzz_docx cover. xxgk_doc_where is asked about every line a
 * diagnostic names.
 */
#include "fuzz_doc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const char *buf = (const char *)data;
  xxgk_input in = xxgk_detect(buf, size);
  if (in == XXGK_IN_PDF || in == XXGK_IN_OLE)
    return 0;
  xxgk_doc *d = NULL;
  xxgk_read(buf, size, &d);
  fuzz_exercise_read(d);
  return 0;
}
