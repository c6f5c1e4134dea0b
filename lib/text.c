/*
 * text.c — UTF-8 decoding, the normalisation every line goes through before
 * it is split into cells, and the matching key of a label.
 *
 * Real reports print the same label as "（一）予以公开", "(一) 予以公开" and
 * "（一）予以公开" with NO-BREAK or ideographic spaces; digits come full-width
 * (２０２３) and minus signs as U+2212. Normalising once, per character, with
 * utf8proc's compatibility mapping turns all of these into one spelling, so
 * the matchers downstream compare plain bytes.
 */
#include "internal.h"

#include <string.h>
#include <utf8proc.h>

int utf8_decode(const char *s, size_t n, int32_t *cp) {
  utf8proc_int32_t c;
  utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s,
                                        (utf8proc_ssize_t)n, &c);
  if (k <= 0)
    return -1;
  *cp = c;
  return (int)k;
}

int utf8_encode(int32_t cp, char *out) {
  return (int)utf8proc_encode_char(cp, (utf8proc_uint8_t *)out);
}

size_t utf8_valid_prefix(const char *s, size_t n) {
  size_t i = 0;
  while (i < n) {
    unsigned char c = (unsigned char)s[i];
    if (c == 0)
      return i;
    if (c < 0x80) {
      i++;
      continue;
    }
    /* Three-byte sequences whose lead byte admits every continuation byte
     * (E1–EC, EE–EF: no overlong form, no surrogate) are the bulk of a
     * report, CJK above all: checked here without decoding (issue 9). */
    if (c >= 0xE1 && c <= 0xEF && c != 0xED && n - i >= 3 &&
        ((unsigned char)s[i + 1] & 0xC0) == 0x80 &&
        ((unsigned char)s[i + 2] & 0xC0) == 0x80) {
      i += 3;
      continue;
    }
    int32_t cp;
    int k = utf8_decode(s + i, n - i, &cp);
    if (k < 0)
      return i;
    i += (size_t)k;
  }
  return i;
}

/* Characters the compatibility mapping leaves alone but that mean the same
 * thing to a reader of a table: spaces, dashes, zero-width marks. Returns
 * the replacement, 0 to drop, or -1 for "no special case". */
static int32_t special(int32_t cp) {
  switch (cp) {
  case 0x00A0: case 0x1680: case 0x202F: case 0x205F: case 0x3000:
    return ' ';
  case 0x200B: case 0x200C: case 0x200D: case 0x2060: case 0xFEFF:
    return 0;
  case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014:
  case 0x2015: case 0x2212: case 0xFE58: case 0xFE63: case 0xFF0D:
  case 0x2500: case 0x2501:
    return '-';
  }
  if (cp >= 0x2000 && cp <= 0x200A)
    return ' ';
  return -1;
}

/* The output grows by at most 8 code points (32 bytes) per input
 * character; room for that is made before each character that may grow,
 * so the loop body writes without checks. */
static void reserve(buf *out, uint32_t **cols, size_t *cols_cap,
                    size_t extra) {
  buf_reserve(out, extra);
  if (out->len + extra > *cols_cap) {
    size_t cap = *cols_cap ? *cols_cap : 256;
    while (cap < out->len + extra)
      cap *= 2;
    *cols = xxgk_realloc(*cols, cap * sizeof **cols);
    *cols_cap = cap;
  }
}

static void put_bytes(buf *out, uint32_t *cols, const char *s, size_t k,
                      uint32_t col) {
  memcpy(out->data + out->len, s, k);
  for (size_t i = 0; i < k; i++)
    cols[out->len + i] = col;
  out->len += k;
}

static void put_cp(buf *out, uint32_t *cols, int32_t cp, uint32_t col) {
  char tmp[4];
  put_bytes(out, cols, tmp, (size_t)utf8_encode(cp, tmp), col);
}

