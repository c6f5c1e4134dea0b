/*
 * srv_corpus.c — the corpus dashboard: the reports imported with
 * `xxgk import` into the same database, for the oversight office and the
 * researcher. /corpus shows the three charts, the statistics by year,
 * the findings table with filters and the ranking by quality score;
 * /corpus/reports/ID drills down to one report's quality score, point by point,
 * and its tables with each inconsistent cell highlighted. Both have an /api/
 * twin. Reports in the corpus are published documents, so any logged-in user
 * may read them.
 */
#include "srv.h"
#include "xxgk_corpus.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The corpus for the dashboard's reads: --corpus-db (a replica: read
 * only) when given, else the register's database. */
static xxgk_corpus *open_corpus(struct srv *s, struct srv_resp *r,
                                const struct srv_req *q) {
  xxgk_corpus *c;
  const char *db = s->o.corpus_db ? s->o.corpus_db : s->o.db;
  if (xxgk_corpus_open(db, s->o.corpus_db ? XXGK_OPT_READONLY : XXGK_OPT_CREATE,
                       &c) != XXGK_OK) {
    srv_error(r, q, 500, "无法打开语料库：%s", xxgk_corpus_errmsg(c));
    xxgk_corpus_close(c);
    return NULL;
  }
  return c;
}

static void filter_from(const struct srv_req *q, xxgk_corpus_filter *f) {
  memset(f, 0, sizeof *f);
  const char *v;
  if ((v = srv_query(q, "rule")) && *v)
    f->rule = v;
  if ((v = srv_query(q, "region")) && *v)
    f->region = v;
  if ((v = srv_query(q, "kind")) && *v)
    f->kind = v;
  if ((v = srv_query(q, "year")) && *v)
    f->year = atoi(v);
}

/* The rows of a query, as the page's table rows (the first ones) or as the
 * API's JSON array, and their number. */
struct rows_out {
  int api;
  size_t n;
  xxgk_buf b;
};

static int finding_out(void *ctx, const xxgk_corpus_finding *f) {
  struct rows_out *o = ctx;
  if (o->api) {
    xxgk_corpus_finding_json(&o->b, f, o->n);
  } else if (o->n < 1000) {
    char year[16] = "";
    if (f->year)
      snprintf(year, sizeof year, "%d", f->year);
    hp(&o->b,
       "<tr class=\"%s\"><td>%s</td><td><a href=\"/corpus/reports/%D\">"
       "%s</a></td><td>%s</td><td>%s</td><td>%s</td></tr>",
       f->severity, year, f->report_id,
       f->agency && *f->agency ? f->agency : f->path, f->rule, f->message,
       f->cells);
  }
  o->n++;
  return 0;
}

#define RANKING_ROWS 100

/* A report of the ranking by quality score (docs/quality.md): the page
 * shows the best RANKING_ROWS. */
static int rank_out(void *ctx, const xxgk_corpus_rank *k) {
  struct rows_out *o = ctx;
  if (o->api) {
    xxgk_corpus_rank_json(&o->b, k, o->n);
  } else if (o->n < RANKING_ROWS) {
    char rank[16] = "", score[16] = "未评分", year[16] = "";
    if (k->rank >= 0)
      snprintf(rank, sizeof rank, "%d", k->rank);
    if (k->score >= 0)
      snprintf(score, sizeof score, "%d", k->score);
    if (k->year)
      snprintf(year, sizeof year, "%d", k->year);
    hp(&o->b,
       "<tr><td class=\"num\">%s</td><td class=\"num\">%s</td><td><a "
       "href=\"/corpus/reports/%D\">%s"
       "</a></td><td>%s</td><td>%s</td><td>%s</td></tr>",
       rank, score, k->report_id,
       k->agency && *k->agency ? k->agency : k->path,
       k->province && *k->province ? k->province : "（省份未定）", year,
       k->lost ? k->lost : "");
  }
  o->n++;
  return 0;
}

