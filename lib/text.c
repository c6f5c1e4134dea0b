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

#include <pthread.h>
#include <stdlib.h>
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

int utf8_encode_any(int32_t cp, char *out) {
  return (int)utf8proc_encode_char(cp, (utf8proc_uint8_t *)out);
}

/* 1 if the eight bytes at s are ASCII and none is NUL (exact for each
 * byte: no carry crosses one). */
static int ascii8(const unsigned char *s) {
  uint64_t w;
  memcpy(&w, s, 8);
  const uint64_t lo = 0x7F7F7F7F7F7F7F7Full, hi = ~lo;
  return !(w & hi) && (((w & lo) + lo) & hi) == hi;
}

static const unsigned char FREE3[256] = {
    [0xE1] = 1, [0xE2] = 1, [0xE3] = 1, [0xE4] = 1, [0xE5] = 1, [0xE6] = 1,
    [0xE7] = 1, [0xE8] = 1, [0xE9] = 1, [0xEA] = 1, [0xEB] = 1, [0xEC] = 1,
    [0xEE] = 1, [0xEF] = 1};

size_t utf8_valid_prefix(const char *s, size_t n) {
  const unsigned char *u = (const unsigned char *)s;
  size_t i = 0;
  while (i < n) {
    /* Three-byte sequences whose lead byte admits every continuation byte
     * (E1–EC, EE–EF: no overlong form, no surrogate) are the bulk of a
     * report, CJK above all: checked here without decoding. */
    for (uint16_t t; i + 3 <= n && FREE3[u[i]] &&
                     (memcpy(&t, u + i + 1, 2), (t & 0xC0C0) == 0x8080);)
      i += 3;
    if (i == n)
      break;
    unsigned c = u[i];
    if (c - 1u < 0x7Fu) { /* ASCII but NUL: then eight at a time */
      i++;
      while (n - i >= 8 && ascii8(u + i))
        i += 8;
      continue;
    }
    if (c == 0)
      return i;
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

/* Flags of the ASCII bytes a lexer looks for: digits, cell and word
 * separators. */
static const unsigned char ASCII_FLAGS[128] = {
    ['0'] = NORM_DIGIT, ['1'] = NORM_DIGIT, ['2'] = NORM_DIGIT,
    ['3'] = NORM_DIGIT, ['4'] = NORM_DIGIT, ['5'] = NORM_DIGIT,
    ['6'] = NORM_DIGIT, ['7'] = NORM_DIGIT, ['8'] = NORM_DIGIT,
    ['9'] = NORM_DIGIT, [' '] = NORM_SEP,   ['\t'] = NORM_SEP,
    ['|'] = NORM_SEP};

static int is_cont(unsigned char c) { return (c & 0xC0) == 0x80; }

/* The end of the run of CJK unified ideographs (E4–E9 lead bytes, never
 * changed by normalisation, kept by keys) that starts at p, at most at end:
 * copied without decoding. */
static const unsigned char *cjk_run(const unsigned char *p,
                                    const unsigned char *end) {
  for (uint16_t t; end - p >= 3 && *p - 0xE4u < 6u &&
                   (memcpy(&t, p + 1, 2), (t & 0xC0C0) == 0x8080);)
    p += 3;
  return p;
}

static unsigned out_flags(const char *s, size_t n) {
  unsigned f = 0;
  for (size_t i = 0; i < n; i++)
    if ((unsigned char)s[i] < 0x80)
      f |= ASCII_FLAGS[(unsigned char)s[i]];
  return f;
}

/* The normalised form of the one character at s[0..n) (n > 0): written to
 * dst (room for 32 bytes: at most 8 code points); returns its length (0:
 * dropped), sets *used to the input bytes read and *one when the output is
 * exactly one character. Invalid UTF-8 is one byte read as U+FFFD. */
static size_t norm_char(const char *s, size_t n, char *dst, size_t *used,
                        int *one) {
  unsigned char c = (unsigned char)s[0];
  *used = 1;
  *one = 1;
  if (c < 0x80) { /* control characters other than TAB carry no text */
    dst[0] = c == '\t' ? '\t' : ' ';
    return 1;
  }
  int32_t cp;
  int k = utf8_decode(s, n, &cp);
  if (k < 0)
    return (size_t)utf8_encode(0xFFFD, dst);
  *used = (size_t)k;
  int32_t sp = special(cp);
  if (sp == 0) {
    *one = 0;
    return 0;
  }
  if (sp > 0)
    return (size_t)utf8_encode(sp, dst);
  const utf8proc_property_t *prop = utf8proc_get_property(cp);
  if (prop->decomp_type == 0) { /* no compatibility mapping */
    memcpy(dst, s, (size_t)k);
    return (size_t)k;
  }
  utf8proc_int32_t dcp[8];
  int boundclass = 0;
  utf8proc_ssize_t m = utf8proc_decompose_char(
      cp, dcp, 8, UTF8PROC_COMPAT | UTF8PROC_DECOMPOSE, &boundclass);
  if (m <= 0 || m > 8) {
    memcpy(dst, s, (size_t)k);
    return (size_t)k;
  }
  size_t w = 0;
  int chars = 0;
  for (utf8proc_ssize_t j = 0; j < m; j++) {
    int32_t sd = special(dcp[j]);
    if (sd != 0) {
      w += (size_t)utf8_encode(sd > 0 ? sd : dcp[j], dst + w);
      chars++;
    }
  }
  *one = chars == 1;
  return w;
}

/* 1 if a key keeps the character: letters and digits (categories L*, N*). */
static int key_keeps(int32_t cp) {
  if (cp >= 0x4E00 && cp <= 0x9FFF)
    return 1;
  utf8proc_category_t cat = utf8proc_category(cp);
  return (cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO) ||
         (cat >= UTF8PROC_CATEGORY_ND && cat <= UTF8PROC_CATEGORY_NO);
}

/* ## The characters of a report other than ASCII and CJK ideographs —
 * Latin-1 (NO-BREAK SPACE), general punctuation (“”—…), CJK punctuation
 * (、。《》) and the full-width forms (，（）：；１２) — are one in ten of its
 * characters; norm_char and key_keeps on each of them cost a third of the
 * normaliser. Their results, computed once by those same
 * functions, are kept in a table. */
#define MEMO_NONE 0xFF /* not kept: decided by norm_char each time */

typedef struct {
  uint8_t len;   /* output bytes, or MEMO_NONE                  */
  uint8_t flags; /* NORM_* of the output, MEMO_ONE, MEMO_KEEP   */
  char out[6];
} memo_entry;

#define MEMO_ONE 0x40  /* the output is exactly one character      */
#define MEMO_KEEP 0x80 /* key_keeps the (input) character          */

#define MEMO_RANGES(X)                                                  \
  X(0x00A0, 0x0100) X(0x2000, 0x2070) X(0x3000, 0x3040) X(0xFF00, 0xFFF0)
#define MEMO_COUNT(from, to) +((to) - (from))
#define MEMO_SIZE (0 MEMO_RANGES(MEMO_COUNT))

static memo_entry MEMO[MEMO_SIZE];
static pthread_once_t MEMO_ONCE = PTHREAD_ONCE_INIT;

/* The table's index of cp, or -1: the ranges one after the other. */
static int memo_index(int32_t cp) {
  int base = 0;
#define MEMO_AT(from, to)                                                 \
  if ((uint32_t)(cp - (from)) < (uint32_t)((to) - (from)))               \
    return base + (int)(cp - (from));                                      \
  base += (to) - (from);
  MEMO_RANGES(MEMO_AT)
#undef MEMO_AT
  return -1;
}

static void memo_fill(int32_t cp) {
  memo_entry *e = &MEMO[memo_index(cp)];
  char in[4], out[32];
  size_t k = (size_t)utf8_encode(cp, in), used;
  int one;
  size_t w = norm_char(in, k, out, &used, &one);
  e->len = MEMO_NONE;
  if (used != k || w > sizeof e->out)
    return;
  e->len = (uint8_t)w;
  memcpy(e->out, out, w);
  e->flags = (uint8_t)(out_flags(out, w) | (one ? MEMO_ONE : 0) |
                       (key_keeps(cp) ? MEMO_KEEP : 0));
}

static void memo_build(void) {
#define MEMO_FILL(from, to)                                               \
  for (int32_t cp = (from); cp < (to); cp++)                               \
    memo_fill(cp);
  MEMO_RANGES(MEMO_FILL)
#undef MEMO_FILL
}

/* The table's entry for the character at s[0..n), or NULL; sets *k to its
 * length in bytes. Only the lead bytes of the kept ranges are decoded here
 * (C2–C3, E2–E3, EF, none of which has an overlong or surrogate form). */
static inline const memo_entry *memo_find(const unsigned char *s, size_t n,
                                   size_t *k) {
  int32_t cp;
  if ((s[0] == 0xC2 || s[0] == 0xC3) && n >= 2 && is_cont(s[1])) {
    cp = (s[0] & 0x1F) << 6 | (s[1] & 0x3F);
    *k = 2;
  } else if ((s[0] == 0xE2 || s[0] == 0xE3 || s[0] == 0xEF) && n >= 3 &&
             is_cont(s[1]) && is_cont(s[2])) {
    cp = (s[0] & 0x0F) << 12 | (s[1] & 0x3F) << 6 | (s[2] & 0x3F);
    *k = 3;
  } else {
    return NULL;
  }
  int i = memo_index(cp);
  if (i < 0)
    return NULL;
  pthread_once(&MEMO_ONCE, memo_build);
  return MEMO[i].len == MEMO_NONE ? NULL : &MEMO[i];
}

/* Gives every output byte so far its column: until now each output
 * character stood for one input character. */
static void cols_start(text_cols *tc, const buf *out) {
  tc->mapped = 1;
  if (tc->cap < out->cap) {
    tc->col = xxgk_realloc(tc->col, out->cap * sizeof *tc->col);
    tc->cap = out->cap;
  }
  uint32_t col = 0;
  for (size_t k = 0; k < out->len; k++)
    tc->col[k] = col += !is_cont((unsigned char)out->data[k]);
  tc->last = col;
}

unsigned text_normalize(const char *s, size_t n, buf *out, text_cols *tc) {
  const unsigned char *u = (const unsigned char *)s;
  unsigned flags = 0;
  out->len = 0;
  if (n + 32 >= out->cap) /* buf_reserve's test, without the call a line */
    buf_reserve(out, n + 32);
  if (tc) {
    tc->mapped = 0;
    tc->at = 0;
    tc->at_col = 0;
  }
  size_t i = 0;
  while (i < n) {
    /* A run of what stays as it is — printable ASCII and CJK ideographs,
     * the bulk of a report — is copied at once; neither ever writes more
     * than it reads, so the room made for the input suffices. */
    size_t j = i;
    for (;;) {
      j = (size_t)(cjk_run(u + j, u + n) - u);
      if (j == n || !(u[j] - 0x20u < 0x60u || u[j] == '\t'))
        break;
      flags |= ASCII_FLAGS[u[j++]];
    }
    if (j > i) {
      char *o = out->data + out->len;
      memcpy(o, s + i, j - i);
      if (tc && tc->mapped)
        for (size_t k = 0; k < j - i; k++)
          tc->col[out->len + k] = tc->last += !is_cont((unsigned char)o[k]);
      out->len += j - i;
      i = j;
      continue;
    }
    /* One character that changes or is dropped: it may grow (to 8 code
     * points), so room for it and the rest of the input is made first. */
    if (out->len + (n - i) + 32 >= out->cap)
      buf_reserve(out, n - i + 32);
    char *o = out->data + out->len;
    size_t used, w;
    int one;
    const memo_entry *e = memo_find(u + i, n - i, &used);
    if (e) {
      w = e->len;
      memcpy(o, e->out, sizeof e->out);
      one = (e->flags & MEMO_ONE) != 0;
      flags |= e->flags & (NORM_DIGIT | NORM_SEP);
    } else {
      w = norm_char(s + i, n - i, o, &used, &one);
      flags |= out_flags(o, w);
    }
    i += used;
    if (tc) {
      if (!one && !tc->mapped)
        cols_start(tc, out);
      if (tc->mapped) {
        if (tc->cap < out->cap) {
          tc->col = xxgk_realloc(tc->col, out->cap * sizeof *tc->col);
          tc->cap = out->cap;
        }
        tc->last++;
        for (size_t k = 0; k < w; k++)
          tc->col[out->len + k] = tc->last;
      }
    }
    out->len += w;
  }
  out->data[out->len] = 0;
  return flags;
}

uint32_t text_col(text_cols *tc, const char *out, size_t off) {
  if (tc->mapped)
    return tc->col[off];
  if (off < tc->at) { /* asked out of order: count again */
    tc->at = 0;
    tc->at_col = 0;
  }
  /* Characters are counted eight bytes at a time: each byte that is not a
   * continuation byte (10xxxxxx) starts one. */
  const uint64_t hi = 0x8080808080808080ull;
  while (off + 1 - tc->at >= 8) {
    uint64_t w;
    memcpy(&w, out + tc->at, 8);
    uint64_t cont = w & ~(w << 1) & hi; /* bit 7 set, bit 6 clear */
    tc->at_col += 8 - (uint32_t)(((cont >> 7) * 0x0101010101010101ull) >> 56);
    tc->at += 8;
  }
  for (; tc->at <= off; tc->at++)
    tc->at_col += !is_cont((unsigned char)out[tc->at]);
  return tc->at_col;
}

void text_cols_free(text_cols *tc) {
  free(tc->col);
  memset(tc, 0, sizeof *tc);
}

size_t text_key(const char *s, size_t n, char *out, size_t cap) {
  const unsigned char *u = (const unsigned char *)s;
  size_t o = 0, i = 0;
  while (i < n && o + 4 < cap) {
    /* A run of CJK ideographs is kept whole, as far as there is room for
     * each (a character goes in while o + 4 < cap). */
    size_t room = cap - 4 - o; /* an ideograph starting below fits */
    size_t lim = n - i < room + 2 ? n - i : room + 2;
    size_t j = (size_t)(cjk_run(u + i, u + i + lim) - u);
    if (j > i) {
      memcpy(out + o, s + i, j - i);
      o += j - i;
      i = j;
      continue;
    }
    unsigned char c = u[i];
    if (c < 0x80) {
      if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
          (c >= 'A' && c <= 'Z'))
        out[o++] = (char)c;
      i++;
      continue;
    }
    size_t mk;
    const memo_entry *e = memo_find(u + i, n - i, &mk);
    int32_t cp;
    int k = e ? (int)mk : utf8_decode(s + i, n - i, &cp);
    if (k < 0) {
      i++;
      continue;
    }
    if (e ? (e->flags & MEMO_KEEP) != 0 : key_keeps(cp)) {
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
