/*
 * input.c — bytes to lines.
 *
 * The encoding is decided once, from the first 64 KiB: a BOM, else valid
 * UTF-8, else GB18030 (a superset of GBK and GB2312, which many government
 * files use), converted with iconv as the bytes stream in. NUL bytes or
 * control characters in the sample mean binary data, refused with a message.
 * Lines end in LF, CRLF or a lone CR; a CR at the end of one chunk and LF at
 * the start of the next are one line end.
 */
#include "parser.h"

#include <errno.h>
#include <string.h>
#include <wchar.h>

#define SAMPLE (64 * 1024)

static void end_line(xxgk_parser *p) {
  p->lineno++;
  if (p->line_skip) {
    if (p->n_long++ == 0)
      doc_diag(p->doc, "P", XXGK_SEV_WARNING, p->lineno, 1,
               "第%u行超过%d字节，已跳过（此类行不计入表格和正文）", p->lineno,
               XXGK_MAX_LINE);
  } else {
    parse_line(p, p->line.data ? p->line.data : "", p->line.len);
  }
  p->line.len = 0;
  p->line_skip = 0;
}

static void line_append(xxgk_parser *p, const char *s, size_t n) {
  if (p->line_skip || n == 0)
    return;
  if (p->line.len + n > XXGK_MAX_LINE) {
    p->line_skip = 1;
    p->line.len = 0;
    return;
  }
  buf_put(&p->line, s, n);
}

/* Splits decoded UTF-8 text into lines. */
static void split_lines(xxgk_parser *p, const char *s, size_t n) {
  size_t i = 0;
  if (p->last_cr && n > 0 && s[0] == '\n')
    i = 1;
  p->last_cr = 0;
  while (i < n) {
    const char *nl = memchr(s + i, '\n', n - i);
    size_t end = nl ? (size_t)(nl - s) : n;
    const char *cr = memchr(s + i, '\r', end - i);
    if (cr) {
      size_t k = (size_t)(cr - s);
      line_append(p, s + i, k - i);
      end_line(p);
      i = k + 1;
      if (i < n && s[i] == '\n')
        i++;
      else if (i == n)
        p->last_cr = 1;
      continue;
    }
    if (!nl) {
      line_append(p, s + i, end - i);
      return;
    }
    if (p->line.len == 0 && !p->line_skip && end - i <= XXGK_MAX_LINE) {
      /* The whole line is in this chunk: parse it where it lies. */
      p->lineno++;
      parse_line(p, s + i, end - i);
    } else {
      line_append(p, s + i, end - i);
      end_line(p);
    }
    i = end + 1;
  }
}

static void refuse(xxgk_parser *p, size_t off, unsigned char byte,
                   const char *why) {
  p->enc = ENC_FAILED;
  p->status = XXGK_E_ENCODING;
  doc_diag(p->doc, "E", XXGK_SEV_ERROR, 0, 0,
           "不是文本文件：第%zu字节（0x%02X）%s；请提供 UTF-8 或 GB18030/GBK "
           "编码的文本",
           off + 1, byte, why);
}

/* iconv to UTF-8 by way of wide characters: glibc converts to them in one
 * step, to UTF-8 in two, and the second cost more than the first (95,000
 * instructions a GB18030 report). Converts from *in what fits in
 * out[0..cap); returns the UTF-8 length, sets *r and *err to iconv's return
 * value and errno. */
_Static_assert(sizeof(wchar_t) == 4, "iconv's WCHAR_T is UCS-4");
#define WIDE_MAX 4096
#define ICONV_TO "WCHAR_T"

static size_t to_utf8(iconv_t cd, char **in, size_t *left, char *out,
                      size_t cap, size_t *r, int *err) {
  wchar_t w[WIDE_MAX];
  size_t fit = cap / 4 < WIDE_MAX ? cap / 4 : WIDE_MAX;
  char *o = (char *)w;
  size_t room = fit * sizeof *w;
  *r = iconv(cd, in, left, &o, &room);
  *err = errno;
  size_t n = 0;
  for (const wchar_t *c = w; c < (wchar_t *)o; c++)
    if ((uint32_t)*c < 0x80)
      out[n++] = (char)*c;
    else
      n += (size_t)utf8_encode((int32_t)*c, out + n);
  return n;
}

/* Converts as much of p->pending as possible and passes it on; keeps an
 * incomplete trailing sequence for the next chunk. */
static void convert(xxgk_parser *p, int final) {
  char out[16384];
  char *in = p->pending.data;
  size_t left = p->pending.len;
  while (left > 0) {
    size_t r;
    int err;
    split_lines(p, out, to_utf8(p->cd, &in, &left, out, sizeof out, &r, &err));
    if (r != (size_t)-1)
      continue;
    if (err == E2BIG)
      continue;
    if (err == EINVAL && !final)
      break; /* incomplete sequence: wait for more bytes */
    /* Invalid (or truncated at the end): replace one byte, go on. */
    p->n_bad++;
    split_lines(p, "\xEF\xBF\xBD", 3);
    in++;
    left--;
  }
  memmove(p->pending.data, in, left);
  p->pending.len = left;
}

static int control_heavy(const unsigned char *s, size_t n) {
  size_t bad = 0, i = 0;
  /* Eight bytes at a time: the bytes below 0x20 are marked exactly (no
   * carry crosses a byte), and only those are looked at. */
  const uint64_t lo7 = 0x7F7F7F7F7F7F7F7Full, high = 0x8080808080808080ull;
  const uint32_t ok = 1u << '\t' | 1u << '\n' | 1u << '\r' | 1u << '\f' |
                      1u << 0x1B;
  for (; n - i >= 8; i += 8) {
    uint64_t w;
    memcpy(&w, s + i, 8);
    for (uint64_t m = ~(((w & lo7) + 0x6060606060606060ull) | w) & high; m;
         m &= m - 1)
      bad += !(ok >> s[i + (size_t)__builtin_ctzll(m) / 8] & 1);
  }
  for (; i < n; i++)
    bad += s[i] < 0x20 && !(ok >> s[i] & 1);
  return bad > n / 100 + 2;
}

