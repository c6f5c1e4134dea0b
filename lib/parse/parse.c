/*
 * parse.c — tokens to the tables of the model.
 *
 * The parser does not trust the layout of a table, which real reports and
 * their conversions mangle; it trusts the labels. Every run of numbers is
 * assigned to the row whose printed label stands right before it:
 *
 *   - the text tokens since the previous run form a window; the last one,
 *     or the last two to four joined (a label split over lines, "商业\n企业"),
 *     or those in the same column as the last (pdftotext -layout puts a
 *     vertically set group label between the lines of a wrapped row label),
 *     must match a row label of the dictionary exactly, or — for a label
 *     wrapped around its numbers — begin it unambiguously;
 *   - a run whose window matches nothing is prose ("2147 条") and is ignored;
 *   - table 4 has no row labels: after a cell "行政复议", words of its header
 *     are skipped and the next 15 numbers are its cells, in order.
 *
 * Once the whole input is read, the format (2019/2021) is decided from the
 * evidence each table gave (column headers, which rows exist, how many
 * numbers a row has), and each run is checked against the row it claims: a
 * row with the wrong count of numbers, a row printed twice, or a row of the
 * other format is an error and its cells stay absent. Nothing is guessed.
 */
#include "labels.h"
#include "parser.h"

#include <stdlib.h>
#include <string.h>

/* ## Lines */

void parse_line(xxgk_parser *p, const char *orig, size_t n) {
  unsigned flags = text_normalize(orig, n, &p->norm, &p->tc);
  if (outline_line(p, orig, n, p->norm.data, p->norm.len, flags))
    return;
  lex_line(p, p->norm.data, p->norm.len, flags, p->lineno);
}

/* ## Runs of numbers */

static void store_num(numtok *dst, const token *t) {
  dst->num = t->num;
  dst->blank = t->kind == TOK_BLANK;
  dst->unit = t->unit;
  dst->line = t->line;
  dst->col = t->col;
}

/* Joins the keys of window tokens idx[0..n) (oldest first) into full, and
 * returns the matching target or -1. */
static int match_join(xxgk_parser *p, const int *idx, int n, int prefix) {
  char full[KEY_MAX];
  size_t len = 0;
  for (int i = 0; i < n; i++) {
    const wtok *w = WIN(p, idx[i]);
    if (len + w->n >= KEY_MAX)
      return -1;
    memcpy(full + len, w->text, w->n);
    len += w->n;
  }
  full[len] = 0;
  const char *bare = text_key_bare(full);
  return labels_match_row(full, len, bare, len - (size_t)(bare - full),
                          prefix);
}

/* The target the window's label names, or -2 for none (prose). */
static int resolve(xxgk_parser *p) {
  int n = p->n_window;
  if (n == 0)
    return -2;
  int idx[4], fidx[4], nf = 0;
  uint32_t col = WIN(p, n - 1)->col;
  /* Tokens in the column of the last one, newest first. */
  for (int i = n - 1; i >= 0 && nf < 4; i--)
    if (WIN(p, i)->col + 1 >= col && WIN(p, i)->col <= col + 1)
      fidx[nf++] = i;
  for (int prefix = 0; prefix <= 1; prefix++) {
    for (int j = 1; j <= 4 && j <= n; j++) {
      for (int k = 0; k < j; k++)
        idx[k] = n - j + k;
      int t = match_join(p, idx, j, prefix);
      if (t >= 0)
        return t;
    }
    for (int j = 2; j <= nf; j++) {
      if (fidx[j - 1] == n - j)
        continue; /* the same as the contiguous join */
      for (int k = 0; k < j; k++)
        idx[k] = fidx[j - 1 - k];
      int t = match_join(p, idx, j, prefix);
      if (t >= 0)
        return t;
    }
  }
  return -2;
}

static void end_run(xxgk_parser *p) {
  int t = p->run_target;
  p->run_target = -1;
  if (t < 0)
    return;
  run_store *r = &p->targets[t];
  const label_target *lt = labels_target(t);
  const xxgk_row_def *row = xxgk_dict_row(lt->first_row);
  if (r->found) {
    doc_diag(p->doc, "P", XXGK_SEV_ERROR, p->run_line, p->run_col,
             "“%s”一行出现两次（第%u行和第%u行），以第一次为准；请确认哪一行"
             "属于本报告",
             row->label, r->line, p->run_line);
    return;
  }
  r->found = 1;
  r->line = p->run_line;
  r->col = p->run_col;
  r->n = p->run_n;
  memcpy(r->nums, p->run, sizeof r->nums);
}

