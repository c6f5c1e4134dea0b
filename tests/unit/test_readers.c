/*
 * test_readers.c — reports as published: every sample report as an HTML
 * page, a DOCX and a PDF (tests/fixtures, made by make-fixtures.sh) reads
 * to its .expected.json, every field; the real WPS PDF huaian-2024.pdf
 * too; the hard cases (a table split in two, nested layout tables, &nbsp;
 * cells, a GBK page, a WPS-like DOCX with vMerge labels, an old .doc);
 * content sniffing; the grid and provenance of small hand-written tables;
 * and the limits.
 */
#include "docutil.h"
#include "harness.h"
#include "reader.h"

#include <stdlib.h>
#include <unistd.h>

static const char *data_dir, *fix_dir;

/* Reads dir/name; NULL (and a failed check) if it cannot. */
static char *load(const char *dir, const char *name, size_t *n) {
  char path[4096];
  snprintf(path, sizeof path, "%s/%s", dir, name);
  char *s = read_file(path, n);
  CHECK(s != NULL, "cannot read %s", path);
  return s;
}

/* The title with its ASCII spaces removed: a PDF cannot tell a printed
 * "2023 年" from a gap between font runs, and the reader joins them. */
static void squeeze(const char *s, char *out, size_t cap) {
  size_t k = 0;
  for (; s && *s && k + 1 < cap; s++)
    if (*s != ' ')
      out[k++] = *s;
  out[k] = 0;
}

static void print_diags(const xxgk_doc *d, const char *what) {
  for (size_t i = 0; i < xxgk_doc_n_diags(d); i++)
    if (xxgk_doc_diag(d, i)->severity >= XXGK_SEV_WARNING)
      fprintf(stderr, "  %s: %s\n", what, xxgk_doc_diag(d, i)->message);
}

/* Reads fixture `file` and compares it with sample `sample`'s expected
 * document. Returns the document read (the caller frees it). */
static xxgk_doc *expect_same(const char *dir, const char *file,
                             const char *sample, int pdf) {
  size_t n;
  char *s = load(dir, file, &n);
  xxgk_doc *want = load_expected(data_dir, sample);
  CHECK(want != NULL, "no expected JSON for %s", sample);
  if (!s || !want) {
    free(s);
    xxgk_doc_free(want);
    return NULL;
  }
  xxgk_doc *got;
  xxgk_status st = xxgk_read(s, n, &got);
  CHECK(st == XXGK_OK, "%s: status %s", file, xxgk_strerror(st));
  if (pdf) {
    char a[512], b[512];
    squeeze(xxgk_doc_title(want), a, sizeof a);
    squeeze(xxgk_doc_title(got), b, sizeof b);
    CHECK_STR(b, a);
    xxgk_doc_set_title(got, xxgk_doc_title(want));
  }
  CHECK(doc_diff(want, got, file) == 0, "%s differs from %s", file, sample);
  CHECK(xxgk_doc_count(got, XXGK_SEV_WARNING) == 0, "%s: %zu warnings", file,
        xxgk_doc_count(got, XXGK_SEV_WARNING));
  print_diags(got, file);
  CHECK(xxgk_check(got) == 0, "%s: check finds errors", file);
  xxgk_doc_free(want);
  free(s);
  return got;
}

/* ## Every sample in every published rendition */

static void samples(void) {
  static const char *const EXT[] = {"html", "docx", "pdf"};
  for (size_t i = 0; i < N_SAMPLES; i++)
    for (int e = 0; e < 3; e++) {
      char file[256];
      snprintf(file, sizeof file, "%s.%s", SAMPLES[i], EXT[e]);
      xxgk_doc_free(expect_same(fix_dir, file, SAMPLES[i], e == 2));
    }
}

/* The real PDF written by WPS: every field, the title exactly, and
 * provenance by page. */
static void huaian(void) {
  xxgk_doc *d = expect_same(data_dir, "huaian-2024.pdf", "huaian-2024", 0);
  if (!d)
    return;
  int row, col;
  CHECK_INT(xxgk_dict_find_key("applications.total.total", XXGK_FORMAT_2021,
                               &row, &col),
            0);
  const xxgk_cell *c = xxgk_doc_cell(d, row, col);
  char where[128];
  xxgk_doc_where(d, c->line, c->col, where, sizeof where);
  CHECK(strncmp(where, "第5页第", strlen("第5页第")) == 0,
        "huaian total at \"%s\", want page 5", where);
  xxgk_doc_free(d);
}

/* ## Hard cases */

