/*
 * sheet.c — a table of text cells as CSV or as an Excel workbook
 * (sheet.h).
 */
#include "sheet.h"
#include "xlsx.h"

#include <stdlib.h>

void sheet_add(struct sheet *s, const char *const *v) {
  if (s->n == s->cap) {
    s->cap = s->cap ? s->cap * 2 : 32;
    s->cells = xxgk_realloc(s->cells, s->cap * (size_t)s->n_cols *
                                          sizeof *s->cells);
  }
  for (int c = 0; c < s->n_cols; c++)
    s->cells[s->n * (size_t)s->n_cols + (size_t)c] =
        xxgk_strdup(v[c] ? v[c] : "");
  s->n++;
}

void sheet_free(struct sheet *s) {
  for (size_t i = 0; i < s->n * (size_t)s->n_cols; i++)
    free(s->cells[i]);
  free(s->cells);
  s->cells = NULL;
  s->n = s->cap = 0;
}

static void csv_line(buf *b, const char *const *v, int n_cols) {
  for (int c = 0; c < n_cols; c++) {
    if (c)
      buf_putc(b, ',');
    xxgk_esc_csv(b, v[c]);
  }
  buf_puts(b, "\r\n");
}

static int fill(void *ctx, const struct dl_xlsx *x, lxw_workbook *wb,
                char *err, size_t cap) {
  (void)err, (void)cap;
  const struct sheet *s = ctx;
  lxw_format *head = x->workbook_add_format(wb);
  x->format_set_bold(head);
  lxw_worksheet *ws = x->workbook_add_worksheet(wb, s->name);
  x->worksheet_set_column(ws, 0, (lxw_col_t)(s->n_cols - 1), 14, NULL);
  for (int c = 0; c < s->n_cols; c++) {
    x->worksheet_write_string(ws, 0, (lxw_col_t)c, s->heads[c], head);
    if (s->wide >> c & 1)
      x->worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, 40, NULL);
  }
  for (size_t i = 0; i < s->n; i++)
    for (int c = 0; c < s->n_cols; c++) {
      const char *v = s->cells[i * (size_t)s->n_cols + (size_t)c];
      lxw_row_t row = (lxw_row_t)(i + 1);
      if ((s->numbers >> c & 1) && *v)
        x->worksheet_write_number(ws, row, (lxw_col_t)c, atof(v), NULL);
      else if (*v)
        x->worksheet_write_string(ws, row, (lxw_col_t)c, v, NULL);
    }
  x->worksheet_freeze_panes(ws, 1, 0);
  x->worksheet_autofilter(ws, 0, 0, (lxw_row_t)s->n,
                          (lxw_col_t)(s->n_cols - 1));
  return 0;
}

int sheet_export(const struct sheet *s, int xlsx, char **out, size_t *n,
                 char *err, size_t cap) {
  if (xlsx)
    return xlsx_to_memory(fill, (void *)s, out, n, err, cap);
  buf b = {0};
  buf_puts(&b, "\xEF\xBB\xBF");
  csv_line(&b, s->heads, s->n_cols);
  for (size_t i = 0; i < s->n; i++)
    csv_line(&b, (const char *const *)(s->cells + i * (size_t)s->n_cols),
             s->n_cols);
  *out = xxgk_buf_detach(&b, n);
  return 0;
}
