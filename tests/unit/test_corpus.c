/*
 * test_corpus.c — the corpus library: agency names read into regions and
 * kind; adding is idempotent; a changed file is a new version; spellings of
 * one organ merge; a two-year pair that breaks Y1 is found, naming the
 * cell; statistics equal sums done independently over the documents.
 */
#include "docutil.h"
#include "h_db.h"
#include "harness.h"
#include "xxgk_corpus.h"

#include <json-c/json.h>
#include <pthread.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

static void test_names(void) {
  static const struct {
    const char *name, *key, *province, *kind;
  } CASES[] = {
      {"天津市南开区政府", "南开区政府", "天津市", "government"},
      {"南开区人民政府", "南开区政府", "天津市", "government"},
      {"重庆市南岸区", "南岸区政府", "重庆市", "government"},
      {"天津市静海区人民政府办公室", "静海区政府办公室", "天津市",
       "department"},
      {"顺河回族区政务服务和大数据管理局", "顺河回族区政务服务和大数据管理局",
       "河南省", "department"},
      {"江苏省淮安市清江浦区人民政府", "清江浦区政府", "江苏省", "government"},
      {"南京市玄武区梅园新村街道办事处", "玄武区梅园新村街道办事处", "江苏省",
       "township"},
      {"杭州市市场监督管理局", "杭州市市场监督管理局", "浙江省", "department"},
      {"海淀区　人民政府", "海淀区政府", "北京市", "government"},
  };
  for (size_t i = 0; i < sizeof CASES / sizeof *CASES; i++) {
    xxgk_agency_name a;
    CHECK_INT(xxgk_agency_parse(CASES[i].name, &a), 0);
    CHECK_STR(a.key, CASES[i].key);
    CHECK_STR(a.province, CASES[i].province);
    CHECK_STR(xxgk_agency_kind_name(a.kind), CASES[i].kind);
  }
  xxgk_agency_name a;
  CHECK_INT(xxgk_agency_parse("", &a), -1);
}

static xxgk_doc *sample(const char *dir, const char *name) {
  char path[4096];
  snprintf(path, sizeof path, "%s/%s.txt", dir, name);
  size_t n = 0;
  char *text = read_file(path, &n);
  xxgk_doc *d = NULL;
  xxgk_parse(text ? text : "", n, &d);
  free(text);
  xxgk_check(d);
  return d;
}

/* What a query's callback saw: the rows, kept as their JSON (the
 * renderer under test too), and the first row of interest. */
struct rows {
  size_t n;
  xxgk_buf json;
  char cells[1024];
  int year;
  int64_t nankai_reports;
  int nankai;
  int score;         /* the ranking's last row: its score, */
  int64_t report_id; /* report and lost points (in cells) */
};

static int finding_seen(void *ctx, const xxgk_corpus_finding *f) {
  struct rows *r = ctx;
  xxgk_corpus_finding_json(&r->json, f, r->n++);
  snprintf(r->cells, sizeof r->cells, "%s", f->cells);
  r->year = f->year;
  return 0;
}

static int agency_seen(void *ctx, const xxgk_corpus_agency *a) {
  struct rows *r = ctx;
  xxgk_corpus_agency_json(&r->json, a, r->n++);
  if (strcmp(a->key, "南开区政府") == 0) {
    r->nankai++;
    r->nankai_reports = a->reports;
  }
  return 0;
}

static int rank_seen(void *ctx, const xxgk_corpus_rank *k) {
  struct rows *r = ctx;
  xxgk_corpus_rank_json(&r->json, k, r->n++);
  snprintf(r->cells, sizeof r->cells, "%s", k->lost ? k->lost : "");
  r->year = k->year;
  r->score = k->score;
  r->report_id = k->report_id;
  return 0;
}

/* The rows' JSON parses as an array of n objects. */
static void check_json(struct rows *r) {
  xxgk_corpus_json_end(&r->json, r->n);
  json_object *arr = json_tokener_parse(r->json.data);
  CHECK(arr && json_object_is_type(arr, json_type_array) &&
            json_object_array_length(arr) == r->n,
        "rows as JSON: %s", r->json.data);
  json_object_put(arr);
  xxgk_buf_free(&r->json);
}

