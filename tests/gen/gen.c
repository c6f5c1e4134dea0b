/*
 * gen.c — a document as report text, in every plain-text rendition of
 * gen.h. Tables, rows, columns and headings all come from the dictionary;
 * each rendition is only a different way of writing one row of cells.
 */
#include "gen.h"

#include "internal.h"

#include <iconv.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
  buf b;
  gen_rendition r;
  int rule_due;   /* Markdown: the |---| line follows the next row */
  int group_char; /* layout: next character of the vertical label  */
  const char *vgroup;
} gen;

static const char *const NAMES[GEN_N_RENDITIONS] = {
    "cells", "tsv",      "pipe",      "pipe-edges", "markdown",  "cell-pipe",
    "layout", "fullwidth", "gbk",     "bom-crlf",   "renumbered"};

const char *gen_name(gen_rendition r) {
  return (unsigned)r < GEN_N_RENDITIONS ? NAMES[r] : "?";
}

static size_t n_chars(const char *s) {
  size_t n = 0;
  for (; *s; s++)
    n += ((unsigned char)*s & 0xC0) != 0x80;
  return n;
}

/* The label without its enumerator: "（一）予以公开" → "予以公开". */
static const char *drop_enum(const char *s) {
  static const char *const OPEN[] = {"（", "("};
  for (int i = 0; i < 2; i++) {
    size_t k = strlen(OPEN[i]);
    if (strncmp(s, OPEN[i], k) == 0) {
      const char *c = strstr(s, "）");
      const char *c2 = strchr(s, ')');
      if (c && (!c2 || c < c2) && c - s <= 9)
        return c + 3;
      if (c2 && c2 - s <= 9)
        return c2 + 1;
    }
  }
  const char *dun = strstr(s, "、");
  if (dun && dun - s <= 3)
    return dun + 3;
  if (s[0] >= '0' && s[0] <= '9' && s[1] == '.')
    return s + 2;
  return s;
}

/* Full-width digits, brackets and stops: what some word processors print. */
static void put_wide(buf *b, const char *s) {
  for (; *s; s++) {
    unsigned char c = (unsigned char)*s;
    if ((c >= '0' && c <= '9') || c == '(' || c == ')' || c == '.') {
      char out[4];
      int k = utf8_encode(0xFF00 + (c - 0x20), out);
      buf_put(b, out, (size_t)k);
    } else {
      buf_putc(b, (char)c);
    }
  }
}

static void newline(gen *g) {
  buf_puts(&g->b, g->r == GEN_BOM_CRLF ? "\r\n" : "\n");
}

static void text_line(gen *g, const char *s) {
  buf_puts(&g->b, s);
  newline(g);
}

static void heading(gen *g, int part) {
  const char *h = dict_part(part)->heading;
  if (g->r == GEN_MARKDOWN)
    buf_puts(&g->b, part == 0 ? "## " : "### ");
  if (g->r == GEN_RENUMBERED) {
    static const char *const NTH[] = {"一", "二", "三", "四", "五", "六"};
    buf_printf(&g->b, "第%s部分 %s", NTH[part], drop_enum(h));
    newline(g);
  } else {
    text_line(g, h);
  }
  g->rule_due = 1;
}

/* A number as the rendition prints it. */
static void put_num(gen *g, buf *b, const char *s) {
  if (g->r != GEN_FULLWIDTH) {
    buf_puts(b, s);
    return;
  }
  if (strcmp(s, "0") == 0) {
    buf_puts(b, "—");
    return;
  }
  buf_puts(b, "\xC2\xA0"); /* NO-BREAK padding, as copied from Word */
  const char *dot = strchr(s, '.');
  size_t whole = dot ? (size_t)(dot - s) : strlen(s);
  buf t = {0};
  for (size_t i = 0; i < whole; i++) {
    if (i && (whole - i) % 3 == 0)
      buf_putc(&t, ',');
    buf_putc(&t, s[i]);
  }
  if (dot)
    buf_puts(&t, dot);
  put_wide(b, t.data);
  buf_free(&t);
}

static void pad_to(buf *b, size_t have, size_t want) {
  for (; have < want; have++)
    buf_putc(b, ' ');
}

/* pdftotext -layout: labels in a 44-column area, numbers right-aligned in
 * columns of 10; a long label wraps around its numbers. */
