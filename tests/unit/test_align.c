/*
 * test_align.c — tables rebuilt from what a rendition kept: labels
 * not quite the official ones, labels moved away from their numbers, cells
 * run together, tables of both formats, notes and page furniture inside
 * tables, and the refusals. Each case edits a small report of made-up
 * figures (written as tab-separated text by tests/gen) into the shape real
 * renditions have, and asserts every cell it touches, how the cell was
 * read, and the message; the negative cases assert null and the error.
 */
#include "docutil.h"
#include "gen.h"
#include "harness.h"

/* ## The report */

/* Made-up figures that satisfy A1, A2, A3 and R1. */
static const struct {
  const char *key;
  int v[7];
} FIGURES[] = {
    {"active.rules", {1, 0, 5}},
    {"active.normative_documents", {3, 1, 20}},
    {"active.licensing", {2293}},
    {"active.punishment", {15}},
    {"active.coercion", {0}},
    {"active.fees", {12}},
    {"applications.received", {23, 1, 0, 0, 0, 0, 24}},
    {"applications.carried_over", {2, 0, 0, 0, 0, 0, 2}},
    {"applications.granted", {10, 1, 0, 0, 0, 0, 11}},
    {"applications.partially_granted", {3, 0, 0, 0, 0, 0, 3}},
    {"applications.withheld_security_stability", {1, 0, 0, 0, 0, 0, 1}},
    {"applications.withheld_third_party_rights", {2, 0, 0, 0, 0, 0, 2}},
    {"applications.unable_not_held", {5, 0, 0, 0, 0, 0, 5}},
    {"applications.not_processed_duplicate", {1, 0, 0, 0, 0, 0, 1}},
    {"applications.other_other", {2, 0, 0, 0, 0, 0, 2}},
    {"applications.total", {24, 1, 0, 0, 0, 0, 25}},
    {"applications.carried_forward", {1, 0, 0, 0, 0, 0, 1}},
    {"reviews.administrative_review", {1, 0, 0, 1, 2}},
    {"reviews.litigation_direct", {0, 1, 0, 0, 1}},
};

static xxgk_doc *figures(void) {
  xxgk_doc *d = xxgk_doc_new(XXGK_FORMAT_2021);
  xxgk_doc_set_year(d, 2023);
  xxgk_doc_set_title(d, "某县人民政府2023年政府信息公开工作年度报告");
  xxgk_doc_set_agency(d, "某县人民政府");
  for (int i = 0; i < xxgk_dict_n_rows(); i++) {
    const xxgk_row_def *r = xxgk_dict_row(i);
    if (!(r->formats & XXGK_FORMAT_2021) || r->table == XXGK_T_FEES)
      continue;
    char key[128];
    snprintf(key, sizeof key, "%s.%s", xxgk_dict_table(r->table)->key,
             r->key);
    const int *v = NULL;
    for (size_t k = 0; k < sizeof FIGURES / sizeof FIGURES[0]; k++)
      if (strcmp(FIGURES[k].key, key) == 0)
        v = FIGURES[k].v;
    for (int c = 0; c < r->n_cols; c++) {
      xxgk_cell cell = {{v ? v[c] : 0, 0}, XXGK_CELL_VALUE, 0, 0,
                        XXGK_HOW_PLAIN};
      xxgk_doc_set_cell(d, i, c, &cell);
    }
  }
  return d;
}

static char *report(gen_rendition r) {
  xxgk_doc *d = figures();
  size_t n;
  char *t = gen_report(d, r, &n);
  xxgk_doc_free(d);
  return t;
}

/* Replaces the first occurrence of `from` in text (malloc'd) by `to`. */
static char *replace(char *text, const char *from, const char *to) {
  int found;
  text = text_replace(text, from, to, &found);
  CHECK(found, "no \"%s\" in the text", from);
  return text;
}

/* The tables as a crawler's textContent gives them: every cell of a row
 * run together, from the line starting with `from` to the line before
 * `to`. */
