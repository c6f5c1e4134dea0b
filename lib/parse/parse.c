/*
 * parse.c — tokens to events, and the report's format.
 *
 * The parser does not trust the layout of a table, which real reports and
 * their conversions mangle; it trusts the labels and the template. Every
 * run of numbers becomes an event with the row label printed right before
 * it:
 *
 *   - the text tokens since the previous run form a window; the last one,
 *     or the last two to four joined (a label split over lines, "商业\n企业"),
 *     or those in the same column as the last (pdftotext -layout puts a
 *     vertically set group label between the lines of a wrapped row label),
 *     must match a row label of the dictionary exactly, or — for a label
 *     wrapped around its numbers — begin it unambiguously; digits run
 *     together with the text before them match its tail ("…件数规章000");
 *   - inside a table, a window that matches no label exactly may be near
 *     the label of the row expected next (rows come in a fixed order): a
 *     typo, a dropped character, an OCR confusion. Near two rows: neither;
 *   - inside a table, numbers under no label are kept, for align.c to place
 *     by the template; elsewhere they are prose ("2147 条") and ignored;
 *   - a label followed by more text is kept too: a conversion may have
 *     moved its numbers away;
 *   - table 4 has no row labels: after a cell "行政复议", words of its header
 *     are skipped and the next 15 numbers are its cells, in order.
 *
 * Once the whole input is read, the format (2019/2021) is decided from the
 * evidence each table gave (column headers, which rows exist, how many
 * numbers a row has); a table printed in the other format's layout than
 * the report's is read in its own. align.c then turns the events into
 * cells. Nothing is guessed: what the evidence leaves open is null and an
 * error.
 */
#include "labels.h"
#include "parser.h"

#include <stdlib.h>
#include <string.h>

/* ## Lines */

void parse_line(xxgk_parser *p, const char *orig, size_t n) {
  unsigned flags = text_normalize(orig, n, &p->norm, &p->tc);
  int part = p->part;
  if (outline_line(p, orig, n, p->norm.data, p->norm.len, flags))
    return;
  if (p->part != part && p->part >= 0) {
    p->ctx_table = -1; /* a new part: the table before it has ended */
    p->saw_table |= dict_part(p->part)->table >= 0;
  }
  lex_line(p, p->norm.data, p->norm.len, flags, p->lineno);
}

/* ## Events */

static void store_num(xxgk_parser *p, numtok *dst, const token *t) {
  memset(dst, 0, sizeof *dst);
  dst->num = t->num;
  dst->blank = t->kind == TOK_BLANK ? 1 + (t->n == 0) : 0;
  dst->unit = t->unit;
  dst->line = t->line;
  dst->col = t->col;
  if (t->kind == TOK_GLUED) {
    dst->glued = (uint32_t)p->strs.len;
    dst->glued_n = (uint8_t)t->n;
    buf_put(&p->strs, t->s, t->n);
    buf_putc(&p->strs, 0);
  }
}

/* A new event, or NULL when the report has too many (said once). */
static event *new_event(xxgk_parser *p, int target, xxgk_table table,
                        uint32_t line, uint32_t col) {
  if (p->n_ev == MAX_EVENTS) {
    if (!p->ev_full)
      doc_diag(p->doc, "P", XXGK_SEV_ERROR, line, col,
               "表格的行过多（超过%d处），其后的行未读取", MAX_EVENTS);
    p->ev_full = 1;
    return NULL;
  }
  p->ev = grow(p->ev, &p->cap_ev, (size_t)p->n_ev + 1, sizeof *p->ev);
  event *e = &p->ev[p->n_ev++];
  *e = (event){.target = target, .table = table, .line = line, .col = col,
               .first = (uint32_t)p->n_nums};
  return e;
}

/* A row label of table 2 or 3 was seen: the table is being read. */
static void in_table(xxgk_parser *p, int target) {
  p->ctx_table = labels_target(target)->table;
  p->ctx_part = p->part;
  p->last_target = target;
  p->saw_table = 1;
}

