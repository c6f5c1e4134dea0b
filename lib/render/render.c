/*
 * render.c — the document to text: canonical JSON, CSV, Markdown, and the
 * diagnostics as JSON or lines. Every table renderer walks the dictionary
 * (tables → rows → columns) in order; the output is byte-for-byte
 * deterministic, with '\n' line ends and a final newline. Whole reports
 * (Markdown, text, HTML) have a file each, render_*.c; escaping is esc.c's.
 */
#include "report.h"

#include <stdlib.h>
#include <string.h>

static void num_put(buf *b, xxgk_num n) {
  char s[32];
  xxgk_num_format(n, s);
  buf_puts(b, s);
}

/* The cell's value as JSON/CSV text; absent: `absent`. */
static void cell_put(buf *b, const xxgk_cell *c, const char *absent) {
  if (!c || c->state == XXGK_CELL_ABSENT)
    buf_puts(b, absent);
  else
    num_put(b, c->num);
}

static void indent(buf *b, int n) {
  for (int i = 0; i < n; i++)
    buf_puts(b, "  ");
}

/* The cells not read plainly, in dictionary order, with fn called on each
 * (a cell's `how` says how it was read). */
static void each_inferred(const xxgk_doc *d, void (*fn)(buf *, const xxgk_doc *,
                                                        int, int, int),
                          buf *b) {
  int n = 0;
  for (int i = 0; i < xxgk_dict_n_rows(); i++)
    for (int c = 0; c < xxgk_dict_row(i)->n_cols; c++) {
      const xxgk_cell *x = xxgk_doc_cell(d, i, c);
      if (x && x->state != XXGK_CELL_ABSENT && x->how != XXGK_HOW_PLAIN)
        fn(b, d, i, c, n++);
    }
}

/* ## JSON */

static void json_inferred(buf *b, const xxgk_doc *d, int row, int col,
                          int n) {
  const xxgk_cell *x = xxgk_doc_cell(d, row, col);
  char key[128];
  xxgk_dict_key(row, col, key, sizeof key);
  buf_puts(b, n ? ",\n    {\"key\": " : "\n    {\"key\": ");
  esc_json(b, key);
  json_member(b, "how", xxgk_how_name(x->how));
  /* The line of the text parsed; for HTML, DOCX and PDF the notice that
   * names the cell gives the place in the original (`where`, xxgk check
   * --json), which a document read back from JSON could not. */
  buf_printf(b, ", \"line\": %u, \"column\": %u}", x->line, x->col);
}

static void json_table(buf *b, const xxgk_doc *d, xxgk_table t) {
  indent(b, 1);
  esc_json(b, xxgk_dict_table(t)->key);
  buf_puts(b, ": {");
  int first_row = 1;
  for (int i = 0; i < xxgk_dict_n_rows(); i++) {
    const xxgk_row_def *r = xxgk_dict_row(i);
    if (r->table != t || !doc_has_row(d, r))
      continue;
    int depth = 2;
    if (r->key) {
      buf_puts(b, first_row ? "\n" : ",\n");
      indent(b, 2);
      esc_json(b, r->key);
      buf_puts(b, ": {");
      depth = 3;
    }
    for (int c = 0; c < r->n_cols; c++) {
      buf_puts(b, c == 0 && (r->key || first_row) ? "\n" : ",\n");
      indent(b, depth);
      esc_json(b, r->cols[c].key);
      buf_puts(b, ": ");
      cell_put(b, xxgk_doc_cell(d, i, c), "null");
    }
    if (r->key) {
      buf_putc(b, '\n');
      indent(b, 2);
      buf_putc(b, '}');
    }
    first_row = 0;
  }
  buf_putc(b, '\n');
  indent(b, 1);
  buf_putc(b, '}');
}