void text_normalize(const char *s, size_t n, buf *out, uint32_t **cols,
                    size_t *cols_cap) {
  uint32_t col = 0;
  out->len = 0;
  reserve(out, cols, cols_cap, n + 32);
  size_t i = 0;
  while (i < n) {
    /* There is room for the rest of the input and 32 bytes more: the two
     * fast paths below write no more bytes than they read, so only the
     * slow path has to make room again (issue 9: a call per character). */
    uint32_t *cl = *cols;
    unsigned char c = (unsigned char)s[i];
    if (c < 0x80) {
      /* A run of plain ASCII is copied as it is; control characters other
       * than TAB carry no text (form feeds from pdftotext). */
      size_t j = i;
      while (j < n && j - i < 32 && (unsigned char)s[j] >= 0x20 &&
             (unsigned char)s[j] < 0x80)
        j++;
      if (j == i) {
        put_cp(out, cl, c == '\t' ? '\t' : ' ', ++col);
        i++;
        continue;
      }
      memcpy(out->data + out->len, s + i, j - i);
      for (size_t k = i; k < j; k++)
        cl[out->len++] = ++col;
      i = j;
      continue;
    }
    col++;
    /* CJK unified ideographs (E4–E9 lead bytes) are the bulk of the text
     * and never change: copied without decoding. */
    if (c >= 0xE4 && c <= 0xE9 && i + 2 < n &&
        ((unsigned char)s[i + 1] & 0xC0) == 0x80 &&
        ((unsigned char)s[i + 2] & 0xC0) == 0x80) {
      put_bytes(out, cl, s + i, 3, col);
      i += 3;
      continue;
    }
    reserve(out, cols, cols_cap, n - i + 32);
    cl = *cols;
    int32_t cp;
    int k = utf8_decode(s + i, n - i, &cp);
    if (k < 0) {
      put_cp(out, cl, 0xFFFD, col);
      i++;
      continue;
    }
    i += (size_t)k;
    int32_t sp = special(cp);
    if (sp == 0)
      continue;
    if (sp > 0) {
      put_cp(out, cl, sp, col);
      continue;
    }
    const utf8proc_property_t *prop = utf8proc_get_property(cp);
    if (prop->decomp_type == 0) { /* no compatibility mapping */
      put_bytes(out, cl, s + i - k, (size_t)k, col);
      continue;
    }
    utf8proc_int32_t dst[8];
    int boundclass = 0;
    utf8proc_ssize_t m =
        utf8proc_decompose_char(cp, dst, 8,
                                UTF8PROC_COMPAT | UTF8PROC_DECOMPOSE,
                                &boundclass);
    if (m <= 0 || m > 8) {
      put_bytes(out, cl, s + i - k, (size_t)k, col);
      continue;
    }
    for (utf8proc_ssize_t j = 0; j < m; j++) {
      int32_t sd = special(dst[j]);
      if (sd != 0)
        put_cp(out, cl, sd > 0 ? sd : dst[j], col);
    }
  }
  out->data[out->len] = 0;
}

size_t text_key(const char *s, size_t n, char *out, size_t cap) {
  size_t o = 0, i = 0;
  while (i < n && o + 4 < cap) {
    unsigned char c = (unsigned char)s[i];
    if (c < 0x80) {
      if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
          (c >= 'A' && c <= 'Z'))
        out[o++] = (char)c;
      i++;
      continue;
    }
    if (c >= 0xE4 && c <= 0xE9 && i + 2 < n &&
        ((unsigned char)s[i + 1] & 0xC0) == 0x80 &&
        ((unsigned char)s[i + 2] & 0xC0) == 0x80) { /* CJK: kept as is */
      memcpy(out + o, s + i, 3);
      o += 3;
      i += 3;
      continue;
    }
    int32_t cp;
    int k = utf8_decode(s + i, n - i, &cp);
    if (k < 0) {
      i++;
      continue;
    }
    int keep;
    if (cp >= 0x4E00 && cp <= 0x9FFF) {
      keep = 1;
    } else {
      utf8proc_category_t cat = utf8proc_category(cp);
      keep = cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO;
      keep |= cat >= UTF8PROC_CATEGORY_ND && cat <= UTF8PROC_CATEGORY_NO;
    }
    if (keep) {
      memcpy(out + o, s + i, (size_t)k);
      o += (size_t)k;
    }
    i += (size_t)k;
  }
  if (cap)
    out[o] = 0;
  return o;
}

/* Chinese numerals used as enumerators: 一 … 十. */
static int is_cn_numeral(const char *s) {
  static const char *const NUM[] = {"一", "二", "三", "四", "五",
                                    "六", "七", "八", "九", "十"};
  for (size_t i = 0; i < sizeof NUM / sizeof NUM[0]; i++)
    if (memcmp(s, NUM[i], 3) == 0)
      return 1;
  return 0;
}

const char *text_key_bare(const char *key) {
  const char *p = key, *end = key + strlen(key);
  /* 第一部分 / 第一章: the outline's other numbering. */
  if (end - p >= 3 && memcmp(p, "第", 3) == 0) {
    const char *q = p + 3;
    while (end - q >= 3 && is_cn_numeral(q))
      q += 3;
    if (q > p + 3 && end - q >= 6 && memcmp(q, "部分", 6) == 0)
      return q + 6;
    if (q > p + 3 && end - q >= 3 && memcmp(q, "章", 3) == 0)
      return q + 3;
  }
  if (*p >= '0' && *p <= '9') {
    while (*p >= '0' && *p <= '9')
      p++;
  } else {
    while (end - p >= 3 && is_cn_numeral(p))
      p += 3;
  }
  /* Keep the enumerator when nothing meaningful would remain. */
  return end - p >= 6 ? p : key;
}