static void test_store(const char *dir) {
  char db[] = "/tmp/xxgk-corpus-XXXXXX";
  int fd = mkstemp(db);
  close(fd);
  unlink(db);
  xxgk_corpus *c;
  CHECK_INT(xxgk_corpus_open(h_pg() ? h_db() : db, XXGK_OPT_CREATE, &c),
            XXGK_OK);
  xxgk_import_result r;
  int64_t id, first_id = 0;
  /* Every sample once; the same bytes again are a no-op. */
  int64_t received = 0;
  CHECK_INT(xxgk_corpus_begin(c), XXGK_OK);
  for (size_t i = 0; i < N_SAMPLES; i++) {
    xxgk_doc *d = sample(dir, SAMPLES[i]);
    char hash[32];
    snprintf(hash, sizeof hash, "h%zu", i);
    CHECK_INT(xxgk_corpus_add(c, SAMPLES[i], hash, d, XXGK_OK, &r, &id),
              XXGK_OK);
    CHECK_INT(r, XXGK_IMPORT_NEW);
    if (i == 0)
      first_id = id;
    int row, col;
    if (xxgk_doc_year(d) == 2023 &&
        xxgk_dict_find_key("applications.received.total", xxgk_doc_format(d),
                           &row, &col) == 0)
      received += xxgk_doc_cell(d, row, col)->num.mant;
    CHECK_INT(xxgk_corpus_add(c, SAMPLES[i], hash, d, XXGK_OK, &r, &id),
              XXGK_OK);
    CHECK_INT(r, XXGK_IMPORT_UNCHANGED);
    xxgk_doc_free(d);
  }
  CHECK_INT(xxgk_corpus_commit(c), XXGK_OK);
  CHECK_INT(xxgk_corpus_has(c, "h0"), 1);
  CHECK_INT(xxgk_corpus_has(c, "nope"), 0);

  /* Statistics: received in 2023 equals the sum over the documents. */
  xxgk_corpus_filter all = {0};
  xxgk_corpus_groups *g = NULL;
  CHECK_INT(xxgk_corpus_stats(c, &all, "year", &g), XXGK_OK);
  const xxgk_corpus_group *y2023 = NULL;
  for (size_t i = 0; g && i < g->n; i++)
    if (g->groups[i].year == 2023)
      y2023 = &g->groups[i];
  CHECK(y2023 != NULL, "stats has 2023");
  if (y2023) {
    CHECK_INT(y2023->received, received);
    CHECK_INT(received, 1312); /* 929 + 235 + 148 + 0, by hand */
    char rate[32];
    snprintf(rate, sizeof rate, "%.4f", y2023->review_correction_rate);
    CHECK_STR(rate, "0.0559"); /* 10 / (161+10+8) */
    CHECK(y2023->province == NULL && y2023->kind == NULL,
          "not grouped by province or kind");
  }
  if (g) { /* the JSON and CSV renderings of the same groups */
    xxgk_buf b = XXGK_BUF_INIT;
    xxgk_corpus_groups_json(&b, g);
    json_object *arr = json_tokener_parse(b.data), *v = NULL;
    CHECK(arr && json_object_array_length(arr) == g->n, "stats JSON: %s",
          b.data);
    for (size_t i = 0; arr && i < json_object_array_length(arr); i++) {
      json_object *o = json_object_array_get_idx(arr, i);
      if (json_object_object_get_ex(o, "year", &v) &&
          json_object_get_int(v) == 2023 &&
          json_object_object_get_ex(o, "review_correction_rate", &v))
        CHECK_STR(json_object_get_string(v), "0.0559");
    }
    json_object_put(arr);
    xxgk_buf_free(&b);
    xxgk_corpus_groups_csv(&b, g);
    CHECK(b.data &&
              strncmp(b.data, "year,reports,received,handled,share.", 36) == 0,
          "stats CSV head: %s", b.data);
    xxgk_buf_free(&b);
  }
  xxgk_corpus_groups_free(g);

  /* A changed file at the same path is a new version. */
  xxgk_doc *d = sample(dir, SAMPLES[0]);
  CHECK_INT(xxgk_corpus_begin(c), XXGK_OK);
  CHECK_INT(xxgk_corpus_add(c, SAMPLES[0], "h0-changed", d, XXGK_OK, &r, &id),
            XXGK_OK);
  CHECK_INT(r, XXGK_IMPORT_VERSION);
  CHECK(id != first_id, "a new version is a new report");

  /* The year before, spelled differently, carrying forward 14 where the
   * 2023 report carried over 15 (natural persons): one Y1 finding. */
  xxgk_doc_set_year(d, 2022);
  xxgk_doc_set_agency(d, "天津市南开区人民政府");
  int fwd, col;
  xxgk_dict_find_key("applications.carried_forward.natural_person",
                     XXGK_FORMAT_2021, &fwd, &col);
  for (int k = 0; k < 7; k++) { /* 2022's forward = 2023's carried over */
    xxgk_cell cell = {{k == 0 || k == 6 ? 15 : 0, 0}, XXGK_CELL_VALUE, 0, 0,
                      XXGK_HOW_PLAIN};
    xxgk_doc_set_cell(d, fwd, k, &cell);
  }
  xxgk_cell broken = {{14, 0}, XXGK_CELL_VALUE, 0, 0, XXGK_HOW_PLAIN};
  xxgk_doc_set_cell(d, fwd, 0, &broken);
  CHECK_INT(xxgk_corpus_add(c, "nankai-2022.txt", "h-2022", d, XXGK_OK, &r,
                            &id),
            XXGK_OK);
  CHECK_INT(r, XXGK_IMPORT_NEW);
  /* A file that is no report is recorded as failed. */
  CHECK_INT(xxgk_corpus_add(c, "notes.txt", "h-notes", NULL, XXGK_E_NOT_REPORT,
                            &r, &id),
            XXGK_OK);
  CHECK_INT(r, XXGK_IMPORT_FAILED);
  CHECK_INT(xxgk_corpus_has(c, "h-notes"), 0);
  CHECK_INT(xxgk_corpus_commit(c), XXGK_OK);
  xxgk_doc_free(d);

  size_t n_years;
  CHECK_INT(xxgk_corpus_cross_years(c, &n_years), XXGK_OK);
  xxgk_corpus_filter y1 = {.rule = "Y1"};
  struct rows rows = {0};
  CHECK_INT(xxgk_corpus_findings(c, &y1, finding_seen, &rows), XXGK_OK);
  CHECK_INT(rows.n, 1);
  CHECK(strstr(rows.cells, "applications.carried_over.natural_person") != NULL,
        "Y1 names the cell: %s", rows.cells);
  CHECK_INT(rows.year, 2023);
  check_json(&rows);

  /* The quality score stored on import, its Y1 point judged by the
   * cross-year pass: the 2023 report, whose carried-over figures 2022's
   * report does not carry forward, loses Y1 and ranks last. */
  memset(&rows, 0, sizeof rows);
  CHECK_INT(xxgk_corpus_ranking(c, &all, rank_seen, &rows), XXGK_OK);
  CHECK_INT(rows.n, N_SAMPLES + 1); /* the newest of each agency and year */
  check_json(&rows);
  CHECK_STR(rows.cells, "Y1");
  CHECK_INT(rows.year, 2023);
  CHECK_INT(rows.score, 94); /* 75 of 80 */
  xxgk_quality q;
  int found = 0;
  CHECK_INT(xxgk_corpus_quality(c, rows.report_id, &q, &found), XXGK_OK);
  CHECK_INT(found, 1);
  CHECK_INT(q.score, 94);
  CHECK_STR(q.points[9].key, "Y1");
  CHECK_STR(q.points[9].label, "与上年结转衔接"); /* from the points' table */
  CHECK(strstr(q.points[9].why, "与上年报告的结转数不符") != NULL,
        "Y1 explained: %s", q.points[9].why);
  CHECK_INT(xxgk_corpus_quality(c, 99999, &q, &found), XXGK_OK);
  CHECK_INT(found, 0);

  /* The two spellings are one agency, whose province is known. */
  xxgk_corpus_filter tj = {.region = "天津市"};
  memset(&rows, 0, sizeof rows);
  CHECK_INT(xxgk_corpus_agencies(c, &tj, agency_seen, &rows), XXGK_OK);
  CHECK_INT(rows.nankai, 1);
  CHECK_INT(rows.nankai_reports, 2); /* 2022 and the newest 2023 */
  check_json(&rows);

  /* A user's correction sticks; a bad one is refused. */
  CHECK_INT(xxgk_corpus_agency_set(c, 1, "kind", "township"), XXGK_OK);
  CHECK_INT(xxgk_corpus_agency_set(c, 1, "kind", "planet"), XXGK_E_USAGE);
  CHECK_INT(xxgk_corpus_agency_set(c, 99999, "kind", "township"),
            XXGK_E_USAGE);
  xxgk_corpus_close(c);
  unlink(db);
}

