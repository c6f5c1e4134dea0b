/*
 * seeds.h — what the seed writers of the fuzz targets share (seeds.c,
 * seeds_http.c).
 */
#ifndef XXGK_FUZZ_SEEDS_H
#define XXGK_FUZZ_SEEDS_H

#include <stddef.h>

/* Seeds that could not be made or written; non-zero fails fuzz_seeds. */
extern int failures;

/* Writes prefix then data as OUT/TARGET/NAME. */
void put(const char *dir, const char *target, const char *name,
         const void *prefix, size_t np, const void *data, size_t n);

/* OUT/TARGET.dict: the words, one dictionary entry each. */
void word_dict(const char *out, const char *target,
               const char *const *words, size_t n);

/* OUT/fuzz_http/ and OUT/fuzz_http.dict; DATA is tests/data (a report
 * for the checker's upload). */
void http_seeds(const char *data, const char *out);

#endif
