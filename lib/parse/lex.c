/*
 * lex.c — one normalised line to tokens.
 *
 * A line is first cut into cells at TABs, '|' and runs of two or more spaces
 * (tab-separated rows, pipe and Markdown tables, `pdftotext -layout` columns;
 * a one-cell-per-line file is the degenerate case). Empty cells are layout,
 * not data, and vanish. Inside a cell, words separated by single spaces are
 * read in order: a number (with thousands separators, a fraction, a unit such
 * as 元 or 件, and a parenthesised note such as "55（含自然失效29件）") becomes
 * a number token; "—", "/", "无" a blank token; the rest joins into text.
 */
#include "parser.h"

#include <string.h>

static const struct {
  const char *s;
  size_t n;
} UNITS[] = {{"万元", 6}, {"元", 3}, {"件", 3}, {"个", 3},   {"项", 3},
             {"条", 3},   {"次", 3}, {"份", 3}, {"人次", 6}, {"家", 3}};

/* 1 if s[0..n) begins with a unit, or a word that makes the digits
 * before it a date or a proportion. */
static int unit_at(const char *s, size_t n) {
  static const char *const MORE[] = {"年", "月", "日", "万", "%", "倍",
                                     "人", "余", "多"};
  for (size_t u = 0; u < sizeof UNITS / sizeof UNITS[0]; u++)
    if (n >= UNITS[u].n && memcmp(s, UNITS[u].s, UNITS[u].n) == 0)
      return 1;
  for (size_t u = 0; u < sizeof MORE / sizeof MORE[0]; u++)
    if (n >= strlen(MORE[u]) && memcmp(s, MORE[u], strlen(MORE[u])) == 0)
      return 1;
  return 0;
}

static int is_delim_space(const char *s, size_t n, size_t i) {
  return s[i] == ' ' && i + 1 < n && s[i + 1] == ' ';
}

/* Length of a number at s[0..n): sign, digits, groups of ",ddd", fraction.
 * Returns 0 if none starts here. */
static size_t number_len(const char *s, size_t n) {
  size_t i = 0;
  if (i < n && (s[i] == '-' || s[i] == '+'))
    i++;
  size_t d = i;
  while (i < n && ((s[i] >= '0' && s[i] <= '9') ||
                   (s[i] == ',' && i > d && i + 1 < n && s[i + 1] >= '0' &&
                    s[i + 1] <= '9')))
    i++;
  if (i == d)
    return 0;
  if (i < n && s[i] == '.' && i + 1 < n && s[i + 1] >= '0' && s[i + 1] <= '9') {
    i++;
    while (i < n && s[i] >= '0' && s[i] <= '9')
      i++;
  }
  return i;
}

static int is_blank_word(const char *s, size_t n) {
  if (n >= 1 && n <= 3) {
    size_t dashes = 0;
    while (dashes < n && s[dashes] == '-')
      dashes++;
    if (dashes == n)
      return 1;
  }
  return (n == 1 && s[0] == '/') || (n == 3 && memcmp(s, "无", 3) == 0);
}

static int is_cjk_at(const char *s, size_t i) { /* a 3-byte character */
  const unsigned char *u = (const unsigned char *)s + i;
  return u[0] >= 0xE0 && u[0] <= 0xEF && (u[1] & 0xC0) == 0x80 &&
         (u[2] & 0xC0) == 0x80;
}

static int is_digit(char c) { return c >= '0' && c <= '9'; }

/* The next run of digits in s[from..end) run together with the text before
 * it, as a crawler's textContent prints a table ("…申请数量2310000024二、"):
 * digits (with at most one decimal point) right after two CJK characters,
 * ending at the word's end, a non-ASCII character or an opening bracket. Its start, and its
 * length in *len; or end. A row enumerator run into the digits before its
 * label ("…00000002.其他法律…") is the label's, not a cell: the template's
 * enumerators are single digits. */
