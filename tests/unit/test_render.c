/*
 * test_render.c — the report writers, sums and comparisons:
 *
 *   - each table's grid covers every slot once, holds every cell of the
 *     format once, and prints only labels of the dictionary;
 *   - every sample report, written as Markdown, text, HTML, DOCX and JSON,
 *     reads back to the same document: tables, metadata and narrative
 *     (parse(render(x)) == x), and rendering is a fixed point;
 *   - a document without narrative (placeholders, the 信息处理费 sentence)
 *     reads back too;
 *   - the golden files under tests/golden hold byte for byte;
 *   - sums of the real reports give the figures computed by hand, check
 *     clean, and refuse mixed formats naming the files;
 *   - a constructed pair of years with a Y1 break is reported, and a pair
 *     that follows on is not.
 *
 * Usage: test_render DATA_DIR GOLDEN_DIR [--update]. With --update the
 * golden files are rewritten (review the diff before committing them);
 * scripts/update-golden.sh does that.
 */
#include "docutil.h"
#include "harness.h"
#include "report.h"

#include <json-c/json.h>
#include <zip.h>

static const char *DATA, *GOLDEN;
static int UPDATE;

/* ## Grids */

/* Every string the dictionary holds a table may print. */
static int dict_string(const char *s) {
  for (int t = 0; t < XXGK_N_TABLES; t++) {
    const xxgk_table_def *td = xxgk_dict_table((xxgk_table)t);
    if (s == td->corner || s == td->columns)
      return 1;
  }
  for (int i = 0; i < xxgk_dict_n_rows(); i++) {
    const xxgk_row_def *r = xxgk_dict_row(i);
    if (s == r->label || s == r->group || s == r->subgroup)
      return 1;
    for (int c = 0; c < r->n_cols; c++)
      if (s == r->cols[c].label || s == r->cols[c].group)
        return 1;
  }
  return 0;
}

static void test_grids(void) {
  /* {table, format, columns, rows}: the official tables' shapes. */
  static const int SHAPES[][4] = {
      {XXGK_T_ACTIVE, XXGK_FORMAT_2021, 4, 14},
      {XXGK_T_ACTIVE, XXGK_FORMAT_2019, 4, 18},
      {XXGK_T_APPLICATIONS, XXGK_FORMAT_2021, 10, 28},
      {XXGK_T_APPLICATIONS, XXGK_FORMAT_2019, 10, 26},
      {XXGK_T_REVIEWS, XXGK_FORMAT_2021, 15, 4},
      {XXGK_T_REVIEWS, XXGK_FORMAT_2019, 15, 4},
  };
  for (size_t s = 0; s < sizeof SHAPES / sizeof SHAPES[0]; s++) {
    xxgk_table t = (xxgk_table)SHAPES[s][0];
    xxgk_format f = (xxgk_format)SHAPES[s][1];
    static grid g;
    CHECK_INT(grid_build(&g, t, f), 0);
    CHECK_INT(g.n_cols, SHAPES[s][2]);
    CHECK_INT(g.n_rows, SHAPES[s][3]);
    for (int y = 0; y < g.n_rows; y++)
      for (int x = 0; x < g.n_cols; x++) {
        const xxgk_grid_cell *c = &g.cells[g.owner[y][x]];
        CHECK(c->x <= x && x < c->x + c->w && c->y <= y && y < c->y + c->h,
              "table %d format %d: slot (%d,%d) not covered", t, f, x, y);
      }
    int seen[XXGK_DICT_ROWS][XXGK_MAX_COLS] = {{0}};
    for (int k = 0; k < g.n_cells; k++) {
      const xxgk_grid_cell *c = &g.cells[k];
      if (c->kind == XXGK_GRID_VALUE)
        seen[c->row][c->col]++;
      else
        CHECK(!c->text || dict_string(c->text),
              "table %d: label \"%s\" is not the dictionary's", t, c->text);
    }
    for (int i = 0; i < xxgk_dict_n_rows(); i++) {
      const xxgk_row_def *r = xxgk_dict_row(i);
      for (int c = 0; c < r->n_cols; c++)
        CHECK_INT(seen[i][c], r->table == t && (r->formats & f) ? 1 : 0);
    }
  }
  static grid g;
  CHECK_INT(grid_build(&g, XXGK_T_FEES, XXGK_FORMAT_2021), -1);
  /* Table 3's corner spans the three label columns and the header rows. */
  grid_build(&g, XXGK_T_APPLICATIONS, XXGK_FORMAT_2021);
  const xxgk_grid_cell *corner = xxgk_grid_at(&g, 0, 0);
  CHECK(corner && corner->w == 3 && corner->h == 3, "table 3 corner");
  CHECK_INT(g.n_label_cols, 3);
  CHECK_INT(g.n_head_rows, 3);
}

