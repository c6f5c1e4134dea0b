/*
 * seeds.c — writes the seed corpora of the fuzz targets, so a fuzzer starts
 * from real reports rather than from nothing:
 *
 *   OUT/fuzz_text/        every sample of tests/data in every rendition of
 *                         tests/gen/gen.c (cells, TSV, pipes, Markdown, layout,
 *                         full-width, GB18030, BOM+CRLF, …), each with a
 *                         leading chunk-size byte, the samples as-is, and
 *                         the shapes tables are rebuilt from (cells run
 *                         together, near labels, moved labels, mixed
 *                         formats)
 *   OUT/fuzz_json/        each sample's canonical JSON
 *   OUT/fuzz_reg_import/  exports of small registers: agencies, applications
 *                         and their events, a review, records and figures
 *   OUT/fuzz_cal/         the bundled holiday calendar
 *   OUT/fuzz_read/        the HTML and DOCX fixtures (tests/fixtures), each
 *                         sample as real conversions break it
 *                         (tests/gen/gen_recon.c: edge cells printed
 *                         empty, moved labels, run-together cells) and
 *                         titles kept in crawler fields and <title>
 *   OUT/fuzz_docx/        the word/document.xml of each DOCX fixture
 *   OUT/fuzz_pdftext/     pdftotext's text of each PDF fixture
 *   OUT/fuzz_http/        requests to the web application (seeds_http.c)
 *   OUT/fuzz_read.dict,   HTML and WordprocessingML markup
 *   OUT/fuzz_docx.dict,
 *   OUT/fuzz_http.dict    routes, fields, headers and values
 *   OUT/fuzz_json.dict    the canonical JSON's keys and tricky numbers
 *   OUT/fuzz_text.dict    a libFuzzer dictionary: every printed label and
 *                         heading of the data dictionary, and the tokens
 *                         the lexer treats specially
 *
 * Usage: fuzz_seeds DATA-DIR FIXTURES-DIR CALENDAR-TSV OUT-DIR. Exits non-zero if a
 * sample cannot be read or a seed not written.
 */
#include "seeds.h"

#include "docutil.h"
#include "gen.h"
#include "gen_recon.h"
#include "reader.h"
#include "xxgk_register.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <sys/stat.h>
#include <zip.h>

int failures;

void put(const char *dir, const char *target, const char *name,
         const void *prefix, size_t np, const void *data, size_t n) {
  char path[4096];
  snprintf(path, sizeof path, "%s/%s", dir, target);
  if (mkdir(path, 0777) != 0 && errno != EEXIST) {
    perror(path);
    failures++;
    return;
  }
  snprintf(path, sizeof path, "%s/%s/%s", dir, target, name);
  FILE *f = fopen(path, "wb");
  if (!f || fwrite(prefix, 1, np, f) != np || fwrite(data, 1, n, f) != n ||
      fclose(f) != 0) {
    perror(path);
    failures++;
  }
}

/* Chunk sizes the text seeds start with (fuzz_text.c's first byte). */
static const unsigned char CHUNKS[] = {0, 1, 3, 7, 64, 255};
#define N_CHUNKS (sizeof CHUNKS / sizeof CHUNKS[0])

/* The sample as real conversions break it, for the readers. */
static void recon_seeds(const xxgk_doc *d, const char *out, const char *name) {
  for (int k = 0; k < RECON_N; k++) {
    size_t n;
    char *g = recon_report(d, d, (recon_kind)k, &n), file[256];
    if (!g) {
      failures++;
      continue;
    }
    snprintf(file, sizeof file, "%s-%s", name, recon_name((recon_kind)k));
    put(out, "fuzz_read", file, "", 0, g, n);
    free(g);
  }
}

