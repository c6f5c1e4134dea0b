/*
 * test_scan_judge.c — the judging of numbers read from a scan, without
 * the recogniser: the records of page 3 of laocheng-2023 at 200 dpi
 * (tests/data/laocheng-2023-p3.ocr, written by the recogniser once) with
 * one cell's reading, kind or confidence changed by hand, read through
 * read_scan_records. "（六）其他处理 3.其他 / 自然人" reads 5; its row's
 * 总计 is 5 and the table's 总计 row 126.
 */
#include "docutil.h"
#include "harness.h"
#include "reader.h"

#include <stdlib.h>
#include <string.h>

static const char *data_dir;
static char *records;

/* The cell of other_other.natural_person, as recorded. */
#define CELL "C\t18\t3\t1\t1\t1393\t974\t97\t57\tn\t0.99\t5\t"

/* Reads the page with CELL replaced by cell; returns the document. */
static xxgk_doc *read_with(const char *cell) {
  const char *at = strstr(records, CELL);
  CHECK(at != NULL, "the record of 3.其他 / 自然人 is not in the page");
  if (!at)
    return NULL;
  size_t head = (size_t)(at - records), tail = strlen(at + strlen(CELL));
  char *rec = malloc(head + strlen(cell) + tail + 1);
  memcpy(rec, records, head);
  strcpy(rec + head, cell);
  strcat(rec, at + strlen(CELL));
  xxgk_doc *d = NULL;
  read_scan_records(rec, &d);
  free(rec);
  return d;
}

/* The cell at key in the 2021 format; NULL if the row was not found. */
static const xxgk_cell *cell_at(const xxgk_doc *d, const char *key) {
  int row, col;
  if (xxgk_dict_find_key(key, XXGK_FORMAT_2021, &row, &col) != 0)
    return NULL;
  const xxgk_cell *c = xxgk_doc_cell(d, row, col);
  return c && c->state == XXGK_CELL_VALUE ? c : NULL;
}

/* 1 if an error of the document contains both texts. */
static int has_error(const xxgk_doc *d, const char *a, const char *b) {
  for (size_t i = 0; i < xxgk_doc_n_diags(d); i++) {
    const char *m = xxgk_doc_diag(d, i)->message;
    if (strstr(m, a) && strstr(m, b))
      return 1;
  }
  return 0;
}

/* Expects other_other.natural_person to be null with an error saying why
 * and giving the cell's box, or to be want (want >= 0). */
static void expect(const char *cell, int want, const char *why) {
  xxgk_doc *d = read_with(cell);
  if (!d)
    return;
  const xxgk_cell *c = cell_at(d, "applications.other_other.natural_person");
  const xxgk_cell *t = cell_at(d, "applications.other_other.total");
  CHECK(t && t->num.mant == 5, "%s: the row's total 5 is kept", why);
  if (want >= 0) {
    CHECK(c && c->num.mant == want && c->num.scale == 0, "%s: want %d, got %s",
          why, want, c ? "another number" : "null");
  } else {
    CHECK(c == NULL, "%s: want null, got %lld", why,
          c ? (long long)c->num.mant : 0LL);
    CHECK(has_error(d, why, "图像位置：左 1393、上 974、宽 97、高 57 像素"),
          "%s: no error naming the cause and the box", why);
  }
  xxgk_doc_free(d);
}

/* Expects a notice containing text when the cell reads as cell. */
static void expect_notice(const char *cell, const char *text) {
  xxgk_doc *d = read_with(cell);
  if (!d)
    return;
  CHECK(has_error(d, "表格第19行第4列", text), "no notice \"%s\"", text);
  xxgk_doc_free(d);
}

/* A figure spanning grid columns (the grid is every ruling line's) is
 * judged as any other: the one the models disagree on is null, never the
 * "0" that holds its place. */