/* ## Round trips */

#define PLACEHOLDER "（本部分应"

/* The narrative read back: the same text, or for a part a has none, the
 * placeholder the writers put there (JSON keeps null). */
static int same_sections(const xxgk_doc *a, const xxgk_doc *b,
                         const char *what) {
  int bad = 0;
  for (int s = 0; s < XXGK_N_SECTIONS; s++) {
    const char *x = xxgk_doc_section(a, (xxgk_section)s),
               *y = xxgk_doc_section(b, (xxgk_section)s);
    if (x ? !same_str(x, y)
          : y && strncmp(y, PLACEHOLDER, strlen(PLACEHOLDER)) != 0) {
      fprintf(stderr, "%s: section %s differs:\n  want %.120s\n  got  %.120s\n",
              what, xxgk_section_key((xxgk_section)s), x ? x : "(null)",
              y ? y : "(null)");
      bad++;
    }
  }
  return bad;
}

/* The document in format `fmt` ("md", "txt", "html", "docx", "json"); the
 * caller frees it. */
static char *render_as(const xxgk_doc *d, const char *fmt, size_t *n) {
  char *out = NULL;
  if (strcmp(fmt, "docx") == 0) {
    CHECK_INT(xxgk_render_docx(d, &out, n), XXGK_OK);
    return out;
  }
  xxgk_output o = strcmp(fmt, "md") == 0     ? XXGK_OUT_REPORT_MD
                  : strcmp(fmt, "txt") == 0  ? XXGK_OUT_REPORT_TEXT
                  : strcmp(fmt, "html") == 0 ? XXGK_OUT_REPORT_HTML
                                             : XXGK_OUT_JSON;
  out = xxgk_render(d, o);
  *n = strlen(out);
  return out;
}

static const char *const FORMATS[] = {"md", "txt", "html", "docx", "json"};
#define N_FORMATS (sizeof FORMATS / sizeof FORMATS[0])

/* parse(render(d)) == d in every format, narrative included, and a second
 * rendering is the same bytes. */
static void round_trip(const xxgk_doc *d, const char *name) {
  for (size_t f = 0; f < N_FORMATS; f++) {
    char what[200];
    snprintf(what, sizeof what, "%s as %s", name, FORMATS[f]);
    size_t n;
    char *out = render_as(d, FORMATS[f], &n);
    if (!out)
      continue;
    xxgk_doc *back;
    xxgk_status st = xxgk_read(out, n, &back);
    CHECK(st == XXGK_OK, "%s: read back with status %s", what,
          xxgk_strerror(st));
    CHECK_INT(xxgk_doc_count(back, XXGK_SEV_WARNING), 0);
    CHECK(doc_diff(d, back, what) == 0, "%s: figures differ", what);
    CHECK(same_sections(d, back, what) == 0, "%s: narrative differs", what);
    if (strcmp(FORMATS[f], "md") == 0 || strcmp(FORMATS[f], "txt") == 0) {
      xxgk_doc *text; /* the text parser alone reads them */
      CHECK_INT(xxgk_parse(out, n, &text), XXGK_OK);
      CHECK(doc_diff(d, text, what) == 0, "%s: parse differs", what);
      xxgk_doc_free(text);
    }
    /* A fixed point; HTML and DOCX style a placeholder apart, which the
     * read-back document holds as text. */
    int narrative = 1;
    for (int s = 0; s < XXGK_N_SECTIONS; s++)
      narrative &= xxgk_doc_section(d, (xxgk_section)s) != NULL;
    size_t n2;
    char *again = render_as(back, FORMATS[f], &n2);
    CHECK(again && ((n2 == n && memcmp(again, out, n) == 0) ||
                    (!narrative && (strcmp(FORMATS[f], "html") == 0 ||
                                    strcmp(FORMATS[f], "docx") == 0))),
          "%s: rendering the read-back document differs", what);
    xxgk_free(again);
    xxgk_free(out);
    xxgk_doc_free(back);
  }
}

