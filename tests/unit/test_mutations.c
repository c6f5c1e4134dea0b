/*
 * test_mutations.c — change one cell of a real report, write it out, parse
 * it, check it: the checker must report exactly the rules that cell takes
 * part in, every finding naming that cell, and nothing else.
 */
#include "docutil.h"
#include "gen.h"
#include "harness.h"

static const struct {
  const char *key;   /* the cell changed                        */
  const char *value; /* its new printed value                   */
  const char *rules; /* the findings expected, in rule order    */
} MUTATIONS[] = {
    {"applications.received.natural_person", "922", "A1 A3"},
    {"applications.carried_forward.natural_person", "10", "A1 A3"},
    {"applications.granted.commercial", "4", "A2 A3"},
    {"applications.withheld_state_secret.total", "4", "A2 A3"},
    {"applications.total.total", "936", "A1 A2 A3 N1"},
    {"reviews.administrative_review.upheld", "155", "R1"},
    {"reviews.litigation_after_review.total", "25", "N1 R1"},
    {"active.licensing.decisions", "-5", "V1"},
    {"active.normative_documents.in_force", "7.5", "V1"},
};

/* The rules of d's warnings and errors, sorted, space-separated; checks that
 * each names the cell (row, col). */
static void findings(const xxgk_doc *d, int row, int col, char *out,
                     size_t cap, const char *what) {
  const char *rules[64];
  int n = 0;
  for (size_t i = 0; i < xxgk_doc_n_diags(d) && n < 64; i++) {
    const xxgk_diag *g = xxgk_doc_diag(d, i);
    if (g->severity < XXGK_SEV_WARNING)
      continue;
    rules[n++] = g->rule;
    int named = 0;
    for (int k = 0; k < g->n_cells; k++)
      named |= g->cells[k].row == row && g->cells[k].col == col;
    CHECK(named, "%s: %s finding does not name the cell: %s", what, g->rule,
          g->message);
    CHECK(g->line > 0, "%s: %s finding has no line", what, g->rule);
  }
  for (int i = 1; i < n; i++) /* insertion sort: a handful of findings */
    for (int j = i; j > 0 && strcmp(rules[j - 1], rules[j]) > 0; j--) {
      const char *t = rules[j];
      rules[j] = rules[j - 1];
      rules[j - 1] = t;
    }
  out[0] = 0;
  for (int i = 0; i < n; i++)
    snprintf(out + strlen(out), cap - strlen(out), "%s%s", i ? " " : "",
             rules[i]);
}

static xxgk_doc *copy(const xxgk_doc *d) {
  char *json = xxgk_render(d, XXGK_OUT_JSON);
  xxgk_doc *c;
  xxgk_doc_from_json(json, strlen(json), &c);
  xxgk_free(json);
  return c;
}

/* Writes d as text, parses and checks it; returns the findings' rules. */
static xxgk_doc *reparse(const xxgk_doc *d, gen_rendition r) {
  size_t n;
  char *text = gen_report(d, r, &n);
  xxgk_doc *got;
  xxgk_parse(text, n, &got);
  xxgk_check(got);
  free(text);
  return got;
}

/* The one N1 finding of d (NULL if none or more). */
static const xxgk_diag *only_n1(const xxgk_doc *d) {
  const xxgk_diag *n1 = NULL;
  int n = 0;
  for (size_t i = 0; i < xxgk_doc_n_diags(d); i++)
    if (strcmp(xxgk_doc_diag(d, i)->rule, "N1") == 0)
      n1 = xxgk_doc_diag(d, i), n++;
  return n == 1 ? n1 : NULL;
}

/* The 1-based line of text on which `what` starts. */
static uint32_t line_of(const char *text, const char *what) {
  const char *at = strstr(text, what);
  uint32_t line = 1;
  for (const char *p = text; at && p < at; p++)
    line += *p == '\n';
  return at ? line : 0;
}

/* N1 names the line of the sentence it quotes, not the overview's first:
 * here line 4 of the overview (after a blank line, which the parser does
 * not keep), the sentence wrapped before its figure, as reports are. A
 * document read from JSON, or whose overview was set after parsing, has no
 * input lines: its finding names none rather than a wrong one. */
