/*
 * outline.c — the report's outline, line by line: the title (and from it
 * `year` and `agency`), the six part headings, and the text of the narrative
 * parts 一, 五 and 六 as printed. Also recognises layout lines that carry no
 * content: page numbers ("- 4 -", "第4页 共6页", "4/6") and Markdown table
 * rules ("|---|---|").
 *
 * The title is the first line near the top that names the report and its
 * year, never a sentence or a breadcrumb; a crawler's field lines above the
 * text ("标题：…", "发布机构: …") give it without their labels. For want of
 * one: the page's <title> (readers), a title printed without its year, the
 * year of the statistics period ("统计期限自2023年1月1日起至2023年12月31日
 * 止") and the agency of the "发布机构" field. Unsure stays null.
 */
#include "labels.h"
#include "parser.h"

#include <stdlib.h>
#include <string.h>

#define TITLE_SEARCH_LINES 60 /* the title stands near the top            */
#define HEADING_MAX 150       /* bytes: longer lines are body text         */

static size_t skip_spaces(const char *s, size_t i, size_t n) {
  while (i < n && s[i] == ' ')
    i++;
  return i;
}

static size_t skip_digits(const char *s, size_t i, size_t n) {
  while (i < n && s[i] >= '0' && s[i] <= '9')
    i++;
  return i;
}

int outline_is_page_number(const char *s, size_t n) {
  size_t i = skip_spaces(s, 0, n), d;
  while (n > i && s[n - 1] == ' ')
    n--;
  if (i == n)
    return 0;
  if (s[i] == '-') { /* - 4 -, —4— */
    i = skip_spaces(s, i + 1, n);
    d = skip_digits(s, i, n);
    if (d == i)
      return 0;
    i = skip_spaces(s, d, n);
    return i + 1 == n && s[i] == '-';
  }
  if (n - i >= 3 && memcmp(s + i, "第", 3) == 0) { /* 第4页, 第4页 共6页 */
    i = skip_spaces(s, i + 3, n);
    d = skip_digits(s, i, n);
    if (d == i)
      return 0;
    i = skip_spaces(s, d, n);
    if (n - i < 3 || memcmp(s + i, "页", 3) != 0)
      return 0;
    i = skip_spaces(s, i + 3, n);
    if (i < n && s[i] == ',')
      i = skip_spaces(s, i + 1, n);
    if (i == n)
      return 1;
    if (n - i < 3 || memcmp(s + i, "共", 3) != 0)
      return 0;
    i = skip_spaces(s, i + 3, n);
    d = skip_digits(s, i, n);
    if (d == i)
      return 0;
    i = skip_spaces(s, d, n);
    return n - i == 3 && memcmp(s + i, "页", 3) == 0;
  }
  d = skip_digits(s, i, n); /* 4/6 */
  if (d == i)
    return 0;
  i = skip_spaces(s, d, n);
  if (i == n || s[i] != '/')
    return 0;
  i = skip_spaces(s, i + 1, n);
  d = skip_digits(s, i, n);
  return d > i && d == n;
}

static int is_markdown_rule(const char *s, size_t n) {
  int dashes = 0;
  for (size_t i = 0; i < n; i++) {
    if (s[i] == '-')
      dashes++;
    else if (s[i] != '|' && s[i] != ':' && s[i] != ' ' && s[i] != '\t')
      return 0;
  }
  return dashes >= 3 && memchr(s, '|', n) != NULL;
}

/* The printed text without leading Markdown '#' marks, Markdown bold '*'
 * marks and surrounding spaces (ASCII, NO-BREAK U+00A0, ideographic
 * U+3000). */