/* ## Table 4 */

static void t4_leave(xxgk_parser *p, const token *t) {
  if (p->t4_mode == 1 && p->t4_n > 0 && p->t4_n < T4_NUMBERS)
    doc_diag(p->doc, "V1", XXGK_SEV_ERROR, t ? t->line : p->lineno,
             t ? t->col : 0,
             "表四（行政复议、行政诉讼）只找到%d个数字，应为15个；表四各格未"
             "读取",
             p->t4_n);
  p->t4_mode = 0;
}

static void t4_number(xxgk_parser *p, const token *t) {
  if (p->t4_mode == 2) { /* 15 read: a 16th on the same line is suspicious */
    p->t4_mode = 0;
    if (t->line == p->t4_line)
      doc_diag(p->doc, "V1", XXGK_SEV_ERROR, t->line, t->col,
               "表四（行政复议、行政诉讼）一行多于15个数字；请核对表格");
    return;
  }
  numtok *slot = p->t4_found ? &p->t4_dup[p->t4_n] : &p->t4[p->t4_n];
  store_num(slot, t);
  if (++p->t4_n < T4_NUMBERS)
    return;
  p->t4_line = t->line;
  p->t4_mode = 2;
  if (p->t4_found)
    doc_diag(p->doc, "P", XXGK_SEV_ERROR, t->line, t->col,
             "表四（行政复议、行政诉讼）出现两次（第%u行和第%u行），以第一次"
             "为准",
             p->t4[0].line, p->t4_dup[0].line);
  p->t4_found = 1;
}

/* ## Tokens */

/* Table 4 starts at its first header cell, "行政复议" — also when that cell
 * is split over two lines ("行政\n复议"). */
static int is_t4_start(const xxgk_parser *p, const wtok *w) {
  static const char START[] = "行政复议";
  if (strcmp(w->text, START) == 0)
    return 1;
  if (p->n_window == 0)
    return 0;
  const wtok *prev = WIN(p, p->n_window - 1);
  return prev->n + w->n == sizeof START - 1 &&
         memcmp(prev->text, START, prev->n) == 0 &&
         strcmp(w->text, START + prev->n) == 0;
}

static void on_text(xxgk_parser *p, const token *t) {
  wtok w;
  if (t->n >= WINDOW_TEXT) {
    w.n = 0;
  } else if (p->line_key_n >= 0 && t->s == p->norm.data &&
             t->n == p->norm.len) { /* the whole line, keyed by outline.c */
    w.n = (size_t)p->line_key_n;
    memcpy(w.text, p->line_key, w.n);
  } else {
    w.n = text_key(t->s, t->n, w.text, sizeof w.text);
  }
  w.text[w.n] = 0;
  w.line = t->line;
  w.col = t->col;
  if (p->t4_mode == 1 && labels_t4_vocab(w.text))
    return;
  t4_leave(p, t);
  end_run(p);
  if (is_t4_start(p, &w)) {
    p->t4_mode = 1;
    p->t4_n = 0;
    p->n_window = 0;
    return;
  }
  unsigned hf = labels_header_formats(w.text, w.n);
  if (hf == XXGK_FORMAT_2019 || hf == XXGK_FORMAT_2021) {
    int i = hf == XXGK_FORMAT_2021;
    if (p->votes[XXGK_T_ACTIVE][i]++ == 0)
      p->vote_line[XXGK_T_ACTIVE][i] = t->line;
  }
  if (p->n_window == WINDOW) { /* drop the oldest */
    p->w_first = (p->w_first + 1) % WINDOW;
    p->n_window--;
  }
  wtok *slot = WIN(p, p->n_window++);
  memcpy(slot->text, w.text, w.n + 1);
  slot->n = w.n;
  slot->line = w.line;
  slot->col = w.col;
}

static void on_number(xxgk_parser *p, const token *t) {
  if (p->t4_mode) {
    t4_number(p, t);
    if (p->t4_mode)
      return;
    if (t->line == p->t4_line)
      return;
  }
  if (p->run_target == -1) {
    p->run_target = resolve(p);
    p->run_n = 0;
    p->run_line = t->line;
    p->run_col = t->col;
    p->n_window = 0;
  }
  if (p->run_n < MAX_RUN)
    store_num(&p->run[p->run_n], t);
  p->run_n++;
}

