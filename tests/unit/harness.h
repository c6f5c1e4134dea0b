/*
 * harness.h — a minimal test harness: CHECK macros that count and report,
 * and a summary line "N passed, N failed" that CI and ctest read.
 */
#ifndef XXGK_HARNESS_H
#define XXGK_HARNESS_H

#include <stdio.h>
#include <string.h>
#include <unistd.h>

static int h_passed, h_failed;

#define CHECK(cond, ...)                                                       \
  do {                                                                         \
    if (cond) {                                                                \
      h_passed++;                                                              \
    } else {                                                                   \
      h_failed++;                                                              \
      fprintf(stderr, "FAIL %s:%d: ", __FILE__, __LINE__);                     \
      fprintf(stderr, __VA_ARGS__);                                            \
      fputc('\n', stderr);                                                     \
    }                                                                          \
  } while (0)

#define CHECK_STR(a, b)                                                        \
  do {                                                                         \
    const char *a_ = (a), *b_ = (b);                                           \
    CHECK(a_ && b_ && strcmp(a_, b_) == 0, "%s: \"%s\" != \"%s\"", #a,        \
          a_ ? a_ : "(null)", b_ ? b_ : "(null)");                             \
  } while (0)

#define CHECK_INT(a, b)                                                        \
  do {                                                                         \
    long long a_ = (long long)(a), b_ = (long long)(b);                        \
    CHECK(a_ == b_, "%s: %lld != %lld", #a, a_, b_);                           \
  } while (0)

/* Removes a register file made in a temporary directory (mkdtemp), with
 * SQLite's WAL and shared-memory files, and the directory. */
static inline void h_remove_db(const char *dir, const char *path) {
  const char *ext[] = {"", "-wal", "-shm"};
  for (int i = 0; i < 3; i++) {
    char f[600];
    snprintf(f, sizeof f, "%s%s", path, ext[i]);
    remove(f);
  }
  rmdir(dir);
}

static inline int h_summary(void) {
  printf("%d passed, %d failed\n", h_passed, h_failed);
  return h_failed ? 1 : 0;
}

#endif
