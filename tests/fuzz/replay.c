/*
 * replay.c — runs a fuzz target's LLVMFuzzerTestOneInput on files, without
 * libFuzzer: every input under tests/fuzz/regress/TARGET (each a crash the
 * fuzzer once found) and the seed inputs, in every build, so the normal,
 * ASan+UBSan and valgrind runs of ctest replay them all. A crash, a
 * sanitizer report or a broken invariant (fuzz_doc.c aborts) fails the
 * test; otherwise it prints "N passed, 0 failed".
 *
 * Usage: TARGET_replay FILE-OR-DIRECTORY...  (directories: every file in
 * them, in name order; names starting with '.' and README* are skipped).
 */
#include "fuzz_doc.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static int replayed;

/* Reads the whole file; the caller frees it. NULL (with a message) if it
 * cannot be read. */
static uint8_t *slurp(const char *path, size_t *n) {
  FILE *f = fopen(path, "rb");
  if (!f) {
    perror(path);
    return NULL;
  }
  size_t cap = 1 << 16, len = 0;
  uint8_t *data = malloc(cap);
  size_t got;
  while (data && (got = fread(data + len, 1, cap - len, f)) > 0) {
    len += got;
    if (len == cap) {
      uint8_t *more = realloc(data, cap *= 2);
      if (!more)
        free(data);
      data = more;
    }
  }
  int bad = ferror(f);
  fclose(f);
  if (!data || bad) {
    fprintf(stderr, "%s: cannot read\n", path);
    free(data);
    return NULL;
  }
  *n = len;
  return data;
}

static int replay_file(const char *path) {
  size_t n = 0;
  uint8_t *data = slurp(path, &n);
  if (!data)
    return -1;
  /* An exact-size copy, so ASan sees a read one past the input. */
  uint8_t *exact = malloc(n ? n : 1);
  if (!exact) {
    free(data);
    return -1;
  }
  memcpy(exact, data, n);
  free(data);
  LLVMFuzzerTestOneInput(exact, n);
  free(exact);
  replayed++;
  return 0;
}

static int by_name(const struct dirent **a, const struct dirent **b) {
  return strcmp((*a)->d_name, (*b)->d_name);
}

static int skip(const struct dirent *e) {
  return e->d_name[0] != '.' && strncmp(e->d_name, "README", 6) != 0;
}

static int replay_path(const char *path) {
  struct stat sb;
  if (stat(path, &sb) != 0) {
    perror(path);
    return -1;
  }
  if (!S_ISDIR(sb.st_mode))
    return replay_file(path);
  struct dirent **names;
  int n = scandir(path, &names, skip, by_name);
  if (n < 0) {
    perror(path);
    return -1;
  }
  int rc = 0;
  for (int i = 0; i < n; i++) {
    char sub[4096];
    snprintf(sub, sizeof sub, "%s/%s", path, names[i]->d_name);
    if (replay_path(sub) != 0)
      rc = -1;
    free(names[i]);
  }
  free(names);
  return rc;
}

int main(int argc, char **argv) {
  int failed = 0;
  for (int i = 1; i < argc; i++)
    if (replay_path(argv[i]) != 0)
      failed++;
  if (replayed == 0) {
    fprintf(stderr, "replay: no input found\n");
    failed++;
  }
  printf("%d passed, %d failed\n", replayed, failed);
  return failed ? 1 : 0;
}
