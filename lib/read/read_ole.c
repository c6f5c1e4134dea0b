/*
 * read_ole.c — old binary Word (.doc) and WPS (.wps) files, OLE2 compound
 * documents: no library of ours reads them, so LibreOffice converts them
 * to DOCX when it is installed, and read_docx.c reads the result.
 *
 * The conversion runs `soffice --headless --convert-to docx` through
 * subproc.c (no shell, XXGK_MAX_SECONDS) in a private temporary directory
 * (mode 0700) that also holds a throw-away LibreOffice profile, so a
 * LibreOffice the user has open is neither disturbed nor used; the
 * directory is removed afterwards. Without LibreOffice, the message says
 * how to convert by hand.
 */
#define _XOPEN_SOURCE 700 /* mkdtemp, nftw */
#include "reader.h"

#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define HOW_TO                                                                 \
  "在 Word 或 WPS 中打开后“另存为”.docx（或 PDF）再读取；或安装 LibreOffice"  \
  "（Debian/Ubuntu：apt-get install libreoffice-writer-nogui），xxgk 会自动"   \
  "转换"

static int rm_entry(const char *path, const struct stat *sb, int flag,
                    struct FTW *ftw) {
  (void)sb, (void)flag, (void)ftw;
  remove(path);
  return 0;
}

/* A temporary directory name that is safe inside a file:// URL. */
static const char *tmp_base(void) {
  const char *t = getenv("TMPDIR");
  if (!t || t[0] != '/' || strlen(t) > 200)
    return "/tmp";
  for (const char *p = t; *p; p++)
    if (!(*p == '/' || *p == '_' || *p == '-' || *p == '.' ||
          (*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'z') ||
          (*p >= 'A' && *p <= 'Z')))
      return "/tmp";
  return t;
}

static int write_file(const char *path, const char *s, size_t n) {
  int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600);
  if (fd < 0)
    return -1;
  while (n > 0) {
    ssize_t k = write(fd, s, n);
    if (k <= 0) {
      close(fd);
      return -1;
    }
    s += k;
    n -= (size_t)k;
  }
  return close(fd);
}

/* Reads at most XXGK_MAX_INPUT bytes of path into b; -1 if it cannot. */
static int read_all(const char *path, buf *b) {
  FILE *f = fopen(path, "rb");
  if (!f)
    return -1;
  char tmp[65536];
  size_t k;
  while ((k = fread(tmp, 1, sizeof tmp, f)) > 0 &&
         b->len + k <= XXGK_MAX_INPUT)
    buf_put(b, tmp, k);
  fclose(f);
  return 0;
}

xxgk_status read_ole(const char *data, size_t n, xxgk_doc **out) {
  char dir[256], in[300], docx[300], profile[320], outdir[300];
  snprintf(dir, sizeof dir, "%s/xxgk-XXXXXX", tmp_base());
  if (!mkdtemp(dir))
    return read_refuse(out, XXGK_E_IO,
                       "这是旧版 Word/WPS 文件（.doc/.wps），转换需要临时目录，"
                       "但无法创建；" HOW_TO);
  snprintf(in, sizeof in, "%s/report.doc", dir);
  snprintf(docx, sizeof docx, "%s/report.docx", dir);
  snprintf(profile, sizeof profile, "-env:UserInstallation=file://%s/profile",
           dir);
  snprintf(outdir, sizeof outdir, "%s", dir);
  xxgk_status st;
  subproc r;
  memset(&r, 0, sizeof r);
  if (write_file(in, data, n) != 0) {
    st = read_refuse(out, XXGK_E_IO,
                     "这是旧版 Word/WPS 文件（.doc/.wps），转换需要写临时文件，"
                     "但无法写入；" HOW_TO);
    goto done;
  }
  const char *const argv[] = {"soffice",    "--headless", "--norestore",
                              "--nologo",   "--nolockcheck", profile,
                              "--convert-to", "docx",     "--outdir",
                              outdir,       in,           NULL};
  int rc = subproc_run(argv, NULL, 0, XXGK_MAX_SECONDS, 1 << 20, &r);
  buf b = {0};
  if (r.not_found) {
    st = read_refuse(out, XXGK_E_ENCODING,
                     "这是旧版 Word/WPS 文件（.doc/.wps），本机没有 LibreOffice"
                     "，无法直接读取；" HOW_TO);
  } else if (rc != 0) {
    st = read_refuse(out, XXGK_E_LIMIT,
                     "LibreOffice 在 %d 秒内未能转换此 .doc/.wps 文件，已中止；"
                     "请在 Word 或 WPS 中另存为 .docx 再读取",
                     XXGK_MAX_SECONDS);
  } else if (read_all(docx, &b) != 0 || b.len == 0) {
    st = read_refuse(out, XXGK_E_ENCODING,
                     "LibreOffice 未能把此文件转换为 .docx（可能不是 Word/WPS "
                     "文档、已加密或已损坏）；请在 Word 或 WPS 中打开后另存为 "
                     ".docx 再读取");
  } else {
    st = read_docx(b.data, b.len, out);
  }
  buf_free(&b);
done:
  buf_free(&r.out);
  buf_free(&r.err);
  nftw(dir, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
  return st;
}
