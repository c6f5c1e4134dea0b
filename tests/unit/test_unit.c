/*
 * test_unit.c — the small pieces: exact decimals, text normalisation and
 * label keys, page-number lines, the dictionary's shape, the buffer and
 * the JSON escaper.
 */
#include "harness.h"
#include "internal.h"
#include "parser.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

static const char *fmt(xxgk_num n) {
  static char s[32];
  xxgk_num_format(n, s);
  return s;
}

static void test_num(void) {
  xxgk_num n;
  CHECK_INT(xxgk_num_parse("9872.3034", 9, &n), 0);
  CHECK_STR(fmt(n), "9872.3034");
  CHECK_INT(xxgk_num_parse("93,773", 6, &n), 0);
  CHECK_STR(fmt(n), "93773");
  CHECK_INT(xxgk_num_parse("1,234,567.50", 12, &n), 0);
  CHECK_STR(fmt(n), "1234567.50");
  CHECK_INT(xxgk_num_parse("-12", 3, &n), 0);
  CHECK_STR(fmt(n), "-12");
  CHECK_INT(xxgk_num_parse("0.05", 4, &n), 0);
  CHECK_STR(fmt(n), "0.05");
  CHECK_INT(xxgk_num_parse("1,23", 4, &n), -1);
  CHECK_INT(xxgk_num_parse("12,", 3, &n), -1);
  CHECK_INT(xxgk_num_parse("1.", 2, &n), -1);
  CHECK_INT(xxgk_num_parse("", 0, &n), -1);
  CHECK_INT(xxgk_num_parse("12345678901234567890", 20, &n), -1);
  xxgk_num a = {98723034, 4}, b = {2484, 0}, s;
  CHECK_INT(xxgk_num_add(a, b, &s), 0);
  CHECK_STR(fmt(s), "12356.3034");
  xxgk_num c = {248400, 2};
  CHECK_INT(xxgk_num_cmp(b, c), 0);
  CHECK_INT(xxgk_num_cmp(a, b), 1);
  xxgk_num w;
  CHECK_INT(num_pow10((xxgk_num){251000, 0}, -4, &w), 0);
  CHECK_STR(fmt(w), "25.1000");
  CHECK_INT(num_pow10((xxgk_num){251, 1}, 4, &w), 0);
  CHECK_STR(fmt(w), "251000");
  CHECK_INT(num_pow10((xxgk_num){12345, 5}, 4, &w), 0);
  CHECK_STR(fmt(w), "1234.5");
  xxgk_num big = {INT64_MAX, 0};
  CHECK_INT(xxgk_num_add(big, big, &s), -1);
}

static const char *norm(const char *s) {
  static buf b;
  text_normalize(s, strlen(s), &b, NULL);
  return b.data;
}

static void test_text(void) {
  CHECK_STR(norm("２０２３年"), "2023年");
  CHECK_STR(norm("（一）予以公开"), "(一)予以公开");
  CHECK_STR(norm("a\xC2\xA0" "b\xE3\x80\x80" "c"), "a b c");
  CHECK_STR(norm("—"), "-");
  CHECK_STR(norm("－５"), "-5");
  CHECK_STR(norm("①"), "1");
  /* Columns: counted from the output while every character maps to one,
   * kept per byte once one is dropped or expanded; asked in any order. */
  buf b = {0};
  text_cols tc = {0};
  const char *one = "中文 x";
  CHECK_INT(text_normalize(one, strlen(one), &b, &tc), NORM_SEP);
  CHECK_INT(tc.mapped, 0);
  CHECK_INT(text_col(&tc, b.data, 7), 4);
  CHECK_INT(text_col(&tc, b.data, 3), 2);
  const char *shifted = "a\u200Bb\u2026c（１）";
  CHECK_INT(text_normalize(shifted, strlen(shifted), &b, &tc), NORM_DIGIT);
  CHECK_STR(b.data, "ab...c(1)");
  CHECK_INT(tc.mapped, 1);
  CHECK_INT(text_col(&tc, b.data, 1), 3);
  CHECK_INT(text_col(&tc, b.data, 4), 4);
  CHECK_INT(text_col(&tc, b.data, 5), 5);
  CHECK_INT(text_col(&tc, b.data, 7), 7);
  CHECK_INT(text_normalize("公开。", strlen("公开。"), &b, &tc), 0);
  text_cols_free(&tc);
  buf_free(&b);
  char k[256];
  const char *label = "（二）部分公开（区分处理的，只计这一情形，不计其他情形）";
  text_key(label, strlen(label), k, sizeof k);
  CHECK_STR(k, "二部分公开区分处理的只计这一情形不计其他情形");
  text_key("(七) 总计", strlen("(七) 总计"), k, sizeof k);
  CHECK_STR(k, "七总计");
  CHECK_STR(text_key_bare("七总计"), "总计");
  CHECK_STR(text_key_bare("1属于国家秘密"), "属于国家秘密");
  CHECK_STR(text_key_bare("第一部分总体情况"), "总体情况");
  CHECK_INT(outline_is_page_number("- 4 -", 5), 1);
  CHECK_INT(outline_is_page_number("  -4-  ", 7), 1);
  CHECK_INT(outline_is_page_number("第4页 共6页", strlen("第4页 共6页")), 1);
  CHECK_INT(outline_is_page_number("4/6", 3), 1);
  CHECK_INT(outline_is_page_number("4", 1), 0);
  CHECK_INT(outline_is_page_number("-4", 2), 0);
}

