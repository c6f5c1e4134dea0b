/*
 * narrative.c — figures stated in the prose: the 信息处理费 of part 六
 * (processing_fees.*) and rule N1, the overview's figures against the tables.
 *
 * Wording varies from report to report, so each statement is one PCRE2
 * pattern over the normalised text, compiled once. A statement that is not
 * found leaves its figure null (fees) or raises nothing (N1): the prose is
 * only ever compared, never used to fill a table cell.
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include "internal.h"

#include <pcre2.h>
#if defined(__has_include)
#if __has_include(<valgrind/valgrind.h>)
#include <valgrind/valgrind.h>
#endif
#endif
#ifndef RUNNING_ON_VALGRIND
#define RUNNING_ON_VALGRIND 0
#endif
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

enum { FEE_NOTICES, FEE_DUE, FEE_COLLECTED, FEE_COLLECTED_ANY, FEE_NONE };

/* Part 六. Group 1 is the figure, group 2 "万" when the amount is in 万元. */
static const char *const FEE_RE[] = {
    [FEE_NOTICES] = "收费通知(?:书)?[^，。；,;\\d]{0,6}?(\\d+)\\s*(?:件|份|次|个)",
    [FEE_DUE] = "应收(?:取)?(?:总)?(?:金额|费用)[^，。；,;\\d]{0,6}?"
                "(\\d+(?:\\.\\d+)?)\\s*(万)?元",
    [FEE_COLLECTED] = "实际收取(?:总)?(?:金额|费用)?[^，。；,;\\d]{0,6}?"
                      "(\\d+(?:\\.\\d+)?)\\s*(万)?元",
    [FEE_COLLECTED_ANY] = "收取[^，。；,;\\d]{0,16}?处理费(?:用)?"
                          "[^，。；,;\\d]{0,6}?(\\d+(?:\\.\\d+)?)\\s*(万)?元",
    [FEE_NONE] = "(?:未|没有|不|无)(?:收取|收缴|产生|收)[^，。；]{0,20}?处理费",
};
#define N_FEE_RE (sizeof FEE_RE / sizeof FEE_RE[0])

/* Rule N1: a figure of the overview against the sum of table cells; `alt`
 * is a second reading some organs use (收到 including 上年结转). */
static const struct {
  const char *re;
  const char *phrase;
  const char *keys[3];
  const char *alt[3];
} N1[] = {
    {"(?:收到|新收|受理)[^，。；,;\\d]{0,16}?申请[^，。；,;\\d]{0,6}?(\\d+)\\s*"
     "(?:件|个|条|项)",
     "收到申请",
     {"applications.received.total"},
     {"applications.received.total", "applications.carried_over.total"}},
    {"(?:办结|答复)[^，。；,;\\d]{0,16}?(\\d+)\\s*(?:件|项)",
     "办结（答复）",
     {"applications.total.total"},
     {NULL}},
    {"结转(?:至|到)?下(?:一)?年(?:度)?[^，。；,;\\d]{0,10}?(\\d+)\\s*(?:件|项)",
     "结转下年度",
     {"applications.carried_forward.total"},
     {NULL}},
    {"(?<!、)行政复议(?:案件)?(?:共)?\\s*(\\d+)\\s*件",
     "行政复议",
     {"reviews.administrative_review.total"},
     {NULL}},
    {"(?<!、)行政诉讼(?:案件)?(?:共)?\\s*(\\d+)\\s*件",
     "行政诉讼",
     {"reviews.litigation_direct.total",
      "reviews.litigation_after_review.total"},
     {NULL}},
};
#define N_N1 (sizeof N1 / sizeof N1[0])

static pcre2_code *FEE_CODE[N_FEE_RE], *N1_CODE[N_N1];
/* The cells of N1's keys ([0]) and alternative keys ([1]) in format 2019
 * and 2021, looked up once rather than by name for every report; row -1
 * when the format has no such cell. */
static struct {
  int row, col;
} N1_CELLS[N_N1][2][3][2];
static pthread_once_t ONCE = PTHREAD_ONCE_INIT;