static void layout_row(gen *g, const char **labels, int nl, const char **nums,
                       int nn) {
  buf *b = &g->b;
  const char *label = nl ? labels[nl - 1] : "";
  for (int i = 0; i + 1 < nl; i++) { /* group labels on lines of their own */
    buf_puts(b, "  ");
    buf_puts(b, labels[i]);
    newline(g);
  }
  if (nn == 0) {
    buf_puts(b, "    ");
    buf_puts(b, label);
    newline(g);
    return;
  }
  char vchar[8] = "";
  if (g->vgroup && g->vgroup[g->group_char]) { /* one character a line */
    int32_t cp;
    int k = utf8_decode(g->vgroup + g->group_char,
                        strlen(g->vgroup + g->group_char), &cp);
    memcpy(vchar, g->vgroup + g->group_char, (size_t)k);
    vchar[k] = 0;
    g->group_char += k;
  }
  size_t chars = n_chars(label);
  size_t col = 0;
  const char *tail = NULL;
  buf_puts(b, vchar);
  col += *vchar ? 1 : 0;
  if (chars > 18) { /* wrap: head above the numbers, tail below */
    size_t cut = 0, k = 0;
    while (k < 14)
      k += ((unsigned char)label[++cut] & 0xC0) != 0x80;
    pad_to(b, col, 6);
    buf_put(b, label, cut);
    newline(g);
    col = 0;
    tail = label + cut;
  } else {
    pad_to(b, col, 6);
    buf_puts(b, label);
    col = 6 + chars;
  }
  pad_to(b, col, 46);
  for (int i = 0; i < nn; i++) {
    size_t w = strlen(nums[i]);
    pad_to(b, 0, w < 8 ? 10 - w : 2);
    buf_puts(b, nums[i]);
  }
  newline(g);
  if (tail) {
    buf_puts(b, "      ");
    buf_puts(b, tail);
    newline(g);
  }
}

/* One table row: its label cells, then its number cells. */
static void row(gen *g, const char **labels, int nl, const char **nums,
                int nn) {
  buf *b = &g->b;
  switch (g->r) {
  case GEN_LAYOUT:
    layout_row(g, labels, nl, nums, nn);
    return;
  case GEN_CELLS:
  case GEN_BOM_CRLF:
  case GEN_CELL_PIPE:
    for (int i = 0; i < nl + nn; i++) {
      const char *c = i < nl ? labels[i] : nums[i - nl];
      const char *end = g->r == GEN_CELL_PIPE ? " |" : "";
      if (g->r != GEN_CELL_PIPE)
        buf_putc(b, '\t');
      /* Four-character header cells split over two lines: "商业\n企业". */
      if (i < nl && nn == 0 && n_chars(c) == 4 && strlen(c) == 12) {
        buf_put(b, c, 6);
        newline(g);
        buf_puts(b, c + 6);
      } else {
        buf_puts(b, c);
      }
      buf_puts(b, end);
      newline(g);
    }
    newline(g);
    return;
  default:
    break;
  }
  const char *sep = g->r == GEN_TSV || g->r == GEN_GBK ||
                            g->r == GEN_FULLWIDTH || g->r == GEN_RENUMBERED
                        ? "\t"
                        : " | ";
  int edges = g->r == GEN_PIPE_EDGES || g->r == GEN_MARKDOWN;
  if (edges)
    buf_puts(b, "| ");
  for (int i = 0; i < nl + nn; i++) {
    if (i)
      buf_puts(b, sep);
    if (i < nl)
      buf_puts(b, labels[i]);
    else
      put_num(g, b, nums[i - nl]);
  }
  if (edges || g->r == GEN_PIPE)
    buf_puts(b, " |");
  newline(g);
  if (g->r == GEN_MARKDOWN && g->rule_due) {
    buf_puts(b, "|");
    for (int i = 0; i < nl + nn; i++)
      buf_puts(b, " --- |");
    newline(g);
    g->rule_due = 0;
  }
}

static int same(const char *a, const char *b) {
  return a == b || (a && b && strcmp(a, b) == 0);
}

static const char *cell_text(const xxgk_doc *d, int r, int c, char *out) {
  const xxgk_cell *x = xxgk_doc_cell(d, r, c);
  if (!x || x->state == XXGK_CELL_ABSENT)
    return "";
  xxgk_num_format(x->num, out);
  return out;
}