/* Titles where real files keep them (lib/parse/outline.c). */
static const char *const TITLE_SEEDS[] = {
    "标题：某某县教育局2023年政府信息公开工作年度报告\n发布机构: 某某县教育局"
    "　发布日期：2024-01-20\n一、总体情况\n",
    "<html><head><title>某某区2022年政府信息公开工作年度报告_某某区人民政府"
    "</title></head><body><p>一、总体情况</p></body></html>",
    "# **某某局政府信息公开工作年度报告**\n统计期限自2023年1月1日起至2023年"
    "12月31日止。\n## 一、总体情况\n",
};

static void text_seeds(const char *data, const char *out) {
  for (size_t i = 0; i < sizeof TITLE_SEEDS / sizeof *TITLE_SEEDS; i++) {
    char name[32];
    snprintf(name, sizeof name, "title-%zu", i);
    put(out, "fuzz_read", name, "", 0, TITLE_SEEDS[i], strlen(TITLE_SEEDS[i]));
  }
  for (size_t i = 0; i < N_SAMPLES; i++) {
    char path[4096], name[256];
    snprintf(path, sizeof path, "%s/%s.txt", data, SAMPLES[i]);
    size_t n = 0;
    char *text = read_file(path, &n);
    if (!text) {
      fprintf(stderr, "cannot read %s\n", path);
      failures++;
      continue;
    }
    snprintf(name, sizeof name, "%s.txt", SAMPLES[i]);
    put(out, "fuzz_text", name, "", 1, text, n);
    free(text);

    xxgk_doc *d = load_expected(data, SAMPLES[i]);
    if (!d) {
      fprintf(stderr, "no expected JSON for %s\n", SAMPLES[i]);
      failures++;
      continue;
    }
    char *json = xxgk_render(d, XXGK_OUT_JSON);
    snprintf(name, sizeof name, "%s.json", SAMPLES[i]);
    put(out, "fuzz_json", name, "", 0, json, strlen(json));
    xxgk_free(json);
    for (int r = 0; r < GEN_N_RENDITIONS; r++) {
      char *g = gen_report(d, (gen_rendition)r, &n);
      snprintf(name, sizeof name, "%s-%s", SAMPLES[i], gen_name(r));
      put(out, "fuzz_text", name, &CHUNKS[(i + (size_t)r) % N_CHUNKS], 1, g,
          n);
      free(g);
    }
    recon_seeds(d, out, SAMPLES[i]);
    xxgk_doc_free(d);
  }
}

/* text_replace, whether or not text has `from`. */
static char *swap(char *text, const char *from, const char *to) {
  int found;
  return text_replace(text, from, to, &found);
}

/* The shapes the parser rebuilds tables from (align.c), made from a
 * sample's TSV: its tables' cells run together (a crawler's textContent),
 * labels near the official ones, a label moved away from its numbers, a
 * group label fused into a numbers line, and table 3 in the other
 * format's layout. */
static void reconstruct_seeds(const char *data, const char *out) {
  xxgk_doc *d = load_expected(data, "tianjin-nankai-2023");
  if (!d) {
    fprintf(stderr, "no expected JSON for tianjin-nankai-2023\n");
    failures++;
    return;
  }
  size_t n;
  char *tsv = gen_report(d, GEN_TSV, &n);
  xxgk_doc_free(d);
  char *glued = strdup(tsv), *w = glued;
  const char *from = strstr(tsv, "规章");
  for (const char *s = tsv; *s; s++)
    if (*s != '\t' || !from || s < from)
      *w++ = *s;
  *w = 0;
  put(out, "fuzz_text", "reconstruct-glued", "", 1, glued, strlen(glued));
  free(glued);
  char *near = swap(strdup(tsv), "4.保护第三方合法权益", "4.保户第三方合法权益");
  near = swap(near, "已获取信息", "己获取信息");
  near = swap(near, "\n行政复议", "\n行政复仪");
  near = swap(near, "本年制发件数", "本年制发件");
  put(out, "fuzz_text", "reconstruct-near", &CHUNKS[3], 1, near, strlen(near));
  free(near);
  char *moved = swap(strdup(tsv), "\n4.保护第三方合法权益", "");
  moved = swap(moved, "（三）不予公开\t1.属于国家秘密\t", "（三）不予公开\t");
  moved = swap(moved, "5.属于三类内部事务信息", "4.保护第三方合法权益\n5.属于三类内部事务信息");
  put(out, "fuzz_text", "reconstruct-moved", &CHUNKS[2], 1, moved,
      strlen(moved));
  free(moved);
  char *mixed = swap(strdup(tsv), "（六）其他处理\t1.申请人无正当理由",
                     "（六）其他处理\t75\t1\t0\t0\t0\t0\t76\n1.申请人无正当理由");
  put(out, "fuzz_text", "reconstruct-mixed", &CHUNKS[4], 1, mixed,
      strlen(mixed));
  free(mixed);
  free(tsv);
}

