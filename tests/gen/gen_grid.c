/*
 * gen_grid.c — a report in the official table layout, as published (see
 * gen_grid.h). gen_fixture writes the committed fixtures with it; the
 * reconstruction tests (gen_recon.c) write their inputs with it.
 */
#include "gen_grid.h"

#include "docutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_ROWS 64
#define MAX_CELLS 32

typedef struct {
  char text[512];
  int colspan, rowspan;
} gcell;

typedef struct {
  gcell cells[MAX_ROWS][MAX_CELLS];
  int n_cells[MAX_ROWS];
  int n_rows, width;
} gtable;

static FILE *out;     /* where the page goes                             */
static grid_kind kind;
static unsigned flags; /* GRID_* */

static void esc(FILE *f, const char *s) {
  for (; *s; s++) {
    if (*s == '&')
      fputs("&amp;", f);
    else if (*s == '<')
      fputs("&lt;", f);
    else if (*s == '>')
      fputs("&gt;", f);
    else
      fputc(*s, f);
  }
}

static gcell *add(gtable *t, const char *text, int colspan, int rowspan) {
  gcell *c = &t->cells[t->n_rows - 1][t->n_cells[t->n_rows - 1]++];
  snprintf(c->text, sizeof c->text, "%s", text);
  c->colspan = colspan;
  c->rowspan = rowspan;
  return c;
}

static void new_row(gtable *t) { t->n_cells[t->n_rows++] = 0; }

static int is_zero(const xxgk_doc *d, int row, int col) {
  const xxgk_cell *c = xxgk_doc_cell(d, row, col);
  return c && c->state != XXGK_CELL_ABSENT && c->num.mant == 0;
}

/* With GRID_EMPTY_ZEROS a 0 is printed empty, as many reports print their
 * zeros, but for the middle cell of a row of zeros: a row keeps a value, so
 * that its empty cells are the row's edges and insides. */
static void add_num(gtable *t, const xxgk_doc *d, int row, int col,
                    int colspan) {
  const xxgk_cell *c = xxgk_doc_cell(d, row, col);
  char s[32] = "";
  if (c && c->state != XXGK_CELL_ABSENT)
    xxgk_num_format(c->num, s);
  if ((flags & GRID_EMPTY_ZEROS) && is_zero(d, row, col)) {
    int n = xxgk_dict_row(row)->n_cols, all = 1;
    for (int k = 0; k < n; k++)
      all &= is_zero(d, row, k);
    if (!all || col != n / 2)
      s[0] = 0;
  }
  add(t, s, colspan, 1);
}

/* ## Output */

static void para(const char *s, const char *tag) {
  if (kind == GRID_TEXT_ROWS || kind == GRID_TEXT_TABLE) {
    fprintf(out, "%s\n", s); /* the page's source has a line a block */
  } else if (kind == GRID_WORDXML) {
    fprintf(out, "<w:p><w:r><w:t xml:space=\"preserve\">");
    esc(out, s);
    fprintf(out, "</w:t></w:r></w:p>\n");
  } else {
    fprintf(out, "<%s>", tag);
    esc(out, s);
    fprintf(out, "</%s>\n", tag);
  }
}

/* A label split in two runs, as WPS does at a change of font. */
static void word_runs(const char *s) {
  size_t n = strlen(s), half = n / 2;
  while (half < n && ((unsigned char)s[half] & 0xC0) == 0x80)
    half++;
  fprintf(out, "<w:p><w:r><w:t xml:space=\"preserve\">");
  fwrite(s, 1, half, out); /* labels hold no markup characters */
  fprintf(out, "</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>");
  esc(out, s + half);
  fprintf(out, "</w:t></w:r></w:p>");
}