static pcre2_code *compile(const char *re) {
  int err;
  PCRE2_SIZE off;
  pcre2_code *c = pcre2_compile((PCRE2_SPTR)re, PCRE2_ZERO_TERMINATED,
                                PCRE2_UTF | PCRE2_UCP, &err, &off, NULL);
  if (!c)
    abort(); /* the patterns are constants: a failure is a bug */
  /* Under valgrind the interpreter instead: JIT code reads whole words past
   * what it needs, which memcheck reports as uninitialised (scripts/
   * valgrind.sh); the results are the same. bench/instr.sh counts
   * instructions under callgrind, which has no such complaint, and asks
   * for the JIT (XXGK_PCRE2_JIT=1) so that it counts what a user runs. */
  const char *jit = getenv("XXGK_PCRE2_JIT");
  if (!RUNNING_ON_VALGRIND || (jit && strcmp(jit, "1") == 0))
    pcre2_jit_compile(c, PCRE2_JIT_COMPLETE);
  return c;
}

static void build(void) {
  for (size_t i = 0; i < N_FEE_RE; i++)
    FEE_CODE[i] = compile(FEE_RE[i]);
  for (size_t i = 0; i < N_N1; i++) {
    N1_CODE[i] = compile(N1[i].re);
    for (int a = 0; a < 2; a++)
      for (int k = 0; k < 3; k++)
        for (int f = 0; f < 2; f++) {
          const char *key = a ? N1[i].alt[k] : N1[i].keys[k];
          if (!key || xxgk_dict_find_key(key,
                                         f ? XXGK_FORMAT_2021
                                           : XXGK_FORMAT_2019,
                                         &N1_CELLS[i][a][k][f].row,
                                         &N1_CELLS[i][a][k][f].col) != 0)
            N1_CELLS[i][a][k][f].row = -1;
        }
  }
}

/* Finds the first match of code in s; sets the figure (group 1, times 10^4
 * when group 2 says 万 and `wan_to_yuan`) and the match offset. */
static int find(pcre2_code *code, const buf *s, int wan_to_yuan, xxgk_num *v,
                size_t *at) {
  pcre2_match_data *md = pcre2_match_data_create_from_pattern(code, NULL);
  /* s is text_normalize() output, valid UTF-8: without NO_UTF_CHECK PCRE2
   * would validate the whole text again on every one of the patterns. */
  int rc = pcre2_match(code, (PCRE2_SPTR)s->data, s->len, 0,
                       PCRE2_NO_UTF_CHECK, md, NULL);
  int ok = 0;
  if (rc >= 2) {
    PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
    *at = ov[0];
    ok = xxgk_num_parse(s->data + ov[2], ov[3] - ov[2], v) == 0;
    if (ok && wan_to_yuan && rc >= 3 && ov[4] != PCRE2_UNSET)
      ok = num_pow10(*v, 4, v) == 0;
  } else if (rc == 1) {
    *at = pcre2_get_ovector_pointer(md)[0];
    v->mant = 0;
    v->scale = 0;
    ok = 1;
  }
  pcre2_match_data_free(md);
  return ok;
}

/* The section's text, normalised (full-width digits and all), its lines
 * joined by '\n' as in the printed text: as the parser kept it, else
 * normalised here line by line (text_normalize turns '\n' into ' ').
 * Returns 0, out freed, when there is none; else 1, with the patterns
 * (build) ready to search it. */
static int section_text(const xxgk_doc *d, xxgk_section s, buf *out) {
  const char *t = xxgk_doc_section(d, s);
  out->len = 0;
  const char *kept = t ? d->sections_norm[s] : NULL;
  if (kept) {
    buf_put(out, kept, strlen(kept));
    t = NULL;
  }
  buf line = {0};
  while (t) {
    const char *nl = strchr(t, '\n');
    size_t n = nl ? (size_t)(nl - t) : strlen(t);
    text_normalize(t, n, &line, NULL);
    buf_put(out, line.data, line.len);
    if (nl)
      buf_putc(out, '\n');
    t = nl ? nl + 1 : NULL;
  }
  buf_free(&line);
  if (out->len == 0) {
    buf_free(out);
    return 0;
  }
  pthread_once(&ONCE, build);
  return 1;
}

/* The input line of offset `at` of the section's normalised text s, or 0
 * when the text came from no input lines (read from JSON, set since). */
