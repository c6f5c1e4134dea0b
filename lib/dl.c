/*
 * dl.c — opening a shared library on first use (dl.h), and the two the
 * library itself loads: libxml2 and libzip (xmlzip.h).
 */
#include "xmlzip.h"

#include <dlfcn.h>
#include <stdio.h>
#include <string.h>

int dl_open(const char *what, const char *soname, const char *package,
            const char *names, void **fn, size_t n, char *why, size_t cap) {
  /* RTLD_LOCAL: its symbols stay its own, as they would not be if linked. */
  void *h = dlopen(soname, RTLD_NOW | RTLD_LOCAL);
  if (!h) {
    snprintf(why, cap,
             "%s需要 %s 库，无法载入（%s）；请安装它（Debian：sudo "
             "apt-get install %s）",
             what, soname, dlerror(), package);
    return -1;
  }
  size_t i = 0;
  for (const char *s = names; *s && i < n; s += strlen(s) + 1, i++)
    if (!(fn[i] = dlsym(h, s))) {
      snprintf(why, cap, "%s需要的 %s 版本过旧：缺少函数 %s；请更新它", what,
               soname, s);
      dlclose(h);
      return -1;
    }
  return 0;
}

DL_DEFINE(xml, "读取网页（HTML）和 Word（DOCX）文件", XXGK_SONAME_XML2,
          "libxml2", DL_XML_FUNCS)
DL_DEFINE(zip, "读写 Word（DOCX）文件", XXGK_SONAME_ZIP, "libzip4",
          DL_ZIP_FUNCS)