static void hard_cases(void) {
  const char *nankai = "tianjin-nankai-2023", *jinghai =
                                                   "tianjin-jinghai-office-2019";
  xxgk_doc_free(expect_same(fix_dir, "nankai-split.html", nankai, 0));
  xxgk_doc_free(expect_same(fix_dir, "nankai-layout.html", nankai, 0));
  xxgk_doc_free(expect_same(fix_dir, "jinghai-gbk.html", jinghai, 0));
  xxgk_doc_free(expect_same(fix_dir, "nankai-wps.docx", nankai, 0));

  /* &nbsp; zeros inside a row are blank cells, counted 0 with a notice. */
  xxgk_doc *d = expect_same(fix_dir, "nankai-nbsp.html", nankai, 0);
  if (d) {
    int row, col;
    xxgk_dict_find_key("applications.carried_over.commercial",
                       XXGK_FORMAT_2021, &row, &col);
    CHECK_INT(xxgk_doc_cell(d, row, col)->state, XXGK_CELL_BLANK);
    int noted = 0;
    for (size_t i = 0; i < xxgk_doc_n_diags(d); i++)
      noted |= strstr(xxgk_doc_diag(d, i)->message, "空白") != NULL;
    CHECK(noted, "nbsp: no notice of blank cells");
    xxgk_doc_free(d);
  }

  /* Old .doc: converted when LibreOffice is installed, else refused with
   * how to convert. */
  int have_soffice = system("command -v soffice >/dev/null 2>&1") == 0;
  if (have_soffice) {
    xxgk_doc_free(expect_same(fix_dir, "jinghai.doc", jinghai, 0));
  } else {
    size_t n;
    char *s = load(fix_dir, "jinghai.doc", &n);
    xxgk_doc *g;
    CHECK_INT(xxgk_read(s ? s : "", s ? n : 0, &g), XXGK_E_ENCODING);
    CHECK(xxgk_doc_n_diags(g) > 0 &&
              strstr(xxgk_doc_diag(g, 0)->message, "另存为"),
          "doc without LibreOffice: no advice");
    xxgk_doc_free(g);
    free(s);
  }
}

/* ## PDF tables with cells printed empty (make-pdf-blanks.sh) */

/* Compares the tables of got with want's cells: returns the cells read
 * with another number (never allowed), and counts those read and null. */
static int wrong_cells(const xxgk_doc *want, const xxgk_doc *got,
                       const char *what, int *right, int *null) {
  int wrong = 0;
  *right = *null = 0;
  for (int i = 0; i < xxgk_dict_n_rows(); i++)
    for (int c = 0; c < xxgk_dict_row(i)->n_cols; c++) {
      const xxgk_cell *a = xxgk_doc_cell(want, i, c),
                      *b = xxgk_doc_cell(got, i, c);
      if (!a || a->state == XXGK_CELL_ABSENT)
        continue;
      if (!b || b->state == XXGK_CELL_ABSENT) {
        (*null)++;
      } else if (xxgk_num_cmp(a->num, b->num) == 0) {
        (*right)++;
      } else {
        char key[128];
        xxgk_dict_key(i, c, key, sizeof key);
        fprintf(stderr, "%s: %s read wrong\n", what, key);
        wrong++;
      }
    }
  return wrong;
}

static const xxgk_cell *cell_at(const xxgk_doc *d, const char *key) {
  int row, col;
  if (xxgk_dict_find_key(key, xxgk_doc_format(d), &row, &col) != 0)
    return NULL;
  return xxgk_doc_cell(d, row, col);
}

/* Reads fixture file; the sample's expected document in *want. */
static xxgk_doc *read_fixture(const char *file, const char *sample,
                              xxgk_doc **want) {
  size_t n;
  char *s = load(fix_dir, file, &n);
  *want = load_expected(data_dir, sample);
  xxgk_doc *got;
  xxgk_read(s ? s : "", s ? n : 0, &got);
  free(s);
  return got;
}

