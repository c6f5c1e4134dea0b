/*
 * fuzz_doc.h — what every fuzz target does with the document its reader
 * made: the checker, every renderer, and the invariants that must hold for
 * any input (fuzz_doc.c). A broken invariant aborts, so the fuzzer reports
 * it like a crash and the replay test fails on it.
 */
#ifndef XXGK_FUZZ_DOC_H
#define XXGK_FUZZ_DOC_H

#include "xxgk.h"

#include <stddef.h>
#include <stdint.h>

/* The libFuzzer entry point each target defines; replay.c calls it too. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Runs xxgk_check, every renderer (xxgk_render for every xxgk_output, and
 * xxgk_render_docx) on d (which it does not free), and checks: each output
 * is a NUL-terminated string, the canonical JSON reads
 * back (xxgk_doc_from_json) into a document whose JSON is the same, and the
 * diagnostics are bounded and well-formed. Aborts with a message on a
 * broken invariant. */
void fuzz_exercise(xxgk_doc *d);

/* Asks xxgk_doc_where about every line a diagnostic of d names (a
 * reader's provenance map), then fuzz_exercise(d), then frees d. */
void fuzz_exercise_read(xxgk_doc *d);

/* The canonical JSON of d with its diagnostics (for comparing two parses
 * of one input); the caller frees it with xxgk_free. */
char *fuzz_fingerprint(const xxgk_doc *d);

/* Prints "fuzz: " and the message to stderr, then aborts. */
void fuzz_fail(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));

#endif