static xxgk_doc *parse_sample(const char *name) {
  char path[4096];
  snprintf(path, sizeof path, "%s/%s.txt", DATA, name);
  size_t n;
  char *text = read_file(path, &n);
  if (!text)
    return NULL;
  xxgk_doc *d;
  xxgk_parse(text, n, &d);
  free(text);
  return d;
}

static void test_round_trips(void) {
  for (size_t i = 0; i < N_SAMPLES; i++) {
    xxgk_doc *d = parse_sample(SAMPLES[i]);
    CHECK(d != NULL, "cannot read %s", SAMPLES[i]);
    if (!d)
      continue;
    round_trip(d, SAMPLES[i]);
    xxgk_doc_free(d);
    /* Without narrative: the placeholders and the 信息处理费 sentence. */
    xxgk_doc *bare = load_expected(DATA, SAMPLES[i]);
    char name[200];
    snprintf(name, sizeof name, "%s without narrative", SAMPLES[i]);
    size_t n;
    char *md = render_as(bare, "md", &n);
    xxgk_doc *back;
    CHECK_INT(xxgk_parse(md, n, &back), XXGK_OK);
    CHECK(doc_diff(bare, back, name) == 0, "%s: figures differ", name);
    for (int s = 0; s < XXGK_N_SECTIONS; s++) {
      const char *t = xxgk_doc_section(back, (xxgk_section)s);
      CHECK(t && strncmp(t, PLACEHOLDER, strlen(PLACEHOLDER)) == 0,
            "%s: section %d is not the placeholder", name, s);
    }
    xxgk_free(md);
    xxgk_doc_free(back);
    xxgk_doc_free(bare);
  }
}

/* ## Golden files */

/* The DOCX's word/document.xml: the bytes of the archive depend on zlib,
 * the document does not. */
static char *docx_document(const char *zipped, size_t n, size_t *len) {
  zip_error_t ze;
  zip_error_init(&ze);
  zip_source_t *src = zip_source_buffer_create(zipped, n, 0, &ze);
  zip_t *za = src ? zip_open_from_source(src, ZIP_RDONLY, &ze) : NULL;
  zip_error_fini(&ze);
  if (!za) {
    zip_source_free(src);
    return NULL;
  }
  zip_stat_t st;
  char *out = NULL;
  zip_file_t *zf = NULL;
  if (zip_stat(za, "word/document.xml", 0, &st) == 0 &&
      (zf = zip_fopen(za, "word/document.xml", 0)) != NULL) {
    out = malloc(st.size + 1);
    zip_int64_t got = zip_fread(zf, out, st.size);
    out[got > 0 ? got : 0] = 0;
    *len = got > 0 ? (size_t)got : 0;
    zip_fclose(zf);
  }
  zip_close(za);
  return out;
}

static void golden(const char *file, const char *got, size_t n) {
  char path[4096];
  snprintf(path, sizeof path, "%s/%s", GOLDEN, file);
  if (UPDATE) {
    FILE *f = fopen(path, "wb");
    CHECK(f && fwrite(got, 1, n, f) == n && fclose(f) == 0, "cannot write %s",
          path);
    return;
  }
  size_t wn;
  char *want = read_file(path, &wn);
  CHECK(want != NULL, "no golden file %s (run scripts/update-golden.sh)",
        path);
  if (!want)
    return;
  if (wn != n || memcmp(want, got, n) != 0) {
    size_t i = 0, line = 1;
    while (i < n && i < wn && want[i] == got[i])
      line += got[i++] == '\n';
    CHECK(0, "%s differs from the golden file at line %zu (%zu bytes, want "
             "%zu); review and run scripts/update-golden.sh",
          file, line, n, wn);
  } else {
    CHECK(1, "%s", file);
  }
  free(want);
}