static uint32_t input_line(const xxgk_doc *d, xxgk_section sec, const buf *s,
                           size_t at) {
  if (!d->section_line[sec])
    return 0;
  uint32_t k = 0;
  for (const char *p = s->data, *end = s->data + at;
       (p = memchr(p, '\n', (size_t)(end - p))) != NULL; p++)
    k++;
  line_jump from = {0, d->section_line[sec]};
  for (size_t i = 0;
       i < d->n_section_jumps[sec] && d->section_jumps[sec][i].k <= k; i++)
    from = d->section_jumps[sec][i];
  return from.line + (k - from.k);
}

static void set_fee(xxgk_doc *d, int col, xxgk_num v) {
  int row = xxgk_dict_find_row(XXGK_T_FEES, NULL, d->format);
  xxgk_cell c = {v, XXGK_CELL_VALUE, 0, 0, XXGK_HOW_PLAIN};
  if (row >= 0 && d->cells[row][col].state == XXGK_CELL_ABSENT)
    xxgk_doc_set_cell(d, row, col, &c);
}

void narrative_fees(xxgk_doc *d) {
  buf s = {0};
  if (!section_text(d, XXGK_SEC_OTHER, &s))
    return;
  xxgk_num v;
  size_t at;
  if (find(FEE_CODE[FEE_NOTICES], &s, 0, &v, &at))
    set_fee(d, 0, v);
  if (find(FEE_CODE[FEE_DUE], &s, 1, &v, &at))
    set_fee(d, 1, v);
  if (find(FEE_CODE[FEE_COLLECTED], &s, 1, &v, &at) ||
      find(FEE_CODE[FEE_COLLECTED_ANY], &s, 1, &v, &at) ||
      find(FEE_CODE[FEE_NONE], &s, 0, &v, &at))
    set_fee(d, 2, v);
  buf_free(&s);
}

/* Sums the cells named by N1[n1].keys (alt: .alt); 0 if any is absent. */
static int sum_keys(const xxgk_doc *d, size_t n1, int alt, xxgk_num *out,
                    xxgk_diag *g) {
  const char *const *keys = alt ? N1[n1].alt : N1[n1].keys;
  xxgk_num total = {0, 0};
  for (int i = 0; i < 3 && keys[i]; i++) {
    int row, col;
    if (d->format == XXGK_FORMAT_2019 || d->format == XXGK_FORMAT_2021) {
      int f = d->format == XXGK_FORMAT_2021;
      row = N1_CELLS[n1][alt][i][f].row;
      col = N1_CELLS[n1][alt][i][f].col;
      if (row < 0)
        return 0;
    } else if (xxgk_dict_find_key(keys[i], d->format, &row, &col) != 0) {
      return 0;
    }
    const xxgk_cell *c = xxgk_doc_cell(d, row, col);
    if (!c || c->state == XXGK_CELL_ABSENT ||
        xxgk_num_add(total, c->num, &total) != 0)
      return 0;
    if (g)
      diag_cell(g, row, col);
  }
  *out = total;
  return 1;
}

void narrative_check(xxgk_doc *d) {
  buf s = {0};
  if (!section_text(d, XXGK_SEC_OVERVIEW, &s))
    return;
  for (size_t i = 0; i < N_N1; i++) {
    xxgk_num said, table, alt;
    size_t at;
    if (!find(N1_CODE[i], &s, 0, &said, &at) ||
        !sum_keys(d, i, 0, &table, NULL))
      continue;
    d->n1_compared++;
    if (xxgk_num_cmp(said, table) == 0)
      continue;
    if (N1[i].alt[0] && sum_keys(d, i, 1, &alt, NULL) &&
        xxgk_num_cmp(said, alt) == 0)
      continue;
    uint32_t line = input_line(d, XXGK_SEC_OVERVIEW, &s, at);
    char a[32], b[32];
    xxgk_num_format(said, a);
    xxgk_num_format(table, b);
    xxgk_diag *g = doc_diag(d, "N1", XXGK_SEV_WARNING, line, 0,
                            "正文（总体情况）所述%s为%s件，表中为%s件", N1[i].phrase,
                            a, b);
    if (g) {
      sum_keys(d, i, 0, &table, g);
      g->has_expected = 1;
      g->expected = table;
      g->has_actual = 1;
      g->actual = said;
    }
  }
  buf_free(&s);
}