/* One report's score, each point with its reason. */
static void quality_html(xxgk_buf *b, const xxgk_quality *q, int found) {
  if (!found) {
    hp(b, "<p>这份报告没有质量得分（导入于评分之前，或未能读取）。</p>");
    return;
  }
  char score[16];
  snprintf(score, sizeof score, "%d", q->score);
  hp(b, "<h2>质量得分：%s</h2><p>可评判的 %d 分中得 %d 分。</p>"
        "<table class=\"quality\"><thead><tr><th>项目</th><th>依据</th>"
        "<th>得分</th><th>理由</th></tr></thead><tbody>",
     q->score < 0 ? "无法评判" : score, q->judged, q->got);
  for (int i = 0; i < XXGK_QUALITY_POINTS; i++) {
    const xxgk_quality_point *p = &q->points[i];
    hp(b, "<tr class=\"%s\"><td>%s</td><td>%s</td><td>%d/%d</td>"
          "<td>%s</td></tr>",
       xxgk_point_state_name(p->state), p->label, p->rule, p->got, p->max,
       p->why);
  }
  hp(b, "</tbody></table>");
}

/* A rate (0.0559) as the charts print it (5.6%); "—" when there is none. */
static void put_rate(xxgk_buf *b, double r) {
  if (r < 0) {
    hp(b, "<td class=\"num absent\">—</td>");
    return;
  }
  char t[32];
  snprintf(t, sizeof t, "%.1f%%", r * 100);
  hp(b, "<td class=\"num\">%s</td>", t);
}

/* The number of reports in the statistics by year. */
static int64_t n_reports(const xxgk_corpus_groups *st) {
  int64_t n = 0;
  for (size_t i = 0; i < st->n; i++)
    n += st->groups[i].reports;
  return n;
}