static size_t glued_at(const char *s, size_t from, size_t end, size_t *len) {
  for (size_t g = from; g < end; g++) {
    if (!is_digit(s[g]))
      continue;
    /* After two CJK characters, or a CJK one and a closing bracket. */
    int after_cjk =
        g >= from + 6 && is_cjk_at(s, g - 3) && is_cjk_at(s, g - 6);
    int after_close = g >= from + 4 && (s[g - 1] == ')' || s[g - 1] == ']') &&
                      is_cjk_at(s, g - 4);
    if (!(after_cjk || after_close))
      continue;
    size_t e = g, dots = 0;
    while (e < end && (is_digit(s[e]) || (s[e] == '.' && !dots++ &&
                                          e + 1 < end && is_digit(s[e + 1]))))
      e++;
    int enumerator =
        e + 1 < end && (s[e] == '.' || (e + 3 < end && is_cjk_at(s, e) &&
                                        memcmp(s + e, "、", 3) == 0)) &&
        (unsigned char)s[e + (s[e] == '.' ? 1 : 3)] >= 0x80;
    if (enumerator)
      e--;
    /* The next label may open with a bracket: "…467（二）部分公开". A
     * unit or a date after the digits is prose ("文件45件", "2023年"). */
    int next_ok = e == end || (unsigned char)s[e] >= 0x80 || s[e] == '(' ||
                  s[e] == '[' || (enumerator && is_digit(s[e]));
    next_ok = next_ok && !(e < end && unit_at(s + e, end - e));
    if (e == g || e - g > 255 || !next_ok) {
      g = e;
      continue;
    }
    *len = e - g;
    return g;
  }
  return end;
}

/* 1 if the cell s[0..n) is a figure: a number (with a unit or a note in
 * brackets after it), or a blank word. Not "3. 其他", an enumerated label. */
static int is_figure(const char *s, size_t n) {
  size_t k = number_len(s, n);
  return is_blank_word(s, n) ||
         (k > 0 && (k == n || s[k] == '(' || unit_at(s + k, n - k)));
}

/* The column of the character at `at` in the line that starts at base. */
static uint32_t col_at(xxgk_parser *p, const char *base, const char *at) {
  return text_col(&p->tc, base, (size_t)(at - base));
}

static void emit_text(xxgk_parser *p, const char *s, size_t n,
                      const char *base, uint32_t line) {
  while (n > 0 && s[n - 1] == ' ')
    n--;
  if (n == 0)
    return;
  token t = {TOK_TEXT, s, n, {0, 0}, NULL, line, col_at(p, base, s)};
  parse_token(p, &t);
}