void parse_token(xxgk_parser *p, const token *t) {
  if (t->kind == TOK_TEXT)
    on_text(p, t);
  else
    on_number(p, t);
}

/* ## The format */

/* Evidence from the rows found: a row that exists in one format only, or a
 * run whose length fits one format's row only (行政许可: 3 numbers in 2019,
 * 1 in 2021). */
static void vote_rows(xxgk_parser *p) {
  for (int t = 0; t < labels_n_targets(); t++) {
    const run_store *r = &p->targets[t];
    const label_target *lt = labels_target(t);
    if (!r->found)
      continue;
    unsigned fits = 0;
    for (int f = XXGK_FORMAT_2019; f <= XXGK_FORMAT_2021; f++) {
      int row = labels_target_row(lt, (xxgk_format)f);
      if (row >= 0 && xxgk_dict_row(row)->n_cols == r->n)
        fits |= (unsigned)f;
      else if (row < 0)
        fits &= ~(unsigned)f;
    }
    if (!(lt->formats & XXGK_FORMAT_2019))
      fits = XXGK_FORMAT_2021;
    else if (!(lt->formats & XXGK_FORMAT_2021))
      fits = XXGK_FORMAT_2019;
    if (fits == XXGK_FORMAT_2019 || fits == XXGK_FORMAT_2021) {
      int i = fits == XXGK_FORMAT_2021;
      if (p->votes[lt->table][i]++ == 0)
        p->vote_line[lt->table][i] = r->line;
    }
  }
}

static xxgk_format table_format(xxgk_parser *p, xxgk_table t) {
  int v19 = p->votes[t][0], v21 = p->votes[t][1];
  if (v19 && v21) {
    doc_diag(p->doc, "P", XXGK_SEV_ERROR, p->vote_line[t][0], 0,
             "%s同时有2019年格式（第%u行起）和2021年格式（第%u行起）的行或"
             "表头，无法确定格式",
             xxgk_dict_table(t)->heading, p->vote_line[t][0],
             p->vote_line[t][1]);
    return v21 >= v19 ? XXGK_FORMAT_2021 : XXGK_FORMAT_2019;
  }
  return v19 ? XXGK_FORMAT_2019 : v21 ? XXGK_FORMAT_2021 : XXGK_FORMAT_NONE;
}

static xxgk_format decide_format(xxgk_parser *p) {
  vote_rows(p);
  xxgk_format f2 = table_format(p, XXGK_T_ACTIVE);
  xxgk_format f3 = table_format(p, XXGK_T_APPLICATIONS);
  if (f2 && f3 && f2 != f3) {
    doc_diag(p->doc, "P", XXGK_SEV_ERROR, p->vote_line[XXGK_T_APPLICATIONS][0],
             0,
             "表二是%s年格式，表三“（六）其他处理”却按%s年格式印制；按表二的"
             "格式读取，表三中与之不符的行未读取",
             xxgk_format_name(f2), xxgk_format_name(f3));
    return f2;
  }
  if (f2 || f3)
    return f2 ? f2 : f3;
  int y = xxgk_doc_year(p->doc);
  xxgk_format f = y >= 2019 && y <= 2020 ? XXGK_FORMAT_2019 : XXGK_FORMAT_2021;
  p->doc->format_from_year = 1;
  doc_diag(p->doc, "P", XXGK_SEV_NOTICE, 0, 0,
           "表格中没有区分格式的特征，按年度认定为%s年格式",
           xxgk_format_name(f));
  return f;
}

/* ## Cells */

/* The value of a number token in the column's unit: "251000元" in a 万元
 * column is 25.1, exactly. */
