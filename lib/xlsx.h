/*
 * xlsx.h — libxlsxwriter, loaded on first use (dl.h), for every workbook
 * the library writes (the corpus's statistics, the register's work
 * queue): one list of the functions called, one loader.
 */
#ifndef XXGK_XLSX_H
#define XXGK_XLSX_H

#include "dl.h"

#include <xlsxwriter.h>

#define DL_XLSX_FUNCS(X)                                                       \
  X(workbook_new)                                                              \
  X(workbook_add_format)                                                       \
  X(workbook_add_worksheet)                                                    \
  X(workbook_close)                                                            \
  X(format_set_num_format)                                                     \
  X(format_set_bold)                                                           \
  X(format_set_text_wrap)                                                      \
  X(worksheet_write_number)                                                    \
  X(worksheet_write_string)                                                    \
  X(worksheet_set_column)                                                      \
  X(worksheet_freeze_panes)                                                    \
  X(worksheet_autofilter)
DL_DECLARE(xlsx, DL_XLSX_FUNCS)

/* libxlsxwriter 1.1.4 (Debian 12) writes a workbook only to a file: a
 * private temporary file under $TMPDIR (or /tmp) for `fill` to write
 * through the workbook it is given, read back into *out (free with
 * xxgk_free), *n bytes, and removed. `fill` returns 0, or -1 after
 * writing its reason into err. Returns 0, or -1 with the reason in err. */
int xlsx_to_memory(int (*fill)(void *ctx, const struct dl_xlsx *x,
                               lxw_workbook *wb, char *err, size_t cap),
                   void *ctx, char **out, size_t *n, char *err, size_t cap);

#endif