static void trim_printed(const char **s, size_t *n) {
  const char *p = *s, *e = *s + *n;
  for (;;) {
    if (p < e && (*p == ' ' || *p == '\t' || *p == '#' || *p == '*'))
      p++;
    else if (e - p >= 2 && memcmp(p, "\xC2\xA0", 2) == 0)
      p += 2;
    else if (e - p >= 3 && memcmp(p, "\xE3\x80\x80", 3) == 0)
      p += 3;
    else
      break;
  }
  for (;;) {
    if (e > p && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '*'))
      e--;
    else if (e - p >= 2 && memcmp(e - 2, "\xC2\xA0", 2) == 0)
      e -= 2;
    else if (e - p >= 3 && memcmp(e - 3, "\xE3\x80\x80", 3) == 0)
      e -= 3;
    else
      break;
  }
  *s = p;
  *n = (size_t)(e - p);
}

static int starts_with(const char *s, size_t n, const char *w) {
  size_t k = strlen(w);
  return n >= k && memcmp(s, w, k) == 0;
}

/* Year and agency from a title: the first "dddd年" with a plausible year;
 * the agency is what the title prints before it, or when it starts with
 * its year, what it prints between the year and "政府信息公开". */
static void take_title(xxgk_parser *p, const char *title, size_t n) {
  char *t = xxgk_strndup(title, n);
  xxgk_doc_set_title(p->doc, t);
  for (size_t i = 0; i + 4 <= n; i++) {
    if (!(t[i] >= '0' && t[i] <= '9') || (i > 0 && t[i - 1] >= '0' &&
                                          t[i - 1] <= '9'))
      continue;
    size_t d = skip_digits(t, i, n);
    size_t j = skip_spaces(t, d, n);
    if (d - i != 4 || n - j < 3 || memcmp(t + j, "年", 3) != 0)
      continue;
    int year = atoi(t + i);
    if (year < 1990 || year > 2100)
      continue;
    xxgk_doc_set_year(p->doc, year);
    const char *a = t;
    size_t an = i;
    trim_printed(&a, &an);
    if (an == 0) { /* "2022年某市政府信息公开工作年度报告": after the year */
      a = t + j + 3;
      if (starts_with(a, (size_t)(t + n - a), "度"))
        a += 3;
      const char *at = strstr(a, "政府信息公开");
      an = at ? (size_t)(at - a) : 0;
      trim_printed(&a, &an);
      for (size_t k = 0; k < an; k++)
        if (a[k] >= '0' && a[k] <= '9')
          an = 0; /* a date, not a name */
    }
    if (an > 0) {
      char *agency = xxgk_strndup(a, an);
      xxgk_doc_set_agency(p->doc, agency);
      free(agency);
    }
    break;
  }
  free(t);
}

/* 1 if the key holds a four-digit number followed by 年 (a report year). */
static int has_year(const char *key) {
  for (const char *d = key; *d; d++)
    if (d[0] >= '0' && d[0] <= '9' && d[1] >= '0' && d[1] <= '9' &&
        d[2] >= '0' && d[2] <= '9' && d[3] >= '0' && d[3] <= '9' &&
        strncmp(d + 4, "年", 3) == 0)
      return 1;
  return 0;
}

static int contains(const char *s, size_t n, const char *w) {
  return mem_find(s, n, w) != NULL;
}

/* 1 if the printed line reads as a sentence or a path, which a title never
 * is: "根据《条例》……编制本年度报告。", "首页 > 年度报告". */
static int not_a_title(const char *s, size_t n) {
  static const char *const INSIDE[] = {"。", "，", "；", "《", ">", "＞",
                                       "›", "»"};
  static const char *const FIRST[] = {"根据", "按照", "依据", "依照",
                                      "现将", "本报告", "为"};
  for (size_t i = 0; i < sizeof INSIDE / sizeof *INSIDE; i++)
    if (contains(s, n, INSIDE[i]))
      return 1;
  for (size_t i = 0; i < sizeof FIRST / sizeof *FIRST; i++)
    if (starts_with(s, n, FIRST[i]))
      return 1;
  return 0;
}

/* Copies s[0..n) into a FIELD_MAX buffer, if it fits and the buffer is
 * empty: the first candidate stays. */