static void emit_table(const gtable *t) {
  if (kind == GRID_TEXT_ROWS || kind == GRID_TEXT_TABLE) {
    for (int r = 0; r < t->n_rows; r++) {
      for (int i = 0; i < t->n_cells[r]; i++)
        fputs(t->cells[r][i].text, out);
      if (kind == GRID_TEXT_ROWS)
        fputc('\n', out);
    }
    fputc('\n', out);
    return;
  }
  if (kind != GRID_WORDXML) {
    fprintf(out, "<table border=\"1\" cellspacing=\"0\" cellpadding=\"6\">\n");
    for (int r = 0; r < t->n_rows; r++) {
      fprintf(out, "<tr>");
      for (int i = 0; i < t->n_cells[r]; i++) {
        const gcell *c = &t->cells[r][i];
        fprintf(out, c->text[0] && (c->text[0] < '0' || c->text[0] > '9')
                   ? "<td nowrap"
                   : "<td");
        if (c->colspan > 1)
          fprintf(out, " colspan=\"%d\"", c->colspan);
        if (c->rowspan > 1)
          fprintf(out, " rowspan=\"%d\"", c->rowspan);
        fprintf(out, ">");
        esc(out, c->text);
        fprintf(out, "</td>");
      }
      fprintf(out, "</tr>\n");
    }
    fprintf(out, "</table>\n");
    return;
  }
  fprintf(out, "<w:tbl><w:tblPr><w:tblW w:w=\"0\" w:type=\"auto\"/></w:tblPr>"
         "<w:tblGrid>");
  for (int i = 0; i < t->width; i++)
    fprintf(out, "<w:gridCol w:w=\"%d\"/>", 9000 / t->width);
  fprintf(out, "</w:tblGrid>\n");
  int left[MAX_CELLS] = {0}, lspan[MAX_CELLS] = {0};
  for (int r = 0; r < t->n_rows; r++) {
    fprintf(out, "<w:tr>");
    int col = 0, i = 0;
    while (col < t->width) {
      if (left[col] > 0) { /* covered from above: a vMerge continuation */
        fprintf(out, "<w:tc><w:tcPr>");
        if (lspan[col] > 1)
          fprintf(out, "<w:gridSpan w:val=\"%d\"/>", lspan[col]);
        fprintf(out, "<w:vMerge/></w:tcPr><w:p/></w:tc>");
        left[col]--;
        col += lspan[col];
        continue;
      }
      if (i >= t->n_cells[r])
        break;
      const gcell *c = &t->cells[r][i++];
      fprintf(out, "<w:tc><w:tcPr>");
      if (c->colspan > 1)
        fprintf(out, "<w:gridSpan w:val=\"%d\"/>", c->colspan);
      if (c->rowspan > 1) {
        fprintf(out, "<w:vMerge w:val=\"restart\"/>");
        left[col] = c->rowspan - 1;
        lspan[col] = c->colspan;
      }
      fprintf(out, "</w:tcPr>");
      word_runs(c->text);
      fprintf(out, "</w:tc>");
      col += c->colspan;
    }
    fprintf(out, "</w:tr>\n");
  }
  fprintf(out, "</w:tbl>\n");
}

/* ## The tables, from the dictionary */

static int in_format(const xxgk_row_def *r, xxgk_format f) {
  return (r->formats & f) != 0;
}