static void pdf_blanks(void) {
  /* 0 printed empty in the first or last cell of table 3's rows: read
   * exactly, from the columns pdftotext gives each page, every blank
   * noted with its page and line. */
  static const char *const EDGES[][2] = {
      {"laocheng-edges.pdf", "laocheng-2023"},
      {"nankai-edges.pdf", "tianjin-nankai-2023"},
      {"jinghai-edges.pdf", "tianjin-jinghai-office-2019"}};
  for (size_t i = 0; i < sizeof EDGES / sizeof *EDGES; i++) {
    xxgk_doc *d = expect_same(fix_dir, EDGES[i][0], EDGES[i][1], 1);
    if (!d)
      continue;
    int blanks = 0, noted = 0;
    for (int r = 0; r < xxgk_dict_n_rows(); r++)
      for (int c = 0; c < xxgk_dict_row(r)->n_cols; c++) {
        const xxgk_cell *x = xxgk_doc_cell(d, r, c);
        blanks += x && x->state == XXGK_CELL_BLANK;
      }
    for (size_t k = 0; k < xxgk_doc_n_diags(d); k++) {
      const char *m = xxgk_doc_diag(d, k)->message;
      noted += strstr(m, "印为空白") && strncmp(m, "第", 3) == 0 &&
               strstr(m, "页第") && strstr(m, "在数据列中");
    }
    CHECK(blanks > 0 && noted == blanks, "%s: %d blank cells, %d noted",
          EDGES[i][0], blanks, noted);
    xxgk_doc_free(d);
  }
  xxgk_doc *want, *d = read_fixture("laocheng-edges.pdf", "laocheng-2023",
                                    &want);
  const xxgk_cell *c = cell_at(d, "applications.partially_granted.total");
  CHECK(c && c->state == XXGK_CELL_BLANK, "laocheng: 总计 printed empty");
  xxgk_doc_free(d);
  xxgk_doc_free(want);

  /* Rows of zeros printed wholly empty stay unread: no row is invented. */
  int right, null;
  d = read_fixture("laocheng-blank-rows.pdf", "laocheng-2023", &want);
  CHECK_INT(wrong_cells(want, d, "blank rows", &right, &null), 0);
  c = cell_at(d, "applications.partially_granted.natural_person");
  CHECK(c && c->state == XXGK_CELL_ABSENT, "blank row read");
  c = cell_at(d, "applications.granted.total");
  CHECK(c && c->state == XXGK_CELL_VALUE, "a printed row not read");
  CHECK(null == 12 * 7, "blank rows: %d cells null, want 84", null);
  xxgk_doc_free(d);
  xxgk_doc_free(want);

  /* Every 0 empty: the rows on the page with neither a full row nor a
   * header are read by the words' boxes (the columns stand where they
   * stood on the page before); only the six rows of zeros printed wholly
   * empty stay unread. */
  d = read_fixture("nankai-zeros.pdf", "tianjin-nankai-2023", &want);
  CHECK_INT(wrong_cells(want, d, "zeros", &right, &null), 0);
  CHECK(null == 6 * 7, "zeros: %d right, %d null, want 42", right, null);
  c = cell_at(d, "applications.total.total");
  CHECK(c && c->state == XXGK_CELL_VALUE, "zeros: page 3 not read");
  xxgk_doc_free(d);
  xxgk_doc_free(want);

  /* A column the table does not print is not a column of blanks. */
  d = read_fixture("laocheng-no-column.pdf", "laocheng-2023", &want);
  CHECK_INT(wrong_cells(want, d, "no column", &right, &null), 0);
  c = cell_at(d, "applications.received.total");
  CHECK(c && c->state == XXGK_CELL_ABSENT, "no column: row read");
  CHECK(xxgk_doc_count(d, XXGK_SEV_ERROR) > 0, "no column: no error");
  xxgk_doc_free(d);
  xxgk_doc_free(want);
}

/* ## The column model on page text laid out by hand */

/* What pdf_cols.c hands on: the lines, and the blanks' names. */
typedef struct {
  buf text;
  buf names;
} handed;

static void collect(void *ctx, uint32_t page, const char *s, size_t n,
                    const pdf_blank *b, size_t nb) {
  handed *h = ctx;
  (void)page;
  buf_put(&h->text, s, n);
  buf_putc(&h->text, '\n');
  for (size_t i = 0; i < nb; i++) {
    buf_puts(&h->names, b[i].name);
    buf_putc(&h->names, ' ');
  }
}

/* A row as pdftotext lays it out: the label, then cell j starting at
 * character column 30 + 9j (a CJK ideograph is one column), "" for an
 * empty cell; NULL cells are left out. */
static char *row_at(const char *label, const char *const *cells, int n,
                    int shift) {
  buf b = {0};
  buf_puts(&b, label);
  size_t chars = 0;
  for (int j = -1; j < n; j++) {
    const char *t = j < 0 ? label : cells[j];
    if (!t || !*t)
      continue;
    for (size_t want = j < 0 ? 0 : 30 + 9 * (size_t)j + (size_t)shift;
         chars < want; chars++)
      buf_putc(&b, ' ');
    if (j >= 0)
      buf_puts(&b, t);
    for (; *t; t++)
      chars += ((unsigned char)*t & 0xC0) != 0x80;
  }
  return buf_detach(&b);
}

