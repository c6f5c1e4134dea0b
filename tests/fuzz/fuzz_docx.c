/*
 * fuzz_docx.c — fuzz target for the DOCX reader's XML walk: the input is
 * taken as word/document.xml (paragraphs, tables, gridSpan/vMerge,
 * gridBefore, nesting) and packed into a stored ZIP, so mutations reach the
 * reader rather than dying in ZIP checksums; then xxgk_read, the checker,
 * every renderer and the DOCX writer (fuzz_doc.c). Damaged archives
 * themselves reach the reader through fuzz_read.
 */
#include "fuzz_doc.h"

#include <stdlib.h>
#include <zip.h>

/* The stored ZIP holding data as word/document.xml; NULL if libzip fails.
 * The caller frees it. */
static char *pack(const uint8_t *data, size_t size, size_t *n) {
  zip_error_t ze;
  zip_error_init(&ze);
  zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, &ze);
  zip_t *za = src ? zip_open_from_source(src, ZIP_TRUNCATE, &ze) : NULL;
  zip_error_fini(&ze);
  if (!za) {
    zip_source_free(src);
    return NULL;
  }
  zip_source_keep(src);
  zip_source_t *doc = zip_source_buffer(za, data, size, 0);
  zip_int64_t i = doc ? zip_file_add(za, "word/document.xml", doc, 0) : -1;
  if (i < 0 || zip_set_file_compression(za, (zip_uint64_t)i, ZIP_CM_STORE,
                                        0) != 0 ||
      zip_close(za) != 0) {
    if (i < 0)
      zip_source_free(doc);
    zip_discard(za);
    zip_source_free(src);
    return NULL;
  }
  char *out = NULL;
  zip_stat_t st;
  if (zip_source_stat(src, &st) == 0 && (st.valid & ZIP_STAT_SIZE) &&
      zip_source_open(src) == 0) {
    out = malloc(st.size ? st.size : 1);
    zip_int64_t got = out ? zip_source_read(src, out, st.size) : -1;
    zip_source_close(src);
    if (got < 0 || (zip_uint64_t)got != st.size) {
      free(out);
      out = NULL;
    }
    *n = st.size;
  }
  zip_source_free(src);
  return out;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  size_t n = 0;
  char *zip = pack(data, size, &n);
  if (!zip)
    fuzz_fail("cannot pack %zu bytes into a ZIP", size);
  xxgk_doc *d = NULL;
  xxgk_read(zip, n, &d);
  free(zip);
  fuzz_exercise(d);
  xxgk_doc_free(d);
  return 0;
}