/* Decides the encoding from p->pending (at most SAMPLE bytes, or all the
 * input when final). */
static void decide(xxgk_parser *p, int final) {
  const unsigned char *s = (const unsigned char *)p->pending.data;
  size_t n = p->pending.len;
  if (n == 0) { /* nothing fed (pending.data may be NULL): nothing to say */
    p->enc = ENC_UTF8;
    return;
  }
  const char *from = NULL;
  size_t skip = 0;
  if (n >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF) {
    p->enc = ENC_UTF8;
    skip = 3;
  } else if (n >= 2 && ((s[0] == 0xFF && s[1] == 0xFE) ||
                        (s[0] == 0xFE && s[1] == 0xFF))) {
    from = "UTF-16";
  } else {
    const char *z = n ? memchr(s, 0, n) : NULL; /* nothing fed: s NULL */
    if (z) {
      refuse(p, (size_t)((const unsigned char *)z - s), 0,
             "是空字节，这是二进制数据");
      return;
    }
    if (control_heavy(s, n)) {
      refuse(p, 0, s[0], "起含有大量控制字符，这是二进制数据");
      return;
    }
    size_t ok = utf8_valid_prefix((const char *)s, n);
    /* A sample cut in the middle of a character is still UTF-8. */
    if (ok == n || (!final && n - ok < 4 && n == SAMPLE)) {
      p->enc = ENC_UTF8;
    } else {
      from = "GB18030";
    }
  }
  if (from) {
    p->cd = iconv_open(ICONV_TO, from);
    if (p->cd == (iconv_t)-1) {
      refuse(p, 0, s[0], "无法转换（系统缺少 iconv 编码支持）");
      return;
    }
    /* Refuse what is neither UTF-8 nor GB18030 before reading further:
     * the sample is converted whole before any of it is parsed, and that
     * conversion is the one used, not done a second time. */
    if (strcmp(from, "GB18030") == 0) {
      buf text = {0};
      char *in = (char *)s;
      size_t left = n;
      int bad = 0;
      while (left > 0 && !bad) {
        buf_reserve(&text, 4 * WIDE_MAX);
        size_t r;
        int err;
        text.len += to_utf8(p->cd, &in, &left, text.data + text.len,
                            text.cap - text.len - 1, &r, &err);
        if (r == (size_t)-1 && err != E2BIG)
          bad = err == EILSEQ || final ? 1 : 2; /* 2: cut, more follows */
      }
      if (bad == 1) {
        size_t off = (size_t)((unsigned char *)in - s);
        buf_free(&text);
        iconv_close(p->cd);
        p->cd = (iconv_t)-1;
        refuse(p, off, s[off], "既不是 UTF-8 也不是 GB18030 编码");
        return;
      }
      p->enc = ENC_ICONV;
      split_lines(p, text.data, text.len);
      buf_free(&text);
      memmove(p->pending.data, in, left);
      p->pending.len = left;
      return;
    }
    p->enc = ENC_ICONV;
    convert(p, final);
    return;
  }
  split_lines(p, (const char *)s + skip, n - skip);
  p->pending.len = 0;
}

void input_feed(xxgk_parser *p, const char *s, size_t n) {
  if (p->enc == ENC_FAILED || p->status == XXGK_E_LIMIT)
    return;
  if (p->n_in + n > XXGK_MAX_INPUT) {
    p->status = XXGK_E_LIMIT;
    doc_diag(p->doc, "P", XXGK_SEV_ERROR, p->lineno, 0,
             "输入超过 %d MiB 的上限，其后内容未读", XXGK_MAX_INPUT >> 20);
    return;
  }
  p->n_in += n;
  switch (p->enc) {
  case ENC_UTF8:
    split_lines(p, s, n);
    break;
  case ENC_UNKNOWN:
    buf_put(&p->pending, s, n);
    if (p->pending.len >= SAMPLE) {
      /* Decide on exactly the first SAMPLE bytes, then stream the rest. */
      buf rest = {0};
      buf_put(&rest, p->pending.data + SAMPLE, p->pending.len - SAMPLE);
      p->pending.len = SAMPLE;
      decide(p, 0);
      if (p->enc == ENC_UTF8) {
        split_lines(p, rest.data, rest.len);
      } else if (p->enc == ENC_ICONV) {
        buf_put(&p->pending, rest.data, rest.len);
        convert(p, 0);
      }
      buf_free(&rest);
    }
    break;
  case ENC_ICONV:
    buf_put(&p->pending, s, n);
    convert(p, 0);
    break;
  case ENC_FAILED:
    break;
  }
}

void input_finish(xxgk_parser *p) {
  if (p->enc == ENC_UNKNOWN)
    decide(p, 1);
  if (p->enc == ENC_ICONV) {
    convert(p, 1);
    iconv_close(p->cd);
    p->cd = (iconv_t)-1;
  }
  if (p->enc == ENC_FAILED)
    return;
  if (p->line.len > 0 || p->line_skip)
    end_line(p);
  if (p->n_bad)
    doc_diag(p->doc, "E", XXGK_SEV_WARNING, 0, 0,
             "有 %zu 处字节不是有效的文字编码，已替换为“�”", p->n_bad);
}