static void spanning(void) {
  char rec[] =
      "I\t1654\t2339\t0.00\n"
      "L\t297\t1248\t533\t43\t0.94\t二、主动公开政府信息情况\n"
      "T\t200\t1296\t1247\t300\t3\t7\n"
      "C\t0\t0\t1\t7\t204\t1300\t1239\t99\tt\t0.00\t第二十条第（一）项\t\n"
      "C\t1\t0\t1\t1\t204\t1399\t474\t99\tt\t0.00\t信息内容\t\n"
      "C\t1\t1\t1\t2\t678\t1399\t257\t99\tt\t0.00\t本年制发件数\t\n"
      "C\t1\t3\t1\t1\t935\t1399\t220\t99\tt\t0.00\t本年废止件数\t\n"
      "C\t1\t4\t1\t3\t1155\t1399\t288\t99\tt\t0.00\t现行有效件数\t\n"
      "C\t2\t0\t1\t1\t204\t1498\t474\t97\tt\t0.00\t规章\t\n"
      "C\t2\t1\t1\t2\t678\t1498\t257\t97\td\t0.00\t\t1\n"
      "C\t2\t3\t1\t1\t935\t1498\t220\t97\tn\t0.99\t0\t\n"
      "C\t2\t4\t1\t3\t1155\t1498\t288\t97\tn\t0.98\t11\t\n"
      "E\n";
  xxgk_doc *d = NULL;
  read_scan_records(rec, &d);
  CHECK(d && cell_at(d, "active.rules.issued") == NULL,
        "an unread figure spanning two columns is not null");
  const xxgk_cell *c = d ? cell_at(d, "active.rules.in_force") : NULL;
  CHECK(c && c->num.mant == 11, "the figure after it is not 11");
  CHECK(d && has_error(d, "表格第3行第2列", "图像位置：左 678、上 1498"),
        "no error naming the spanning cell's place");
  xxgk_doc_free(d);
}

/* Replaces the record of the cell at grid row r, column c with rec (""
 * removes it). */
static void replace_cell(int r, int c, const char *rec) {
  char key[32];
  snprintf(key, sizeof key, "\nC\t%d\t%d\t", r, c);
  char *at = strstr(records, key);
  CHECK(at != NULL, "no cell at row %d column %d in the records", r, c);
  if (!at)
    return;
  const char *rest = strchr(at + 1, '\n') + 1;
  size_t head = (size_t)(at + 1 - records);
  char *out = malloc(head + strlen(rec) + strlen(rest) + 1);
  memcpy(out, records, head);
  strcpy(out + head, rec);
  strcat(out, rest);
  free(records);
  records = out;
}

/* Two readings of 3.其他 / 自然人 (8, 5), its row's total 5 and the
 * table's (七)总计 126 read with the confidences given: the reading the
 * sums choose, or -1 for null. */
static void two_readings(const char *row_total, const char *table_total,
                         int want, const char *why) {
  char *saved = records;
  records = xxgk_strdup(saved);
  char rec[128];
  snprintf(rec, sizeof rec, "C\t18\t9\t1\t1\t2134\t974\t76\t57\tn\t%s\t5\t\n",
           row_total);
  replace_cell(18, 9, rec);
  snprintf(rec, sizeof rec,
           "C\t19\t3\t1\t1\t1393\t1031\t97\t58\tn\t%s\t126\t\n",
           table_total);
  replace_cell(19, 3, rec);
  xxgk_doc *d = read_with("C\t18\t3\t1\t1\t1393\t974\t97\t57\td\t0.99\t8\t5");
  free(records);
  records = saved;
  if (!d)
    return;
  const xxgk_cell *c = cell_at(d, "applications.other_other.natural_person");
  if (want < 0)
    CHECK(c == NULL, "%s: chosen, %lld", why, c ? (long long)c->num.mant : 0LL);
  else
    CHECK(c && c->num.mant == want, "%s: not %d", why, want);
  xxgk_doc_free(d);
}

/* Where one sum over cells read sure holds the cell to a reading, and
 * the others hold with it: taken, though another sum holds a doubtful
 * cell. huaian-2024's pages 4 and 5 at 200 dpi (tests/data/huaian-2024-
 * p45.ocr, written by the recogniser once, one page after the other): "7"
 * of 5.属于三类内部事务信息 / 自然人 read by one model only; its row's sum
 * over sure cells holds it to 7, the column's (A2) holds a doubtful 11. */
static void two_pages(void) {
  char path[4096];
  snprintf(path, sizeof path, "%s/huaian-2024-p45.ocr", data_dir);
  size_t n;
  char *rec = read_file(path, &n);
  CHECK(rec != NULL, "cannot read %s", path);
  if (!rec)
    return;
  xxgk_doc *d = NULL;
  read_scan_records(rec, &d);
  free(rec);
  const xxgk_cell *c =
      cell_at(d, "applications.withheld_internal_affairs.natural_person");
  CHECK(c && c->num.mant == 7, "the row's sum did not choose 7");
  CHECK(has_error(d, "内部事务信息 / 自然人", "取与表中合计相符的“7”"),
        "no notice saying the sums chose 7");
  xxgk_doc_free(d);
}

/* A seal's red taking the ruling lines between four figures (rows 4.无正当
 * 理由大量反复申请 and 5.要求行政机关确认…, columns 商业企业 and 科研机构):
 * one cell over four grid positions, which the other rows part. Each
 * position is null with an error naming the box; the rows' other figures
 * are read; none is a blank. */