static int same(const char *a, const char *b) {
  return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

/* Table 2: per 第二十条 item a heading row, a header row and its rows. */
static void table_active(const xxgk_doc *d, xxgk_format f) {
  gtable *t = calloc(1, sizeof *t);
  int width = 0;
  for (int i = 0; i < xxgk_dict_n_rows(); i++) {
    const xxgk_row_def *r = xxgk_dict_row(i);
    if (r->table == XXGK_T_ACTIVE && in_format(r, f) && r->n_cols > width)
      width = r->n_cols;
  }
  t->width = width + 1;
  const xxgk_row_def *prev = NULL;
  for (int i = 0; i < xxgk_dict_n_rows(); i++) {
    const xxgk_row_def *r = xxgk_dict_row(i);
    if (r->table != XXGK_T_ACTIVE || !in_format(r, f))
      continue;
    if (!prev || !same(prev->group, r->group)) {
      new_row(t);
      add(t, r->group, t->width, 1);
      new_row(t);
      add(t, "信息内容", 1, 1);
      for (int c = 0; c < r->n_cols; c++)
        add(t, r->cols[c].label, c + 1 == r->n_cols ? width - c : 1, 1);
    }
    new_row(t);
    add(t, r->label, 1, 1);
    for (int c = 0; c < r->n_cols; c++)
      add_num(t, d, i, c, c + 1 == r->n_cols ? width - c : 1);
    prev = r;
  }
  emit_table(t);
  free(t);
}

/* The rows of table 3 from row i on whose group (or sub-group) is label:
 * the rowspan of its cell. */
static int rows_under(int i, xxgk_format f, const char *label, int sub) {
  int n = 0;
  for (int j = i; j < xxgk_dict_n_rows(); j++) {
    const xxgk_row_def *r = xxgk_dict_row(j);
    n += r->table == XXGK_T_APPLICATIONS && in_format(r, f) &&
         same(sub ? r->subgroup : r->group, label);
  }
  return n;
}

/* Table 3: the applicant header, then the rows with the group and
 * sub-group labels spanning theirs. */
static void table_applications(const xxgk_doc *d, xxgk_format f, int split) {
  gtable *t = calloc(1, sizeof *t);
  const xxgk_row_def *first = NULL;
  for (int i = 0; i < xxgk_dict_n_rows() && !first; i++)
    if (xxgk_dict_row(i)->table == XXGK_T_APPLICATIONS)
      first = xxgk_dict_row(i);
  int nc = first->n_cols;
  t->width = 3 + nc;
  new_row(t);
  add(t, "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
      3, 3);
  add(t, "申请人情况", nc, 1);
  new_row(t);
  for (int c = 0; c < nc;) {
    const xxgk_col_def *col = &first->cols[c];
    if (!col->group) {
      add(t, col->label, 1, 2);
      c++;
      continue;
    }
    int k = c;
    while (k < nc && same(first->cols[k].group, col->group))
      k++;
    add(t, col->group, k - c, 1);
    c = k;
  }
  new_row(t);
  for (int c = 0; c < nc; c++)
    if (first->cols[c].group)
      add(t, first->cols[c].label, 1, 1);
  const char *group = NULL, *sub = NULL;
  int split_at = -1;
  for (int i = 0; i < xxgk_dict_n_rows(); i++) {
    const xxgk_row_def *r = xxgk_dict_row(i);
    if (r->table != XXGK_T_APPLICATIONS || !in_format(r, f))
      continue;
    new_row(t);
    if (r->key && strcmp(r->key, "not_processed_petition") == 0)
      split_at = t->n_rows - 1;
    int label_cols = 3;
    if (r->group) {
      if (!same(group, r->group)) {
        add(t, r->group, 1, rows_under(i, f, r->group, 0));
      }
      label_cols = 2;
      if (r->subgroup) {
        if (!same(sub, r->subgroup)) {
          add(t, r->subgroup, 1, rows_under(i, f, r->subgroup, 1));
        }
        label_cols = 1;
      }
    }
    group = r->group;
    sub = r->subgroup;
    add(t, r->label, label_cols, 1);
    for (int c = 0; c < r->n_cols; c++)
      add_num(t, d, i, c, 1);
  }
  if (split && split_at > 0) {
    /* Two <table>s, the second from （五）不予处理 on: spans are cut at the
     * split, and the second table's rows lack the group column. */
    gtable *u = calloc(1, sizeof *u);
    u->width = t->width;
    for (int r = 0; r < split_at; r++)
      for (int i = 0; i < t->n_cells[r]; i++)
        if (r + t->cells[r][i].rowspan > split_at)
          t->cells[r][i].rowspan = split_at - r;
    for (int r = split_at; r < t->n_rows; r++) {
      u->n_cells[u->n_rows] = t->n_cells[r];
      memcpy(u->cells[u->n_rows++], t->cells[r], sizeof t->cells[r]);
    }
    t->n_rows = split_at;
    emit_table(t);
    para("（续表）", "p");
    emit_table(u);
    free(u);
  } else {
    emit_table(t);
  }
  free(t);
}

/* Table 4: rows without a group head their five columns; grouped rows sit
 * under their group; one row of numbers. */
static void table_reviews(const xxgk_doc *d, xxgk_format f) {
  gtable *t = calloc(1, sizeof *t);
  int rows[8], n = 0;
  for (int i = 0; i < xxgk_dict_n_rows(); i++)
    if (xxgk_dict_row(i)->table == XXGK_T_REVIEWS &&
        in_format(xxgk_dict_row(i), f))
      rows[n++] = i;
  for (int k = 0; k < n; k++)
    t->width += xxgk_dict_row(rows[k])->n_cols;
  new_row(t);
  for (int k = 0; k < n;) {
    const xxgk_row_def *r = xxgk_dict_row(rows[k]);
    if (!r->group) {
      add(t, r->label, r->n_cols, 1);
      k++;
      continue;
    }
    int w = 0, j = k;
    while (j < n && same(xxgk_dict_row(rows[j])->group, r->group))
      w += xxgk_dict_row(rows[j++])->n_cols;
    add(t, r->group, w, 1);
    k = j;
  }
  new_row(t);
  for (int k = 0; k < n; k++) {
    const xxgk_row_def *r = xxgk_dict_row(rows[k]);
    if (r->group)
      add(t, r->label, r->n_cols, 1);
    else
      for (int c = 0; c < r->n_cols; c++)
        add(t, r->cols[c].label, 1, 2);
  }
  new_row(t);
  for (int k = 0; k < n; k++) {
    const xxgk_row_def *r = xxgk_dict_row(rows[k]);
    for (int c = 0; r->group && c < r->n_cols; c++)
      add(t, r->cols[c].label, 1, 1);
  }
  new_row(t);
  for (int k = 0; k < n; k++)
    for (int c = 0; c < xxgk_dict_row(rows[k])->n_cols; c++)
      add_num(t, d, rows[k], c, 1);
  emit_table(t);
  free(t);
}

static void section(const xxgk_doc *text, xxgk_section s) {
  para(xxgk_section_heading(s), "h2");
  const char *body = xxgk_doc_section(text, s);
  while (body && *body) {
    const char *nl = strchr(body, '\n');
    size_t n = nl ? (size_t)(nl - body) : strlen(body);
    char line[8192];
    snprintf(line, sizeof line, "%.*s", (int)(n < 8000 ? n : 8000), body);
    para(line, "p");
    body = nl ? nl + 1 : NULL;
  }
}

void grid_write(FILE *f, const xxgk_doc *d, const xxgk_doc *text,
                grid_kind k, unsigned grid_flags) {
  out = f;
  kind = k;
  flags = grid_flags;
  xxgk_format fmt = xxgk_doc_format(d);
  const char *agency = xxgk_doc_agency(d) ? xxgk_doc_agency(d) : "";
  if (k == GRID_WORDXML)
    fprintf(out, "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
           "<w:document xmlns:w=\"http://schemas.openxmlformats.org/"
           "wordprocessingml/2006/main\"><w:body>\n");
  else if (k == GRID_HTML || k == GRID_HTML_SPLIT)
    fprintf(out, "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">"
           "<title>%s</title><style>@page{size:29.7cm 21cm;margin:1.5cm}"
           "body{font-size:10pt}h1{font-size:15pt}td{font-size:8pt;"
           "border:1px solid}</style></head>"
           "<body>\n<div class=\"nav\">首页 &gt; 政务公开 &gt; 年度报告"
           "</div>\n",
           xxgk_doc_title(d));
  else
    fprintf(out, "首页 > 政务公开 > 年度报告\n");
  para(xxgk_doc_title(d), "h1");
  section(text, XXGK_SEC_OVERVIEW);
  para(xxgk_dict_table(XXGK_T_ACTIVE)->heading, "h2");
  table_active(d, fmt);
  para(xxgk_dict_table(XXGK_T_APPLICATIONS)->heading, "h2");
  if (k == GRID_WORDXML) { /* table 3 inside a one-cell layout table */
    fprintf(out, "<w:tbl><w:tblGrid><w:gridCol w:w=\"9000\"/></w:tblGrid><w:tr>"
           "<w:tc>");
    table_applications(d, fmt, 0);
    fprintf(out, "<w:p/></w:tc></w:tr></w:tbl>\n");
  } else {
    table_applications(d, fmt, k == GRID_HTML_SPLIT);
  }
  para(xxgk_dict_table(XXGK_T_REVIEWS)->heading, "h2");
  table_reviews(d, fmt);
  section(text, XXGK_SEC_PROBLEMS);
  section(text, XXGK_SEC_OTHER);
  if (k == GRID_WORDXML)
    fprintf(out, "<w:sectPr/></w:body></w:document>\n");
  else if (k == GRID_HTML || k == GRID_HTML_SPLIT)
    fprintf(out, "<div class=\"footer\">主办单位：%s　网站标识码：1200000000</div>"
           "\n</body></html>\n",
           agency);
  else
    fprintf(out, "主办单位：%s　网站标识码：1200000000\n", agency);
}
