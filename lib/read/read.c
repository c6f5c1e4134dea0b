/*
 * read.c — one entry point for a report in any rendition: the bytes say
 * what they are (never the file name), and each kind goes to its reader.
 *
 *   %PDF-            PDF (the header may follow up to 1 KiB of junk)
 *   PK\3\4           a ZIP archive: DOCX if it holds word/document.xml
 *   D0 CF 11 E0 ...  OLE2: old Word .doc, WPS .wps (or Excel, PowerPoint)
 *   {\rtf            RTF: refused with how to convert
 *   \x89PNG, FF D8 FF, II*\0, MM\0*   an image (PNG, JPEG, TIFF): a scan
 *   '{'              canonical JSON, as `xxgk parse` writes it
 *   '<' + a tag      HTML (<!DOCTYPE html>, <html>, <table>, <meta>, ...)
 *   anything else    text, to the text parser (which refuses binary data)
 *
 * A UTF-8 or UTF-16 BOM and leading white space are skipped before the
 * first character is looked at; for UTF-16 the ASCII bytes are compared.
 */
#include "reader.h"

#include <ctype.h>
#include <string.h>

#define SNIFF 4096 /* bytes looked at for markup */

static int starts(const char *s, size_t n, const char *magic, size_t m) {
  return n >= m && memcmp(s, magic, m) == 0;
}

/* The first bytes as lower-case ASCII: for UTF-16 (BOM) every other byte,
 * so "<html" is found in either encoding. With `more` > 0 it stops `more`
 * characters after the first one that is not white space: what tells text
 * from JSON and RTF. Returns the length. */
static size_t ascii_view(const char *s, size_t n, char *out, size_t cap,
                         size_t more) {
  size_t i = 0, step = 1, k = 0, first = 0;
  int seen = 0;
  const unsigned char *u = (const unsigned char *)s;
  if (n >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF) {
    i = 3;
  } else if (n >= 2 && u[0] == 0xFF && u[1] == 0xFE) {
    i = 2, step = 2; /* UTF-16LE: ASCII in the even bytes */
  } else if (n >= 2 && u[0] == 0xFE && u[1] == 0xFF) {
    i = 3, step = 2; /* UTF-16BE: ASCII in the odd bytes  */
  }
  for (; i < n && k + 1 < cap; i += step) {
    out[k] = (char)tolower(u[i]);
    if (more && !seen && !isspace((unsigned char)out[k]))
      seen = 1, first = k;
    k++;
    if (seen && k >= first + more)
      break;
  }
  out[k] = 0;
  return k;
}

static int has_tag(const char *s, const char *tag) {
  size_t n = strlen(tag);
  for (const char *p = strstr(s, tag); p; p = strstr(p + 1, tag)) {
    char c = p[n];
    if (c == '>' || c == ' ' || c == '\t' || c == '\n' || c == '\r' ||
        c == '/')
      return 1;
  }
  return 0;
}

xxgk_input xxgk_detect(const char *buf, size_t n) {
  size_t head = n < 1024 ? n : 1024;
  if (starts(buf, n, "PK\x03\x04", 4))
    return XXGK_IN_DOCX;
  if (starts(buf, n, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8))
    return XXGK_IN_OLE;
  if (starts(buf, n, "\x89PNG\r\n\x1A\n", 8) || starts(buf, n, "\xFF\xD8\xFF", 3) ||
      starts(buf, n, "II*\0", 4) || starts(buf, n, "MM\0*", 4))
    return XXGK_IN_IMAGE;
  for (const char *pc = head >= 5 ? memchr(buf, '%', head - 4) : NULL; pc;
       pc = memchr(pc + 1, '%', (size_t)(buf + head - 4 - (pc + 1))))
    if (memcmp(pc, "%PDF-", 5) == 0)
      return XXGK_IN_PDF;
  /* Lower-casing the whole sniffed head is needed for markup only: a text
   * report is told by its first character, and the lower-casing would
   * cost every report. */
  char view[SNIFF + 1];
  size_t m = n < SNIFF ? n : SNIFF;
  size_t k = ascii_view(buf, m, view, sizeof view, 5);
  size_t i = 0;
  while (i < k && isspace((unsigned char)view[i]))
    i++;
  if (starts(view + i, k - i, "{\\rtf", 5))
    return XXGK_IN_RTF;
  if (i < k && view[i] == '{')
    return XXGK_IN_JSON;
  if (i < k && view[i] == '<') {
    ascii_view(buf, m, view, sizeof view, 0); /* all of it, for the tags */
    static const char *const TAGS[] = {"<!doctype html", "<html", "<head",
                                       "<body", "<table", "<meta", "<div",
                                       "<p", "<title", "<tr", "<span"};
    for (size_t t = 0; t < sizeof TAGS / sizeof *TAGS; t++)
      if (has_tag(view + i, TAGS[t]))
        return XXGK_IN_HTML;
  }
  return XXGK_IN_TEXT;
}

const char *xxgk_input_name(xxgk_input in) {
  switch (in) {
  case XXGK_IN_TEXT: return "text";
  case XXGK_IN_JSON: return "json";
  case XXGK_IN_HTML: return "html";
  case XXGK_IN_DOCX: return "docx";
  case XXGK_IN_PDF: return "pdf";
  case XXGK_IN_OLE: return "doc";
  case XXGK_IN_RTF: return "rtf";
  case XXGK_IN_IMAGE: return "image";
  }
  return "unknown";
}

xxgk_status xxgk_read(const char *buf, size_t n, xxgk_doc **out) {
  if (n > XXGK_MAX_INPUT)
    return read_refuse(out, XXGK_E_LIMIT, "输入超过 %d MiB 的上限，未读取",
                       XXGK_MAX_INPUT >> 20);
  switch (xxgk_detect(buf, n)) {
  case XXGK_IN_JSON: return xxgk_doc_from_json(buf, n, out);
  case XXGK_IN_HTML: return read_html(buf, n, out);
  case XXGK_IN_DOCX: return read_docx(buf, n, out);
  case XXGK_IN_PDF: return read_pdf(buf, n, out);
  case XXGK_IN_OLE: return read_ole(buf, n, out);
  case XXGK_IN_IMAGE: return read_image(buf, n, out);
  case XXGK_IN_RTF:
    return read_refuse(out, XXGK_E_ENCODING,
                       "这是 RTF 文件，不能直接读取；请用 Word 或 WPS 打开后“另"
                       "存为”.docx 再读取");
  case XXGK_IN_TEXT: break;
  }
  return xxgk_parse(buf, n, out);
}
