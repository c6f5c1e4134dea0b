/*
 * fuzz_json.c — fuzz target for canonical JSON input (xxgk_doc_from_json),
 * then the checker and every renderer on what it read (fuzz_doc.c).
 */
#include "fuzz_doc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  xxgk_doc *d = NULL;
  xxgk_doc_from_json((const char *)data, size, &d);
  fuzz_exercise(d);
  xxgk_doc_free(d);
  return 0;
}
