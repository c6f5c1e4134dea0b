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
    xxgk_num v;
    int ok = end && (i == 0 || s[i - 1] == ' ') &&
             xxgk_num_parse(s + i, k, &v) == 0;
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
    i = w_end;
  }
  if (in_text)
    emit_text(p, s + text_start, n - text_start, base, line);
}

/* The bytes that may end a cell: TAB, '|', and ' ' (when doubled). */
static const unsigned char CUT[256] = {['\t'] = 1, ['|'] = 1, [' '] = 1};

void lex_line(xxgk_parser *p, const char *s, size_t n, unsigned flags,
              uint32_t line) {
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
  size_t i = 0;
  while (i < n) {
    while (i < n && (s[i] == '\t' || s[i] == '|' || s[i] == ' '))
      i++;
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
    if (end > start)
      lex_cell(p, s + start, end - start, s, line);
  }
}