static void cell_value(xxgk_parser *p, const xxgk_row_def *row, int c,
                       const numtok *n, xxgk_cell *cell) {
  const xxgk_col_def *col = &row->cols[c];
  cell->num = n->num;
  cell->line = n->line;
  cell->col = n->col;
  cell->state = n->blank ? XXGK_CELL_BLANK : XXGK_CELL_VALUE;
  if (n->blank || !n->unit)
    return;
  int money_unit = strcmp(n->unit, "元") == 0 || strcmp(n->unit, "万元") == 0;
  if (col->kind != XXGK_KIND_MONEY) {
    if (money_unit)
      doc_diag(p->doc, "P", XXGK_SEV_WARNING, n->line, n->col,
               "“%s”的数字带有金额单位“%s”，但此格是件数", row->label,
               n->unit);
    return;
  }
  if (!col->unit || !money_unit) {
    doc_diag(p->doc, "P", XXGK_SEV_NOTICE, n->line, n->col,
             "“%s”的数字带有单位“%s”，按原数读取", row->label, n->unit);
    return;
  }
  if (strcmp(col->unit, n->unit) == 0)
    return;
  xxgk_num v;
  int to_wan = strcmp(col->unit, "万元") == 0; /* else 万元 → 元 */
  if (num_pow10(n->num, to_wan ? -4 : 4, &v) != 0) {
    cell->state = XXGK_CELL_ABSENT;
    doc_diag(p->doc, "P", XXGK_SEV_ERROR, n->line, n->col,
             "“%s”的金额无法换算为%s", row->label, col->unit);
    return;
  }
  cell->num = v;
  char a[32], b[32];
  xxgk_num_format(n->num, a);
  xxgk_num_format(v, b);
  doc_diag(p->doc, "P", XXGK_SEV_NOTICE, n->line, n->col,
           "“%s”印为%s%s，按%s计为%s", row->label, a, n->unit, col->unit, b);
}

static void assign_row(xxgk_parser *p, int row_i, const numtok *nums, int n,
                       uint32_t line) {
  const xxgk_row_def *row = xxgk_dict_row(row_i);
  if (n != row->n_cols) {
    doc_diag(p->doc, "V1", XXGK_SEV_ERROR, line, nums[0].col,
             "“%s”一行应有%d个数字，第%u行起找到%d个；此行未读取", row->label,
             row->n_cols, line, n);
    return;
  }
  int blanks = 0;
  for (int c = 0; c < n; c++) {
    xxgk_cell cell;
    cell_value(p, row, c, &nums[c], &cell);
    blanks += cell.state == XXGK_CELL_BLANK;
    xxgk_doc_set_cell(p->doc, row_i, c, &cell);
  }
  if (blanks)
    doc_diag(p->doc, "P", XXGK_SEV_NOTICE, line, 0,
             "“%s”一行有%d格印为空白或“—”，按0计", row->label, blanks);
}

static int row_present(const xxgk_doc *d, int row) {
  const xxgk_cell *c = xxgk_doc_cell(d, row, 0);
  return c && c->state != XXGK_CELL_ABSENT;
}

/* Assigns every run to its row in format f; returns how many tables gave
 * any cells. */
static int assign_tables(xxgk_parser *p, xxgk_format f) {
  int table_seen[XXGK_N_TABLES] = {0};
  for (int t = 0; t < labels_n_targets(); t++) {
    const run_store *r = &p->targets[t];
    const label_target *lt = labels_target(t);
    if (!r->found)
      continue;
    table_seen[lt->table] = 1;
    int row = labels_target_row(lt, f);
    if (row < 0) {
      doc_diag(p->doc, "P", XXGK_SEV_ERROR, r->line, r->col,
               "“%s”一行不属于%s年格式；此行未读取",
               xxgk_dict_row(lt->first_row)->label, xxgk_format_name(f));
      continue;
    }
    assign_row(p, row, r->nums, r->n, r->line);
  }
  if (p->t4_found) { /* the 15 numbers, group by group, left to right */
    table_seen[XXGK_T_REVIEWS] = 1;
    int k = 0;
    for (int i = 0; i < xxgk_dict_n_rows(); i++) {
      const xxgk_row_def *row = xxgk_dict_row(i);
      if (row->table != XXGK_T_REVIEWS || !(row->formats & f) ||
          k + row->n_cols > T4_NUMBERS)
        continue;
      assign_row(p, i, p->t4 + k, row->n_cols, p->t4[k].line);
      k += row->n_cols;
    }
  }
  int n = 0;
  for (int t = 0; t < XXGK_N_TABLES; t++)
    n += table_seen[t];
  return n;
}

/* Reports what the format has and the input lacked: a whole table, or the
 * rows of a table that was found. Rows already reported keep one message. */