/* ## The cross-year pass on several corpora at once
 *
 * The server runs xxgk_corpus_cross_years from several threads, each on its
 * own corpus: each call must keep its own list of agencies. Four corpora
 * of different sizes, each agency with a 2022 report that carries forward 14
 * natural persons where its 2023 report carries over 15, checked at once:
 * each pass finds one Y1 error per agency of its own, and leaves none to
 * check again. */

struct pass {
  char db[32];
  int agencies;
  size_t found, again;
  xxgk_status st;
};

static void fill_corpus(struct pass *p, const char *dir) {
  snprintf(p->db, sizeof p->db, "/tmp/xxgk-years-XXXXXX");
  int fd = mkstemp(p->db);
  close(fd);
  unlink(p->db);
  xxgk_corpus *c;
  CHECK_INT(xxgk_corpus_open(p->db, XXGK_OPT_CREATE, &c), XXGK_OK);
  xxgk_doc *cur = sample(dir, SAMPLES[0]);
  xxgk_doc *prev = sample(dir, SAMPLES[0]);
  xxgk_doc_set_year(prev, 2022);
  int fwd, col;
  xxgk_dict_find_key("applications.carried_forward.natural_person",
                     XXGK_FORMAT_2021, &fwd, &col);
  for (int k = 0; k < 7; k++) {
    xxgk_cell cell = {{k == 0 ? 14 : k == 6 ? 15 : 0, 0}, XXGK_CELL_VALUE, 0,
                      0, XXGK_HOW_PLAIN};
    xxgk_doc_set_cell(prev, fwd, k, &cell);
  }
  CHECK_INT(xxgk_corpus_begin(c), XXGK_OK);
  for (int a = 0; a < p->agencies; a++) {
    char name[64], path[64];
    snprintf(name, sizeof name, "第%d测试局", a);
    xxgk_doc *docs[2] = {prev, cur};
    for (int y = 0; y < 2; y++) {
      xxgk_import_result r;
      int64_t id;
      xxgk_doc_set_agency(docs[y], name);
      snprintf(path, sizeof path, "%d-%d.txt", a, 2022 + y);
      CHECK_INT(xxgk_corpus_add(c, path, path, docs[y], XXGK_OK, &r, &id),
                XXGK_OK);
    }
  }
  CHECK_INT(xxgk_corpus_commit(c), XXGK_OK);
  xxgk_doc_free(prev);
  xxgk_doc_free(cur);
  xxgk_corpus_close(c);
}