static void keep(char *dst, const char *s, size_t n) {
  if (!dst[0] && n < FIELD_MAX) {
    memcpy(dst, s, n);
    dst[n] = 0;
  }
}

/* Takes the printed line s[0..n) (trimmed) as the title if its key names
 * the report with its year; keeps it aside if it names the report without
 * a year. Returns 1 if it was the title. */
static int consider_title(xxgk_parser *p, const char *s, size_t n,
                          const char *key) {
  if (!strstr(key, "政府信息公开") ||
      !(strstr(key, "年度报告") || strstr(key, "年报")) ||
      not_a_title(s, n))
    return 0;
  /* A title names its year: a breadcrumb such as 政府信息公开年报 above the
   * report on a web page does not, nor does a yearless title the report
   * prints — kept for want of a better one. */
  if (!has_year(key)) {
    keep(p->title_yearless, s, n);
    return 0;
  }
  p->title_done = 1;
  /* "天津市静海区人民政府办公室" / "2019年政府信息公开工作年度报告": a
   * title that starts with its year carries the agency on the line above. */
  size_t i = skip_spaces(p->norm.data, 0, p->norm.len);
  if (skip_digits(p->norm.data, i, p->norm.len) == i + 4 && p->prev_line.len &&
      p->prev_line.len < 120) {
    buf t = {0};
    buf_put(&t, p->prev_line.data, p->prev_line.len);
    buf_put(&t, s, n);
    take_title(p, t.data, t.len);
    buf_free(&t);
  } else {
    take_title(p, s, n);
  }
  return 1;
}

static void find_title(xxgk_parser *p, const char *orig, size_t n_orig,
                       const char *key) {
  const char *s = orig;
  size_t n = n_orig;
  trim_printed(&s, &n);
  if (consider_title(p, s, n, key) || p->title_done || !p->prev_line.len ||
      p->prev_line.len >= 120 || n >= 60)
    return;
  /* A title wrapped over two lines anywhere, as a PDF's page text has it:
   * "某局2019年政府信息公开工" / "作年度报告". */
  buf t = {0};
  buf_put(&t, p->prev_line.data, p->prev_line.len);
  buf_put(&t, s, n);
  char joined[KEY_MAX];
  text_key(t.data, t.len, joined, sizeof joined);
  consider_title(p, t.data, t.len, joined);
  buf_free(&t);
}

/* ## A crawler's fields */

/* A saved page often starts with the crawler's fields, one a line or
 * several on one: "标题：…", "发布机构: …", "发布日期：2024-01-20". */
typedef enum { FIELD_TITLE = 1, FIELD_AGENCY, FIELD_OTHER } field_kind;

static const struct {
  const char *name;
  field_kind kind;
} FIELDS[] = {
    {"标题", FIELD_TITLE},       {"文章标题", FIELD_TITLE},
    {"题目", FIELD_TITLE},       {"发布机构", FIELD_AGENCY},
    {"发布单位", FIELD_AGENCY},  {"发文机关", FIELD_AGENCY},
    {"发布日期", FIELD_OTHER},   {"发布时间", FIELD_OTHER},
    {"成文日期", FIELD_OTHER},   {"来源", FIELD_OTHER},
    {"索引号", FIELD_OTHER},     {"文号", FIELD_OTHER},
};

/* Reads the fields of the printed line s[0..n); returns 1 if it starts
 * with one. A value ends at a TAB, two spaces or an ideographic space. */