static void test_dict(void) {
  /* The shape the spec fixes: 25 rows of table 3 in format 2021, 23 in 2019,
   * 7 columns each; 15 numbers in table 4. */
  int n21 = 0, n19 = 0, t4 = 0;
  for (int i = 0; i < xxgk_dict_n_rows(); i++) {
    const xxgk_row_def *r = xxgk_dict_row(i);
    if (r->table == XXGK_T_APPLICATIONS) {
      n21 += (r->formats & XXGK_FORMAT_2021) != 0;
      n19 += (r->formats & XXGK_FORMAT_2019) != 0;
      CHECK_INT(r->n_cols, 7);
    }
    if (r->table == XXGK_T_REVIEWS)
      t4 += r->n_cols;
  }
  CHECK_INT(n21, 25);
  CHECK_INT(n19, 23);
  CHECK_INT(t4, 15);
  char key[128];
  int row = xxgk_dict_find_row(XXGK_T_APPLICATIONS, "granted",
                               XXGK_FORMAT_2021);
  xxgk_dict_key(row, 0, key, sizeof key);
  CHECK_STR(key, "applications.granted.natural_person");
  /* A column by key: table 3's seven, the last the total. */
  CHECK_INT(xxgk_dict_find_col(row, "natural_person"), 0);
  CHECK_INT(xxgk_dict_find_col(row, "total"), 6);
  CHECK_INT(xxgk_dict_find_col(row, "pending"), -1); /* table 4's */
  CHECK_INT(xxgk_dict_find_col(row, NULL), -1);
  CHECK_INT(xxgk_dict_find_col(-1, "total"), -1);
  int r2, c2;
  CHECK_INT(xxgk_dict_find_key("active.fees.amount", XXGK_FORMAT_2021, &r2,
                               &c2), 0);
  CHECK_STR(xxgk_dict_row(r2)->cols[c2].unit, "万元");
  CHECK_INT(xxgk_dict_find_key("active.fees.amount", XXGK_FORMAT_2019, &r2,
                               &c2), -1);
}

/* A JSON length past the bound is refused before json-c, whose length is
 * an int, sees it: the buffer here is far shorter than the length given
 * and must not be read. */
static void test_json_limit(void) {
  xxgk_doc *d;
  const char buf[] = "{\"format\": \"2021\"}";
  CHECK_INT(xxgk_doc_from_json(buf, (size_t)INT_MAX + 2, &d), XXGK_E_LIMIT);
  CHECK(xxgk_doc_n_diags(d) == 1 &&
            strstr(xxgk_doc_diag(d, 0)->message, "256 MiB"),
        "the limit named");
  xxgk_doc_free(d);
}