/* A register with two agencies (a parent and a unit), applications with
 * events of each kind that ends or stops the clock, a review, a repealed
 * record and the yearly figures; exported as one seed. */
static void register_seed(const char *out) {
  xxgk_reg *r;
  if (xxgk_reg_open(":memory:", XXGK_OPT_CREATE, &r) != XXGK_OK) {
    fprintf(stderr, "register seed: %s\n", xxgk_reg_errmsg(r));
    exit(1);
  }
  xxgk_reg_set_user(r, "种子");
  xxgk_reg_set_clock(r, "2024-01-31T09:00:00Z");
  xxgk_agency top = {.name = "某区人民政府"};
  xxgk_reg_agency_add(r, &top);
  xxgk_agency unit = {.parent_id = top.id, .name = "某区人民政府办公室"};
  xxgk_reg_agency_add(r, &unit);
  xxgk_reg_user_add(r, unit.id, "李四");
  static const struct {
    const char *received, *category;
    xxgk_event_kind kind;
    const char *date, *outcome;
  } CASES[] = {
      {"2023-03-01", "natural_person", XXGK_EV_REPLY, "2023-03-10", "granted"},
      {"2023-05-08", "commercial", XXGK_EV_EXTENDED, "2023-05-20", NULL},
      {"2023-06-01", "research", XXGK_EV_WITHDRAWN, "2023-06-02", NULL},
      {"2023-12-20", "other_org", XXGK_EV_CONSULT_STARTED, "2023-12-22", NULL},
  };
  int64_t first = 0;
  for (size_t i = 0; i < sizeof CASES / sizeof CASES[0]; i++) {
    xxgk_case c = {.agency_id = unit.id, .channel = "网络",
                   .received = CASES[i].received,
                   .category = CASES[i].category, .name = "张三",
                   .contact = "13812345678", .content = "某项目的批复"};
    if (xxgk_reg_case_new(r, &c) != XXGK_OK)
      continue;
    if (!first)
      first = c.id;
    xxgk_event e = {.case_id = c.id, .kind = CASES[i].kind,
                    .date = CASES[i].date, .outcome = CASES[i].outcome};
    xxgk_reg_event_add(r, &e);
  }
  xxgk_review v = {.agency_id = unit.id, .kind = "administrative_review",
                   .filed = "2023-04-01", .result = "pending",
                   .cases = &first, .n_cases = 1};
  if (xxgk_reg_review_add(r, &v) == XXGK_OK)
    xxgk_reg_review_decide(r, v.id, "upheld", "2023-07-01");
  xxgk_record rec = {.agency_id = unit.id, .kind = "rules", .title = "某办法",
                     .number = "某府令第1号", .issued = "2023-02-01"};
  if (xxgk_reg_record_add(r, &rec) == XXGK_OK)
    xxgk_reg_record_repeal(r, rec.id, "2023-11-01");
  xxgk_reg_figure_set(r, unit.id, 2023, "licensing", "12");
  xxgk_reg_figure_set(r, unit.id, 2023, "fees", "3.1415");
  char *json = NULL;
  if (xxgk_reg_export(r, &json) != XXGK_OK) {
    fprintf(stderr, "register export: %s\n", xxgk_reg_errmsg(r));
    failures++;
  } else {
    put(out, "fuzz_reg_import", "register.json", "", 0, json, strlen(json));
  }
  xxgk_free(json);
  xxgk_reg_close(r);
}