static void merged_cells(void) {
  char *saved = records;
  records = xxgk_strdup(saved);
  replace_cell(12, 4, "C\t12\t4\t2\t2\t1490\t746\t239\t114\td\t0.00\t\t\n");
  replace_cell(12, 5, "");
  replace_cell(13, 4, "");
  replace_cell(13, 5, "");
  xxgk_doc *d = read_with(CELL);
  free(records);
  records = saved;
  if (!d)
    return;
  static const char *const NULLS[] = {
      "applications.not_processed_excessive.commercial",
      "applications.not_processed_excessive.research",
      "applications.not_processed_confirmation.commercial",
      "applications.not_processed_confirmation.research"};
  for (size_t i = 0; i < sizeof NULLS / sizeof *NULLS; i++)
    CHECK(cell_at(d, NULLS[i]) == NULL, "%s: a merged figure read", NULLS[i]);
  const xxgk_cell *a = cell_at(
                      d, "applications.not_processed_excessive.natural_person"),
                  *b = cell_at(
                      d,
                      "applications.not_processed_confirmation.natural_person");
  CHECK(a && a->num.mant == 0 && b && b->num.mant == 6,
        "the rows' other figures not read");
  CHECK(has_error(d, "连成一格", "图像位置：左 1490、上 746"),
        "no error naming the merged cell");
  CHECK(!has_error(d, "印为空白", "按0计"), "a merged position read as blank");
  xxgk_doc_free(d);
}

int main(int argc, char **argv) {
  data_dir = argc > 1 ? argv[1] : "tests/data";
  char path[4096];
  snprintf(path, sizeof path, "%s/laocheng-2023-p3.ocr", data_dir);
  size_t n;
  records = read_file(path, &n);
  CHECK(records != NULL, "cannot read %s", path);
  if (!records)
    return h_summary();
  /* As recorded: sure, and agreeing with the sums. */
  expect(CELL, 5, "as recognised");
  /* Doubtful and breaking the row's and the table's sums: null. */
  expect("C\t18\t3\t1\t1\t1393\t974\t97\t57\tn\t0.75\t8\t5", -1,
         "置信度 0.75 不高，且与表中合计");
  /* Doubtful but agreeing with the sums: kept. */
  expect("C\t18\t3\t1\t1\t1393\t974\t97\t57\tn\t0.75\t5\t8", 5,
         "doubtful, the sums agree");
  /* Sure, though breaking the sums: kept — the sums never overwrite a
   * confident cell; the checker reports the printed inconsistency. */
  expect("C\t18\t3\t1\t1\t1393\t974\t97\t57\tn\t0.95\t8\t", 8,
         "sure, the sums disagree");
  /* The two models disagree: the sums over cells read sure choose the
   * reading they hold the cell to, and a notice says so ... */
  expect("C\t18\t3\t1\t1\t1393\t974\t97\t57\td\t0.99\t8\t5", 5,
         "two readings, the sums choose");
  expect_notice("C\t18\t3\t1\t1\t1393\t974\t97\t57\td\t0.99\t8\t5",
                "取与表中合计相符的“5”");
  /* ... never a number no reading gave: null. */
  expect("C\t18\t3\t1\t1\t1393\t974\t97\t57\td\t0.99\t8\t9", -1,
         "两次识别（英文、中文模型，均限数字）结果不一致");
  /* Agreed, but ink left unread: null. */
  expect("C\t18\t3\t1\t1\t1393\t974\t97\t57\tp\t0.99\t5\t", -1,
         "只读出格中一部分笔画");
  /* A point read in a count (a speck, most likely): null. */
  expect("C\t18\t3\t1\t1\t1393\t974\t97\t57\tn\t0.99\t5.0\t", -1,
         "读出小数点，但此格应为整数");
  /* A reading that is no figure ("5." — a speck after the digit): null,
   * and the row's other figures read (the parser took "5." for two). */
  expect("C\t18\t3\t1\t1\t1393\t974\t97\t57\tn\t0.99\t5.\t", -1, "结果不一致");
  /* Below LOW: null even where the sums agree. */
  expect("C\t18\t3\t1\t1\t1393\t974\t97\t57\tn\t0.40\t5\t", -1,
         "置信度 0.40 过低");
  /* Not where each sum holds a doubtful cell: null. */
  two_readings("0.75", "0.75", -1, "every sum over a doubtful cell");
  two_pages();
  merged_cells();
  free(records);
  spanning();
  return h_summary();
}