static void render_json(buf *b, const xxgk_doc *d) {
  buf_puts(b, "{\n  \"format\": ");
  esc_json(b, xxgk_format_name(d->format));
  buf_puts(b, ",\n  \"year\": ");
  json_year(b, d->year);
  buf_puts(b, ",\n  \"agency\": ");
  esc_json(b, d->agency);
  buf_puts(b, ",\n  \"title\": ");
  esc_json(b, d->title);
  for (int t = 0; t < XXGK_N_TABLES; t++) {
    buf_puts(b, ",\n");
    json_table(b, d, (xxgk_table)t);
  }
  buf_puts(b, ",\n  \"sections\": {");
  for (int s = 0; s < XXGK_N_SECTIONS; s++) {
    buf_puts(b, s ? ",\n    " : "\n    ");
    esc_json(b, xxgk_section_key((xxgk_section)s));
    buf_puts(b, ": ");
    esc_json(b, d->sections[s]);
  }
  buf_puts(b, "\n  },\n  \"inferred\": [");
  size_t before = b->len;
  each_inferred(d, json_inferred, b);
  buf_puts(b, b->len > before ? "\n  ]\n}\n" : "]\n}\n");
}

/* ## CSV: one column per dotted key, the union of both formats (keys.c). */

static void render_csv_header(buf *b) {
  const dict_key *keys;
  int n = dict_keys(&keys);
  buf_puts(b, "source,format,year,agency,title");
  for (int j = 0; j < n; j++) {
    buf_putc(b, ',');
    buf_puts(b, keys[j].key);
  }
  buf_puts(b, "\r\n");
}

static void render_csv_row(buf *b, const xxgk_doc *d) {
  esc_csv(b, d->source);
  buf_putc(b, ',');
  esc_csv(b, xxgk_format_name(d->format));
  buf_putc(b, ',');
  if (d->year)
    buf_printf(b, "%d", d->year);
  buf_putc(b, ',');
  esc_csv(b, d->agency);
  buf_putc(b, ',');
  esc_csv(b, d->title);
  const dict_key *keys;
  int n = dict_keys(&keys);
  for (int j = 0; j < n; j++) {
    buf_putc(b, ',');
    cell_put(b, dict_key_cell(&keys[j], d), "");
  }
  buf_puts(b, "\r\n");
}

/* ## Markdown */

/* How a cell was read, for people (xxgk_how). */
static const char *how_label(xxgk_how h) {
  static const char *const LABELS[] = {"", "空白按0计", "标签近似",
                                       "按模板对齐", "按合计拆分",
                                       "按另一格式读取"};
  return (unsigned)h < sizeof LABELS / sizeof LABELS[0] ? LABELS[h] : "";
}

/* An inferred cell is marked "*", and listed after the tables. */
static void md_cells(buf *b, const xxgk_doc *d, int row) {
  const xxgk_row_def *r = xxgk_dict_row(row);
  for (int c = 0; c < r->n_cols; c++) {
    const xxgk_cell *x = xxgk_doc_cell(d, row, c);
    buf_puts(b, " | ");
    cell_put(b, x, "（缺）");
    if (x && x->state != XXGK_CELL_ABSENT && x->how != XXGK_HOW_PLAIN)
      buf_puts(b, "\\*");
  }
  buf_puts(b, " |\n");
}

static void md_inferred(buf *b, const xxgk_doc *d, int row, int col, int n) {
  const xxgk_cell *x = xxgk_doc_cell(d, row, col);
  char key[128];
  xxgk_dict_key(row, col, key, sizeof key);
  if (n == 0)
    buf_puts(b, "\n## 推断所得的格（表中标 \\*）\n\n");
  buf_printf(b, "- `%s` = ", key);
  cell_put(b, x, "");
  buf_printf(b, "：%s", how_label(x->how));
  if (x->line)
    buf_printf(b, "（第%u行）", x->line);
  buf_putc(b, '\n');
}