/* Reads one cell s[0..n) (trimmed, non-empty). */
static void lex_cell(xxgk_parser *p, const char *s, size_t n,
                     const char *base, uint32_t line) {
  size_t i = 0, text_start = 0;
  int in_text = 0;
  if (is_blank_word(s, n)) {
    token t = {TOK_BLANK, s, n, {0, 0}, NULL, line, col_at(p, base, s)};
    parse_token(p, &t);
    return;
  }
  while (i < n) {
    if (s[i] == ' ') {
      i++;
      continue;
    }
    const char *sp = memchr(s + i, ' ', n - i);
    size_t w_end = sp ? (size_t)(sp - s) : n;
    /* 2019's 本年增/减 printed as a word: "减3" is -3, "增5" is 5. */
    xxgk_num v;
    int sign = w_end - i <= 3                     ? 0
               : memcmp(s + i, "减", 3) == 0 ? -1
               : memcmp(s + i, "增", 3) == 0 ? 1
                                               : 0;
    if (sign && s[i + 3] >= '0' && s[i + 3] <= '9' &&
        number_len(s + i + 3, w_end - i - 3) == w_end - i - 3 &&
        xxgk_num_parse(s + i + 3, w_end - i - 3, &v) == 0) {
      if (in_text)
        emit_text(p, s + text_start, i - text_start, base, line);
      in_text = 0;
      v.mant *= sign;
      token t = {TOK_NUM, s + i, w_end - i, v, NULL, line,
                 col_at(p, base, s + i)};
      parse_token(p, &t);
      i = w_end;
      continue;
    }
    /* A number word: number [unit] [(note)], then a space or the end. */
    size_t k = number_len(s + i, w_end - i);
    const char *unit = NULL;
    size_t end = 0, note = 0, note_end = 0;
    if (k > 0) {
      size_t j = i + k;
      /* Every unit is CJK: most numbers end at a space or the cell. */
      for (size_t u = 0; j < n && (unsigned char)s[j] >= 0x80 &&
                         u < sizeof UNITS / sizeof UNITS[0];
           u++) {
        size_t ul = UNITS[u].n;
        if (j + ul <= n && memcmp(s + j, UNITS[u].s, ul) == 0) {
          unit = UNITS[u].s;
          j += ul;
          break;
        }
      }
      note = j;
      while (note < n && s[note] == ' ')
        note++;
      const char *close =
          note < n && s[note] == '(' ? memchr(s + note, ')', n - note) : NULL;
      if (close)
        j = note_end = (size_t)(close + 1 - s);
      if (j == n || s[j] == ' ')
        end = j;
    }
    int ok = end && (i == 0 || s[i - 1] == ' ') &&
             xxgk_num_parse(s + i, k, &v) == 0;
    if (end && !ok && k > 18 && k == end - i && k <= 255 && s[i] != '-' &&
        s[i] != '+' && !memchr(s + i, ',', k) && !memchr(s + i, '.', k)) {
      /* Too many digits for one exact number: cells run together, or a
       * number align.c refuses (never truncated). */
      if (in_text)
        emit_text(p, s + text_start, i - text_start, base, line);
      in_text = 0;
      token t = {TOK_GLUED, s + i, k, {0, 0}, NULL, line,
                 col_at(p, base, s + i)};
      parse_token(p, &t);
      i = end;
      continue;
    }
    if (end && !ok && k > 18) {
      /* Too many digits for an exact number: say so, never truncate. */
      doc_diag(p->doc, "P", XXGK_SEV_ERROR, line, col_at(p, base, s + i),
               "数字“%.*s”超出可精确表示的范围", (int)k, s + i);
      ok = 0;
      end = 0;
    }
    if (ok) {
      if (in_text)
        emit_text(p, s + text_start, i - text_start, base, line);
      in_text = 0;
      if (note_end)
        doc_diag(p->doc, "P", XXGK_SEV_NOTICE, line, col_at(p, base, s + note),
                 "数字后的说明“%.*s”不计入数值", (int)(note_end - note),
                 s + note);
      token t = {TOK_NUM, s + i, k, v, unit, line, col_at(p, base, s + i)};
      parse_token(p, &t);
      i = end;
      continue;
    }
    /* "1,2", "2023年": not a number, read as text. */
    if (is_blank_word(s + i, w_end - i) && !in_text) {
      token t = {TOK_BLANK, s + i, w_end - i, {0, 0}, NULL, line,
                 col_at(p, base, s + i)};
      parse_token(p, &t);
      i = w_end;
      continue;
    }
    if (!in_text) {
      in_text = 1;
      text_start = i;
    }
    /* Digits run together with the words around them: each run is a
     * token of its own, the text before it ends there. */
    for (size_t g = i, len; (g = glued_at(s, g, w_end, &len)) < w_end;) {
      emit_text(p, s + text_start, g - text_start, base, line);
      token t = {TOK_GLUED, s + g, len, {0, 0}, NULL, line,
                 col_at(p, base, s + g)};
      parse_token(p, &t);
      text_start = g += len;
      in_text = g < w_end;
    }
    i = w_end;
  }
  if (in_text)
    emit_text(p, s + text_start, n - text_start, base, line);
}