static const char *label_of(gen *g, const char *s) {
  return g->r == GEN_RENUMBERED ? drop_enum(s) : s;
}

static void table_active(gen *g, const xxgk_doc *d) {
  const char *group = NULL;
  for (int i = 0; i < xxgk_dict_n_rows(); i++) {
    const xxgk_row_def *r = xxgk_dict_row(i);
    if (r->table != XXGK_T_ACTIVE || !(r->formats & d->format))
      continue;
    if (!group || strcmp(group, r->group) != 0) {
      group = r->group;
      const char *head[XXGK_MAX_COLS + 1] = {"信息内容"};
      for (int c = 0; c < r->n_cols; c++)
        head[c + 1] = r->cols[c].label;
      row(g, &group, 1, NULL, 0);
      row(g, head, r->n_cols + 1, NULL, 0);
    }
    char v[XXGK_MAX_COLS][32];
    const char *nums[XXGK_MAX_COLS];
    for (int c = 0; c < r->n_cols; c++)
      nums[c] = cell_text(d, i, c, v[c]);
    const char *label = r->label;
    row(g, &label, 1, nums, r->n_cols);
  }
}

static void table_applications(gen *g, const xxgk_doc *d) {
  int first = xxgk_dict_find_row(XXGK_T_APPLICATIONS, "received", d->format);
  const xxgk_row_def *r0 = xxgk_dict_row(first);
  /* The column headers: groups first, then the grouped columns. */
  const char *h1[2] = {
      "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
      "申请人情况"};
  row(g, h1, 2, NULL, 0);
  const char *h2[XXGK_MAX_COLS], *h3[XXGK_MAX_COLS];
  int n2 = 0, n3 = 0;
  for (int c = 0; c < r0->n_cols; c++) {
    const xxgk_col_def *col = &r0->cols[c];
    if (!col->group)
      h2[n2++] = col->label;
    else if (c == 0 || !r0->cols[c - 1].group)
      h2[n2++] = col->group;
    if (col->group)
      h3[n3++] = col->label;
  }
  row(g, h2, n2, NULL, 0);
  row(g, h3, n3, NULL, 0);
  const char *group = NULL, *sub = NULL;
  for (int i = 0; i < xxgk_dict_n_rows(); i++) {
    const xxgk_row_def *r = xxgk_dict_row(i);
    if (r->table != XXGK_T_APPLICATIONS || !(r->formats & d->format))
      continue;
    const char *labels[3];
    int nl = 0;
    if (r->group && !same(r->group, group))
      labels[nl++] = label_of(g, r->group);
    if (r->subgroup && !same(r->subgroup, sub))
      labels[nl++] = label_of(g, r->subgroup);
    group = r->group;
    sub = r->subgroup;
    labels[nl++] = label_of(g, r->label);
    g->vgroup = g->r == GEN_LAYOUT ? r->group : NULL;
    if (g->r == GEN_LAYOUT && nl > 1 && same(r->group, labels[0])) {
      /* The vertical group label replaces its horizontal printing. */
      memmove(labels, labels + 1, sizeof *labels * (size_t)--nl);
      g->group_char = 0;
    }
    char v[XXGK_MAX_COLS][32];
    const char *nums[XXGK_MAX_COLS];
    for (int c = 0; c < r->n_cols; c++)
      nums[c] = cell_text(d, i, c, v[c]);
    row(g, labels, nl, nums, r->n_cols);
    if (g->r == GEN_LAYOUT && strcmp(r->key, "unable_not_held") == 0) {
      /* A page break inside the table, with its page number. */
      buf_puts(&g->b, "\n                                   - 4 -\n\f");
    }
  }
  g->vgroup = NULL;
}