static int crawler_fields(xxgk_parser *p, const char *s, size_t n) {
  int any = 0;
  for (size_t i = 0; i < n;) {
    size_t f = 0, k = 0;
    while (f < sizeof FIELDS / sizeof *FIELDS &&
           !starts_with(s + i, n - i, FIELDS[f].name))
      f++;
    if (f < sizeof FIELDS / sizeof *FIELDS) {
      k = i + strlen(FIELDS[f].name);
      k = skip_spaces(s, k, n);
      if (starts_with(s + k, n - k, "："))
        k += 3;
      else if (k < n && s[k] == ':')
        k++;
      else
        k = 0;
    }
    if (!k)
      return any; /* not a field: the line, or the rest of it, is text */
    any = 1;
    const char *v = s + skip_spaces(s, k, n);
    size_t vn = 0;
    while (v + vn < s + n && v[vn] != '\t' &&
           !starts_with(v + vn, (size_t)(s + n - v - vn), "  ") &&
           !starts_with(v + vn, (size_t)(s + n - v - vn), "\xE3\x80\x80"))
      vn++;
    i = (size_t)(v + vn - s);
    trim_printed(&v, &vn);
    if (FIELDS[f].kind == FIELD_TITLE && !p->title_done && vn < 400) {
      char key[KEY_MAX];
      text_key(v, vn, key, sizeof key);
      consider_title(p, v, vn, key);
    } else if (FIELDS[f].kind == FIELD_AGENCY) {
      keep(p->agency_field, v, vn);
    }
    while (i < n && (s[i] == ' ' || s[i] == '\t' ||
                     starts_with(s + i, n - i, "\xE3\x80\x80")))
      i += s[i] == ' ' || s[i] == '\t' ? 1 : 3;
  }
  return any;
}

/* ## The statistics period */

/* "统计期限自2023年1月1日起至2023年12月31日止": the year, when the period
 * is one calendar year; else 0. norm is the normalised line. */
static int period_year(const char *norm, size_t n) {
  const char *at = mem_find(norm, n, "统计期限");
  if (!at)
    return 0;
  int years[2] = {0, 0}, k = 0;
  const char *end = norm + n, *after = NULL;
  for (const char *q = at; q + 4 <= end && k < 2; q++) {
    size_t d = skip_digits(q, 0, (size_t)(end - q));
    if (d != 4 || (q > norm && q[-1] >= '0' && q[-1] <= '9')) {
      q += d;
      continue;
    }
    const char *r = q + 4;
    const char *want = k == 0 ? "年1月1日" : "年12月31日";
    if (!starts_with(r, (size_t)(end - r), want))
      return 0;
    years[k++] = atoi(q);
    q = r;
    after = r + strlen(want);
  }
  /* "统计期限为2024年1月1日至12月31日": the end in the same year. */
  const char *to = k == 1 ? mem_find(after, (size_t)(end - after), "至") : NULL;
  if (to && starts_with(to, (size_t)(end - to), "至12月31日"))
    years[k++] = years[0];
  return k == 2 && years[0] == years[1] && years[0] >= 1990 &&
                 years[0] <= 2100
             ? years[0]
             : 0;
}

/* Appends the line as printed, its normalised form for the narrative
 * (narrative.c would otherwise normalise the part again), and its
 * input line. The normaliser maps each character on its own and ' ', TAB
 * to themselves: so the printed line without its trailing blanks
 * normalises to the normalised line without as many bytes. Both texts
 * join the lines with '\n' (which no narrative pattern tells from ' '), so
 * that the '\n' before an offset count the kept lines; the first one's
 * input line and the jumps over lines not kept (blank lines, page
 * numbers) tell their input lines, so that a part of consecutive lines
 * allocates nothing for them. */
static void section_append(xxgk_parser *p, int sec, const char *s, size_t n,
                           const char *norm, size_t n_norm) {
  buf *b = &p->sections[sec], *bn = &p->sections_norm[sec];
  size_t trail = 0;
  while (n > trail && (s[n - 1 - trail] == ' ' || s[n - 1 - trail] == '\t'))
    trail++;
  n -= trail;
  if (b->len + n + 1 > XXGK_MAX_SECTION)
    return;
  if (b->len) {
    buf_putc(b, '\n');
    buf_putc(bn, '\n');
  }
  buf_put(b, s, n);
  buf_put(bn, norm, n_norm - trail);
  if (!p->section_n[sec]) {
    p->section_first[sec] = p->lineno;
  } else if (p->lineno != p->section_last[sec] + 1) {
    line_jump j = {p->section_n[sec], p->lineno};
    buf_put(&p->section_jumps[sec], &j, sizeof j);
  }
  p->section_n[sec]++;
  p->section_last[sec] = p->lineno;
  /* The part's text ends at a NUL (a C string): not this one. */
  p->norm_lost[sec] |= memchr(s, 0, n) != NULL;
}