static void *run_pass(void *arg) {
  struct pass *p = arg;
  xxgk_corpus *c = NULL;
  p->st = xxgk_corpus_open(p->db, 0, &c);
  if (p->st == XXGK_OK)
    p->st = xxgk_corpus_cross_years(c, &p->found);
  if (p->st == XXGK_OK) /* nothing left dirty: a second pass finds nothing */
    p->st = xxgk_corpus_cross_years(c, &p->again);
  xxgk_corpus_close(c);
  return NULL;
}

static void test_years_threads(const char *dir) {
  if (h_pg()) /* two corpora: two SQLite files */
    return;
  struct pass p[] = {
      {.agencies = 120}, {.agencies = 40}, {.agencies = 80}, {.agencies = 10}};
  enum { N = sizeof p / sizeof p[0] };
  for (int i = 0; i < N; i++)
    fill_corpus(&p[i], dir);
  pthread_t t[N];
  for (int i = 0; i < N; i++)
    CHECK_INT(pthread_create(&t[i], NULL, run_pass, &p[i]), 0);
  for (int i = 0; i < N; i++) {
    pthread_join(t[i], NULL);
    CHECK_INT(p[i].st, XXGK_OK);
    CHECK_INT(p[i].found, p[i].agencies);
    CHECK_INT(p[i].again, 0);
    unlink(p[i].db);
  }
}