static char *run_together(char *text, const char *from, const char *to) {
  char *a = strstr(text, from), *b = a ? strstr(a, to) : NULL;
  CHECK(a && b, "no \"%s\" … \"%s\"", from, to);
  if (!a || !b)
    return text;
  for (char *s = a, *w = a; s <= b; s++) {
    if (s == b) { /* close the gap the tabs left */
      memmove(w, b, strlen(b) + 1);
      break;
    }
    if (*s != '\t')
      *w++ = *s;
  }
  return text;
}

/* ## What was read */

static xxgk_doc *parse(const char *text, xxgk_status *st) {
  xxgk_doc *d;
  *st = xxgk_parse(text, strlen(text), &d);
  if (getenv("XXGK_TEST_VERBOSE")) { /* what a failing case read */
    fputs(text, stderr);
    for (size_t i = 0; i < xxgk_doc_n_diags(d); i++)
      fprintf(stderr, "  %u: %s\n", xxgk_doc_diag(d, i)->line,
              xxgk_doc_diag(d, i)->message);
  }
  return d;
}

/* The row's seven (or five, three) cells as "a,b,c…". */
static const char *row_values(const xxgk_doc *d, const char *row_key) {
  static char s[256];
  s[0] = 0;
  for (int i = 0; i < xxgk_dict_n_rows(); i++) {
    const xxgk_row_def *r = xxgk_dict_row(i);
    char key[128];
    snprintf(key, sizeof key, "%s.%s", xxgk_dict_table(r->table)->key,
             r->key ? r->key : "");
    if (strcmp(key, row_key) != 0 || !xxgk_doc_has_row(d, i))
      continue;
    for (int c = 0; c < r->n_cols; c++) {
      char k[160];
      snprintf(k, sizeof k, "%s.%s", row_key, r->cols[c].key);
      strcat(s, c ? "," : "");
      strcat(s, doc_value(d, k));
    }
  }
  return s;
}

static int has_rule(const xxgk_doc *d, const char *rule) {
  for (size_t i = 0; i < xxgk_doc_n_diags(d); i++)
    if (strcmp(xxgk_doc_diag(d, i)->rule, rule) == 0)
      return 1;
  return 0;
}

/* ## The classes */

static void plain(void) {
  char *t = report(GEN_TSV);
  xxgk_status st;
  xxgk_doc *d = parse(t, &st);
  CHECK_INT(st, XXGK_OK);
  CHECK_STR(row_values(d, "applications.received"), "23,1,0,0,0,0,24");
  CHECK_STR(row_values(d, "reviews.administrative_review"), "1,0,0,1,2");
  CHECK_INT(doc_how(d, "applications.received.total"), XXGK_HOW_PLAIN);
  CHECK_INT(xxgk_check(d), 0);
  char *json = xxgk_render(d, XXGK_OUT_JSON);
  CHECK(strstr(json, "\"inferred\": []") != NULL, "nothing inferred");
  xxgk_free(json);
  xxgk_doc_free(d);
  free(t);
}