int outline_line(xxgk_parser *p, const char *orig, size_t n_orig,
                 const char *norm, size_t n_norm, unsigned flags) {
  p->line_key_n = -1;
  size_t i = skip_spaces(norm, 0, n_norm);
  while (i < n_norm && (norm[i] == '\t' || norm[i] == ' '))
    i++;
  if (i == n_norm)
    return 1; /* blank */
  if (outline_is_page_number(norm, n_norm) || is_markdown_rule(norm, n_norm))
    return 1;
  if (!p->seen_heading && p->lineno <= TITLE_SEARCH_LINES) {
    const char *s = orig;
    size_t n = n_orig;
    trim_printed(&s, &n);
    if (crawler_fields(p, s, n))
      return 0; /* neither the title nor the line above one */
  }
  if (!p->period_year && p->part <= 0 && (flags & NORM_DIGIT))
    p->period_year = period_year(norm, n_norm);
  /* The line's key is needed where it may be a heading or the title: not
   * for a table row, which holds digits after its label, and making it
   * costs a pass over the line. */
  char *key = p->line_key;
  int heading =
      n_norm < HEADING_MAX && labels_part_possible(norm, n_norm, flags);
  int title = !p->title_done && p->n_lines_seen < TITLE_SEARCH_LINES &&
              n_norm < 400;
  if (heading || title) {
    size_t nk = text_key(norm, n_norm, key, KEY_MAX);
    if (nk + 4 < KEY_MAX) /* the whole key: the lexer's token may reuse it */
      p->line_key_n = (int)nk;
    const char *bare = text_key_bare(key);
    int part =
        heading ? labels_match_part(bare, nk - (size_t)(bare - key)) : -1;
    if (part >= 0) {
      /* The quality score tells the official words from other ones. */
      char official[KEY_MAX];
      const char *h = dict_part(part)->heading;
      text_key(h, strlen(h), official, sizeof official);
      unsigned char how = strcmp(text_key_bare(official), bare) == 0
                              ? DOC_HEADING_OFFICIAL
                              : DOC_HEADING_VARIANT;
      if (how > p->doc->headings[part])
        p->doc->headings[part] = how;
      p->part = part;
      p->seen_heading = 1;
      p->title_done = 1;
      return 0;
    }
    if (title)
      find_title(p, orig, n_orig, key);
  }
  if (!p->title_done) {
    p->n_lines_seen++;
    const char *s = orig;
    size_t n = n_orig;
    trim_printed(&s, &n);
    p->prev_line.len = 0;
    buf_put(&p->prev_line, s, n);
  }
  if (p->part >= 0 && dict_part(p->part)->section >= 0)
    section_append(p, dict_part(p->part)->section, orig, n_orig, norm,
                   n_norm);
  return 0;
}

/* A title printed without its year: the agency is what it prints before
 * "政府信息公开", unless that names a year or a period itself. */
static void take_yearless(xxgk_parser *p, const char *title) {
  xxgk_doc_set_title(p->doc, title);
  const char *at = strstr(title, "政府信息公开");
  const char *a = title;
  size_t an = at ? (size_t)(at - title) : 0;
  trim_printed(&a, &an);
  int dated = 0;
  for (size_t i = 0; i < an; i++)
    dated |= a[i] >= '0' && a[i] <= '9';
  dated |= an >= 3 && memcmp(a + an - 3, "年", 3) == 0;
  dated |= an >= 6 && memcmp(a + an - 6, "年度", 6) == 0;
  if (an > 0 && !dated) {
    char *agency = xxgk_strndup(a, an);
    xxgk_doc_set_agency(p->doc, agency);
    free(agency);
  }
}