/* ## xxgk_corpus_import and its callback */

struct seen {
  size_t n, counts[4];
  char paths[8][512];
  int docs, reasons, order_ok, done_ok;
  size_t stop_at; /* answer "stop" at this call (1-based), or 0 */
};

static int seen_file(void *ctx, const xxgk_import_file *f) {
  struct seen *s = ctx;
  s->n++;
  s->counts[f->result]++;
  s->done_ok &= f->done == s->n && f->total == 3;
  if (s->n > 1)
    s->order_ok &= strcmp(s->paths[s->n - 2], f->path) < 0;
  snprintf(s->paths[s->n - 1], sizeof s->paths[0], "%s", f->path);
  s->docs += f->doc != NULL;
  s->reasons += f->reason != NULL && *f->reason;
  CHECK(f->result == XXGK_IMPORT_UNCHANGED || strlen(f->hash) == 64 ||
            f->result == XXGK_IMPORT_FAILED,
        "%s: hash \"%s\"", f->path, f->hash);
  return s->stop_at && s->n == s->stop_at;
}

static void copy(const char *from, const char *to) {
  FILE *in = fopen(from, "rb"), *out = fopen(to, "wb");
  CHECK(in && out, "copy %s to %s", from, to);
  char b[65536];
  size_t k;
  while (in && out && (k = fread(b, 1, sizeof b, in)) > 0)
    fwrite(b, 1, k, out);
  if (in)
    fclose(in);
  if (out)
    fclose(out);
}

/* Two reports, a file that is none and a hidden one: the callback sees the
 * three in path order, each once its batch is stored, with what became of
 * it; again, all unchanged; a stop asked by the callback ends the import. */