/* What RFC 8259 (and the <script> option) makes of byte c in a string. */
static const char *json_byte(int c, unsigned opts) {
  static char out[8];
  int html = opts && (c == '<' || c == '>' || c == '&');
  if (c == '"' || c == '\\')
    snprintf(out, sizeof out, "\\%c", c);
  else if (c == '\n' || c == '\r' || c == '\t')
    snprintf(out, sizeof out, "\\%c",
             c == '\n' ? 'n' : c == '\r' ? 'r' : 't');
  else if (c < 0x20 || html)
    snprintf(out, sizeof out, "\\u%04x", (unsigned)c);
  else
    snprintf(out, sizeof out, "%c", c);
  return out;
}

/* JSON string literals: every byte at every place of a run of bytes that
 * need nothing (ASCII, and Chinese text's), then a long text whose escapes
 * fall across the buffer's growth. */
static void test_esc_json(void) {
  const char fill[] = {'a', (char)0xe4};
  for (unsigned opts = 0; opts <= XXGK_OPT_JSON_HTML_SAFE; opts++)
    for (int c = 1; c < 256; c++)
      for (size_t f = 0; f < sizeof fill; f++)
        for (int at = 0; at < 17; at++) {
          char in[18], want[32];
          memset(in, fill[f], 17);
          in[at] = (char)c;
          in[17] = 0;
          snprintf(want, sizeof want, "\"%.*s%s%.*s\"", at, in,
                   json_byte(c, opts), 16 - at, in + at + 1);
          xxgk_buf b = XXGK_BUF_INIT;
          xxgk_esc_json(&b, in, opts);
          CHECK(strcmp(b.data, want) == 0,
                "byte 0x%02x at %d (opts %u): %s, not %s", (unsigned)c, at,
                opts, b.data, want);
          xxgk_buf_free(&b);
        }
  xxgk_buf b = XXGK_BUF_INIT;
  xxgk_esc_json(&b, NULL, 0);
  xxgk_buf_putc(&b, ' ');
  xxgk_esc_json(&b, "", 0);
  xxgk_esc_json(&b, "申请<b>\"x\"</b>", XXGK_OPT_JSON_HTML_SAFE);
  CHECK_STR(b.data,
            "null \"\"\"申请\\u003cb\\u003e\\\"x\\\"\\u003c/b\\u003e\"");
  xxgk_buf_free(&b);
  /* 3000 times "ab\n": 12000 bytes out and the quotes, grown from 64 */
  char *long_in = malloc(3 * 3000 + 1);
  for (int i = 0; i < 3000; i++)
    memcpy(long_in + 3 * i, "ab\n", 3);
  long_in[3 * 3000] = 0;
  xxgk_buf_putc(&b, 'x');
  xxgk_esc_json(&b, long_in, 0);
  CHECK_INT(b.len, 1 + 2 + 4 * 3000);
  CHECK_INT(strlen(b.data), b.len);
  CHECK(b.len > 12 && memcmp(b.data, "x\"ab\\nab", 8) == 0 &&
            memcmp(b.data + b.len - 5, "ab\\n\"", 5) == 0,
        "ends: %.8s … %s", b.data, b.data + b.len - 5);
  free(long_in);
  xxgk_buf_free(&b);
}

/* int_text against printf's %lld, at the ends of the range and at each
 * power of ten (where the digits' count changes). */
static void test_int_text(void) {
  long long v[64] = {0, -1, LLONG_MIN, LLONG_MAX};
  int n = 4;
  for (long long p = 10; p <= LLONG_MAX / 10; p *= 10) {
    v[n++] = p - 1;
    v[n++] = -p;
  }
  for (int i = 0; i < n; i++) {
    char d[24], want[24];
    snprintf(want, sizeof want, "%lld", v[i]);
    CHECK_STR(int_text(v[i], d), want);
    xxgk_buf b = XXGK_BUF_INIT; /* the buffer's form, after a text */
    xxgk_buf_puts(&b, "n=");
    xxgk_buf_int(&b, v[i]);
    CHECK_STR(b.data + 2, want);
    CHECK_INT(b.len, 2 + strlen(want));
    xxgk_buf_free(&b);
  }
}

int main(void) {
  test_int_text();
  test_esc_json();
  test_json_limit();
  test_num();
  test_text();
  test_dict();
  return h_summary();
}
