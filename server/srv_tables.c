/*
 * srv_tables.c — a report's tables as HTML on the library's official grid
 * (xxgk_grid_new: the layout the report writers print, merged cells
 * and all); the 信息处理费 figures, which the formats state in prose, as a
 * small table of items.
 * Every cell a finding names is marked (class "bad", the finding's number
 * and message), and each table's findings are listed beside it. A report
 * built from the register links each figure to what it counts.
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
                 const xxgk_grid_cell *gc, const char *href,
                 const struct srv_cell_extra *extra) {
  int row = gc->row, col = gc->col;
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
  xxgk_buf_puts(b, "<td");
  if (gc->w > 1)
    hp(b, " colspan=\"%d\"", gc->w);
  int f = row < MAX_ROWS && col < MAX_COLS ? m->first[row][col] : 0;
  if (f) {
    const xxgk_diag *g = xxgk_doc_diag(d, (size_t)f - 1);
    hp(b, " class=\"num %R %R\" id=\"cell-%d-%d\" title=\"%s\">"
          "<a href=\"#f-%d\">%s</a><sup>%d</sup>",
       m->primary[row][col] ? "bad" : "involved", cls, row, col, g->message,
       f, num, f);
  } else if (href && c && c->state == XXGK_CELL_VALUE) {
    char key[160];
    xxgk_dict_key(row, col, key, sizeof key);
    hp(b, " class=\"num %R\" id=\"cell-%d-%d\"><a href=\"%s%u\" "
          "title=\"所计的申请、复议诉讼或文件\">%s</a>",
       cls, row, col, href, key, num);
  } else {
    hp(b, " class=\"num %R\" id=\"cell-%d-%d\">%s", cls, row, col, num);
  }
  if (extra)
    extra->write(extra->ctx, b, row, col);
  xxgk_buf_puts(b, "</td>");
}

const char *srv_unit_after(const char *label, const char *unit) {
  return unit && !(label && strstr(label, unit)) ? unit : NULL;
}

/* A header or label cell of the grid: its classes say what it is (the
 * group caption of table 2, the corner that prints rule A1, a row's own
 * label, a group spanning rows), and a column's unit follows its label
 * unless the label names it ("本年收费金额（单位：万元）"). */
static void label_cell(xxgk_buf *b, const xxgk_grid *g, const xxgk_grid_cell *c,
                       const xxgk_table_def *td) {
  const char *cls = "";
  if (c->kind == XXGK_GRID_LABEL)
    cls = c->row >= 0 ? "row" : "group";
  else if (c->w == xxgk_grid_n_cols(g) && !xxgk_grid_n_head_rows(g))
    cls = "caption";
  else if (c->text && c->text == td->corner && xxgk_grid_n_head_rows(g))
    cls = "corner";
  const char *u = NULL;
  if (c->kind == XXGK_GRID_HEAD && c->row >= 0)
    u = srv_unit_after(c->text, xxgk_dict_row(c->row)->cols[c->col].unit);
  hp(b, "<th%R%R%R", *cls ? " class=\"" : "", cls, *cls ? "\"" : "");
  if (c->w > 1)
    hp(b, " colspan=\"%d\"", c->w);
  if (c->h > 1)
    hp(b, " rowspan=\"%d\"", c->h);
  hp(b, ">%s%R%s%R</th>", c->text, u ? "（" : "", u, u ? "）" : "");
}

/* Table t on the official grid (the library's, as the report writers lay
 * it out), every figure's cell marked by the findings that name it. */
static void table_grid(xxgk_buf *b, const xxgk_doc *d, const struct marks *m,
                       xxgk_table t, const char *href,
                       const struct srv_cell_extra *extra) {
  xxgk_grid *g = xxgk_grid_new(t, xxgk_doc_format(d));
  if (!g)
    return;
  const xxgk_table_def *td = xxgk_dict_table(t);
  int items = td->layout == XXGK_LAYOUT_ITEMS || td->layout == XXGK_LAYOUT_PROSE;
  hp(b, "<div class=\"%R\"><table class=\"report\">",
     items ? "items" : "wide-table");
  int nh = xxgk_grid_n_head_rows(g);
  for (int y = 0; y < xxgk_grid_n_rows(g); y++) {
    if (y == 0 && nh)
      xxgk_buf_puts(b, "<thead>");
    if (y == nh && nh)
      xxgk_buf_puts(b, "<tbody>");
    xxgk_buf_puts(b, "<tr>");
    for (int x = 0; x < xxgk_grid_n_cols(g); x++) {
      const xxgk_grid_cell *c = xxgk_grid_at(g, x, y);
      if (c && c->kind == XXGK_GRID_VALUE)
        cell(b, d, m, c, href, extra);
      else if (c)
        label_cell(b, g, c, td);
    }
    xxgk_buf_puts(b, "</tr>");
    if (y + 1 == nh)
      xxgk_buf_puts(b, "</thead>");
  }
  xxgk_buf_puts(b, nh ? "</tbody></table></div>" : "</table></div>");
  xxgk_grid_free(g);
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

void tables_html(xxgk_buf *b, const xxgk_doc *d, const char *href) {
  tables_html_with(b, d, href, NULL);
}

void tables_html_with(xxgk_buf *b, const xxgk_doc *d, const char *href,
                      const struct srv_cell_extra *extra) {
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
    table_grid(b, d, m, t, href, extra);
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
