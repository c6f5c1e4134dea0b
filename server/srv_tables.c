/*
 * srv_tables.c — a report's tables as HTML in the official layout, walked
 * from the data dictionary (there is no other list of rows here): table 2
 * as item groups, each with its caption and header row; table 3 as one
 * matrix with the row groups as merged label columns and the applicant
 * columns under their group; table 4 with its rows side by side as column
 * groups over one line of figures; the 信息处理费 figures as a small table.
 * Every cell a finding names is marked (class "bad", the finding's number
 * and message), and each table's findings are listed beside it.
 */
#include "srv.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_ROWS 64
#define MAX_COLS 16

struct marks {
  int first[MAX_ROWS][MAX_COLS];   /* 1-based finding number, 0: none  */
  char primary[MAX_ROWS][MAX_COLS]; /* the cell a finding is about      */
};

static void mark_cells(const xxgk_doc *d, struct marks *m) {
  memset(m, 0, sizeof *m);
  for (size_t i = 0; i < xxgk_doc_n_diags(d); i++) {
    const xxgk_diag *g = xxgk_doc_diag(d, i);
    if (g->severity < XXGK_SEV_WARNING)
      continue;
    for (int k = 0; k < g->n_cells; k++) {
      int r = g->cells[k].row, c = g->cells[k].col;
      if (r < 0 || r >= MAX_ROWS || c < 0 || c >= MAX_COLS)
        continue;
      /* The cell the rule computed an expected value for (cells[0]), or
       * a finding's only cell, is the one to fix; the others are the
       * figures it was computed from. */
      if (k == 0 && (g->has_expected || g->n_cells == 1) &&
          !m->primary[r][c]) {
        m->primary[r][c] = 1;
        m->first[r][c] = (int)i + 1;
      }
      if (!m->first[r][c])
        m->first[r][c] = (int)i + 1;
    }
  }
}

static void cell(xxgk_buf *b, const xxgk_doc *d, const struct marks *m,
                 int row, int col) {
  const xxgk_cell *c = xxgk_doc_cell(d, row, col);
  char num[40] = "";
  const char *cls = "";
  if (!c || c->state == XXGK_CELL_ABSENT) {
    snprintf(num, sizeof num, "缺");
    cls = "absent";
  } else if (c->state == XXGK_CELL_BLANK) {
    snprintf(num, sizeof num, "—");
  } else {
    xxgk_num_format(c->num, num);
  }
  int f = row < MAX_ROWS && col < MAX_COLS ? m->first[row][col] : 0;
  if (f) {
    const xxgk_diag *g = xxgk_doc_diag(d, (size_t)f - 1);
    hp(b, "<td class=\"num %R %R\" id=\"cell-%d-%d\" title=\"%s\">"
          "<a href=\"#f-%d\">%s</a><sup>%d</sup></td>",
       m->primary[row][col] ? "bad" : "involved", cls, row, col, g->message,
       f, num, f);
  } else {
    hp(b, "<td class=\"num %R\" id=\"cell-%d-%d\">%s</td>", cls, row, col,
       num);
  }
}

static int in_table(const xxgk_doc *d, int i, xxgk_table t) {
  const xxgk_row_def *r = xxgk_dict_row(i);
  return r->table == t && (r->formats & xxgk_doc_format(d));
}