/* One dictionary entry, "..." with every byte outside printable ASCII,
 * and '"' and '\\', as \xNN (libFuzzer's -dict format). */
static void dict_entry(FILE *f, const char *s, size_t n) {
  if (!s || !n)
    return;
  fputc('"', f);
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    if (c < 0x20 || c >= 0x7f || c == '"' || c == '\\')
      fprintf(f, "\\x%02X", c);
    else
      fputc(c, f);
  }
  fputs("\"\n", f);
}

/* Each '|'-separated alternative of s. */
static void dict_alts(FILE *f, const char *s) {
  while (s && *s) {
    const char *bar = strchr(s, '|');
    size_t n = bar ? (size_t)(bar - s) : strlen(s);
    dict_entry(f, s, n);
    s = bar ? bar + 1 : NULL;
  }
}

static void text_dict(const char *out) {
  char path[4096];
  snprintf(path, sizeof path, "%s/fuzz_text.dict", out);
  FILE *f = fopen(path, "w");
  if (!f) {
    perror(path);
    failures++;
    return;
  }
  for (int t = 0; t < XXGK_N_TABLES; t++)
    dict_alts(f, xxgk_dict_table((xxgk_table)t)->heading);
  for (int s = 0; s < XXGK_N_SECTIONS; s++)
    dict_alts(f, xxgk_section_heading((xxgk_section)s));
  for (int i = 0; i < xxgk_dict_n_rows(); i++) {
    const xxgk_row_def *r = xxgk_dict_row(i);
    dict_alts(f, r->label);
    dict_alts(f, r->group);
    dict_alts(f, r->subgroup);
    dict_alts(f, r->aliases);
    for (int c = 0; c < r->n_cols; c++) {
      dict_alts(f, r->cols[c].label);
      dict_alts(f, r->cols[c].group);
      dict_alts(f, r->cols[c].unit);
    }
  }
  static const char *const TOKENS[] = {
      "\t", " | ", "|---|", "\r\n", "\xEF\xBB\xBF", "\xFF\xFE", "\xFE\xFF",
      "\xE2\x80\x94", "\xE6\x97\xA0", "/", "2019", "2021", "2023", "1,234",
      "9872.3034", "\xEF\xBC\x91", "\xE3\x80\x80", "\xC2\xA0", "-",
      "99999999999999999999", "\x0C"};
  for (size_t i = 0; i < sizeof TOKENS / sizeof TOKENS[0]; i++)
    dict_entry(f, TOKENS[i], strlen(TOKENS[i]));
  if (fclose(f) != 0) {
    perror(path);
    failures++;
  }
}

/* The JSON target's dictionary: every key of the canonical JSON. */
static void json_dict(const char *out) {
  char path[4096];
  snprintf(path, sizeof path, "%s/fuzz_json.dict", out);
  FILE *f = fopen(path, "w");
  if (!f) {
    perror(path);
    failures++;
    return;
  }
  for (int t = 0; t < XXGK_N_TABLES; t++)
    dict_alts(f, xxgk_dict_table((xxgk_table)t)->key);
  for (int s = 0; s < XXGK_N_SECTIONS; s++)
    dict_alts(f, xxgk_section_key((xxgk_section)s));
  for (int i = 0; i < xxgk_dict_n_rows(); i++) {
    const xxgk_row_def *r = xxgk_dict_row(i);
    dict_alts(f, r->key);
    for (int c = 0; c < r->n_cols; c++)
      dict_alts(f, r->cols[c].key);
  }
  static const char *const TOKENS[] = {
      "format", "year", "agency", "title", "\"2019\"", "\"2021\"", "null",
      "{", "}", "[", "]", ":", ",", "1e400", "-0", "0.00000000000000000001",
      "\"\\u0000\"", "\"\\ud800\""};
  for (size_t i = 0; i < sizeof TOKENS / sizeof TOKENS[0]; i++)
    dict_entry(f, TOKENS[i], strlen(TOKENS[i]));
  if (fclose(f) != 0) {
    perror(path);
    failures++;
  }
}