static void n1_lines(const xxgk_doc *base) {
  xxgk_doc *d = copy(base);
  xxgk_doc_set_section(d, XXGK_SEC_OVERVIEW,
                       "2023年，本区认真贯彻落实《条例》。\n"
                       "\n"
                       "（一）主动公开。全年主动公开政府信息1200条。\n"
                       "（二）依申请公开。本年度共收到申请\n"
                       "945件，均依法作出答复。");
  const gen_rendition HOW[] = {GEN_TSV, GEN_CELLS, GEN_LAYOUT, GEN_BOM_CRLF,
                               GEN_GBK};
  for (size_t h = 0; h < sizeof HOW / sizeof HOW[0]; h++) {
    size_t n;
    /* The generator writes GB18030 for GEN_GBK: the line is counted in
     * the UTF-8 rendition, which has the same lines. */
    char *utf8 = gen_report(d, GEN_TSV, &n);
    uint32_t want = line_of(utf8, "（二）依申请公开。本年度共收到申请");
    free(utf8);
    xxgk_doc *got = reparse(d, HOW[h]);
    const xxgk_diag *g = only_n1(got);
    CHECK(g != NULL, "%s: one N1 finding", gen_name(HOW[h]));
    if (g)
      CHECK(g->line == want && want > 0, "%s: N1 names line %u, want %u",
            gen_name(HOW[h]), g->line, want);
    if (HOW[h] == GEN_TSV) {
      xxgk_doc *j = copy(got); /* from JSON: no input lines */
      xxgk_check(j);
      g = only_n1(j);
      CHECK(g != NULL && g->line == 0, "from JSON: N1 names no line (%u)",
            g ? g->line : 0);
      xxgk_doc_free(j);
      /* Set after parsing: the new text's figure is on its line 1, which
       * is no input line; the old overview's lines must not be used. */
      char *text = gen_report(d, GEN_TSV, &n);
      xxgk_doc *set;
      xxgk_parse(text, n, &set);
      free(text);
      xxgk_doc_set_section(set, XXGK_SEC_OVERVIEW, "本年度共收到申请946件。");
      xxgk_check(set);
      g = only_n1(set);
      CHECK(g != NULL && g->line == 0, "set since: N1 names no line (%u)",
            g ? g->line : 0);
      xxgk_doc_free(set);
    }
    xxgk_doc_free(got);
  }
  /* HTML and DOCX name the paragraph: the title, the heading, then one a
   * line of the overview (the blank line is none), so the sentence's line
   * is the 5th. */
  for (int docx = 0; docx < 2; docx++) {
    char *bytes;
    size_t n;
    if (docx) {
      CHECK_INT(xxgk_render_docx(d, &bytes, &n), XXGK_OK);
    } else {
      bytes = xxgk_render(d, XXGK_OUT_REPORT_HTML);
      n = strlen(bytes);
    }
    xxgk_doc *got;
    xxgk_read(bytes, n, &got);
    xxgk_free(bytes);
    xxgk_check(got);
    const xxgk_diag *g = only_n1(got);
    char where[64] = "";
    if (g)
      xxgk_doc_where(got, g->line, 0, where, sizeof where);
    CHECK(strcmp(where, "第5段") == 0, "%s: N1 names \"%s\", want 第5段",
          docx ? "docx" : "html", where);
    xxgk_doc_free(got);
  }
  xxgk_doc_free(d);
}

int main(int argc, char **argv) {
  const char *dir = argc > 1 ? argv[1] : "tests/data";
  char path[4096];
  snprintf(path, sizeof path, "%s/tianjin-nankai-2023.txt", dir);
  size_t n = 0;
  char *text = read_file(path, &n);
  CHECK(text != NULL, "cannot read %s", path);
  if (!text)
    return h_summary();
  xxgk_doc *base;
  xxgk_parse(text, n, &base);
  free(text);
  const gen_rendition HOW[] = {GEN_TSV, GEN_CELLS, GEN_LAYOUT};
  for (size_t h = 0; h < sizeof HOW / sizeof HOW[0]; h++) {
    xxgk_doc *clean = reparse(base, HOW[h]);
    CHECK_INT(xxgk_doc_count(clean, XXGK_SEV_WARNING), 0);
    xxgk_doc_free(clean);
    for (size_t m = 0; m < sizeof MUTATIONS / sizeof MUTATIONS[0]; m++) {
      int row, col;
      CHECK_INT(xxgk_dict_find_key(MUTATIONS[m].key, XXGK_FORMAT_2021, &row,
                                   &col),
                0);
      xxgk_doc *d = copy(base);
      xxgk_cell c = {{0, 0}, XXGK_CELL_VALUE, 0, 0, XXGK_HOW_PLAIN};
      xxgk_num_parse(MUTATIONS[m].value, strlen(MUTATIONS[m].value), &c.num);
      xxgk_doc_set_cell(d, row, col, &c);
      xxgk_doc *got = reparse(d, HOW[h]);
      char what[200], rules[256];
      snprintf(what, sizeof what, "%s=%s as %s", MUTATIONS[m].key,
               MUTATIONS[m].value, gen_name(HOW[h]));
      findings(got, row, col, rules, sizeof rules, what);
      CHECK(strcmp(rules, MUTATIONS[m].rules) == 0, "%s: found \"%s\", want \"%s\"",
            what, rules, MUTATIONS[m].rules);
      xxgk_doc_free(got);
      xxgk_doc_free(d);
    }
  }
  /* N1 alone: the overview says 办结936件 while the table says 935. */
  xxgk_doc *d = copy(base);
  const char *ov = xxgk_doc_section(d, XXGK_SEC_OVERVIEW);
  const char *at = strstr(ov, "办结935件");
  CHECK(at != NULL, "nankai overview states 办结935件");
  if (at) {
    char *mut = strdup(ov);
    memcpy(mut + (at - ov), "办结936件", strlen("办结936件"));
    xxgk_doc_set_section(d, XXGK_SEC_OVERVIEW, mut);
    free(mut);
    xxgk_doc *got = reparse(d, GEN_TSV);
    int row, col;
    xxgk_dict_find_key("applications.total.total", XXGK_FORMAT_2021, &row,
                       &col);
    char rules[256];
    findings(got, row, col, rules, sizeof rules, "narrative 办结936件");
    CHECK_STR(rules, "N1");
    CHECK_INT(xxgk_doc_count(got, XXGK_SEV_ERROR), 0); /* a warning only */
    xxgk_doc_free(got);
  }
  xxgk_doc_free(d);
  n1_lines(base);
  xxgk_doc_free(base);
  return h_summary();
}