static int same(const char *a, const char *b) {
  return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

/* 表二: per group a caption row, a header row, then its rows. */
static void table_items(xxgk_buf *b, const xxgk_doc *d,
                        const struct marks *m, xxgk_table t) {
  const char *group = NULL;
  int started = 0;
  xxgk_buf_puts(b, "<div class=\"items\"><table class=\"report\">");
  for (int i = 0; i < xxgk_dict_n_rows(); i++) {
    if (!in_table(d, i, t))
      continue;
    const xxgk_row_def *r = xxgk_dict_row(i);
    if (!started || !same(group, r->group)) {
      if (started)
        xxgk_buf_puts(b, "</table><table class=\"report\">");
      group = r->group;
      started = 1;
      hp(b, "<tr><th colspan=\"%d\" class=\"caption\">%s</th></tr><tr>"
            "<th>%s</th>",
         r->n_cols + 1, r->group ? r->group : "",
         xxgk_dict_table(t)->corner ? xxgk_dict_table(t)->corner : "");
      for (int c = 0; c < r->n_cols; c++) {
        /* "本年收费金额（单位：万元）" already names its unit */
        const char *u = r->cols[c].unit;
        if (u && strstr(r->cols[c].label, u))
          u = NULL;
        hp(b, "<th>%s%R%s%R</th>", r->cols[c].label, u ? "（" : "", u,
           u ? "）" : "");
      }
      xxgk_buf_puts(b, "</tr>");
    }
    hp(b, "<tr><th class=\"row\">%s</th>", r->label);
    for (int c = 0; c < r->n_cols; c++)
      cell(b, d, m, i, c);
    xxgk_buf_puts(b, "</tr>");
  }
  xxgk_buf_puts(b, "</table></div>");
}

/* 表三: one header over every row; group and subgroup as merged label
 * columns, the applicant columns under their group. */
static void table_matrix(xxgk_buf *b, const xxgk_doc *d,
                         const struct marks *m, xxgk_table t) {
  int rows[MAX_ROWS], n = 0;
  for (int i = 0; i < xxgk_dict_n_rows() && n < MAX_ROWS; i++)
    if (in_table(d, i, t))
      rows[n++] = i;
  if (!n)
    return;
  const xxgk_row_def *r0 = xxgk_dict_row(rows[0]);
  const xxgk_table_def *td = xxgk_dict_table(t);
  hp(b, "<table class=\"report\"><thead><tr>"
        "<th colspan=\"3\" rowspan=\"3\" class=\"corner\">%s</th>"
        "<th colspan=\"%d\">%s</th></tr><tr>",
     td->corner, r0->n_cols, td->columns);
  for (int c = 0; c < r0->n_cols;) {
    const char *g = r0->cols[c].group;
    int span = 1;
    while (g && c + span < r0->n_cols && same(g, r0->cols[c + span].group))
      span++;
    if (g)
      hp(b, "<th colspan=\"%d\">%s</th>", span, g);
    else
      hp(b, "<th rowspan=\"2\">%s</th>", r0->cols[c].label);
    c += span;
  }
  xxgk_buf_puts(b, "</tr><tr>");
  for (int c = 0; c < r0->n_cols; c++)
    if (r0->cols[c].group)
      hp(b, "<th>%s</th>", r0->cols[c].label);
  xxgk_buf_puts(b, "</tr></thead><tbody>");
  for (int k = 0; k < n; k++) {
    const xxgk_row_def *r = xxgk_dict_row(rows[k]);
    xxgk_buf_puts(b, "<tr>");
    if (!r->group) {
      hp(b, "<th colspan=\"3\" class=\"row\">%s</th>", r->label);
    } else {
      int first_g = k == 0 || !same(xxgk_dict_row(rows[k - 1])->group,
                                    r->group);
      if (first_g) {
        int span = 1;
        while (k + span < n &&
               same(xxgk_dict_row(rows[k + span])->group, r->group))
          span++;
        hp(b, "<th rowspan=\"%d\" class=\"group\">%s</th>", span, r->group);
      }
      if (!r->subgroup) {
        hp(b, "<th colspan=\"2\" class=\"row\">%s</th>", r->label);
      } else {
        int first_s = k == 0 || !same(xxgk_dict_row(rows[k - 1])->subgroup,
                                      r->subgroup);
        if (first_s) {
          int span = 1;
          while (k + span < n &&
                 same(xxgk_dict_row(rows[k + span])->subgroup, r->subgroup))
            span++;
          hp(b, "<th rowspan=\"%d\" class=\"group\">%s</th>", span,
             r->subgroup);
        }
        hp(b, "<th class=\"row\">%s</th>", r->label);
      }
    }
    for (int c = 0; c < r->n_cols; c++)
      cell(b, d, m, rows[k], c);
    xxgk_buf_puts(b, "</tr>");
  }
  xxgk_buf_puts(b, "</tbody></table>");
}

/* 表四: the rows side by side as column groups over one line. */
static void table_across(xxgk_buf *b, const xxgk_doc *d,
                         const struct marks *m, xxgk_table t) {
  int rows[MAX_ROWS], n = 0;
  for (int i = 0; i < xxgk_dict_n_rows() && n < MAX_ROWS; i++)
    if (in_table(d, i, t))
      rows[n++] = i;
  xxgk_buf_puts(b, "<div class=\"wide-table\"><table class=\"report\"><tr>");
  for (int k = 0; k < n;) {
    const xxgk_row_def *r = xxgk_dict_row(rows[k]);
    if (!r->group) {
      hp(b, "<th colspan=\"%d\" rowspan=\"2\">%s</th>", r->n_cols, r->label);
      k++;
      continue;
    }
    int span = 0, j = k;
    while (j < n && same(xxgk_dict_row(rows[j])->group, r->group))
      span += xxgk_dict_row(rows[j++])->n_cols;
    hp(b, "<th colspan=\"%d\">%s</th>", span, r->group);
    k = j;
  }
  xxgk_buf_puts(b, "</tr><tr>");
  for (int k = 0; k < n; k++) {
    const xxgk_row_def *r = xxgk_dict_row(rows[k]);
    if (r->group)
      hp(b, "<th colspan=\"%d\">%s</th>", r->n_cols, r->label);
  }
  xxgk_buf_puts(b, "</tr><tr>");
  for (int k = 0; k < n; k++) {
    const xxgk_row_def *r = xxgk_dict_row(rows[k]);
    for (int c = 0; c < r->n_cols; c++)
      hp(b, "<th>%s</th>", r->cols[c].label);
  }
  xxgk_buf_puts(b, "</tr><tr>");
  for (int k = 0; k < n; k++) {
    const xxgk_row_def *r = xxgk_dict_row(rows[k]);
    for (int c = 0; c < r->n_cols; c++)
      cell(b, d, m, rows[k], c);
  }
  xxgk_buf_puts(b, "</tr></table></div>");
}

/* Whether finding g names a cell of table t (or, for t < 0, none). */
static int finding_in(const xxgk_diag *g, int t) {
  if (g->n_cells == 0)
    return t < 0;
  const xxgk_row_def *r = xxgk_dict_row(g->cells[0].row);
  return r && (int)r->table == t;
}

static void finding_item(xxgk_buf *b, const xxgk_doc *d, size_t i) {
  const xxgk_diag *g = xxgk_doc_diag(d, i);
  hp(b, "<li id=\"f-%d\" class=\"sev-%R\"><b>%s</b> %s", (int)i + 1,
     xxgk_severity_name(g->severity), g->rule ? g->rule : "", g->message);
  if (g->line) {
    char where[128];
    xxgk_doc_where(d, g->line, g->col, where, sizeof where);
    if (where[0])
      hp(b, " <small>（%s）</small>", where);
  }
  if (g->n_cells) {
    xxgk_buf_puts(b, "<br><small>涉及：");
    for (int k = 0; k < g->n_cells && k < 6; k++) {
      const xxgk_row_def *r = xxgk_dict_row(g->cells[k].row);
      if (!r || g->cells[k].col < 0 || g->cells[k].col >= r->n_cols)
        continue;
      hp(b, "%R<a href=\"#cell-%d-%d\">%s·%s</a>", k ? "、" : "",
         g->cells[k].row, g->cells[k].col, r->label,
         r->cols[g->cells[k].col].label);
    }
    if (g->n_cells > 6)
      hp(b, " 等 %d 格", g->n_cells);
    xxgk_buf_puts(b, "</small>");
  }
  xxgk_buf_puts(b, "</li>");
}

static void findings_for(xxgk_buf *b, const xxgk_doc *d, int t) {
  int n = 0;
  for (size_t i = 0; i < xxgk_doc_n_diags(d); i++) {
    const xxgk_diag *g = xxgk_doc_diag(d, i);
    if (g->severity < XXGK_SEV_WARNING || !finding_in(g, t))
      continue;
    if (!n++)
      xxgk_buf_puts(b, "<aside class=\"findings\"><h3>发现的问题</h3><ol>");
    finding_item(b, d, i);
  }
  if (n)
    xxgk_buf_puts(b, "</ol></aside>");
}

void tables_html(xxgk_buf *b, const xxgk_doc *d) {
  struct marks *m = srv_alloc(sizeof *m);
  mark_cells(d, m);
  findings_for(b, d, -1);
  static const xxgk_table ORDER[] = {XXGK_T_ACTIVE, XXGK_T_APPLICATIONS,
                                     XXGK_T_REVIEWS, XXGK_T_FEES};
  for (size_t k = 0; k < sizeof ORDER / sizeof ORDER[0]; k++) {
    xxgk_table t = ORDER[k];
    hp(b, "<section class=\"table-block\" id=\"table-%R\"><h2>%s</h2>"
          "<div class=\"side\">",
       xxgk_dict_table(t)->key, xxgk_dict_table(t)->heading);
    switch (xxgk_dict_table(t)->layout) {
    case XXGK_LAYOUT_MATRIX: table_matrix(b, d, m, t); break;
    case XXGK_LAYOUT_ACROSS: table_across(b, d, m, t); break;
    default: table_items(b, d, m, t); break;
    }
    findings_for(b, d, (int)t);
    xxgk_buf_puts(b, "</div></section>");
  }
  free(m);
}

void findings_html(xxgk_buf *b, const xxgk_doc *d) {
  size_t n = xxgk_doc_n_diags(d);
  if (!n) {
    hp(b, "<p class=\"flash ok\">没有发现问题：各表勾稽关系一致。</p>");
    return;
  }
  hp(b, "<p>错误 %d 个，警告 %d 个。</p><ol class=\"all-findings\">",
     (int)xxgk_doc_count(d, XXGK_SEV_ERROR),
     (int)(xxgk_doc_count(d, XXGK_SEV_WARNING) -
           xxgk_doc_count(d, XXGK_SEV_ERROR)));
  for (size_t i = 0; i < n; i++)
    finding_item(b, d, i);
  xxgk_buf_puts(b, "</ol>");
}

void tables_json(xxgk_buf *b, const xxgk_doc *d) {
  char *report = xxgk_render(d, XXGK_OUT_JSON);
  char *findings = xxgk_render(d, XXGK_OUT_FINDINGS_JSON);
  jp(b, "{\"errors\": %d, \"warnings\": %d, \"report\": %R, \"findings\": %R}",
     (int)xxgk_doc_count(d, XXGK_SEV_ERROR),
     (int)(xxgk_doc_count(d, XXGK_SEV_WARNING) -
           xxgk_doc_count(d, XXGK_SEV_ERROR)),
     report, findings);
  xxgk_free(report);
  xxgk_free(findings);
}