/* Class 2: labels with a character dropped, swapped or misread. */
static void near_labels(void) {
  char *t = report(GEN_TSV);
  t = replace(t, "4.保护第三方合法权益", "4.保户第三方合法权益");
  t = replace(t, "5.要求行政机关确认或重新出具已获取信息",
              "5.要求行政机关确认或重新出具己获取信息");
  t = replace(t, "\n行政复议", "\n行政复仪");
  xxgk_status st;
  xxgk_doc *d = parse(t, &st);
  CHECK_INT(st, XXGK_OK);
  CHECK_STR(row_values(d, "applications.withheld_third_party_rights"),
            "2,0,0,0,0,0,2");
  CHECK_INT(doc_how(d, "applications.withheld_third_party_rights.total"),
            XXGK_HOW_NEAR_MATCH);
  CHECK(doc_has_diag(d, XXGK_SEV_NOTICE,
                 "与“4.保护第三方合法权益”相差1个字"),
        "the near label is named");
  CHECK_STR(row_values(d, "applications.not_processed_confirmation"),
            "0,0,0,0,0,0,0");
  CHECK_INT(doc_how(d, "applications.not_processed_confirmation.natural_person"),
            XXGK_HOW_NEAR_MATCH);
  CHECK_STR(row_values(d, "reviews.administrative_review"), "1,0,0,1,2");
  CHECK_INT(doc_how(d, "reviews.litigation_direct.corrected"),
            XXGK_HOW_NEAR_MATCH);
  CHECK_INT(xxgk_check(d), 0);
  xxgk_doc_free(d);
  free(t);

  /* Equally near the two rows that may come next: neither. */
  t = report(GEN_TSV);
  t = replace(t, "三、本年度办理结果\t（一）予以公开", "三、本年度办理结果\t部以公开");
  d = parse(t, &st);
  CHECK_INT(st, XXGK_E_INCOMPLETE);
  CHECK(doc_has_diag(d, XXGK_SEV_ERROR, "同样接近"), "a tie is an error");
  CHECK_STR(doc_value(d, "applications.granted.total"), "null");
  CHECK_STR(doc_value(d, "applications.partially_granted.total"), "3");
  xxgk_doc_free(d);
  free(t);

  /* Far from every row: no near match; the numbers stand where the
   * template has row 4, between rows 3 and 5 read plainly, and are read
   * as such, saying so. */
  t = report(GEN_TSV);
  t = replace(t, "4.保护第三方合法权益", "4.保护当事人利益");
  d = parse(t, &st);
  CHECK_INT(st, XXGK_OK);
  CHECK_STR(doc_value(d, "applications.withheld_third_party_rights.total"), "2");
  CHECK_INT(doc_how(d, "applications.withheld_third_party_rights.total"),
            XXGK_HOW_ALIGNED);
  xxgk_doc_free(d);
  free(t);
}