static void table_reviews(gen *g, const xxgk_doc *d) {
  const char *h1[2], *h2[XXGK_MAX_COLS + 2], *h3[2 * XXGK_MAX_COLS];
  const char *nums[15];
  char v[15][32];
  int n1 = 0, n2 = 0, n3 = 0, nn = 0;
  const char *prev_group = NULL;
  for (int i = 0; i < xxgk_dict_n_rows(); i++) {
    const xxgk_row_def *r = xxgk_dict_row(i);
    if (r->table != XXGK_T_REVIEWS || !(r->formats & d->format))
      continue;
    if (!r->group) {
      h1[n1++] = r->label;
      for (int c = 0; c < r->n_cols; c++)
        h2[n2++] = r->cols[c].label;
    } else {
      if (!same(r->group, prev_group))
        h1[n1++] = r->group;
      prev_group = r->group;
      h2[n2++] = r->label;
      for (int c = 0; c < r->n_cols; c++)
        h3[n3++] = r->cols[c].label;
    }
    for (int c = 0; c < r->n_cols && nn < 15; c++, nn++)
      nums[nn] = cell_text(d, i, c, v[nn]);
  }
  row(g, h1, n1, NULL, 0);
  row(g, h2, n2, NULL, 0);
  row(g, h3, n3, NULL, 0);
  row(g, NULL, 0, nums, nn);
}

/* Part 六 as a report that states d's 信息处理费 figures would word it. */
static void fees_text(gen *g, const xxgk_doc *d) {
  int row = xxgk_dict_find_row(XXGK_T_FEES, NULL, d->format);
  char v[3][32];
  const char *f[3];
  for (int c = 0; c < 3; c++)
    f[c] = cell_text(d, row, c, v[c]);
  if (*f[0] && *f[1] && *f[2]) {
    buf_printf(&g->b,
               "本年度收取信息处理费情况如下：1.发出收费通知%s件，应收总金额%s"
               "元；2.实际收取总金额%s元。",
               f[0], f[1], f[2]);
  } else if (*f[2] && strcmp(f[2], "0") == 0) {
    buf_puts(&g->b, "本年度未收取政府信息公开信息处理费。");
  } else if (*f[2]) {
    buf_printf(&g->b, "全年收取政府信息公开信息处理费%s元。", f[2]);
  } else {
    buf_puts(&g->b, "没有其他需要报告的事项。");
  }
  newline(g);
}

static void section(gen *g, const xxgk_doc *d, xxgk_section s,
                    const char *placeholder) {
  const char *t = xxgk_doc_section(d, s);
  if (!t) {
    text_line(g, placeholder);
    return;
  }
  for (const char *p = t; *p;) { /* line ends as the rendition writes them */
    const char *nl = strchr(p, '\n');
    size_t k = nl ? (size_t)(nl - p) : strlen(p);
    buf_put(&g->b, p, k);
    newline(g);
    p += k + (nl != NULL);
  }
}

char *gen_report(const xxgk_doc *d, gen_rendition r, size_t *n) {
  gen g = {{0}, r, 0, 0, NULL};
  if (r == GEN_BOM_CRLF)
    buf_puts(&g.b, "\xEF\xBB\xBF");
  if (xxgk_doc_title(d)) {
    text_line(&g, xxgk_doc_title(d));
  } else {
    buf_printf(&g.b, "%s%d年政府信息公开工作年度报告",
               xxgk_doc_agency(d) ? xxgk_doc_agency(d) : "",
               xxgk_doc_year(d));
    newline(&g);
  }
  newline(&g);
  heading(&g, 0);
  section(&g, d, XXGK_SEC_OVERVIEW,
          "本年度，本机关认真贯彻落实《中华人民共和国政府信息公开条例》。");
  heading(&g, 1);
  table_active(&g, d);
  heading(&g, 2);
  table_applications(&g, d);
  heading(&g, 3);
  table_reviews(&g, d);
  heading(&g, 4);
  section(&g, d, XXGK_SEC_PROBLEMS, "存在的问题是公开的及时性还需提高。");
  heading(&g, 5);
  if (xxgk_doc_section(d, XXGK_SEC_OTHER))
    section(&g, d, XXGK_SEC_OTHER, "");
  else
    fees_text(&g, d);
  if (r != GEN_GBK) {
    *n = g.b.len;
    return buf_detach(&g.b);
  }
  /* GB18030: every character of a report exists there. */
  iconv_t cd = iconv_open("GB18030", "UTF-8");
  size_t cap = g.b.len * 2 + 16, left = g.b.len, room = cap;
  char *out = malloc(cap), *o = out, *in = g.b.data;
  if (cd == (iconv_t)-1 || !out ||
      iconv(cd, &in, &left, &o, &room) == (size_t)-1) {
    free(out);
    out = NULL;
  }
  if (cd != (iconv_t)-1)
    iconv_close(cd);
  buf_free(&g.b);
  *n = out ? (size_t)(o - out) : 0;
  return out;
}