static void test_import(const char *dir) {
  char tmp[] = "/tmp/xxgk-import-XXXXXX";
  CHECK(mkdtemp(tmp) != NULL, "mkdtemp");
  char path[600], db[600];
  snprintf(path, sizeof path, "%s/in", tmp);
  mkdir(path, 0777);
  const char *names[] = {"a-laocheng.txt", "b-nanan.txt"};
  const char *from[] = {"laocheng-2023.txt", "chongqing-nanan-2023.txt"};
  char src[600], dst[600];
  for (int i = 0; i < 2; i++) {
    snprintf(src, sizeof src, "%s/%s", dir, from[i]);
    snprintf(dst, sizeof dst, "%s/in/%s", tmp, names[i]);
    copy(src, dst);
  }
  snprintf(dst, sizeof dst, "%s/in/c-notes.txt", tmp);
  FILE *f = fopen(dst, "w");
  fputs("会议纪要，没有表格。\n", f);
  fclose(f);
  snprintf(dst, sizeof dst, "%s/in/.hidden.txt", tmp);
  copy(src, dst);
  snprintf(db, sizeof db, "%s/c.db", tmp);
  if (h_pg())
    snprintf(db, sizeof db, "%s", h_db());
  xxgk_corpus *c;
  CHECK_INT(xxgk_corpus_open(db, XXGK_OPT_CREATE, &c), XXGK_OK);
  const char *paths[] = {path};
  struct seen s = {.order_ok = 1, .done_ok = 1};
  xxgk_import_opts o = {.threads = 2, .progress = seen_file, .ctx = &s};
  xxgk_import_summary sum;
  CHECK_INT(xxgk_corpus_import(c, paths, 1, &o, &sum), XXGK_OK);
  CHECK_INT(s.n, 3);
  CHECK_INT(sum.files, 3);
  CHECK_INT(s.order_ok && s.done_ok, 1);
  CHECK_INT(s.counts[XXGK_IMPORT_NEW], 2);
  CHECK_INT(s.counts[XXGK_IMPORT_FAILED], 1);
  CHECK_INT(sum.counts[XXGK_IMPORT_NEW], 2);
  CHECK_INT(sum.counts[XXGK_IMPORT_FAILED], 1);
  CHECK_INT(s.docs, 3);
  CHECK_INT(s.reasons, 1);
  CHECK(strstr(s.paths[2], "c-notes.txt") != NULL, "%s", s.paths[2]);

  /* again: every file unchanged (the failed one is read again) */
  struct seen t = {.order_ok = 1, .done_ok = 1};
  o.ctx = &t;
  CHECK_INT(xxgk_corpus_import(c, paths, 1, &o, &sum), XXGK_OK);
  CHECK_INT(t.counts[XXGK_IMPORT_UNCHANGED], 2);
  CHECK_INT(t.counts[XXGK_IMPORT_FAILED], 1);
  CHECK_INT(t.docs, 1);

  /* the callback asks to stop at the first file */
  struct seen u = {.order_ok = 1, .done_ok = 1, .stop_at = 1};
  o.ctx = &u;
  CHECK_INT(xxgk_corpus_import(c, paths, 1, &o, &sum), XXGK_E_USAGE);
  CHECK_INT(u.n, 1);

  /* a path that is not there: nothing done, no call */
  const char *none[] = {"/nonexistent/xxgk"};
  struct seen v = {.order_ok = 1, .done_ok = 1};
  o.ctx = &v;
  CHECK_INT(xxgk_corpus_import(c, none, 1, &o, &sum), XXGK_E_IO);
  CHECK_INT(v.n, 0);
  CHECK(strstr(xxgk_corpus_errmsg(c), "不存在") != NULL, "%s",
        xxgk_corpus_errmsg(c));
  xxgk_corpus_close(c);
  char cmd[700];
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmp);
  CHECK_INT(system(cmd), 0);
}

/* A report of the ranking with nothing scored: rank and score none (-1),
 * got and judged a real 0; the renderers keep the two apart. */
static void test_rank_out(void) {
  xxgk_corpus_rank k = {.rank = -1, .score = -1, .path = "a,b.txt",
                        .report_id = 7};
  xxgk_buf b = XXGK_BUF_INIT;
  xxgk_corpus_rank_csv(&b, &k, 0);
  CHECK_STR(b.data, "rank,score,got,judged,year,agency,province,division,"
                    "kind,lost,path,report_id\r\n,,0,0,,,,,,,\"a,b.txt\",7\r\n");
  xxgk_buf_free(&b);
  xxgk_corpus_rank_json(&b, &k, 0);
  xxgk_corpus_json_end(&b, 1);
  CHECK(strstr(b.data, "\"rank\": null,\n    \"score\": null,\n    \"got\": 0,"
                       "\n    \"judged\": 0,\n    \"year\": null") != NULL,
        "none is null, 0 is 0: %s", b.data);
  xxgk_buf_free(&b);
}

int main(int argc, char **argv) {
  h_db_start();
  test_names();
  test_rank_out();
  test_import(argc > 1 ? argv[1] : "tests/data");
  test_store(argc > 1 ? argv[1] : "tests/data");
  test_years_threads(argc > 1 ? argv[1] : "tests/data");
  return h_summary();
}