/* Class 4: labels moved away from their numbers. */
static void moved_labels(void) {
  /* A label followed by two rows' numbers; the next label alone. */
  char *t = report(GEN_TSV);
  t = replace(t, "1\t0\t0\t0\t0\t0\t1\n4.保护第三方合法权益\t2\t0\t0\t0\t0\t0\t2",
              "1\t0\t0\t0\t0\t0\t1\t2\t0\t0\t0\t0\t0\t2\n4.保护第三方合法权益");
  xxgk_status st;
  xxgk_doc *d = parse(t, &st);
  CHECK_INT(st, XXGK_OK);
  CHECK_STR(row_values(d, "applications.withheld_security_stability"),
            "1,0,0,0,0,0,1");
  CHECK_STR(row_values(d, "applications.withheld_third_party_rights"),
            "2,0,0,0,0,0,2");
  CHECK_INT(doc_how(d, "applications.withheld_third_party_rights.natural_person"),
            XXGK_HOW_ALIGNED);
  CHECK(doc_has_diag(d, XXGK_SEV_NOTICE, "按本表各行的顺序和格数对齐读取"),
        "alignment said");
  CHECK_INT(xxgk_check(d), 0);
  char *json = xxgk_render(d, XXGK_OUT_JSON);
  CHECK(strstr(json, "{\"key\": "
                     "\"applications.withheld_third_party_rights.total\", "
                     "\"how\": \"aligned\"") != NULL,
        "the JSON lists the aligned cell");
  xxgk_free(json);
  char *md = xxgk_render(d, XXGK_OUT_MARKDOWN);
  CHECK(strstr(md, "| 2\\* |") != NULL && strstr(md, "推断所得") != NULL,
        "Markdown marks the aligned cells");
  xxgk_free(md);
  xxgk_doc_free(d);
  free(t);

  /* Numbers before their labels, each row on its line: the label cell
   * printed last. */
  t = report(GEN_TSV);
  t = replace(t, "3.危及“三安全一稳定”\t1\t0\t0\t0\t0\t0\t1\n4.保护第三方合法权益\t2\t0"
                 "\t0\t0\t0\t0\t2",
              "1\t0\t0\t0\t0\t0\t1\t3.危及“三安全一稳定”\n2\t0\t0\t0\t0\t0\t2\t4."
              "保护第三方合法权益");
  d = parse(t, &st);
  CHECK_INT(st, XXGK_OK);
  CHECK_STR(row_values(d, "applications.withheld_security_stability"),
            "1,0,0,0,0,0,1");
  CHECK_STR(row_values(d, "applications.withheld_third_party_rights"),
            "2,0,0,0,0,0,2");
  CHECK_INT(doc_how(d, "applications.withheld_third_party_rights.total"),
            XXGK_HOW_ALIGNED);
  xxgk_doc_free(d);
  free(t);

  /* A group label fused into the numbers' line, the row label lost. */
  t = report(GEN_TSV);
  t = replace(t, "（三）不予公开\t1.属于国家秘密\t", "（三）不予公开\t");
  d = parse(t, &st);
  CHECK_INT(st, XXGK_OK);
  CHECK_STR(row_values(d, "applications.withheld_state_secret"),
            "0,0,0,0,0,0,0");
  CHECK_INT(doc_how(d, "applications.withheld_state_secret.total"),
            XXGK_HOW_ALIGNED);
  xxgk_doc_free(d);
  free(t);

  /* Two rows whose labels are lost and one row of numbers: which row they
   * are is open, so neither is read. */
  t = report(GEN_TSV);
  t = replace(t, "2.重复申请\t1\t0\t0\t0\t0\t0\t1\n3.要求提供公开出版物\t0\t0\t0\t0\t0"
                 "\t0\t0\n",
              "1\t0\t0\t0\t0\t0\t1\n");
  d = parse(t, &st);
  CHECK_INT(st, XXGK_E_INCOMPLETE);
  CHECK(doc_has_diag(d, XXGK_SEV_ERROR, "可以按多种方式对应"), "ambiguity said");
  CHECK_STR(doc_value(d, "applications.not_processed_duplicate.total"), "null");
  CHECK_STR(doc_value(d, "applications.not_processed_publication.total"), "null");
  xxgk_doc_free(d);
  free(t);

  /* A row one number short next to rows read plainly: not aligned into
   * its neighbours, refused as before. */
  t = report(GEN_TSV);
  t = replace(t, "2.重复申请\t1\t0\t0\t0\t0\t0\t1", "2.重复申请\t1\t0\t0\t0\t0\t1");
  d = parse(t, &st);
  CHECK_INT(st, XXGK_E_INCOMPLETE);
  CHECK(doc_has_diag(d, XXGK_SEV_ERROR, "“2.重复申请”一行应有7个数字"),
        "wrong count said");
  CHECK_STR(doc_value(d, "applications.not_processed_duplicate.total"), "null");
  CHECK_STR(doc_value(d, "applications.not_processed_publication.total"), "0");
  xxgk_doc_free(d);
  free(t);

  /* Separated cells are read as printed: a wrong total stays, and the
   * checker reports it. */
  t = report(GEN_TSV);
  t = replace(t, "（一）予以公开\t10\t1\t0\t0\t0\t0\t11",
              "（一）予以公开\t10\t1\t0\t0\t0\t0\t12");
  d = parse(t, &st);
  CHECK_INT(st, XXGK_OK);
  CHECK_STR(doc_value(d, "applications.granted.total"), "12");
  CHECK(xxgk_check(d) > 0, "the wrong total is found");
  CHECK(has_rule(d, "A3") && has_rule(d, "A2"), "A3 and A2 report it");
  xxgk_doc_free(d);
  free(t);
}