static void test_golden(void) {
  static const char *const NAMES[] = {"tianjin-nankai-2023",
                                      "tianjin-jinghai-office-2019"};
  for (size_t i = 0; i < 2; i++) {
    xxgk_doc *d = parse_sample(NAMES[i]);
    if (!d)
      continue;
    for (size_t f = 0; f < N_FORMATS; f++) {
      if (strcmp(FORMATS[f], "json") == 0)
        continue; /* the .expected.json files and test_golden hold JSON */
      size_t n;
      char *out = render_as(d, FORMATS[f], &n);
      char file[300];
      if (strcmp(FORMATS[f], "docx") == 0) {
        size_t xn = 0;
        char *xml = docx_document(out, n, &xn);
        CHECK(xml != NULL, "%s: no word/document.xml in the DOCX", NAMES[i]);
        snprintf(file, sizeof file, "%s.document.xml", NAMES[i]);
        if (xml)
          golden(file, xml, xn);
        free(xml);
      } else {
        snprintf(file, sizeof file, "%s.%s", NAMES[i], FORMATS[f]);
        golden(file, out, n);
      }
      xxgk_free(out);
    }
    xxgk_doc_free(d);
  }
}

/* ## Sums */

static const char *const UNITS[] = {"tianjin-nankai-2023",
                                    "chongqing-nanan-2023", "laocheng-2023",
                                    "shunhe-bigdata-2023"};
#define N_UNITS (sizeof UNITS / sizeof UNITS[0])

static const char *figure(const xxgk_doc *d, const char *key, char *out) {
  int row, col;
  strcpy(out, "(none)");
  if (xxgk_dict_find_key(key, xxgk_doc_format(d), &row, &col) != 0)
    return out;
  const xxgk_cell *c = xxgk_doc_cell(d, row, col);
  if (c && c->state != XXGK_CELL_ABSENT)
    xxgk_num_format(c->num, out);
  else
    strcpy(out, "null");
  return out;
}

static void set_figure(xxgk_doc *d, const char *key, const char *value) {
  int row, col;
  xxgk_cell c = {{0, 0}, XXGK_CELL_VALUE, 0, 0, XXGK_HOW_PLAIN};
  if (xxgk_dict_find_key(key, xxgk_doc_format(d), &row, &col) != 0)
    return;
  if (!value)
    c.state = XXGK_CELL_ABSENT;
  else
    xxgk_num_parse(value, strlen(value), &c.num);
  xxgk_doc_set_cell(d, row, col, &c);
}

static int has_diag(const xxgk_doc *d, const char *rule, const char *text) {
  for (size_t i = 0; i < xxgk_doc_n_diags(d); i++) {
    const xxgk_diag *g = xxgk_doc_diag(d, i);
    if (strcmp(g->rule, rule) == 0 && (!text || strstr(g->message, text)))
      return 1;
  }
  return 0;
}