/* A label followed by text, not numbers: kept, for align.c. */
static void label_alone(xxgk_parser *p, const wtok *w) {
  if (w->target < 0 || p->first_ev[w->target] >= 0)
    return;
  const label_target *lt = labels_target(w->target);
  if (p->ctx_table >= 0 && p->ctx_table != (int)lt->table)
    return; /* a label quoted elsewhere, e.g. in table 3's header */
  new_event(p, w->target, lt->table, w->line, w->col);
  in_table(p, w->target);
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

/* The target the window's label names exactly, or -2 for none. */
static int resolve(xxgk_parser *p) {
  int n = p->n_window;
  if (n == 0)
    return -2;
  if (WIN(p, n - 1)->target >= 0) /* the last token alone, looked up */
    return WIN(p, n - 1)->target;
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

/* The rows that may come next in the table being read, in either format:
 * the one after the last row seen and the one after that (a row may be
 * missing), or the table's first two. At most 4, in out. */
static int expected_next(const xxgk_parser *p, int *out) {
  int n = 0;
  xxgk_table table;
  int after[2] = {-1, -1};
  if (p->ctx_table >= 0 && p->ctx_part == p->part) {
    const label_target *lt = labels_target(p->last_target);
    table = lt->table;
    after[0] = lt->row[0];
    after[1] = lt->row[1];
  } else if (p->part >= 0 && dict_part(p->part)->table >= 0 &&
             dict_part(p->part)->table <= XXGK_T_APPLICATIONS) {
    table = (xxgk_table)dict_part(p->part)->table;
  } else {
    return 0;
  }
  for (int f = 0; f < 2; f++) {
    unsigned fmt = f ? XXGK_FORMAT_2021 : XXGK_FORMAT_2019;
    if (p->ctx_table >= 0 && after[f] < 0)
      continue;
    for (int i = after[f] + 1, k = 0; i < xxgk_dict_n_rows() && k < 2; i++) {
      const xxgk_row_def *r = xxgk_dict_row(i);
      if (r->table != table || !(r->formats & fmt))
        continue;
      int t = labels_row_target(i), dup = 0;
      for (int j = 0; j < n; j++)
        dup |= out[j] == t;
      if (!dup)
        out[n++] = t;
      k++;
    }
  }
  return n;
}

/* The last token, or the last two joined, near the label of a row that
 * may come next: its target, the token as printed in *printed and the
 * distance in *dist; EV_UNSURE (and an error) when it is
 * equally near two; -2 when near none. */
static int resolve_near(xxgk_parser *p, uint32_t line, int *dist,
                        const wtok **printed) {
  int cands[4];
  int nc = expected_next(p, cands);
  if (nc == 0 || p->n_window == 0)
    return -2;
  for (int j = 1; j <= 2 && j <= p->n_window; j++) {
    char full[KEY_MAX];
    size_t len = 0;
    for (int k = p->n_window - j; k < p->n_window; k++) {
      const wtok *w = WIN(p, k);
      if (len + w->n >= KEY_MAX)
        return -2;
      memcpy(full + len, w->text, w->n);
      len += w->n;
    }
    full[len] = 0;
    int tie[2];
    int t = labels_near_row(full, text_key_bare(full), cands, nc, dist, tie);
    *printed = WIN(p, p->n_window - 1);
    if (t == AMBIGUOUS) {
      doc_diag(p->doc, "P", XXGK_SEV_ERROR, line, 0,
               "第%u行的标签“%s”与“%s”和“%s”同样接近，无法确定是哪一行；其数字"
               "未读取",
               (*printed)->line, full,
               xxgk_dict_row(labels_target(tie[0])->first_row)->label,
               xxgk_dict_row(labels_target(tie[1])->first_row)->label);
      return EV_UNSURE;
    }
    if (t >= 0)
      return t;
  }
  return -2;
}

/* Starts a run of numbers at token t: its event, or RUN_PROSE. */
static int start_run(xxgk_parser *p, const token *t) {
  int target = resolve(p);
  xxgk_how how = XXGK_HOW_PLAIN;
  int dist = 0;
  const wtok *printed = NULL;
  if (target < 0 && t->kind == TOK_GLUED && p->n_window > 0) {
    const wtok *w = WIN(p, p->n_window - 1);
    target = labels_match_tail(w->text, w->n);
    if (target < 0)
      target = -2;
  }
  if (target < 0)
    target = resolve_near(p, t->line, &dist, &printed);
  if (target >= 0 && printed)
    how = XXGK_HOW_NEAR_MATCH;
  uint32_t label_line = p->n_window ? WIN(p, p->n_window - 1)->line : 0;
  p->n_window = 0;
  /* Numbers under no label belong to the table being read, or to the
   * table whose heading came last (their label may follow them). */
  int table = p->ctx_table;
  if (table < 0 && p->part >= 0 && dict_part(p->part)->table >= 0 &&
      dict_part(p->part)->table <= XXGK_T_APPLICATIONS)
    table = dict_part(p->part)->table;
  if (target == -2 && table < 0)
    return RUN_PROSE;
  if (target >= 0 && p->first_ev[target] >= 0) {
    const event *first = &p->ev[p->first_ev[target]];
    doc_diag(p->doc, "P", XXGK_SEV_ERROR, t->line, t->col,
             "“%s”一行出现两次（第%u行和第%u行），以第一次为准；请确认哪一行"
             "属于本报告",
             xxgk_dict_row(labels_target(target)->first_row)->label,
             first->line, t->line);
    return RUN_PROSE;
  }
  if (target >= 0)
    in_table(p, target);
  if (target >= 0)
    table = (int)labels_target(target)->table;
  event *e = new_event(p, target >= 0 ? target : target == -2 ? EV_ORPHAN
                                                              : EV_UNSURE,
                       (xxgk_table)table, t->line, t->col);
  if (!e)
    return RUN_PROSE;
  e->label_line = label_line;
  if (target >= 0)
    p->first_ev[target] = (int)(e - p->ev);
  e->how = how;
  if (printed) {
    e->label = (uint32_t)p->strs.len;
    e->label_n = (uint32_t)printed->n;
    e->distance = dist;
    buf_put(&p->strs, printed->text, printed->n);
    buf_putc(&p->strs, 0);
  }
  return (int)(e - p->ev);
}

/* A run of numbers ends at text w. When the numbers and w, a row label,
 * share one line with no label before the numbers on it ("0 0 1 … 3.危及
 * “三安全一稳定”", a conversion that put the label cell last), the line is
 * that row: the numbers are the label's, whatever label came on an earlier
 * line. Returns 1 if w was so taken. */
static int label_after(xxgk_parser *p, const wtok *w) {
  if (p->run < 0 || w->target < 0)
    return 0;
  event *e = &p->ev[p->run];
  if (e->n == 0 || e->n > MAX_RUN || e->line != w->line ||
      p->nums[e->first + (uint32_t)e->n - 1].line != w->line ||
      e->label_line == w->line || p->first_ev[w->target] >= 0 ||
      e->target == EV_UNSURE)
    return 0;
  if (e->target >= 0 && p->first_ev[e->target] == p->run)
    p->first_ev[e->target] = -1;
  e->target = w->target;
  e->table = labels_target(w->target)->table;
  e->how = XXGK_HOW_ALIGNED;
  p->first_ev[w->target] = p->run;
  in_table(p, w->target);
  return 1;
}

static void add_number(xxgk_parser *p, const token *t) {
  if (p->run == RUN_NONE)
    p->run = start_run(p, t);
  if (p->run < 0)
    return;
  event *e = &p->ev[p->run];
  if (e->n++ >= MAX_RUN)
    return;
  p->nums = grow(p->nums, &p->cap_nums, p->n_nums + 1, sizeof *p->nums);
  store_num(p, &p->nums[p->n_nums++], t);
}

/* ## Table 4 */

static void t4_leave(xxgk_parser *p, const token *t) {
  if (p->t4_mode == 1 && p->t4_n > 0 && !p->t4_found) {
    int glued = p->t4_n == 1; /* one number of many digits: run together */
    for (int i = 0; i < p->t4_n; i++)
      glued |= p->t4[i].glued_n > 0;
    if (glued) /* cells run together: align.c splits them by R1 */
      p->t4_found = p->t4_n;
    else
      doc_diag(p->doc, "V1", XXGK_SEV_ERROR, t ? t->line : p->lineno,
               t ? t->col : 0,
               "表四（行政复议、行政诉讼）只找到%d个数字，应为15个；表四各格"
               "未读取",
               p->t4_n);
  }
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
  if (t->line == p->t4_skip_line)
    return;
  p->t4_paused = 0;
  numtok *slot = p->t4_found ? &p->t4_dup[p->t4_n] : &p->t4[p->t4_n];
  store_num(p, slot, t);
  if (++p->t4_n < T4_NUMBERS)
    return;
  p->t4_line = t->line;
  p->t4_mode = 2;
  if (p->t4_found)
    doc_diag(p->doc, "P", XXGK_SEV_ERROR, t->line, t->col,
             "表四（行政复议、行政诉讼）出现两次（第%u行和第%u行），以第一次"
             "为准",
             p->t4[0].line, p->t4_dup[0].line);
  else
    p->t4_found = T4_NUMBERS;
}

/* ## Tokens */

static const char T4_START[] = "行政复议"; /* table 4's first header cell */

/* Table 4 starts at its first header cell, "行政复议" — also when that cell
 * is split over two lines ("行政\n复议"), or, where table 4 is expected,
 * printed with a typo ("行政复仪": returns 2). */
static int is_t4_start(const xxgk_parser *p, const wtok *w) {
  /* "行政复议", or with the next header cells in one ("行政复议 行政诉讼"). */
  if (strncmp(w->text, T4_START, sizeof T4_START - 1) == 0 &&
      labels_t4_vocab(w->text))
    return 1;
  /* Where table 4 is expected: under its heading, or after table 3's last
   * row. */
  int after_t3 = p->ctx_table == XXGK_T_APPLICATIONS &&
                 xxgk_dict_row(labels_target(p->last_target)->first_row)
                         ->role == XXGK_ROLE_FORWARD;
  if ((after_t3 ||
       (p->part >= 0 && dict_part(p->part)->table == XXGK_T_REVIEWS)) &&
      !p->t4_found && labels_t4_start_near(w->text))
    return 2;
  if (p->n_window == 0)
    return 0;
  const wtok *prev = WIN(p, p->n_window - 1);
  return prev->n + w->n == sizeof T4_START - 1 &&
         memcmp(prev->text, T4_START, prev->n) == 0 &&
         strcmp(w->text, T4_START + prev->n) == 0;
}

/* Table 4's header run together with its digits ("…行政复议行政诉讼结果维持
 * …总计000…"): the text since the last run ends in "行政复议" and words of
 * the header. */
static int t4_in_tail(const xxgk_parser *p) {
  int any = 0;
  for (int i = 0; i < p->n_window && !any; i++)
    any = strstr(WIN(p, i)->text, T4_START) != NULL;
  if (!any) /* most runs: not worth a look at the words */
    return 0;
  size_t after = 0; /* bytes of header words after the token */
  for (int i = p->n_window - 1; i >= 0; i--) {
    const wtok *w = WIN(p, i);
    const char *at = NULL;
    for (const char *s = w->text; (s = strstr(s, T4_START)) != NULL; s++)
      at = s;
    /* The whole header, not a sentence's "行政复议1件". */
    if (at && strlen(at) + after >= 4 * strlen(T4_START) &&
        labels_t4_vocab(at))
      return 1;
    if (!labels_t4_vocab(w->text))
      return 0;
    after += w->n;
  }
  return 0;
}

static void t4_begin(xxgk_parser *p) {
  p->t4_mode = 1;
  p->t4_n = 0;
  p->n_window = 0;
  p->ctx_table = -1;
  p->saw_table = 1;
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
  w.target = -1;
  if (labels_may_match(w.n)) {
    const char *bare = text_key_bare(w.text);
    w.target = labels_match_row(w.text, w.n, bare,
                                w.n - (size_t)(bare - w.text), 0);
  }
  /* Table 4's figures broken by a page's running header or footer: a line
   * or two of other text, then the rest of its figures. A number on such
   * a line ("Page 8") is the page's, not the table's. */
  if (p->t4_mode == 1 && p->t4_n > 0 &&
      (t->line == p->t4_skip_line || p->t4_paused < 2) && p->part >= 0 &&
      dict_part(p->part)->table == XXGK_T_REVIEWS) {
    p->t4_paused += t->line != p->t4_skip_line;
    p->t4_skip_line = t->line;
    return;
  }
  t4_leave(p, t);
  int taken = label_after(p, &w);
  p->run = RUN_NONE;
  if (taken) {
    p->n_window = 0; /* the row is complete: its label names no more */
    return;
  }
  int t4 = is_t4_start(p, &w);
  if (t4) {
    t4_begin(p);
    if (t4 == 2 && !p->t4_found && !p->t4_near) {
      p->t4_near = t->line;
      memcpy(p->t4_label, w.text, w.n + 1 < sizeof p->t4_label
                                      ? w.n + 1
                                      : sizeof p->t4_label);
      p->t4_label[sizeof p->t4_label - 1] = 0;
    }
    return;
  }
  /* Table 2's column headers tell its format; one printed cut short or
   * with a typo ("本年制发件") still does, where table 2 is read and no
   * header printed right has told it. */
  int in_t2 = (p->ctx_table == XXGK_T_ACTIVE ||
               (p->part >= 0 && dict_part(p->part)->table == XXGK_T_ACTIVE)) &&
              !p->votes[XXGK_T_ACTIVE][0] && !p->votes[XXGK_T_ACTIVE][1];
  unsigned hf = labels_header_formats(w.text, w.n, in_t2 && w.target < 0);
  if (hf == XXGK_FORMAT_2019 || hf == XXGK_FORMAT_2021) {
    int i = hf == XXGK_FORMAT_2021;
    if (p->votes[XXGK_T_ACTIVE][i]++ == 0)
      p->vote_line[XXGK_T_ACTIVE][i] = t->line;
  }
  if (p->n_window > 0) /* the token before was followed by text */
    label_alone(p, WIN(p, p->n_window - 1));
  if (p->n_window == WINDOW) { /* drop the oldest */
    p->w_first = (p->w_first + 1) % WINDOW;
    p->n_window--;
  }
  wtok *slot = WIN(p, p->n_window++);
  memcpy(slot->text, w.text, w.n + 1);
  slot->n = w.n;
  slot->line = w.line;
  slot->col = w.col;
  slot->target = w.target;
}

static void on_number(xxgk_parser *p, const token *t) {
  if (!p->t4_mode && p->run == RUN_NONE && t4_in_tail(p))
    t4_begin(p);
  if (p->t4_mode) {
    t4_number(p, t);
    if (p->t4_mode)
      return;
    if (t->line == p->t4_line)
      return;
  }
  add_number(p, t);
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
 * 1 in 2021; not digits run together, whose cells are not yet counted). */
static void vote_rows(xxgk_parser *p) {
  for (int t = 0; t < labels_n_targets(); t++) {
    if (p->first_ev[t] < 0)
      continue;
    const event *e = &p->ev[p->first_ev[t]];
    const label_target *lt = labels_target(t);
    int glued = 0; /* or maybe-blanks: the cells not yet counted */
    for (int i = 0; i < e->n && i < MAX_RUN; i++)
      glued |= p->nums[e->first + (uint32_t)i].glued_n > 0 ||
               p->nums[e->first + (uint32_t)i].blank == 2;
    unsigned fits = 0;
    for (int f = XXGK_FORMAT_2019; f <= XXGK_FORMAT_2021 && !glued; f++) {
      int row = labels_target_row(lt, (xxgk_format)f);
      if (row >= 0 && xxgk_dict_row(row)->n_cols == e->n)
        fits |= (unsigned)f;
    }
    if (!(lt->formats & XXGK_FORMAT_2019))
      fits = XXGK_FORMAT_2021;
    else if (!(lt->formats & XXGK_FORMAT_2021))
      fits = XXGK_FORMAT_2019;
    if (fits == XXGK_FORMAT_2019 || fits == XXGK_FORMAT_2021) {
      int i = fits == XXGK_FORMAT_2021;
      if (p->votes[lt->table][i]++ == 0)
        p->vote_line[lt->table][i] = e->line;
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

/* The report's format, and in tf the format each table is read in: a
 * table 3 printed in the other format's layout than table 2 (an organ
 * reusing last year's template) is read in its own, every printed row
 * kept. */
static xxgk_format decide_format(xxgk_parser *p, xxgk_format *tf) {
  vote_rows(p);
  xxgk_format f2 = table_format(p, XXGK_T_ACTIVE);
  xxgk_format f3 = table_format(p, XXGK_T_APPLICATIONS);
  xxgk_format f = f2 ? f2 : f3;
  if (!f) {
    int y = xxgk_doc_year(p->doc);
    f = y >= 2019 && y <= 2020 ? XXGK_FORMAT_2019 : XXGK_FORMAT_2021;
    p->doc->format_from_year = 1;
    doc_diag(p->doc, "P", XXGK_SEV_NOTICE, 0, 0,
             "表格中没有区分格式的特征，按年度认定为%s年格式",
             xxgk_format_name(f));
  }
  for (int t = 0; t < XXGK_N_TABLES; t++)
    tf[t] = f;
  if (f2 && f3 && f2 != f3) {
    tf[XXGK_T_APPLICATIONS] = f3;
    doc_diag(p->doc, "P", XXGK_SEV_WARNING,
             p->vote_line[XXGK_T_APPLICATIONS][f3 == XXGK_FORMAT_2021], 0,
             "表二是%s年格式，表三“（六）其他处理”却按%s年格式印制：本报告混用"
             "两种格式，各表按其印制的格式读取，表三未印制的%s年格式各行为空"
             "（null）",
             xxgk_format_name(f2), xxgk_format_name(f3),
             xxgk_format_name(f2));
  }
  return f;
}

/* ## Table 4 */

static int assign_t4(xxgk_parser *p, xxgk_format f) {
  if (!p->t4_found)
    return 0;
  int rows[XXGK_DICT_ROWS], n = 0;
  for (int i = 0; i < xxgk_dict_n_rows(); i++) {
    const xxgk_row_def *row = xxgk_dict_row(i);
    if (row->table == XXGK_T_REVIEWS && (row->formats & f))
      rows[n++] = i;
  }
  /* The 15 numbers, group by group, left to right. */
  xxgk_how how = p->t4_near ? XXGK_HOW_NEAR_MATCH : XXGK_HOW_PLAIN;
  int r = align_fill(p, rows, n, p->t4, p->t4_found, how);
  if (r == 0 && p->t4_near) {
    xxgk_diag *g = doc_diag(p->doc, "P", XXGK_SEV_NOTICE, p->t4_near, 0,
                            "表头“%s”与“%s”相差一字，读作表四（行政复议、行政"
                            "诉讼）",
                            p->t4_label, T4_START);
    for (int k = 0; k < n; k++)
      for (int c = 0; c < xxgk_dict_row(rows[k])->n_cols; c++)
        diag_cell(g, rows[k], c);
  }
  if (r == -1)
    doc_diag(p->doc, "V1", XXGK_SEV_ERROR, p->t4[0].line, p->t4[0].col,
             "表四（行政复议、行政诉讼）的数字连在一起，无法分为15格且各组"
             "合计相符；表四各格未读取");
  return 1;
}

/* Reports what the format has and the input lacked: a whole table, or the
 * rows of a table that was found. Rows whose label was found with numbers
 * already have their own message. */
static void report_missing(xxgk_parser *p, const xxgk_format *tf) {
  for (int t = XXGK_T_ACTIVE; t <= XXGK_T_REVIEWS; t++) {
    int any = 0, all = 1;
    for (int i = 0; i < xxgk_dict_n_rows(); i++) {
      const xxgk_row_def *row = xxgk_dict_row(i);
      if (row->table != (xxgk_table)t || !(row->formats & tf[t]))
        continue;
      const xxgk_cell *c = xxgk_doc_cell(p->doc, i, 0);
      int here = c && c->state != XXGK_CELL_ABSENT;
      any |= here;
      all &= here;
    }
    if (all)
      continue;
    if (!any && t == XXGK_T_REVIEWS && p->t4_found)
      continue; /* found, and said why it was not read */
    if (!any) {
      doc_diag(p->doc, "V1", XXGK_SEV_ERROR, 0, 0,
               "未找到表格“%s”的数字；这部分各格为空（null）",
               xxgk_dict_table((xxgk_table)t)->heading);
      continue;
    }
    for (int i = 0; i < xxgk_dict_n_rows(); i++) {
      const xxgk_row_def *row = xxgk_dict_row(i);
      const xxgk_cell *c = xxgk_doc_cell(p->doc, i, 0);
      if (row->table != (xxgk_table)t || !(row->formats & tf[t]) ||
          (c && c->state != XXGK_CELL_ABSENT))
        continue;
      int target = labels_row_target(i);
      if (target < 0 || p->first_ev[target] < 0)
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
  p->run = RUN_NONE;
  p->ctx_table = -1;
  p->last_target = -1;
  p->first_ev = xxgk_malloc((size_t)labels_n_targets() * sizeof *p->first_ev);
  for (int t = 0; t < labels_n_targets(); t++)
    p->first_ev[t] = -1;
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
  for (int s = 0; s < XXGK_N_SECTIONS; s++) {
    buf_free(&p->sections[s]);
    buf_free(&p->sections_norm[s]);
    buf_free(&p->section_jumps[s]);
  }
  free(p->first_ev);
  free(p->ev);
  free(p->nums);
  buf_free(&p->strs);
  xxgk_doc_free(p->doc);
  free(p);
}

void xxgk_parser_feed(xxgk_parser *p, const char *buf, size_t n) {
  input_feed(p, buf, n);
}

xxgk_status xxgk_parser_finish(xxgk_parser *p, xxgk_doc **out) {
  input_finish(p);
  t4_leave(p, NULL);
  p->run = RUN_NONE;
  if (p->n_window > 0)
    label_alone(p, WIN(p, p->n_window - 1));
  xxgk_status st = p->status;
  if (p->enc != ENC_FAILED) {
    outline_finish(p);
    xxgk_format tf[XXGK_N_TABLES];
    xxgk_format f = decide_format(p, tf);
    p->doc->format = f;
    if (tf[XXGK_T_APPLICATIONS] != f)
      xxgk_doc_set_table_format(p->doc, XXGK_T_APPLICATIONS, XXGK_FORMAT_ANY);
    int found = align_tables(p, tf) + assign_t4(p, f);
    if (found == 0 && !p->saw_table) {
      doc_diag(p->doc, "P", XXGK_SEV_ERROR, 0, 0,
               "未找到年度报告的统计表（主动公开、申请办理、复议诉讼）的标题"
               "或行标签，这不像一份政府信息公开工作年度报告");
      if (st == XXGK_OK)
        st = XXGK_E_NOT_REPORT;
    } else {
      report_missing(p, tf);
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