static void pdf_columns(void) {
  typedef const char *const cells[7];
  static cells FULL = {"148", "0", "0", "0", "0", "0", "148"},
               EDGE = {"", "1", "0", "0", "0", "0", ""},
               EDGE_DONE = {"—", "1", "0", "0", "0", "0", "—"},
               ONE = {"", "", "", "7", "", "", ""},
               ONE_DONE = {"—", "—", "—", "7", "—", "—", "—"},
               ACROSS = {"", "", "", "", "123456789012", "", ""},
               BETWEEN = {"", "", "", "", "5", "", ""},
               PROSE = {"149", NULL, NULL, NULL, NULL, NULL, NULL},
               HEAD1 = {"自然人", NULL, NULL, NULL, NULL, NULL, NULL},
               HEAD2 = {NULL, "商业企业", "科研机构", "社会公益组织", NULL,
                        NULL, NULL},
               WRAP1 = {"自然人", "商业企业", "科研", "社会公益组织",
                        "法律服务机构", "其他", "总计"},
               WRAP2 = {NULL, NULL, "机构", NULL, NULL, NULL, NULL},
               NO_RESEARCH = {"5", "1", "", "0", "0", "0", "6"},
               NO_RESEARCH_DONE = {"5", "1", "—", "0", "0", "0", "6"};
  /* Table 4: its five labels three times over one line of 15 numbers. */
  typedef const char *const cells15[15];
  static cells15 T4_HEAD = {
      "结果维持", "结果纠正", "其他结果", "尚未审结", "总计",
      "结果维持", "结果纠正", "其他结果", "尚未审结", "总计",
      "结果维持", "结果纠正", "其他结果", "尚未审结", "总计"},
                 T4 = {"3", "2", "", "", "5", "", "", "", "1", "1", "", "",
                       "", "", ""},
                 T4_DONE = {"3", "2", "—", "—", "5", "—", "—", "—", "1", "1",
                            "—", "—", "—", "—", "—"};
  char *full = row_at("一、本年新收政府信息公开申请数量", FULL, 7, 0);
  char *edge = row_at("二、上年结转政府信息公开申请数量", EDGE, 7, 0);
  char *edge_done = row_at("二、上年结转政府信息公开申请数量", EDGE_DONE, 7, 0);
  /* A label not quite the official one is a row's as the parser's are. */
  char *typo = row_at("  4.保护第三方合发权益", EDGE, 7, 0);
  char *typo_done = row_at("  4.保护第三方合发权益", EDGE_DONE, 7, 0);
  char *one = row_at("            （一）予以公开", ONE, 7, 0);
  char *one_done = row_at("            （一）予以公开", ONE_DONE, 7, 0);
  char *p2_full = row_at("   3.其他", FULL, 7, 4);
  char *p2_edge = row_at("   （七）总计", EDGE, 7, 4);
  char *p2_done = row_at("   （七）总计", EDGE_DONE, 7, 4);
  char *p3_edge = row_at("   （七）总计", EDGE, 7, 4);
  /* A number across two columns, one between two, a row not of table 3. */
  char *across = row_at("  2.重复申请", ACROSS, 7, -2);
  char *between = row_at("  3.要求提供公开出版物", BETWEEN, 7, 5);
  char *prose = row_at("本年度共收到申请，详见下表", PROSE, 7, 0);
  char *head1 = row_at("", HEAD1, 7, 0), *head2 = row_at("", HEAD2, 7, 0);
  /* Page 4: a header whose 科研机构 is wrapped in its cell, no full row. */
  char *wrap1 = row_at("", WRAP1, 7, 1), *wrap2 = row_at("", WRAP2, 7, 1);
  char *unclear = row_at("   3.补正后申请内容仍不明确", NO_RESEARCH, 7, 1);
  char *unclear_done =
      row_at("   3.补正后申请内容仍不明确", NO_RESEARCH_DONE, 7, 1);
  char *t4_head = row_at("", T4_HEAD, 15, 0), *t4 = row_at("", T4, 15, 0);
  char *t4_done = row_at("", T4_DONE, 15, 0);
  const char *const LINES[] = {
      "二、主动公开政府信息情况",
      "行政许可                              0",
      "三、收到和处理政府信息公开申请情况",
      prose,
      head1,
      head2,
      full, edge, typo, one, across, between,
      "   4.无正当理由大量反复申请",
      "\f", /* page 2: no header, the columns shifted */
      p2_full, p2_edge,
      "\f", /* page 3: neither a full row nor a header */
      p3_edge,
      "\f",
      wrap1, "", wrap2, unclear,
      "\f",
      "四、政府信息公开行政复议、行政诉讼情况",
      "行政复议                      行政诉讼",
      t4_head, t4};
  handed h = {{0}, {0}};
  pdf_cols *c = pdfcols_new(collect, &h, NULL);
  uint32_t page = 1;
  for (size_t i = 0; i < sizeof LINES / sizeof *LINES; i++)
    if (LINES[i][0] == '\f')
      page++;
    else
      pdfcols_line(c, page, LINES[i], strlen(LINES[i]));
  pdfcols_finish(c);
  buf want = {0};
  for (size_t i = 0; i < sizeof LINES / sizeof *LINES; i++) {
    if (LINES[i][0] == '\f')
      continue;
    const char *l = LINES[i] == edge      ? edge_done
                    : LINES[i] == typo    ? typo_done
                    : LINES[i] == one     ? one_done
                    : LINES[i] == unclear ? unclear_done
                    : LINES[i] == t4      ? t4_done
                    : LINES[i] == p2_edge ? p2_done
                                          : LINES[i];
    buf_puts(&want, l);
    buf_putc(&want, '\n');
  }
  CHECK_STR(h.text.data, want.data);
  CHECK_STR(h.names.data, "自然人 总计 自然人 总计 自然人 商业企业 科研机构 法律服务机构 其他 "
                          "总计 自然人 总计 科研机构 行政复议·其他结果 "
                          "行政复议·尚未审结 未经复议直接起诉·结果维持 "
                          "未经复议直接起诉·结果纠正 未经复议直接起诉·其他结果 "
                          "复议后起诉·结果维持 复议后起诉·结果纠正 "
                          "复议后起诉·其他结果 复议后起诉·尚未审结 "
                          "复议后起诉·总计 ");
  char *all[] = {full, edge, edge_done, typo, typo_done, one, one_done, p2_full, p2_edge,
                 p2_done, across, between, prose, head1, head2,
                 wrap1, wrap2, unclear, unclear_done, p3_edge,
                 t4_head, t4, t4_done};
  for (size_t i = 0; i < sizeof all / sizeof *all; i++)
    free(all[i]);
  buf_free(&want);
  buf_free(&h.text);
  buf_free(&h.names);
}