/* Class 5: cells run together. */
static void run_together_cells(void) {
  char *t = report(GEN_TSV);
  t = run_together(t, "规章", "三、收到");
  t = run_together(t, "一、本年新收", "四、政府信息公开行政复议");
  CHECK(strstr(t, "一、本年新收政府信息公开申请数量231000024\n") != NULL,
        "the rows are run together: %.200s",
        strstr(t, "一、本年新收") ? strstr(t, "一、本年新收") : "");
  xxgk_status st;
  xxgk_doc *d = parse(t, &st);
  CHECK_INT(st, XXGK_E_INCOMPLETE); /* 行政规范性文件, below */
  CHECK_STR(row_values(d, "applications.received"), "23,1,0,0,0,0,24");
  CHECK_INT(doc_how(d, "applications.received.natural_person"),
            XXGK_HOW_SPLIT_BY_SUM);
  CHECK_STR(row_values(d, "applications.total"), "24,1,0,0,0,0,25");
  CHECK_STR(row_values(d, "applications.carried_forward"), "1,0,0,0,0,0,1");
  CHECK_STR(doc_value(d, "active.licensing.decisions"), "2293");
  CHECK_INT(doc_how(d, "active.licensing.decisions"), XXGK_HOW_PLAIN);
  CHECK_STR(row_values(d, "active.rules"), "1,0,5"); /* only one split */
  CHECK(doc_has_diag(d, XXGK_SEV_NOTICE, "按本行的格数和合计拆分读取"),
        "the split is said");
  /* 3,1,20 splits as 3,1,20 or 3,12,0 or 31,2,0: no sum to decide. */
  CHECK_STR(doc_value(d, "active.normative_documents.issued"), "null");
  CHECK(doc_has_diag(d, XXGK_SEV_ERROR, "3,1,20；3,12,0；31,2,0"),
        "the fitting splits are listed");
  xxgk_doc_free(d);
  free(t);

  /* A row enumerator run into the digits before its label. */
  t = report(GEN_TSV);
  t = run_together(t, "（三）不予公开", "（四）无法提供");
  t = replace(t, "\n2.其他法律", "2.其他法律");
  CHECK(strstr(t, "00000002.其他法律") != NULL, "the enumerator is glued");
  d = parse(t, &st);
  CHECK_INT(st, XXGK_OK);
  CHECK_STR(row_values(d, "applications.withheld_state_secret"),
            "0,0,0,0,0,0,0");
  CHECK_STR(row_values(d, "applications.withheld_prohibited_by_law"),
            "0,0,0,0,0,0,0");
  xxgk_doc_free(d);
  free(t);

  /* Several splits fit the row's own sum: the table's column sums (A1,
   * A2), every other cell of them read, leave one. */
  t = report(GEN_TSV);
  t = replace(t, "（一）予以公开\t10\t1\t0\t0\t0\t0\t11", "（一）予以公开101000011");
  d = parse(t, &st);
  CHECK_INT(st, XXGK_OK);
  CHECK_STR(row_values(d, "applications.granted"), "10,1,0,0,0,0,11");
  CHECK_INT(doc_how(d, "applications.granted.natural_person"),
            XXGK_HOW_SPLIT_BY_SUM);
  CHECK(doc_has_diag(d, XXGK_SEV_NOTICE, "按本表各列的合计（A1、A2）只有一种相符"),
        "the column sums' decision is said");
  CHECK_INT(xxgk_check(d), 0);
  xxgk_doc_free(d);
  free(t);

  /* … but not when the publisher's column sum is wrong elsewhere: no split
   * is made to fit it; null, and the splits listed. */
  t = report(GEN_TSV);
  t = replace(t, "（一）予以公开\t10\t1\t0\t0\t0\t0\t11", "（一）予以公开101000011");
  t = replace(t, "2.重复申请\t1\t0\t0\t0\t0\t0\t1", "2.重复申请\t5\t0\t0\t0\t0\t0\t5");
  d = parse(t, &st);
  CHECK_INT(st, XXGK_E_INCOMPLETE);
  CHECK_STR(doc_value(d, "applications.granted.total"), "null");
  CHECK(doc_has_diag(d, XXGK_SEV_ERROR, "10,1,0,0,0,0,11"), "splits listed");
  xxgk_doc_free(d);
  free(t);

  /* A wrong printed total run together: no split fits, nothing is made
   * to fit. */
  t = report(GEN_TSV);
  t = replace(t, "一、本年新收政府信息公开申请数量\t23\t1\t0\t0\t0\t0\t24",
              "一、本年新收政府信息公开申请数量231000025");
  d = parse(t, &st);
  CHECK_INT(st, XXGK_E_INCOMPLETE);
  CHECK_STR(doc_value(d, "applications.received.total"), "null");
  CHECK(doc_has_diag(d, XXGK_SEV_ERROR, "无法分为7格且合计相符"), "no split");
  xxgk_doc_free(d);
  free(t);

  /* Table 4 run together with its header, split group by group (R1). */
  t = report(GEN_TSV);
  t = run_together(t, "行政复议", "五、");
  d = parse(t, &st);
  CHECK_INT(st, XXGK_OK);
  CHECK_STR(row_values(d, "reviews.administrative_review"), "1,0,0,1,2");
  CHECK_STR(row_values(d, "reviews.litigation_direct"), "0,1,0,0,1");
  CHECK_INT(doc_how(d, "reviews.litigation_direct.total"), XXGK_HOW_SPLIT_BY_SUM);
  xxgk_doc_free(d);
  free(t);
}