static void report_missing(xxgk_parser *p, xxgk_format f) {
  for (int t = XXGK_T_ACTIVE; t <= XXGK_T_REVIEWS; t++) {
    int any = 0, all = 1;
    for (int i = 0; i < xxgk_dict_n_rows(); i++) {
      const xxgk_row_def *row = xxgk_dict_row(i);
      if (row->table != (xxgk_table)t || !(row->formats & f))
        continue;
      int here = row_present(p->doc, i);
      any |= here;
      all &= here;
    }
    if (all)
      continue;
    if (!any) {
      doc_diag(p->doc, "V1", XXGK_SEV_ERROR, 0, 0,
               "未找到表格“%s”的数字；这部分各格为空（null）",
               xxgk_dict_table((xxgk_table)t)->heading);
      continue;
    }
    for (int i = 0; i < xxgk_dict_n_rows(); i++) {
      const xxgk_row_def *row = xxgk_dict_row(i);
      if (row->table != (xxgk_table)t || !(row->formats & f) ||
          row_present(p->doc, i))
        continue;
      int said = 0;
      for (int j = 0; j < labels_n_targets() && !said; j++) {
        const label_target *lt = labels_target(j);
        said = p->targets[j].found && lt->table == row->table && row->key &&
               strcmp(lt->key, row->key) == 0;
      }
      if (!said)
        doc_diag(p->doc, "V1", XXGK_SEV_ERROR, 0, 0,
                 "%s：未找到“%s”一行；此行各格为空（null）",
                 xxgk_dict_table(row->table)->heading, row->label);
    }
  }
}

/* ## The parser object */

xxgk_parser *xxgk_parser_new(void) {
  xxgk_parser *p = xxgk_calloc(1, sizeof *p);
  p->doc = xxgk_doc_new(XXGK_FORMAT_NONE);
  p->cd = (iconv_t)-1;
  p->part = -1;
  p->run_target = -1;
  /* Only `found` is read before a run is stored: the rest (50 KB) is left
   * unwritten rather than zeroed for every report. */
  p->targets = xxgk_malloc((size_t)labels_n_targets() * sizeof *p->targets);
  for (int t = 0; t < labels_n_targets(); t++)
    p->targets[t].found = 0;
  return p;
}

void xxgk_parser_free(xxgk_parser *p) {
  if (!p)
    return;
  if (p->cd != (iconv_t)-1)
    iconv_close(p->cd);
  buf_free(&p->pending);
  buf_free(&p->line);
  buf_free(&p->norm);
  text_cols_free(&p->tc);
  buf_free(&p->prev_line);
  for (int s = 0; s < XXGK_N_SECTIONS; s++)
    buf_free(&p->sections[s]);
  for (int s = 0; s < XXGK_N_SECTIONS; s++) {
    buf_free(&p->sections_norm[s]);
    buf_free(&p->section_jumps[s]);
  }
  free(p->targets);
  xxgk_doc_free(p->doc);
  free(p);
}

void xxgk_parser_feed(xxgk_parser *p, const char *buf, size_t n) {
  input_feed(p, buf, n);
}

xxgk_status xxgk_parser_finish(xxgk_parser *p, xxgk_doc **out) {
  input_finish(p);
  t4_leave(p, NULL);
  end_run(p);
  xxgk_status st = p->status;
  if (p->enc != ENC_FAILED) {
    outline_finish(p);
    xxgk_format f = decide_format(p);
    p->doc->format = f;
    if (assign_tables(p, f) == 0) {
      doc_diag(p->doc, "P", XXGK_SEV_ERROR, 0, 0,
               "未找到年度报告的统计表（主动公开、申请办理、复议诉讼），这不像"
               "一份政府信息公开工作年度报告");
      if (st == XXGK_OK)
        st = XXGK_E_NOT_REPORT;
    } else {
      report_missing(p, f);
    }
    narrative_fees(p->doc);
  }
  if (st == XXGK_OK && xxgk_doc_count(p->doc, XXGK_SEV_ERROR) > 0)
    st = XXGK_E_INCOMPLETE;
  *out = p->doc;
  p->doc = NULL;
  xxgk_parser_free(p);
  return st;
}

xxgk_status xxgk_parse(const char *buf, size_t n, xxgk_doc **out) {
  xxgk_parser *p = xxgk_parser_new();
  xxgk_parser_feed(p, buf, n);
  return xxgk_parser_finish(p, out);
}