/* word/document.xml of a DOCX, or NULL; the caller frees it. */
static char *document_xml(const char *docx, size_t n, size_t *len) {
  zip_error_t ze;
  zip_error_init(&ze);
  zip_source_t *src = zip_source_buffer_create(docx, n, 0, &ze);
  zip_t *za = src ? zip_open_from_source(src, ZIP_RDONLY, &ze) : NULL;
  zip_error_fini(&ze);
  if (!za) {
    zip_source_free(src);
    return NULL;
  }
  char *out = NULL;
  zip_stat_t st;
  zip_file_t *zf = NULL;
  if (zip_stat(za, "word/document.xml", 0, &st) == 0 &&
      (st.valid & ZIP_STAT_SIZE) &&
      (zf = zip_fopen(za, "word/document.xml", 0)) != NULL &&
      (out = malloc(st.size + 1)) != NULL &&
      zip_fread(zf, out, st.size) == (zip_int64_t)st.size) {
    *len = st.size;
  } else {
    free(out);
    out = NULL;
  }
  if (zf)
    zip_fclose(zf);
  zip_close(za);
  return out;
}

static int is_fixture(const struct dirent *e) {
  size_t n = strlen(e->d_name);
  return (n > 5 && strcmp(e->d_name + n - 5, ".html") == 0) ||
         (n > 5 && strcmp(e->d_name + n - 5, ".docx") == 0);
}

static int is_pdf(const struct dirent *e) {
  size_t n = strlen(e->d_name);
  return n > 4 && strcmp(e->d_name + n - 4, ".pdf") == 0;
}

/* The text pdftotext writes for each PDF fixture: what read_pdf_text
 * reads; and with the words' boxes before it. */
static void pdftext_seeds(const char *fixtures, const char *out) {
  struct dirent **names;
  int k = scandir(fixtures, &names, is_pdf, alphasort);
  for (int i = 0; i < k; i++) {
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", fixtures, names[i]->d_name);
    size_t n = 0;
    char *pdf = read_file(path, &n);
    const char *const argv[] = {"pdftotext", "-layout", "-enc", "UTF-8",
                                "-",         "-",       NULL};
    subproc r;
    if (!pdf || subproc_run(argv, pdf, n, 60, 1 << 24, &r) != 0 ||
        r.exit_code != 0) {
      fprintf(stderr, "pdftotext failed on %s\n", path);
      failures++;
    } else {
      put(out, "fuzz_pdftext", names[i]->d_name, "", 0, r.out.data,
          r.out.len);
      /* The words' boxes, a NUL, the page text: read_pdf_text_boxed. */
      const char *const bbox[] = {"pdftotext", "-bbox-layout", "-enc",
                                  "UTF-8",     "-",            "-",
                                  NULL};
      subproc b;
      if (subproc_run(bbox, pdf, n, 60, 1 << 26, &b) == 0 &&
          b.exit_code == 0) {
        char name[300];
        snprintf(name, sizeof name, "boxes-%s", names[i]->d_name);
        buf_putc(&b.out, 0);
        put(out, "fuzz_pdftext", name, b.out.data, b.out.len, r.out.data,
            r.out.len);
      } else {
        fprintf(stderr, "pdftotext -bbox-layout failed on %s\n", path);
        failures++;
      }
      buf_free(&b.out);
      buf_free(&b.err);
    }
    if (pdf) {
      buf_free(&r.out);
      buf_free(&r.err);
    }
    free(pdf);
    free(names[i]);
  }
  if (k > 0)
    free(names);
}