/* Class 7: notes, page furniture, table 4 laid out oddly. */
static void furniture(void) {
  char *t = report(GEN_TSV);
  t = replace(t, "行政规范性文件\t3\t1\t20", "行政规范性文件\t3\t1\t20（其中新制定9件）");
  t = replace(t, "（二）部分公开", "- 3 -\n某县人民政府办公室\n（二）部分公开");
  xxgk_status st;
  xxgk_doc *d = parse(t, &st);
  CHECK_INT(st, XXGK_OK);
  CHECK_STR(doc_value(d, "active.normative_documents.in_force"), "20");
  CHECK(doc_has_diag(d, XXGK_SEV_NOTICE, "不计入数值"), "the note is said");
  CHECK_STR(row_values(d, "applications.partially_granted"), "3,0,0,0,0,0,3");
  xxgk_doc_free(d);
  free(t);

  /* Table 4 as one line of 15 numbers, and split over two pages with a
   * running header between. */
  t = report(GEN_TSV);
  t = replace(t, "1\t0\t0\t1\t2\t0\t1\t0\t0\t1\t0\t0\t0\t0\t0",
              "1\t0\t0\t1\t2\t0\t1\n- 5 -\n某县人民政府2023年政府信息公开工作年度"
              "报告\n0\t0\t1\t0\t0\t0\t0\t0");
  d = parse(t, &st);
  CHECK_INT(st, XXGK_OK);
  CHECK_STR(row_values(d, "reviews.litigation_direct"), "0,1,0,0,1");
  CHECK_STR(row_values(d, "reviews.litigation_after_review"), "0,0,0,0,0");
  xxgk_doc_free(d);
  free(t);

  /* A flip-book's footer with the page's number between the figures: the
   * page number is not a cell. */
  t = report(GEN_TSV);
  t = replace(t, "1\t0\t0\t1\t2\t0\t1\t0\t0\t1\t0\t0\t0\t0\t0",
              "1 0 0 1 2 0 1 0 0 1\nPage 8 - 2023年报_某县\nP. 8\n0 0 0 0 0");
  d = parse(t, &st);
  CHECK_INT(st, XXGK_OK);
  CHECK_STR(row_values(d, "reviews.litigation_after_review"), "0,0,0,0,0");
  xxgk_doc_free(d);
  free(t);
}

/* Cells printed empty inside a row of a text table: blanks, where they
 * stand between figures; an empty slot after a label is layout. */