static int is_lone_bar(const char *s, size_t n) {
  int bars = 0;
  for (size_t i = 0; i < n; i++)
    if (s[i] == '|')
      bars++;
    else if (s[i] != ' ')
      return 0;
  return bars == 1;
}

/* The bytes that may end a cell: TAB, '|', and ' ' (when doubled). */
static const unsigned char CUT[256] = {['\t'] = 1, ['|'] = 1, [' '] = 1};

void lex_line(xxgk_parser *p, const char *s, size_t n, unsigned flags,
              uint32_t line) {
  size_t last = n;
  while (last > 0 && s[last - 1] == ' ')
    last--;
  int after_bar = p->bar_ended;
  if (last > 0)
    p->bar_ended = s[last - 1] == '|';
  /* A line with no digit and no separator — prose, most of a report's
   * bytes — is one cell of one word, so one text token (or a blank one,
   * "无"), found without cutting it. */
  if (!(flags & (NORM_DIGIT | NORM_SEP))) {
    if (n > 0 && !is_blank_word(s, n))
      emit_text(p, s, n, s, line);
    else if (n > 0)
      lex_cell(p, s, n, s, line);
    return;
  }
  if (!(flags & NORM_SEP)) { /* one cell, one word: not cut either */
    if (n > 0)
      lex_cell(p, s, n, s, line);
    return;
  }
  /* A line of a lone '|' after a line ending in one: a crawler's text of
   * a table, one cell a line with its bar ("23 |"), prints an empty cell
   * so. (After a bare cell, "23", a lone bar only separates cells.) It
   * may be a blank or a merged label column's slot, as a pipe table's
   * empty cell before a row's first figure: the row's count of cells
   * tells (align.c). */
  if (after_bar && is_lone_bar(s, n)) {
    token t = {TOK_BLANK, s, 0, {0, 0}, NULL, line, col_at(p, s, s)};
    parse_token(p, &t);
    return;
  }
  size_t i = 0;
  size_t prev_start = 0, prev_end = 0; /* the line's last cell */
  while (i < n) {
    size_t sep = i;
    int bars = 0, tabs = 0;
    for (; i < n && (s[i] == '\t' || s[i] == '|' || s[i] == ' '); i++) {
      bars += s[i] == '|';
      tabs += s[i] == '\t';
    }
    /* Cells printed empty between two figures of a row ("| 1 | | 2 |",
     * "1\t\t2") are blanks, 0: a row's columns do not vanish. Before the
     * first figure they are the merged label columns' slots: layout. */
    int empty = bars ? bars - 1 : tabs ? tabs - 1 : 0;
    size_t start = i;
    /* Runs of other bytes (all of a line of prose) skipped by table. */
    for (;;) {
      while (i < n && !CUT[(unsigned char)s[i]])
        i++;
      if (i < n && s[i] == ' ' && !is_delim_space(s, n, i)) {
        i++;
        continue;
      }
      break;
    }
    size_t end = i;
    while (end > start && s[end - 1] == ' ')
      end--;
    if (end == start)
      continue;
    /* Between a label and the row's first figure, a pipe table's empty
     * cells are blanks or the slots of merged label columns: the row's
     * count of cells tells (align.c), so they go as maybe-blanks (n 0).
     * Whether a cell is a figure is asked only where empty cells follow
     * it: most lines have none. */
    if (empty > 0 && prev_end > 0 && is_figure(s + start, end - start)) {
      int after_number = is_figure(s + prev_start, prev_end - prev_start);
      for (int k = 0; k < empty && (after_number || bars); k++) {
        token t = {TOK_BLANK, s + sep, (size_t)after_number, {0, 0}, NULL,
                   line, col_at(p, s, s + sep)};
        parse_token(p, &t);
      }
    }
    lex_cell(p, s + start, end - start, s, line);
    prev_start = start;
    prev_end = end;
  }
}
