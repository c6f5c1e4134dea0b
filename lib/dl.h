/*
 * dl.h — shared libraries loaded on first use.
 *
 * Why: a process pays at start for every shared library it links, whether
 * it calls it or not, and most of the ones xxgk needs are large and bound
 * at load (libxml2 brings ICU and libstdc++, libzip brings OpenSSL's
 * libcrypto, libmicrohttpd brings GnuTLS and its eight libraries): 16 ms of
 * a 17 ms `xxgk check` of one text file went to the dynamic loader. Text
 * reports need none of them. So the HTML and DOCX readers, the DOCX writer
 * and the web server load theirs with dlopen when first called, and the
 * rest of the program never maps them.
 *
 * How: a library's functions are listed once, as an X-macro of their
 * names; DL_DECLARE makes a table of pointers with the exact types of the
 * library's own header (so calls are type-checked as before) and DL_DEFINE
 * the loader that fills it once per process (thread-safe). A call site
 * writes `const struct dl_xml *x = dl_xml(why, sizeof why);` and then
 * `x->xmlReadMemory(...)`. The library is found by its SONAME, which CMake
 * reads from the library the build compiled against (so the ABI is the
 * headers'); a missing or older library is an error with a message to act
 * on, never a crash.
 */
#ifndef XXGK_DL_H
#define XXGK_DL_H

#include <pthread.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#define DL_FIELD(f) __typeof__(f) *f;
#define DL_NAME(f) #f "\0"
#define DL_COUNT(f) +1

/* Opens soname and fills fn[0..n) with the symbols of names (each ends
 * with a NUL; the list with an empty one). Returns 0, or -1 with a message
 * in why naming what (the feature that needs it), the library and the
 * package that provides it (Debian's name). */
int dl_open(const char *what, const char *soname, const char *package,
            const char *names, void **fn, size_t n, char *why, size_t cap);

/* struct dl_NAME, the table, and its getter:
 *   const struct dl_NAME *dl_NAME(char *why, size_t cap);
 * which returns the loaded table, or NULL with the reason in why. */
#define DL_DECLARE(name, LIST)                                                 \
  struct dl_##name {                                                           \
    LIST(DL_FIELD)                                                             \
  };                                                                           \
  const struct dl_##name *dl_##name(char *why, size_t cap);

/* The getter's definition: loads soname once per process; a failure is
 * remembered (and its message repeated) rather than retried. */
#define DL_DEFINE(name, what, soname, package, LIST)                           \
  static struct dl_##name dl_##name##_fns;                                     \
  static char dl_##name##_why[256];                                            \
  static int dl_##name##_ok;                                                   \
  static pthread_once_t dl_##name##_once = PTHREAD_ONCE_INIT;                  \
  static void dl_##name##_load(void) {                                         \
    void *fn[0 LIST(DL_COUNT)];                                                \
    _Static_assert(sizeof dl_##name##_fns == sizeof fn, "pointers alike");     \
    if (dl_open(what, soname, package, LIST(DL_NAME), fn,                      \
                sizeof fn / sizeof *fn, dl_##name##_why,                       \
                sizeof dl_##name##_why) != 0)                                  \
      return;                                                                  \
    /* POSIX: a dlsym result converts to a function pointer. */                \
    memcpy(&dl_##name##_fns, fn, sizeof fn);                                   \
    dl_##name##_ok = 1;                                                        \
  }                                                                            \
  const struct dl_##name *dl_##name(char *why, size_t cap) {                   \
    pthread_once(&dl_##name##_once, dl_##name##_load);                         \
    if (dl_##name##_ok)                                                        \
      return &dl_##name##_fns;                                                 \
    if (cap)                                                                   \
      snprintf(why, cap, "%s", dl_##name##_why);                               \
    return NULL;                                                               \
  }

#endif