static void test_sums(void) {
  xxgk_doc *docs[N_UNITS + 1];
  for (size_t i = 0; i < N_UNITS; i++) {
    docs[i] = parse_sample(UNITS[i]);
    xxgk_doc_set_source(docs[i], UNITS[i]);
    xxgk_check(docs[i]);
  }
  xxgk_doc *sum;
  CHECK_INT(xxgk_sum((const xxgk_doc *const *)docs, N_UNITS, "测试市", 0,
                     &sum),
            XXGK_OK);
  /* Computed by hand from the four reports (tests/data/SOURCES.md). */
  static const char *const WANT[][2] = {
      {"applications.received.total", "1312"},        /* 929+235+148+0 */
      {"applications.received.natural_person", "1294"}, /* 921+225+148 */
      {"applications.granted.total", "628"},          /* 467+125+36+0 */
      {"applications.total.total", "1298"},           /* 935+237+126+0 */
      {"applications.carried_forward.total", "34"},   /* 9+2+23+0 */
      {"active.licensing.decisions", "215418"},       /* 93773+121645 */
      {"active.punishment.decisions", "937936"},      /* 2513+935423 */
      {"active.fees.amount", "12356.3034"},           /* 9872.3034+2484 */
      {"active.normative_documents.in_force", "62"},  /* 7+45+10+0 */
      {"reviews.administrative_review.total", "185"}, /* 164+16+5+0 */
      {"reviews.litigation_direct.total", "46"},      /* 11+30+5+0 */
      {"processing_fees.collected", "0"},             /* all state 0 */
      {"processing_fees.notices", "null"},            /* 南岸 states none */
  };
  for (size_t i = 0; i < sizeof WANT / sizeof WANT[0]; i++) {
    char v[32];
    CHECK_STR(figure(sum, WANT[i][0], v), WANT[i][1]);
  }
  CHECK_INT(xxgk_doc_year(sum), 2023);
  CHECK_STR(xxgk_doc_title(sum), "测试市2023年政府信息公开工作年度报告");
  CHECK_INT(xxgk_doc_count(sum, XXGK_SEV_WARNING), 0); /* consistent */
  round_trip(sum, "sum");
  char *json = xxgk_render(sum, XXGK_OUT_JSON);
  golden("sum-2023.json", json, strlen(json));
  xxgk_free(json);
  xxgk_doc_free(sum);

  /* Mixed formats: an error that names the files of each format. */
  docs[N_UNITS] = parse_sample("tianjin-jinghai-office-2019");
  xxgk_doc_set_source(docs[N_UNITS], "jinghai-2019.txt");
  CHECK_INT(xxgk_sum((const xxgk_doc *const *)docs, N_UNITS + 1, NULL, 0,
                     &sum),
            XXGK_E_USAGE);
  CHECK(has_diag(sum, "S", "2019年格式：jinghai-2019.txt") &&
            has_diag(sum, "S", "2021年格式：tianjin-nankai-2023、"),
        "mixed formats not named");
  xxgk_doc_free(sum);
  xxgk_doc_free(docs[N_UNITS]);

  /* An inconsistent input is listed, and its error shows in the sum. */
  set_figure(docs[2], "applications.received.natural_person", "149");
  xxgk_check(docs[2]);
  CHECK_INT(xxgk_sum((const xxgk_doc *const *)docs, N_UNITS, NULL, 2023,
                     &sum),
            XXGK_OK);
  CHECK(has_diag(sum, "S", "laocheng-2023 本身有"), "inconsistent input");
  CHECK(has_diag(sum, "A1", NULL) && has_diag(sum, "A3", NULL),
        "the sum keeps the input's inconsistency");
  xxgk_doc_free(sum);

  /* A cell one input lacks is absent in the sum, with an error. */
  set_figure(docs[1], "reviews.litigation_direct.total", NULL);
  CHECK_INT(xxgk_sum((const xxgk_doc *const *)docs, N_UNITS, NULL, 2023,
                     &sum),
            XXGK_E_INCOMPLETE);
  char v[32];
  CHECK_STR(figure(sum, "reviews.litigation_direct.total", v), "null");
  CHECK(has_diag(sum, "S", "chongqing-nanan-2023 缺少1格"), "missing cell");
  xxgk_doc_free(sum);
  CHECK_INT(xxgk_sum(NULL, 0, NULL, 0, &sum), XXGK_E_USAGE);
  xxgk_doc_free(sum);
  for (size_t i = 0; i < N_UNITS; i++)
    xxgk_doc_free(docs[i]);
}

/* ## Two years */

/* 南开 2023 with last year made up from it: carried_forward = this year's
 * carried_over, in_force = 7 − 1 + 1, no pending reviews. */
static xxgk_doc *previous_year(const xxgk_doc *cur) {
  char *json = xxgk_render(cur, XXGK_OUT_JSON);
  xxgk_doc *prev;
  xxgk_doc_from_json(json, strlen(json), &prev);
  xxgk_free(json);
  xxgk_doc_set_year(prev, 2022);
  xxgk_doc_set_source(prev, "nankai-2022");
  int fwd = xxgk_dict_find_row(XXGK_T_APPLICATIONS, "carried_forward",
                               XXGK_FORMAT_2021);
  int over = xxgk_dict_find_row(XXGK_T_APPLICATIONS, "carried_over",
                                XXGK_FORMAT_2021);
  for (int c = 0; c < 7; c++)
    xxgk_doc_set_cell(prev, fwd, c, xxgk_doc_cell(cur, over, c));
  for (int i = 0; i < xxgk_dict_n_rows(); i++)
    if (xxgk_dict_row(i)->table == XXGK_T_REVIEWS)
      xxgk_doc_set_cell(prev, i, 3,
                        &(xxgk_cell){{0, 0}, XXGK_CELL_VALUE, 0, 0,
                                     XXGK_HOW_PLAIN});
  return prev;
}