static void reader_seeds(const char *fixtures, const char *out) {
  struct dirent **names;
  int k = scandir(fixtures, &names, is_fixture, alphasort);
  if (k <= 0) {
    fprintf(stderr, "no HTML or DOCX fixtures in %s\n", fixtures);
    failures++;
    return;
  }
  for (int i = 0; i < k; i++) {
    char path[4096], name[300];
    snprintf(path, sizeof path, "%s/%s", fixtures, names[i]->d_name);
    size_t n = 0;
    char *data = read_file(path, &n);
    if (!data) {
      fprintf(stderr, "cannot read %s\n", path);
      failures++;
    } else {
      put(out, "fuzz_read", names[i]->d_name, "", 0, data, n);
      size_t len = 0;
      char *xml = strstr(names[i]->d_name, ".docx") ? document_xml(data, n, &len)
                                                     : NULL;
      if (xml) {
        snprintf(name, sizeof name, "%s.xml", names[i]->d_name);
        put(out, "fuzz_docx", name, "", 0, xml, len);
      }
      free(xml);
    }
    free(data);
    free(names[i]);
  }
  free(names);
}

void word_dict(const char *out, const char *target,
               const char *const *words, size_t n) {
  char path[4096];
  snprintf(path, sizeof path, "%s/%s.dict", out, target);
  FILE *f = fopen(path, "w");
  if (!f) {
    perror(path);
    failures++;
    return;
  }
  for (size_t i = 0; i < n; i++)
    dict_entry(f, words[i], strlen(words[i]));
  if (fclose(f) != 0) {
    perror(path);
    failures++;
  }
}

/* Markup for the reader targets' dictionaries. */
static const char *const HTML_WORDS[] = {
    "<table>", "</table>", "<tr>", "</tr>", "<td>", "</td>", "<th>",
    " rowspan=\"2\"", " colspan=\"3\"", " rowspan=\"0\"",
    " colspan=\"99999\"", "<p>", "<br>", "<pre>", "</pre>", "<div>",
    "<meta charset=\"gbk\">", "<meta charset=\"utf-8\">", "<script>",
    "<style>", "<!--", "-->", "&nbsp;", "&#12288;", "<tbody>", "<html>",
    "<body>", "<![CDATA[", "<!DOCTYPE html>"};
static const char *const DOCX_WORDS[] = {
    "<w:tbl>", "</w:tbl>", "<w:tr>", "</w:tr>", "<w:tc>", "</w:tc>",
    "<w:p>", "</w:p>", "<w:r>", "<w:t>", "</w:t>", "<w:tab/>", "<w:br/>",
    "<w:gridSpan w:val=\"2\"/>", "<w:vMerge w:val=\"restart\"/>",
    "<w:vMerge/>", "<w:gridBefore w:val=\"1\"/>", "<w:tcPr>", "<w:trPr>",
    "<w:body>", "<w:sdt>", "<w:sdtContent>", "<mc:AlternateContent>",
    "<w:ins>", "<w:del>", "<w:delText>", "<!DOCTYPE", "<!ENTITY"};

int main(int argc, char **argv) {
  if (argc != 5) {
    fprintf(stderr,
            "usage: fuzz_seeds DATA-DIR FIXTURES-DIR CALENDAR-TSV OUT-DIR\n");
    return 2;
  }
  const char *out = argv[4];
  if (mkdir(out, 0777) != 0 && errno != EEXIST) {
    perror(out);
    return 1;
  }
  text_seeds(argv[1], out);
  reconstruct_seeds(argv[1], out);
  text_dict(out);
  json_dict(out);
  register_seed(out);
  reader_seeds(argv[2], out);
  pdftext_seeds(argv[2], out);
  word_dict(out, "fuzz_read", HTML_WORDS,
            sizeof HTML_WORDS / sizeof HTML_WORDS[0]);
  word_dict(out, "fuzz_docx", DOCX_WORDS,
            sizeof DOCX_WORDS / sizeof DOCX_WORDS[0]);
  http_seeds(argv[1], out);
  size_t n = 0;
  char *cal = read_file(argv[3], &n);
  if (cal)
    put(out, "fuzz_cal", "cn-holidays.tsv", "", 0, cal, n);
  else
    failures++;
  free(cal);
  return failures ? 1 : 0;
}