static void empty_cells(void) {
  char *t = report(GEN_TSV);
  t = replace(t, "（一）予以公开\t10\t1\t0\t0\t0\t0\t11",
              "（一）予以公开\t10\t1\t\t\t0\t0\t11");
  t = replace(t, "2.重复申请\t1\t0\t0\t0\t0\t0\t1",
              "| 2.重复申请 | | 1 | 0 | 0 | 0 | 0 | 0 | 1 |");
  t = replace(t, "3.要求提供公开出版物\t0\t0\t0\t0\t0\t0\t0",
              "| 3.要求提供公开出版物 | | | | | | | 0 |");
  t = replace(t, "2.没有现成信息需要另行制作\t0", "2.没有现成信息需要另行制作\t\t0");
  t = replace(t, "1\t0\t0\t1\t2\t0\t1\t0\t0\t1",
              "| 1 | 0 | | 1 | 2 | | 1 | 0 | 0 | 1 |");
  xxgk_status st;
  xxgk_doc *d = parse(t, &st);
  CHECK_INT(st, XXGK_OK);
  CHECK_STR(row_values(d, "applications.granted"), "10,1,0,0,0,0,11");
  CHECK_INT(doc_how(d, "applications.granted.research"), XXGK_HOW_BLANK);
  CHECK_INT(doc_how(d, "applications.granted.natural_person"),
            XXGK_HOW_PLAIN);
  CHECK_STR(row_values(d, "applications.not_processed_duplicate"),
            "1,0,0,0,0,0,1"); /* the empty cell: a label column's slot */
  CHECK_STR(row_values(d, "applications.not_processed_publication"),
            "0,0,0,0,0,0,0"); /* the empty cells: the row's six blanks */
  CHECK_INT(doc_how(d, "applications.not_processed_publication.commercial"),
            XXGK_HOW_BLANK);
  CHECK_STR(row_values(d, "applications.unable_needs_creation"),
            "0,0,0,0,0,0,0");
  CHECK_STR(row_values(d, "reviews.administrative_review"), "1,0,0,1,2");
  CHECK_STR(row_values(d, "reviews.litigation_direct"), "0,1,0,0,1");
  CHECK_INT(doc_how(d, "reviews.administrative_review.other"),
            XXGK_HOW_BLANK);
  CHECK_INT(xxgk_check(d), 0);
  xxgk_doc_free(d);
  free(t);
}

/* Class 3: the 2021 table 2 with the 2019 single （六）其他处理 row. */
static void mixed_formats(void) {
  char *t = report(GEN_TSV);
  char *a = strstr(t, "（六）其他处理"), *b = a ? strstr(a, "（七）总计") : NULL;
  CHECK(a && b, "the (六) rows");
  if (!a || !b)
    return;
  memmove(a, b, strlen(b) + 1);
  t = replace(t, "（七）总计", "（六）其他处理\t2\t0\t0\t0\t0\t0\t2\n（七）总计");
  xxgk_status st;
  xxgk_doc *d = parse(t, &st);
  CHECK_INT(st, XXGK_OK);
  CHECK_INT(xxgk_doc_format(d), XXGK_FORMAT_2021);
  CHECK(doc_has_diag(d, XXGK_SEV_WARNING, "本报告混用两种格式"), "mixed said");
  CHECK_STR(row_values(d, "applications.other"), "2,0,0,0,0,0,2");
  CHECK_INT(doc_how(d, "applications.other.total"), XXGK_HOW_FORMAT_MIXED);
  CHECK_STR(doc_value(d, "applications.other_no_correction.total"), "null");
  CHECK_STR(doc_value(d, "applications.other_other.total"), "null");
  CHECK_INT(xxgk_check(d), 0); /* A2 sums the rows printed */
  xxgk_doc_free(d);
  free(t);
}

/* Accurate refusals. */
static void refusals(void) {
  xxgk_status st;
  xxgk_doc *d = parse("一份会议纪要\n今天讨论了3件事。\n", &st);
  CHECK_INT(st, XXGK_E_NOT_REPORT);
  CHECK(doc_has_diag(d, XXGK_SEV_ERROR, "这不像一份政府信息公开工作年度报告"),
        "not a report");
  xxgk_doc_free(d);

  /* Headings and labels but no figures: a report whose tables are named. */
  d = parse("二、主动公开政府信息情况\n规章\n三、收到和处理政府信息公开申请情况\n"
            "（一）予以公开\n",
            &st);
  CHECK_INT(st, XXGK_E_INCOMPLETE);
  CHECK(!doc_has_diag(d, XXGK_SEV_ERROR, "这不像"), "not refused as no report");
  CHECK(doc_has_diag(d, XXGK_SEV_ERROR,
                 "未找到表格“三、收到和处理政府信息公开申请情况”的数字"),
        "the table is named");
  xxgk_doc_free(d);
}

int main(void) {
  plain();
  near_labels();
  moved_labels();
  run_together_cells();
  furniture();
  empty_cells();
  mixed_formats();
  refusals();
  return h_summary();
}