void h_corpus(struct srv *s, struct srv_req *q, struct srv_resp *r) {
  xxgk_corpus_filter f;
  filter_from(q, &f);
  xxgk_corpus *c = open_corpus(s, r, q);
  if (!c)
    return;
  struct rows_out fs = {.api = q->api, .b = XXGK_BUF_INIT},
                  rk = {.api = q->api, .b = XXGK_BUF_INIT};
  xxgk_corpus_groups *stats = NULL;
  if (xxgk_corpus_findings(c, &f, finding_out, &fs) != XXGK_OK ||
      xxgk_corpus_stats(c, &f, "year", &stats) != XXGK_OK ||
      xxgk_corpus_ranking(c, &f, rank_out, &rk) != XXGK_OK) {
    srv_error(r, q, 500, "语料库查询失败：%s", xxgk_corpus_errmsg(c));
    goto done;
  }
  xxgk_buf *b = &r->body;
  if (q->api) {
    r->ctype = "application/json; charset=utf-8";
    jp(b, "{\"stats\": ");
    xxgk_corpus_groups_json(b, stats);
    xxgk_corpus_json_end(&fs.b, fs.n);
    xxgk_corpus_json_end(&rk.b, rk.n);
    jp(b, ", \"findings\": %R, \"ranking\": %R}\n", fs.b.data, rk.b.data);
    goto done;
  }
  page_begin(r, q, "报告语料库");
  hp(b, "<form method=\"post\" action=\"/corpus/upload\" "
        "enctype=\"multipart/form-data\" class=\"grid\" id=\"corpus-upload\">");
  page_csrf(r, q);
  hp(b, "<label class=\"wide\">导入年度报告（可多选，文本、HTML、Word、PDF；"
        "合计至多 %d MiB）<input type=\"file\" name=\"files\" multiple "
        "required></label><progress hidden max=\"100\" value=\"0\"></progress>"
        "<button type=\"submit\">导入</button></form>",
     SRV_MAX_UPLOAD >> 20);
  int filtered = f.rule || f.region || f.year;
  if (!n_reports(stats) && !filtered) {
    /* nothing imported: say how to begin, not tables of dashes */
    hp(b, "<p class=\"empty\">语料库是空的：还没有导入任何年度报告。用上面的"
          "表单上传一批报告（文本、HTML、Word、PDF），或在服务器上运行 "
          "<code>xxgk import --db 本数据库 报告目录/</code>，再回到这里看统计和"
          "发现。</p>");
    page_end(r);
    goto done;
  }
  hp(b,
     "<form method=\"get\" action=\"/corpus\" class=\"filters\">"
     "<label>年度<input name=\"year\" inputmode=\"numeric\" value=\"%s\">"
     "</label><label>地区<input name=\"region\" value=\"%s\"></label>"
     "<label>规则<input name=\"rule\" value=\"%s\" placeholder=\"A1\">"
     "</label><button type=\"submit\">筛选</button></form>",
     srv_query(q, "year"), f.region, f.rule);
  char *svg[XXGK_CORPUS_CHARTS];
  if (xxgk_corpus_charts(c, &f, svg) == XXGK_OK) {
    hp(b, "<section class=\"charts\">");
    for (int i = 0; i < XXGK_CORPUS_CHARTS; i++) {
      /* Our own SVG, every label in it escaped by chart.c. */
      hp(b, "<figure>%R</figure>", svg[i]);
      xxgk_free(svg[i]);
    }
    hp(b, "</section>");
  }
  hp(b, "<h2>按年度</h2><div class=\"scroll\"><table class=\"list years\">"
        "<thead><tr><th>年度</th><th class=\"num\">报告数</th>"
        "<th class=\"num\">新收申请</th><th class=\"num\">办理总数</th>"
        "<th class=\"num\">行政复议纠错率</th>"
        "<th class=\"num\">行政诉讼纠错率</th>"
        "</tr></thead><tbody>");
  for (size_t i = 0; i < stats->n; i++) {
    const xxgk_corpus_group *g = &stats->groups[i];
    char year[16] = "";
    if (g->year)
      snprintf(year, sizeof year, "%d", g->year);
    hp(b,
       "<tr><td>%s</td><td class=\"num\">%D</td><td class=\"num\">%D</td>"
       "<td class=\"num\">%D</td>",
       year, g->reports, g->received, g->handled);
    put_rate(b, g->review_correction_rate);
    put_rate(b, g->litigation_correction_rate);
    hp(b, "</tr>");
  }
  hp(b, "</tbody></table></div>");
  hp(b,
     "<h2>质量排名</h2><p>按时、格式、一致、完整，每项的理由见各报告；"
     "无法判断的项目不计入得分（评分办法：docs/quality.md）。导出："
     "<code>xxgk stats --by quality --format csv</code>，或 "
     "<code>xxgk stats --format xlsx -o 统计.xlsx</code>（“质量排名”表）</p>"
     "<div class=\"scroll\"><table class=\"list ranking\"><thead><tr>"
     "<th class=\"num\">名次</th><th class=\"num\">得分</th><th>机关</th>"
     "<th>省份</th><th>年度</th>"
     "<th>失分项</th></tr></thead><tbody>%R</tbody></table></div>",
     rk.b.data ? rk.b.data : "");
  if (rk.n > RANKING_ROWS)
    hp(b, "<p>只列出前 %d 份；全部见 /api/corpus 的 ranking。</p>",
       RANKING_ROWS);
  hp(b,
     "<h2>发现（%d 条）</h2><div class=\"scroll\"><table class=\"list "
     "findings\"><thead><tr>"
     "<th>年度</th><th>机关</th><th>规则</th><th>说明</th><th>单元格</th>"
     "</tr></thead><tbody>%R</tbody></table></div>",
     (int)fs.n, fs.b.data ? fs.b.data : "");
  if (fs.n > 1000)
    hp(b, "<p>只列出前 1000 条；请用筛选缩小范围，或用 /api/corpus 取全部。</p>");
  if (fs.n == 0 && !filtered)
    hp(b, "<p>语料库中的报告没有发现不一致。</p>");
  page_end(r);
done:
  xxgk_buf_free(&fs.b);
  xxgk_buf_free(&rk.b);
  xxgk_corpus_groups_free(stats);
  xxgk_corpus_close(c);
}

/* The stored cross-year findings of one report, as the API's JSON array or
 * the page's notices. */
static int stored_out(void *ctx, const xxgk_corpus_finding *f) {
  struct rows_out *o = ctx;
  if (o->api)
    xxgk_corpus_finding_json(&o->b, f, o->n);
  else if (f->rule[0] == 'Y')
    hp(&o->b, "<p class=\"flash %s\">%s %s</p>", f->severity, f->rule,
       f->message);
  o->n++;
  return 0;
}