/* ## The column model from the words' boxes */

/* The XHTML `pdftotext -bbox-layout` writes for pages of words: each word
 * "x0 y0 x1 text", 10 points high, a NULL ending a page. */
static void bbox_page(buf *b, const char *const *words) {
  buf_puts(b, "<page width=\"595.0\" height=\"842.0\">\n");
  for (const char *const *w = words; *w; w++) {
    double x0, y0, x1;
    int at;
    if (sscanf(*w, "%lf %lf %lf %n", &x0, &y0, &x1, &at) != 3)
      continue;
    char t[200];
    snprintf(t, sizeof t,
             "<word xMin=\"%f\" yMin=\"%f\" xMax=\"%f\" yMax=\"%f\">%s"
             "</word>\n",
             x0, y0, x1, y0 + 10, *w + at);
    buf_puts(b, t);
  }
  buf_puts(b, "</page>\n");
}

static void pdf_boxes_columns(void) {
  /* Page 1: the header, 科研机构 wrapped over the page break; page 2 its
   * tail and rows with no full row anywhere. The page text's character
   * columns put the header far from its numbers, as pdftotext does. */
  static const char *const P1[] = {
      "50 100 250 三、收到和处理政府信息公开申请情况",
      "200 130 230 自然人", "240 130 280 商业企业", "290 130 310 科研",
      "330 130 390 社会公益组织", "400 130 460 法律服务机构",
      "470 130 490 其他", "500 130 520 总计", NULL};
  static const char *const P2[] = {
      "290 20 310 机构",
      "50 50 180 一、本年新收政府信息公开申请数量", "200 50 210 5",
      "240 50 250 1", "500 50 510 6",
      "60 80 170 2.其他法律行政法规禁止", "500 92 510 3", "60 104 80 公开",
      /* a middle piece of a label, its numbers under 自然人 and 总计 */
      "60 120 170 求缴纳费用", "200 120 210 2", "500 120 510 2",
      /* a number between two columns: refused */
      "60 150 170 2.重复申请", "231 150 238 4", "500 150 510 4", NULL};
  static const char *const L1[] = {
      "三、收到和处理政府信息公开申请情况",
      "   自然人 商业企业 科研 社会公益组织 法律服务机构 其他 总计"};
  static const char *const L2[] = {
      "               机构",
      "一、本年新收政府信息公开申请数量            5     1              6",
      "  2.其他法律行政法规禁止",
      "                                             3",
      "  公开",
      "  求缴纳费用   2     2",
      "  2.重复申请      4     4"};
  buf x = {0};
  buf_puts(&x, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<html><body><doc>\n");
  bbox_page(&x, P1);
  bbox_page(&x, P2);
  buf_puts(&x, "</doc></body></html>\n");
  pdf_boxes bx;
  CHECK_INT(pdf_boxes_read(x.data, x.len, &bx), 0);
  CHECK(bx.n_pg == 2 && bx.n_w == 22, "boxes: %zu pages, %zu words",
        bx.n_pg, bx.n_w);
  handed h = {{0}, {0}};
  pdf_cols *c = pdfcols_new(collect, &h, &bx);
  for (size_t i = 0; i < sizeof L1 / sizeof *L1; i++)
    pdfcols_line(c, 1, L1[i], strlen(L1[i]));
  for (size_t i = 0; i < sizeof L2 / sizeof *L2; i++)
    pdfcols_line(c, 2, L2[i], strlen(L2[i]));
  CHECK_INT((int)pdfcols_finish(c), 1); /* 2.重复申请 */
  CHECK(strstr(h.text.data, "一、本年新收政府信息公开申请数量            5     "
                            "1  —  —  —  —  6\n"),
        "boxes: a short row not completed:\n%s", h.text.data);
  CHECK(strstr(h.text.data, "\n  —  —  —  —  —  —                           3\n"),
        "boxes: a lone number not completed:\n%s", h.text.data);
  CHECK(strstr(h.text.data, "  求缴纳费用   2  —  —  —  —  —  2\n"),
        "boxes: a row after a label's middle not completed:\n%s",
        h.text.data);
  CHECK(strstr(h.text.data, "  2.重复申请      4     4\n"),
        "boxes: a number between columns placed:\n%s", h.text.data);
  CHECK_STR(h.names.data, "科研机构 社会公益组织 法律服务机构 其他 自然人 "
                          "商业企业 科研机构 社会公益组织 法律服务机构 其他 "
                          "商业企业 科研机构 社会公益组织 法律服务机构 其他 ");
  pdf_boxes_free(&bx);
  /* Not what pdftotext writes: no boxes, and the rows stay as printed. */
  CHECK_INT(pdf_boxes_read("<page width=\"x\">", 17, &bx), -1);
  CHECK(bx.n_w == 0 && bx.w == NULL, "boxes kept from bad input");
  buf_free(&x);
  buf_free(&h.text);
  buf_free(&h.names);
}

/* ## Sniffing */

/* A string literal and its length, NULs inside included. */
#define S(x) x, sizeof(x) - 1

static void detect(void) {
  struct {
    const char *s;
    size_t n;
    xxgk_input want;
  } T[] = {
      {S("%PDF-1.7\n"), XXGK_IN_PDF},
      {S("junk\n%PDF-1.4"), XXGK_IN_PDF},
      {S("PK\x03\x04...."), XXGK_IN_DOCX},
      {S("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"), XXGK_IN_OLE},
      {S("{\\rtf1\\ansi"), XXGK_IN_RTF},
      {S("\xEF\xBB\xBF  {\"format\": \"2021\"}"), XXGK_IN_JSON},
      {S("<!DOCTYPE html><html>"), XXGK_IN_HTML},
      {S("\n  <TABLE border=1><tr>"), XXGK_IN_HTML},
      {S("\xFF\xFE<\0h\0t\0m\0l\0>\0"), XXGK_IN_HTML},
      {S("<不是标签>一、总体情况"), XXGK_IN_TEXT},
      {S("一、总体情况\n<table>"), XXGK_IN_TEXT},
      {S(""), XXGK_IN_TEXT},
  };
  for (size_t i = 0; i < sizeof T / sizeof *T; i++)
    CHECK(xxgk_detect(T[i].s, T[i].n) == T[i].want, "detect #%zu: %s", i,
          xxgk_input_name(xxgk_detect(T[i].s, T[i].n)));
}

/* ## The grid and provenance, on small tables */

/* Table 3's head and two rows, with the official spans. */
static const char GRID[] =
    "<html><body><h1>某某局2023年政府信息公开工作年度报告</h1>"
    "<p>三、收到和处理政府信息公开申请情况</p>"
    "<table><tr><td colspan=3 rowspan=3>（本列数据的勾稽关系）</td>"
    "<td colspan=7>申请人情况</td></tr>"
    "<tr><td rowspan=2>自然人</td><td colspan=5>法人或其他组织</td>"
    "<td rowspan=2>总计</td></tr>"
    "<tr><td>商业企业</td><td>科研机构</td><td>社会公益组织</td>"
    "<td>法律服务机构</td><td>其他</td></tr>"
    "<tr><td colspan=3>一、本年新收政府信息公开申请数量</td><td>5</td><td>1"
    "</td><td>0</td><td>0</td><td>0</td><td>0</td><td>6</td></tr>"
    /* The edge cells printed empty: blanks, the columns being data. */
    "<tr><td colspan=3>二、上年结转政府信息公开申请数量</td><td>&nbsp;</td>"
    "<td>1</td><td>0</td><td>0</td><td>0</td><td>0</td><td></td></tr>"
    "<tr><td rowspan=2>三、本年度办理结果</td><td colspan=2>（一）予以公开"
    "</td><td>4</td><td>1</td><td>0</td><td>0</td><td>0</td><td>0</td>"
    "<td>5</td></tr>"
    "<tr><td colspan=2>（二）部分公开（区分处理的，只计这一情形，不计其他情形）"
    "</td><td>1</td><td>0</td><td>0</td><td>0</td><td>1</td></tr>"
    "</table></body></html>";

static const xxgk_diag *find_diag(const xxgk_doc *d, const char *text) {
  for (size_t i = 0; i < xxgk_doc_n_diags(d); i++)
    if (strstr(xxgk_doc_diag(d, i)->message, text))
      return xxgk_doc_diag(d, i);
  return NULL;
}

static void grid(void) {
  xxgk_doc *d;
  xxgk_read(GRID, sizeof GRID - 1, &d);
  CHECK_STR(xxgk_doc_title(d), "某某局2023年政府信息公开工作年度报告");
  int row, col;
  xxgk_dict_find_key("applications.granted.total", XXGK_FORMAT_2021, &row,
                     &col);
  const xxgk_cell *c = xxgk_doc_cell(d, row, col);
  CHECK(c && c->state == XXGK_CELL_VALUE, "granted.total read");
  char where[128];
  if (c) {
    xxgk_doc_where(d, c->line, c->col, where, sizeof where);
    /* Row 6 of the table; column 10 of the grid (3 label columns). */
    CHECK_STR(where, "第1个表格第6行第10列");
    CHECK_INT(c->num.mant, 5);
  }
  /* A row's edge cells printed empty in data columns are blanks (0),
   * each with a notice naming its place. */
  static const char *const EDGE[] = {"natural_person", "total"};
  static const char *const PLACE[] = {"第1个表格第5行第4列",
                                      "第1个表格第5行第10列"};
  for (int i = 0; i < 2; i++) {
    char key[64];
    snprintf(key, sizeof key, "applications.carried_over.%s", EDGE[i]);
    xxgk_dict_find_key(key, XXGK_FORMAT_2021, &row, &col);
    c = xxgk_doc_cell(d, row, col);
    CHECK(c && c->state == XXGK_CELL_BLANK && c->num.mant == 0,
          "%s: not a blank", key);
    const xxgk_diag *n = find_diag(d, PLACE[i]);
    CHECK(n && n->severity == XXGK_SEV_NOTICE && strstr(n->message, "按0计"),
          "no notice at %s", PLACE[i]);
  }
  xxgk_dict_find_key("applications.carried_over.commercial", XXGK_FORMAT_2021,
                     &row, &col);
  CHECK_INT(xxgk_doc_cell(d, row, col)->num.mant, 1);
  /* A row narrower than the table (two columns missing, not printed
   * empty) is an error that names the table row, not a text line. */
  const xxgk_diag *g = find_diag(d, "应有7个数字");
  CHECK(g != NULL, "short row reported");
  if (g) {
    CHECK(strstr(g->message, "第1个表格第7行") != NULL, "message: %s",
          g->message);
    xxgk_doc_where(d, g->line, g->col, where, sizeof where);
    CHECK_STR(where, "第1个表格第7行第4列");
  }
  xxgk_doc_free(d);

  /* Text input keeps plain line numbers. */
  xxgk_parse("a\nb\n", 4, &d);
  xxgk_doc_where(d, 2, 3, where, sizeof where);
  CHECK_STR(where, "第2行第3列");
  CHECK_INT(xxgk_doc_where(d, 0, 0, where, sizeof where), 0);
  xxgk_doc_free(d);
}

/* Table 2 with a header per item: a data column is the segment's, not the
 * whole table's. */
static const char ITEMS[] =
    "<html><body><h1>某某局2023年政府信息公开工作年度报告</h1>"
    "<p>二、主动公开政府信息情况</p><table>"
    "<tr><td colspan=4>第二十条第（一）项</td></tr>"
    "<tr><td>信息内容</td><td>本年制发件数</td><td>本年废止件数</td>"
    "<td>现行有效件数</td></tr>"
    "<tr><td>规章</td><td>1</td><td>0</td><td> </td></tr>"
    "<tr><td>行政规范性文件</td><td></td><td>2</td><td>3</td></tr>"
    "<tr><td colspan=4>第二十条第（五）项</td></tr>"
    "<tr><td>信息内容</td><td colspan=3>本年处理决定数量</td></tr>"
    /* Cells left unmerged under a merged header: layout, not data. */
    "<tr><td>行政许可</td><td>5</td><td></td><td></td></tr>"
    "<tr><td colspan=4>第二十条第（六）项</td></tr>"
    "<tr><td>信息内容</td><td colspan=3>本年处理决定数量</td></tr>"
    /* No value at all: nothing says which cells are data; unread. */
    "<tr><td>行政处罚</td><td></td><td></td><td></td></tr>"
    "<tr><td></td><td>行政强制</td><td>7</td></tr>"
    "</table></body></html>";

static void items(void) {
  xxgk_doc *d;
  xxgk_read(ITEMS, sizeof ITEMS - 1, &d);
  static const struct {
    const char *key;
    xxgk_cell_state state;
    int64_t v;
  } WANT[] = {
      {"active.rules.issued", XXGK_CELL_VALUE, 1},
      {"active.rules.in_force", XXGK_CELL_BLANK, 0},
      {"active.normative_documents.issued", XXGK_CELL_BLANK, 0},
      {"active.normative_documents.in_force", XXGK_CELL_VALUE, 3},
      {"active.licensing.decisions", XXGK_CELL_VALUE, 5},
      {"active.punishment.decisions", XXGK_CELL_ABSENT, 0},
      {"active.coercion.decisions", XXGK_CELL_VALUE, 7},
  };
  for (size_t i = 0; i < sizeof WANT / sizeof *WANT; i++) {
    int row, col;
    CHECK_INT(xxgk_dict_find_key(WANT[i].key, XXGK_FORMAT_2021, &row, &col), 0);
    const xxgk_cell *c = xxgk_doc_cell(d, row, col);
    CHECK(c && c->state == WANT[i].state &&
              (c->state == XXGK_CELL_ABSENT || c->num.mant == WANT[i].v),
          "%s: state %d value %lld", WANT[i].key, c ? (int)c->state : -1,
          c ? (long long)c->num.mant : -1LL);
  }
  CHECK(find_diag(d, "未找到“行政处罚”一行") != NULL, "empty row not reported");
  CHECK(find_diag(d, "第1个表格第3行第4列印为空白") != NULL,
        "no notice for the blank 现行有效件数");
  xxgk_doc_free(d);
}

/* Figures spanning columns, as a grid of ruling lines makes them (a scan's
 * table, or a web page's): one figure per cell, no blank between two. */
static const char SPANNED[] =
    "<html><body><h1>某某局2023年政府信息公开工作年度报告</h1>"
    "<p>二、主动公开政府信息情况</p><table>"
    "<tr><td colspan=7>第二十条第（一）项</td></tr>"
    "<tr><td>信息内容</td><td colspan=2>本年制发件数</td><td>本年废止件数</td>"
    "<td colspan=3>现行有效件数</td></tr>"
    "<tr><td>规章</td><td colspan=2>1</td><td>0</td><td colspan=3>11</td></tr>"
    "<tr><td>行政规范性文件</td><td colspan=2>8</td><td>26</td>"
    "<td colspan=3>66</td></tr>"
    "</table></body></html>";

static void spanned(void) {
  xxgk_doc *d;
  xxgk_read(SPANNED, sizeof SPANNED - 1, &d);
  static const struct {
    const char *key;
    int64_t v;
  } WANT[] = {
      {"active.rules.issued", 1},
      {"active.rules.repealed", 0},
      {"active.rules.in_force", 11},
      {"active.normative_documents.issued", 8},
      {"active.normative_documents.repealed", 26},
      {"active.normative_documents.in_force", 66},
  };
  for (size_t i = 0; i < sizeof WANT / sizeof *WANT; i++) {
    const xxgk_cell *c = cell_at(d, WANT[i].key);
    CHECK(c && c->state == XXGK_CELL_VALUE && c->num.mant == WANT[i].v,
          "%s: want %lld, got %s %lld", WANT[i].key, (long long)WANT[i].v,
          c && c->state == XXGK_CELL_VALUE ? "" : "null",
          c ? (long long)c->num.mant : 0LL);
  }
  xxgk_doc_free(d);
}

/* ## Limits and damage */

static void read_expect(const char *s, size_t n, xxgk_status want,
                        const char *msg, const char *what) {
  xxgk_doc *d;
  xxgk_status st = xxgk_read(s, n, &d);
  CHECK(st == want, "%s: status %s, want %s", what, xxgk_strerror(st),
        xxgk_strerror(want));
  CHECK(find_diag(d, msg) != NULL, "%s: no \"%s\"", what, msg);
  xxgk_doc_free(d);
}

static void limits(void) {
  {
    size_t depth = XXGK_MAX_DEPTH + 50;
    char *s = malloc(depth * 5 + 1);
    for (size_t i = 0; i < depth; i++)
      memcpy(s + i * 5, "<div>", 5);
    read_expect(s, depth * 5, XXGK_E_LIMIT, "嵌套超过", "deep HTML");
    free(s);
  }
  {
    const char *cell = "<td colspan=1000>x</td>";
    size_t k = strlen(cell), cells = XXGK_MAX_CELLS / 1000 + 1;
    char *s = malloc(cells * k + 32);
    size_t n = 0;
    memcpy(s, "<table><tr>", 11), n = 11;
    for (size_t i = 0; i < cells; i++, n += k)
      memcpy(s + n, cell, k);
    read_expect(s, n, XXGK_E_LIMIT, "单元格超过", "too many cells");
    free(s);
  }
  { /* many small tags: refused before the tree is built */
    size_t cells = XXGK_MAX_TAGS + 1;
    char *s = malloc(cells * 4 + 16);
    memcpy(s, "<table><tr>", 11);
    for (size_t i = 0; i < cells; i++)
      memcpy(s + 11 + i * 4, "<td>", 4);
    read_expect(s, 11 + cells * 4, XXGK_E_LIMIT, "个标签", "too many tags");
    free(s);
  }
  read_expect("PK\x03\x04\x14\0\0\0", 8, XXGK_E_ENCODING, "不完整",
              "truncated zip");
  read_expect("%PDF-1.4\n%garbage", 17, XXGK_E_ENCODING, "PDF",
              "broken PDF");
  { /* LibreOffice, when installed, imports junk as text: no report. */
    xxgk_doc *d;
    CHECK(xxgk_read("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1garbage", 15, &d) !=
              XXGK_OK,
          "broken .doc read");
    xxgk_doc_free(d);
  }
  read_expect("{\\rtf1 x}", 9, XXGK_E_ENCODING, "RTF", "rtf");
}

int main(int argc, char **argv) {
  data_dir = argc > 1 ? argv[1] : "tests/data";
  fix_dir = argc > 2 ? argv[2] : "tests/fixtures";
  detect();
  grid();
  items();
  spanned();
  samples();
  huaian();
  hard_cases();
  pdf_columns();
  pdf_boxes_columns();
  pdf_blanks();
  limits();
  return h_summary();
}
