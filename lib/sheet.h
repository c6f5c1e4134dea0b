/*
 * sheet.h — a table of text cells the library exports for an office to
 * send on (the register's work queue, the round's board and ranking): as
 * CSV or as a one-sheet Excel workbook, from one list of rows, so the two
 * files always say the same.
 */
#ifndef XXGK_SHEET_H
#define XXGK_SHEET_H

#include "internal.h"

struct sheet {
  const char *name;         /* the worksheet's name                   */
  const char *const *heads; /* n_cols column heads                    */
  int n_cols;
  unsigned numbers;         /* bit c: column c holds numbers, written
                               as numbers in a workbook               */
  unsigned wide;            /* bit c: column c holds long text        */
  char **cells;             /* n_cols a row, owned                    */
  size_t n, cap;
};

/* Appends a row of n_cols cells (NULL: empty), copied. */
void sheet_add(struct sheet *s, const char *const *v);
void sheet_free(struct sheet *s);
/* The heads and rows as CSV (RFC 4180, CRLF, UTF-8 with a byte-order
 * mark: Excel and WPS read Chinese text right only with it) or, xlsx
 * non-zero, as a workbook (libxlsxwriter, loaded on first use): heads in
 * bold, frozen, with a filter. *out (free with xxgk_free) holds *n bytes.
 * Returns 0, or -1 with the reason in err. */
int sheet_export(const struct sheet *s, int xlsx, char **out, size_t *n,
                 char *err, size_t cap);

#endif