void h_corpus_report(struct srv *s, struct srv_req *q, struct srv_resp *r) {
  int64_t id = srv_id(q->args[0]);
  if (!id)
    FAIL(r, q, 404, "没有这份报告");
  xxgk_corpus *c = open_corpus(s, r, q);
  if (!c)
    return;
  xxgk_doc *d = NULL;
  xxgk_status st = xxgk_corpus_report(c, id, &d);
  if (st != XXGK_OK) {
    srv_error(r, q, st == XXGK_E_USAGE ? 404 : 500, "%s",
              xxgk_corpus_errmsg(c));
    xxgk_corpus_close(c);
    return;
  }
  xxgk_check(d); /* the cells to highlight */
  xxgk_corpus_filter f = {.report_id = id};
  struct rows_out stored = {.api = q->api, .b = XXGK_BUF_INIT};
  /* Cross-year findings are stored with the report, not re-derived. */
  if (xxgk_corpus_findings(c, &f, stored_out, &stored) != XXGK_OK)
    xxgk_buf_free(&stored.b); /* none shown rather than a part */
  else if (q->api)
    xxgk_corpus_json_end(&stored.b, stored.n);
  xxgk_quality quality;
  int scored = 0;
  xxgk_corpus_quality(c, id, &quality, &scored);
  xxgk_corpus_close(c);
  xxgk_buf *b = &r->body;
  if (q->api) {
    r->ctype = "application/json; charset=utf-8";
    jp(b, "{\"tables\": ");
    tables_json(b, d);
    char *q_json = scored ? xxgk_quality_json(&quality) : NULL;
    jp(b, ", \"stored_findings\": %R, \"quality\": %R}\n",
       stored.b.len ? stored.b.data : "[]", q_json ? q_json : "null");
    xxgk_free(q_json);
  } else {
    page_begin(r, q, xxgk_doc_title(d) ? xxgk_doc_title(d) : "报告");
    hp(b,
       "<dl class=\"facts\"><dt>机关</dt><dd>%s</dd><dt>年度</dt>"
       "<dd>%d</dd><dt>文件</dt><dd>%s</dd></dl>%R",
       xxgk_doc_agency(d), xxgk_doc_year(d), xxgk_doc_source(d),
       stored.b.data ? stored.b.data : "");
    quality_html(b, &quality, scored);
    findings_html(b, d);
    tables_html(b, d, NULL);
    hp(b, "<p><a href=\"/corpus\">返回语料库</a></p>");
    page_end(r);
  }
  xxgk_buf_free(&stored.b);
  xxgk_doc_free(d);
}

/* ## Reports uploaded into the corpus
 *
 * Many report files at once (a multipart form with several files, up to
 * SRV_MAX_UPLOAD bytes in all), imported as `xxgk import` does: written to
 * a private temporary folder, the folder imported (read, check, store, the
 * cross-year rules), what became of each file listed. It runs on the
 * upload pool (off the request threads) but not in a forked child as the
 * public checker does: SQLite cannot be used in a child forked from a
 * process that has the same database open (its locks and shared-memory
 * index are per process), and the uploader is a logged-in user; the
 * readers' own bounds (XXGK_MAX_INPUT, XXGK_MAX_TAGS, XXGK_MAX_CELLS, the
 * converters' time limit) still hold. */

#define MAX_FILES 200

struct upload {
  struct srv *s;
  const struct srv_req *q;
  xxgk_buf *b;
  int n;
};

static const char *result_label(xxgk_import_result r) {
  switch (r) {
  case XXGK_IMPORT_NEW: return "已导入";
  case XXGK_IMPORT_UNCHANGED: return "已有，未变";
  case XXGK_IMPORT_VERSION: return "新版本";
  default: return "未能读取";
  }
}

static int upload_progress(void *ctx, const xxgk_import_file *f) {
  struct upload *x = ctx;
  const char *name = strrchr(f->path, '/');
  name = name ? name + 1 : f->path;
  name += strspn(name, "0123456789") + 1; /* the order prefix */
  if (x->q->api)
    jp(x->b, "%R{\"file\": %s, \"result\": %s, \"report_id\": %D,"
             " \"reason\": %s}",
       x->n ? ",\n" : "\n", name, xxgk_import_result_name(f->result),
       f->report_id, f->reason);
  else
  {
    hp(x->b, "<tr%R><td>%s</td><td>", f->result == XXGK_IMPORT_FAILED
                                          ? " class=\"sev-error\""
                                          : "",
       name);
    if (f->report_id)
      hp(x->b, "<a href=\"/corpus/reports/%D\">%s</a>", f->report_id,
         result_label(f->result));
    else
      hp(x->b, "%s", result_label(f->result));
    hp(x->b, "</td><td>%s</td></tr>", f->reason);
  }
  x->n++;
  return 0;
}