static void md_header(buf *b, const char *first, const xxgk_row_def *r) {
  buf_puts(b, "| ");
  buf_puts(b, first);
  for (int c = 0; c < r->n_cols; c++) {
    buf_puts(b, " | ");
    if (r->cols[c].group && r->table == XXGK_T_APPLICATIONS) {
      buf_puts(b, r->cols[c].group);
      buf_puts(b, "·");
    }
    buf_puts(b, r->cols[c].label);
  }
  buf_puts(b, " |\n|");
  for (int c = 0; c <= r->n_cols; c++)
    buf_puts(b, c ? "---:|" : "---|");
  buf_putc(b, '\n');
}

static void render_md(buf *b, const xxgk_doc *d) {
  buf_puts(b, "# ");
  esc_md_cell(b, d->title ? d->title : "政府信息公开工作年度报告");
  buf_puts(b, "\n\n");
  if (d->format)
    buf_printf(b, "格式：%s年  \n", xxgk_format_name(d->format));
  if (d->source) {
    buf_puts(b, "来源：");
    esc_md_cell(b, d->source);
    buf_puts(b, "\n");
  }
  for (int t = 0; t < XXGK_N_TABLES; t++) {
    buf_puts(b, "\n## ");
    buf_puts(b, t == XXGK_T_FEES ? "信息处理费"
                                 : xxgk_dict_table((xxgk_table)t)->heading);
    buf_puts(b, "\n");
    const xxgk_row_def *prev = NULL;
    for (int i = 0; i < xxgk_dict_n_rows(); i++) {
      const xxgk_row_def *r = xxgk_dict_row(i);
      if (r->table != (xxgk_table)t || !doc_has_row(d, r))
        continue;
      /* A new header where the columns change (table 2's items). */
      if (!prev || prev->cols != r->cols ||
          (t == XXGK_T_ACTIVE && strcmp(prev->group, r->group) != 0)) {
        buf_putc(b, '\n');
        if (t == XXGK_T_ACTIVE) {
          buf_puts(b, r->group);
          buf_puts(b, "\n\n");
        }
        md_header(b, t == XXGK_T_ACTIVE ? "信息内容" : "项目", r);
      }
      prev = r;
      buf_puts(b, "| ");
      if (r->group && t == XXGK_T_REVIEWS) {
        esc_md_cell(b, r->group);
        buf_puts(b, "·");
      }
      if (r->subgroup)
        esc_md_cell(b, r->subgroup);
      esc_md_cell(b, r->label);
      md_cells(b, d, i);
    }
  }
  each_inferred(d, md_inferred, b);
}

/* ## Diagnostics */

static void render_findings_json(buf *b, const xxgk_doc *d) {
  buf_puts(b, "{\"file\": ");
  esc_json(b, d->source);
  json_member(b, "format", xxgk_format_name(d->format));
  buf_puts(b, ", \"year\": ");
  json_year(b, d->year);
  json_member(b, "agency", d->agency);
  buf_printf(b, ", \"errors\": %zu, \"warnings\": %zu, \"notices\": %zu",
             xxgk_doc_count(d, XXGK_SEV_ERROR),
             xxgk_doc_count(d, XXGK_SEV_WARNING) -
                 xxgk_doc_count(d, XXGK_SEV_ERROR),
             xxgk_doc_count(d, XXGK_SEV_NOTICE) -
                 xxgk_doc_count(d, XXGK_SEV_WARNING));
  buf_puts(b, ", \"findings\": [");
  for (size_t i = 0; i < d->n_diags; i++) {
    const xxgk_diag *g = &d->diags[i];
    buf_puts(b, i ? ",\n  {" : "\n  {");
    buf_puts(b, "\"rule\": ");
    esc_json(b, g->rule);
    json_member(b, "severity", xxgk_severity_name(g->severity));
    buf_printf(b, ", \"line\": %u, \"column\": %u", g->line, g->col);
    if (g->line && d->where) { /* HTML, DOCX, PDF: the place in the original */
      char w[128];
      xxgk_doc_where(d, g->line, g->col, w, sizeof w);
      json_member(b, "where", w);
    }
    json_member(b, "message", g->message);
    buf_puts(b, ", \"cells\": [");
    for (int k = 0; k < g->n_cells; k++) {
      char key[128], label[300];
      xxgk_dict_key(g->cells[k].row, g->cells[k].col, key, sizeof key);
      dict_cell_label(g->cells[k].row, g->cells[k].col, label, sizeof label);
      const xxgk_cell *c = xxgk_doc_cell(d, g->cells[k].row, g->cells[k].col);
      buf_puts(b, k ? ", {\"key\": " : "{\"key\": ");
      esc_json(b, key);
      json_member(b, "label", label);
      buf_puts(b, ", \"value\": ");
      cell_put(b, c, "null");
      buf_printf(b, ", \"line\": %u, \"column\": %u}", c ? c->line : 0,
                 c ? c->col : 0);
    }
    buf_puts(b, "]");
    if (g->has_expected) {
      buf_puts(b, ", \"expected\": ");
      num_put(b, g->expected);
    }
    if (g->has_actual) {
      buf_puts(b, ", \"actual\": ");
      num_put(b, g->actual);
    }
    buf_puts(b, "}");
  }
  if (d->n_dropped)
    buf_printf(b, "\n  ], \"dropped\": %zu}\n", d->n_dropped);
  else
    buf_puts(b, d->n_diags ? "\n]}\n" : "]}\n");
}