/* For want of a title with its year in the text: the page's <title> with
 * its year, else a title printed without its year, else the <title>
 * without one; the year from the statistics period and the agency from a
 * crawler's field when the title names neither. */
static void finish_title(xxgk_parser *p) {
  if (!xxgk_doc_title(p->doc)) {
    char key[KEY_MAX];
    text_key(p->title_hint, strlen(p->title_hint), key, sizeof key);
    if (p->title_hint[0] && has_year(key))
      take_title(p, p->title_hint, strlen(p->title_hint));
    else if (p->title_yearless[0])
      take_yearless(p, p->title_yearless);
    else if (p->title_hint[0])
      take_yearless(p, p->title_hint);
  }
  if (!xxgk_doc_year(p->doc) && p->period_year)
    xxgk_doc_set_year(p->doc, p->period_year);
  if (!xxgk_doc_agency(p->doc) && p->agency_field[0])
    xxgk_doc_set_agency(p->doc, p->agency_field);
}

void outline_title_hint(xxgk_parser *p, const char *s, size_t n) {
  /* "某某局2023年政府信息公开工作年度报告_某某区人民政府门户网站": the
   * part that names the report. */
  static const char *const SEPS[] = {"_", "|", " - ", "－", "——", "—"};
  while (n > 0) {
    size_t cut = n, skip = 0;
    for (size_t k = 0; k < sizeof SEPS / sizeof *SEPS; k++) {
      const char *at = mem_find(s, n, SEPS[k]);
      if (at && (size_t)(at - s) < cut)
        cut = (size_t)(at - s), skip = strlen(SEPS[k]);
    }
    const char *part = s;
    size_t pn = cut;
    trim_printed(&part, &pn);
    char key[KEY_MAX];
    text_key(part, pn, key, sizeof key);
    if (strstr(key, "政府信息公开") &&
        (strstr(key, "年度报告") || strstr(key, "年报")) &&
        !not_a_title(part, pn)) {
      keep(p->title_hint, part, pn);
      return;
    }
    s += cut + skip;
    n -= cut + skip;
  }
}

void outline_finish(xxgk_parser *p) {
  p->doc->outline_read = 1;
  for (int s = 0; s < XXGK_N_SECTIONS; s++) {
    buf *b = &p->sections[s];
    if (b->len) {
      /* Trim the leading indentation of the first line only. */
      const char *t = b->data;
      size_t n = b->len;
      while (n && (*t == ' ' || *t == '\t'))
        t++, n--;
      char *text = xxgk_strndup(t, n);
      xxgk_doc_set_section(p->doc, (xxgk_section)s, text);
      free(text);
      /* The indentation is ' ' and TAB, one normalised byte each. */
      size_t lead = (size_t)(t - b->data);
      if (!p->norm_lost[s])
        p->doc->sections_norm[s] =
            xxgk_strndup(p->sections_norm[s].data + lead,
                         p->sections_norm[s].len - lead);
      /* The jumps pass to the document as they are (malloc's memory is
       * aligned for any type); set_section cleared the first line. */
      buf *j = &p->section_jumps[s];
      p->doc->section_line[s] = p->section_first[s];
      p->doc->n_section_jumps[s] = j->len / sizeof(line_jump);
      p->doc->section_jumps[s] = (void *)j->data;
      *j = (buf){0};
    }
  }
  finish_title(p);
  if (!xxgk_doc_title(p->doc))
    doc_diag(p->doc, "P", XXGK_SEV_WARNING, 0, 0,
             "未找到标题（“……政府信息公开工作年度报告”），年度和机关名称为空");
}
