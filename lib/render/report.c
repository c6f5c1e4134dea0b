/*
 * report.c — the outline every report writer follows (docs/annual-report.md):
 * the title, then the six parts in order under their official headings from
 * the dictionary; parts 二 to 四 hold the tables, parts 一, 五 and 六 the
 * narrative the document carries.
 *
 * A narrative part the document lacks (a sum, a report made from JSON
 * without `sections`) is not left empty: it says, in brackets, what the part
 * must contain, so that the clerk who edits the Word file knows what to
 * write. Part 六 must state the 信息处理费: when the document has those
 * figures but no text for the part, a sentence states them in words the
 * parser reads back (narrative.c), so no figure is lost by a round trip.
 */
#include "report.h"

#include <stdlib.h>
#include <string.h>

/* What each narrative part must contain (条例 第五十条 and the official
 * formats). The wording avoids the phrases narrative.c looks for, so a
 * placeholder never reads back as a figure. */
static const char *const PLACEHOLDER[XXGK_N_SECTIONS] = {
    [XXGK_SEC_OVERVIEW] =
        "（本部分应概述本年度政府信息公开工作的总体情况，包括主动公开、"
        "依申请公开、政府信息管理、平台建设、监督保障等方面的做法和成效。）",
    [XXGK_SEC_PROBLEMS] =
        "（本部分应写明本年度政府信息公开工作存在的主要问题，以及上一年度"
        "问题的改进情况和下一步工作安排。）",
    [XXGK_SEC_OTHER] =
        "（本部分应写明本年度收取信息处理费的情况：发出收费通知的件数、"
        "应收和实际收取的总金额；以及需要报告的其他事项。）",
};

/* The unit a count of notices is stated in: the dictionary gives none for
 * counts, and narrative.c expects one of 件/份/次/个 after the figure. */
#define COUNT_UNIT "件"

char *report_title(const xxgk_doc *d) {
  if (d->title && *d->title)
    return xxgk_strdup(d->title);
  buf b = {0};
  if (d->agency)
    buf_puts(&b, d->agency);
  if (d->year)
    buf_printf(&b, "%d年", d->year);
  buf_puts(&b, "政府信息公开工作年度报告");
  return buf_detach(&b);
}

/* "本年度信息处理费：收费通知件数3件，应收总金额120元，实际收取总金额
 * 100元。" for the figures the document has; nothing if it has none. */
static void fee_sentence(buf *b, const xxgk_doc *d) {
  int row = xxgk_dict_find_row(XXGK_T_FEES, NULL, d->format);
  const xxgk_row_def *r = xxgk_dict_row(row);
  if (!r)
    return;
  int said = 0;
  for (int c = 0; c < r->n_cols; c++) {
    const xxgk_cell *v = xxgk_doc_cell(d, row, c);
    if (!v || v->state == XXGK_CELL_ABSENT)
      continue;
    char s[32];
    xxgk_num_format(v->num, s);
    buf_printf(b, "%s%s%s%s%s", said ? "，" : "\n本年度", said ? "" : r->label,
               said ? "" : "：", r->cols[c].label, s);
    buf_puts(b, r->cols[c].unit ? r->cols[c].unit : COUNT_UNIT);
    said = 1;
  }
  if (said)
    buf_puts(b, "。");
}

/* The narrative of part `s` as the writers print it, one paragraph per
 * line ('\n'-separated): the document's text; or, when it has none, a
 * sentence in brackets saying what the part must contain (*placeholder is
 * then 1: the first line is that sentence), followed for part 六 by a
 * sentence stating the document's 信息处理费 figures, which the parser
 * reads back. The caller frees it. */
static char *report_section(const xxgk_doc *d, xxgk_section s,
                            int *placeholder) {
  const char *text = xxgk_doc_section(d, s);
  *placeholder = 0;
  if (text && *text)
    return xxgk_strdup(text);
  buf b = {0};
  *placeholder = 1;
  buf_puts(&b, PLACEHOLDER[s]);
  if (s == XXGK_SEC_OTHER)
    fee_sentence(&b, d);
  return buf_detach(&b);
}

/* s (n bytes) between open and close, escaped as the writer escapes. */
static void put(buf *b, const report_writer *w, const char *open,
                const char *s, size_t n, const char *close) {
  buf_puts(b, open);
  if (w->esc)
    w->esc(b, s, n);
  else
    buf_put(b, s, n);
  buf_puts(b, close);
}

/* Part s's narrative, a paragraph (a line) at a time; only the first can
 * be the placeholder. */
static void paras(buf *b, const xxgk_doc *d, xxgk_section s,
                  const report_writer *w) {
  int placeholder;
  char *text = report_section(d, s, &placeholder);
  for (const char *p = text; *p; placeholder = 0) {
    const char *nl = strchr(p, '\n');
    size_t n = nl ? (size_t)(nl - p) : strlen(p);
    const char *next = nl ? nl + 1 : p + n;
    while (n > 0 && (p[n - 1] == ' ' || p[n - 1] == '\t'))
      n--;
    if (n > 0)
      put(b, w, placeholder ? w->placeholder : w->para[0], p, n, w->para[1]);
    p = next;
  }
  free(text);
}

void report_walk(buf *b, const xxgk_doc *d, const report_writer *w) {
  for (int i = 0; i < XXGK_N_PARTS; i++) {
    const part_def *p = dict_part(i);
    put(b, w, w->head[0], p->heading, strlen(p->heading), w->head[1]);
    grid g;
    if (p->table >= 0 && grid_build(&g, (xxgk_table)p->table, d->format) == 0)
      w->table(b, d, &g);
    if (p->section >= 0)
      paras(b, d, (xxgk_section)p->section, w);
  }
}
