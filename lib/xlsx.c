/*
 * xlsx.c — the loader of libxlsxwriter (xlsx.h) and workbooks written to
 * memory through a temporary file.
 */
#include "xlsx.h"
#include "internal.h"

#include <errno.h>
#include <stdlib.h>
#include <unistd.h>

DL_DEFINE(xlsx, "写出 Excel（XLSX）文件", XXGK_SONAME_XLSX, "libxlsxwriter4",
          DL_XLSX_FUNCS)

int xlsx_to_memory(int (*fill)(void *ctx, const struct dl_xlsx *x,
                               lxw_workbook *wb, char *err, size_t cap),
                   void *ctx, char **out, size_t *n, char *err, size_t cap) {
  *out = NULL;
  *n = 0;
  const struct dl_xlsx *x = dl_xlsx(err, cap);
  if (!x)
    return -1;
  const char *dir = getenv("TMPDIR");
  char path[512];
  snprintf(path, sizeof path, "%s/xxgk-xlsx-XXXXXX",
           dir && *dir ? dir : "/tmp");
  int fd = mkstemp(path);
  if (fd < 0) {
    snprintf(err, cap, "无法建立临时文件 %s：%s", path, strerror(errno));
    return -1;
  }
  close(fd);
  int rc = -1;
  lxw_workbook *wb = x->workbook_new(path);
  if (!wb) {
    snprintf(err, cap, "无法写 %s", path);
  } else {
    rc = fill(ctx, x, wb, err, cap);
    if (x->workbook_close(wb) != LXW_NO_ERROR && rc == 0) {
      snprintf(err, cap, "写 %s 失败", path);
      rc = -1;
    }
  }
  FILE *f = rc == 0 ? fopen(path, "rb") : NULL;
  if (rc == 0 && !f) {
    snprintf(err, cap, "无法读回 %s：%s", path, strerror(errno));
    rc = -1;
  }
  if (f) {
    buf b = {0};
    char chunk[65536];
    size_t k;
    while ((k = fread(chunk, 1, sizeof chunk, f)) > 0)
      buf_put(&b, chunk, k);
    if (ferror(f)) {
      snprintf(err, cap, "读 %s 失败", path);
      rc = -1;
      buf_free(&b);
    } else {
      *out = xxgk_buf_detach(&b, n);
    }
    fclose(f);
  }
  unlink(path);
  return rc;
}