static void render_findings_text(buf *b, const xxgk_doc *d) {
  const char *src = d->source ? d->source : "-";
  for (size_t i = 0; i < d->n_diags; i++) {
    const xxgk_diag *g = &d->diags[i];
    buf_printf(b, "%s:", src);
    if (g->line && d->where) { /* HTML, DOCX, PDF: the place in the original */
      char w[128];
      xxgk_doc_where(d, g->line, g->col, w, sizeof w);
      buf_printf(b, "%s:", w);
    } else {
      if (g->line)
        buf_printf(b, "%u:", g->line);
      if (g->line && g->col)
        buf_printf(b, "%u:", g->col);
    }
    buf_printf(b, " %s %s: %s", xxgk_severity_name(g->severity), g->rule,
               g->message);
    /* A line for people: the first cells, then how many more (A2 names
     * up to 24; --json lists them all). */
    for (int k = 0; k < g->n_cells; k++) {
      char key[128];
      if (k == 5) {
        buf_printf(b, ", 等%d格", g->n_cells);
        break;
      }
      xxgk_dict_key(g->cells[k].row, g->cells[k].col, key, sizeof key);
      buf_puts(b, k ? ", " : " [");
      buf_puts(b, key);
      buf_putc(b, '=');
      cell_put(b, xxgk_doc_cell(d, g->cells[k].row, g->cells[k].col), "null");
    }
    buf_puts(b, g->n_cells ? "]\n" : "\n");
  }
  if (d->n_dropped)
    buf_printf(b, "%s: notice: 另有 %zu 条诊断未列出\n", src, d->n_dropped);
}

char *xxgk_render(const xxgk_doc *d, xxgk_output o) {
  buf b = {0};
  if (o == XXGK_OUT_CSV_HEADER) {
    render_csv_header(&b);
    return buf_detach(&b);
  }
  if (!d)
    return NULL;
  switch (o) {
  case XXGK_OUT_JSON: render_json(&b, d); break;
  case XXGK_OUT_CSV_HEADER: break;
  case XXGK_OUT_CSV_ROW: render_csv_row(&b, d); break;
  case XXGK_OUT_MARKDOWN: render_md(&b, d); break;
  case XXGK_OUT_FINDINGS_JSON: render_findings_json(&b, d); break;
  case XXGK_OUT_FINDINGS_TEXT: render_findings_text(&b, d); break;
  case XXGK_OUT_REPORT_MD: render_report_md(&b, d); break;
  case XXGK_OUT_REPORT_TEXT: render_report_txt(&b, d); break;
  case XXGK_OUT_REPORT_HTML: render_report_html(&b, d); break;
  }
  return buf_detach(&b);
}