static void test_years(void) {
  xxgk_doc *cur = load_expected(DATA, "tianjin-nankai-2023");
  xxgk_doc *prev = previous_year(cur);
  CHECK_INT(xxgk_check_years(prev, cur), 0);
  CHECK_INT(xxgk_doc_count(cur, XXGK_SEV_NOTICE), 0);

  /* The break: last year carried 14 natural persons' applications forward,
   * this year says 15 came over. */
  set_figure(prev, "applications.carried_forward.natural_person", "14");
  set_figure(prev, "applications.carried_forward.total", "14");
  set_figure(prev, "active.normative_documents.in_force", "9");
  set_figure(prev, "reviews.administrative_review.pending", "200");
  xxgk_doc_free(cur);
  cur = load_expected(DATA, "tianjin-nankai-2023");
  xxgk_doc_set_source(cur, "nankai-2023");
  CHECK_INT(xxgk_check_years(prev, cur), 2);
  size_t y1 = 0, y2 = 0, y3 = 0;
  for (size_t i = 0; i < xxgk_doc_n_diags(cur); i++) {
    const xxgk_diag *g = xxgk_doc_diag(cur, i);
    char key[128];
    xxgk_dict_key(g->cells[0].row, g->cells[0].col, key, sizeof key);
    if (strcmp(g->rule, "Y1") == 0) {
      y1++;
      CHECK_INT(g->severity, XXGK_SEV_ERROR);
      CHECK(strncmp(key, "applications.carried_over.", 26) == 0, "Y1 %s", key);
      CHECK_INT(g->expected.mant, 14);
      CHECK_INT(g->actual.mant, 15);
    } else if (strcmp(g->rule, "Y2") == 0) {
      y2++;
      CHECK_INT(g->severity, XXGK_SEV_WARNING);
      CHECK_STR(key, "active.normative_documents.in_force");
      CHECK_INT(g->expected.mant, 9); /* 9 + 1 issued − 1 repealed */
    } else if (strcmp(g->rule, "Y3") == 0) {
      y3++;
      CHECK_INT(g->severity, XXGK_SEV_NOTICE);
      CHECK_STR(key, "reviews.administrative_review.total");
    }
  }
  CHECK_INT(y1, 2); /* 自然人 and 总计 */
  CHECK_INT(y2, 1);
  CHECK_INT(y3, 1);

  char *text = xxgk_diff(prev, cur, XXGK_DIFF_TEXT);
  CHECK(strstr(text, "四、结转下年度继续办理 / 自然人：14 → 9（-5，-35.7%）") &&
            strstr(text, "error Y1:") &&
            strstr(text, "跨年度检查2个错误，1个警告，1个提示"),
        "diff text:\n%s", text);
  golden("diff-nankai.txt", text, strlen(text));
  xxgk_free(text);
  char *js = xxgk_diff(prev, cur, XXGK_DIFF_JSON);
  json_object *o = json_tokener_parse(js);
  CHECK(o != NULL, "diff JSON does not parse:\n%s", js);
  json_object *v;
  CHECK(o && json_object_object_get_ex(o, "errors", &v) &&
            json_object_get_int(v) == 2,
        "diff JSON errors");
  CHECK(o && json_object_object_get_ex(o, "changes", &v) &&
            json_object_array_length(v) == 6,
        "diff JSON changes");
  json_object_put(o);
  xxgk_free(js);

  /* Across formats (2020 → 2021): the keys both have are compared. */
  xxgk_doc *old = load_expected(DATA, "tianjin-jinghai-office-2019");
  xxgk_doc_set_year(old, 2022);
  char *x = xxgk_diff(old, cur, XXGK_DIFF_JSON);
  o = json_tokener_parse(x);
  CHECK(o && json_object_object_get_ex(o, "only_previous", &v) &&
            json_object_array_length(v) > 0,
        "keys of the 2019 format only");
  json_object_put(o);
  xxgk_free(x);
  xxgk_doc_free(old);
  xxgk_doc_free(prev);
  xxgk_doc_free(cur);
}

int main(int argc, char **argv) {
  DATA = argc > 1 ? argv[1] : "tests/data";
  GOLDEN = argc > 2 ? argv[2] : "tests/golden";
  UPDATE = argc > 3 && strcmp(argv[3], "--update") == 0;
  test_grids();
  test_round_trips();
  test_golden();
  test_sums();
  test_years();
  return h_summary();
}