/* The files to a private folder, the folder imported, the answer. */
static void upload_import(struct upload *x, struct srv_resp *r) {
  const struct srv_req *q = x->q;
  x->b = &r->body;
  char dir[] = "/tmp/xxgk-upload-XXXXXX";
  if (!mkdtemp(dir)) {
    r->status = 500;
    xxgk_buf_puts(&r->body, "无法建立临时目录");
    return;
  }
  int n = 0;
  for (int i = 0; i < q->n_form; i++) {
    const struct srv_param *p = &q->form[i];
    if (!p->filename || !p->len)
      continue;
    /* the file's own name, without a folder; the order kept by a prefix */
    const char *base = strrchr(p->filename, '/');
    base = base ? base + 1 : p->filename;
    char path[512];
    snprintf(path, sizeof path, "%s/%03d-%s", dir, n++,
             *base && base[0] != '.' ? base : "report");
    FILE *f = fopen(path, "wb");
    if (f) {
      fwrite(p->value, 1, p->len, f);
      fclose(f);
    }
  }
  xxgk_corpus *c;
  xxgk_import_summary sum = {0};
  xxgk_status st = xxgk_corpus_open(x->s->o.db, XXGK_OPT_CREATE, &c);
  if (q->api)
    xxgk_buf_puts(&r->body, "{\"files\": [");
  else {
    page_begin(r, q, "导入报告");
    hp(&r->body, "<div class=\"scroll\"><table class=\"list\"><thead><tr>"
                 "<th>文件</th><th>结果</th><th>原因</th></tr></thead><tbody>");
  }
  if (st == XXGK_OK) {
    const char *paths[] = {dir};
    xxgk_import_opts o = {.threads = 1, .progress = upload_progress,
                          .ctx = x};
    st = xxgk_corpus_import(c, paths, 1, &o, &sum);
  }
  const char *err = st == XXGK_OK ? NULL : xxgk_corpus_errmsg(c);
  if (q->api) {
    jp(&r->body, "], \"imported\": %d, \"failed\": %d, \"error\": %s}\n",
       (int)sum.counts[XXGK_IMPORT_NEW] + (int)sum.counts[XXGK_IMPORT_VERSION],
       (int)sum.counts[XXGK_IMPORT_FAILED], err);
  } else {
    hp(&r->body, "</tbody></table></div><p id=\"summary\">共 %d 个文件：导入 %d"
                 " 个，已有 %d 个，未能读取 %d 个。%s</p><p><a href=\"/corpus\">"
                 "查看语料库</a></p>",
       (int)sum.files,
       (int)(sum.counts[XXGK_IMPORT_NEW] + sum.counts[XXGK_IMPORT_VERSION]),
       (int)sum.counts[XXGK_IMPORT_UNCHANGED],
       (int)sum.counts[XXGK_IMPORT_FAILED], err ? err : "");
    page_end(r);
  }
  r->status = st == XXGK_OK ? 200 : 500;
  xxgk_corpus_close(c);
  /* the copies go; the corpus keeps what it read */
  DIR *d = opendir(dir);
  for (struct dirent *e; d && (e = readdir(d)) != NULL;)
    if (e->d_name[0] != '.') {
      char path[512];
      snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
      unlink(path);
    }
  if (d)
    closedir(d);
  rmdir(dir);
}

void h_corpus_upload(struct srv *s, struct srv_req *q, struct srv_resp *r) {
  int n = 0;
  for (int i = 0; i < q->n_form; i++)
    n += q->form[i].filename && q->form[i].len;
  if (!n)
    FAIL(r, q, 400, "请选择要导入的报告文件");
  if (n > MAX_FILES)
    FAIL(r, q, 400, "一次至多导入 %d 个文件", MAX_FILES);
  struct upload x = {s, q, NULL, 0};
  if (q->api)
    r->ctype = "application/json; charset=utf-8";
  upload_import(&x, r);
}
