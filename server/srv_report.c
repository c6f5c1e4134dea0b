/*
 * srv_report.c — the annual report from the register: choose a year (and,
 * for an oversight office, a unit or the sum), see the tables the register
 * counts in the official layout with the checker's findings, write the
 * narrative parts (一、五、六), and download the whole report as HTML,
 * DOCX, Markdown, JSON or CSV through libxxgk's renderers. An oversight
 * account sees one line per unit and the sum (its own report, which the
 * register builds over all its units).
 */
#include "srv.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The report of agency for year with its narrative parts, checked; NULL
 * after answering with the register's message. */
static xxgk_doc *load(struct srv *s, struct srv_req *q, struct srv_resp *r,
                      int64_t agency, int year) {
  xxgk_doc *d = NULL;
  if (xxgk_reg_report(s->reg, agency, year, &d) != XXGK_OK) {
    srv_reg_fail(s, r, q);
    return NULL;
  }
  for (int k = 0; k < XXGK_N_SECTIONS; k++) {
    char *text = NULL;
    if (xxgk_reg_narrative_get(s->reg, agency, year, (xxgk_section)k,
                               &text) == XXGK_OK &&
        text)
      xxgk_doc_set_section(d, (xxgk_section)k, text);
    xxgk_free(text);
  }
  xxgk_check(d);
  return d;
}

int srv_report_args(struct srv *s, struct srv_req *q, struct srv_resp *r) {
  const char *y = srv_param(q, "year");
  q->report.year = xxgk_date_year(srv_today(s)) - 1;
  if (y && *y) {
    int64_t v = srv_id(y);
    if (v < 2021 || v > 2999) {
      srv_error(r, q, 400, "年度“%s”不对：登记簿按 2021 年格式出报告", y);
      return 0;
    }
    q->report.year = (int)v;
  }
  q->report.agency = srv_agency_denying(s, q, r, srv_param(q, "agency"),
                                        "无权查看机关 %lld 的报告");
  return q->report.agency != 0;
}

static const char *figure(const xxgk_doc *d, const char *key, char out[40]) {
  int row, col;
  snprintf(out, 40, "—");
  if (xxgk_dict_find_key(key, xxgk_doc_format(d), &row, &col) == 0) {
    const xxgk_cell *c = xxgk_doc_cell(d, row, col);
    if (c && c->state == XXGK_CELL_VALUE)
      xxgk_num_format(c->num, out);
  }
  return out;
}

struct units {
  int64_t parent;
  struct {
    int64_t id;
    char name[256];
  } v[64];
  int n;
};

static int take_unit(void *ctx, const xxgk_agency *a, int depth) {
  struct units *u = ctx;
  (void)depth;
  if (a->parent_id == u->parent && u->n < 64) {
    u->v[u->n].id = a->id;
    snprintf(u->v[u->n].name, sizeof u->v[0].name, "%s", a->name);
    u->n++;
  }
  return 0;
}

static const char *const SUMMARY[][2] = {
    {"applications.received.total", "本年新收"},
    {"applications.carried_over.total", "上年结转"},
    {"applications.total.total", "本年办结"},
    {"applications.carried_forward.total", "结转下年"},
    {"applications.granted.total", "予以公开"},
    {"reviews.administrative_review.total", "行政复议"},
};
#define N_SUMMARY (sizeof SUMMARY / sizeof SUMMARY[0])

static void summary_row(xxgk_buf *b, const xxgk_doc *d, int64_t id,
                        int year, const char *name, int api, int first) {
  char v[40];
  if (api) {
    jp(b, "%R{\"agency_id\": %D, \"agency\": %s, \"errors\": %d", first ? "" : ", ",
       id, name, (int)xxgk_doc_count(d, XXGK_SEV_ERROR));
    for (size_t k = 0; k < N_SUMMARY; k++)
      jp(b, ", %s: %R", SUMMARY[k][0], figure(d, SUMMARY[k][0], v));
    xxgk_buf_puts(b, "}");
    return;
  }
  hp(b, "<tr><th class=\"row\"><a href=\"/report?year=%d&agency=%D\">%s</a>"
        "</th>",
     year, id, name);
  for (size_t k = 0; k < N_SUMMARY; k++)
    hp(b, "<td class=\"num\">%s</td>", figure(d, SUMMARY[k][0], v));
  hp(b, "<td>%R</td></tr>",
     xxgk_doc_count(d, XXGK_SEV_ERROR) ? "有错误" : "一致");
}

/* An oversight office's view: one line per unit, then the sum. */
static int units_table(struct srv *s, struct srv_req *q, struct srv_resp *r,
                       int64_t agency, int year, const xxgk_doc *sum) {
  struct units *u = srv_alloc(sizeof *u);
  u->parent = agency;
  xxgk_reg_agency_list(s->reg, take_unit, u);
  xxgk_buf *b = &r->body;
  if (!u->n) {
    free(u);
    return 0;
  }
  if (q->api) {
    xxgk_buf_puts(b, ", \"units\": [");
  } else {
    hp(b, "<h2>各单位及合计</h2><table class=\"list units\"><thead><tr>"
          "<th>单位</th>");
    for (size_t k = 0; k < N_SUMMARY; k++)
      hp(b, "<th class=\"num\">%s</th>", SUMMARY[k][1]);
    hp(b, "<th>检查</th></tr></thead><tbody>");
  }
  for (int i = 0; i < u->n; i++) {
    xxgk_doc *d = load(s, q, r, u->v[i].id, year);
    if (!d) {
      free(u);
      return -1;
    }
    summary_row(b, d, u->v[i].id, year, u->v[i].name, q->api, i == 0);
    xxgk_doc_free(d);
  }
  if (q->api) {
    xxgk_buf_puts(b, "], \"sum\": ");
    summary_row(b, sum, agency, year, xxgk_doc_agency(sum), 1, 1);
  } else {
    xxgk_buf_puts(b, "</tbody><tfoot>");
    summary_row(b, sum, agency, year, "合计（含本机关）", 0, 1);
    xxgk_buf_puts(b, "</tfoot></table>");
  }
  free(u);
  return 0;
}

void h_report(struct srv *s, struct srv_req *q, struct srv_resp *r) {
  const int64_t agency = q->report.agency;
  const int year = q->report.year;
  xxgk_doc *d = load(s, q, r, agency, year);
  if (!d)
    return;
  xxgk_buf *b = &r->body;
  if (q->api) {
    r->ctype = "application/json; charset=utf-8";
    r->no_store = 1;
    jp(b, "{\"agency_id\": %D, \"year\": %d, \"tables\": ", agency, year);
    tables_json(b, d);
    if (units_table(s, q, r, agency, year, d) == 0)
      xxgk_buf_puts(b, "}\n");
    xxgk_doc_free(d);
    return;
  }
  page_begin(r, q, xxgk_doc_title(d) ? xxgk_doc_title(d) : "年度报告");
  int this_year = xxgk_date_year(srv_today(s));
  hp(b, "<form method=\"get\" action=\"/report\" class=\"filters\">"
        "<input type=\"hidden\" name=\"agency\" value=\"%D\">"
        "<label>年度<select name=\"year\" id=\"year\">",
     agency);
  for (int y = this_year; y >= 2021; y--)
    hp(b, "<option%R>%d</option>", y == year ? " selected" : "", y);
  hp(b, "</select></label><button type=\"submit\">查看</button></form>");
  hp(b, "<p class=\"downloads\">下载：");
  static const char *const FORMATS[][2] = {{"html", "网页 HTML"},
                                           {"docx", "Word DOCX"},
                                           {"md", "Markdown"},
                                           {"json", "JSON"},
                                           {"csv", "CSV"}};
  for (size_t k = 0; k < sizeof FORMATS / sizeof FORMATS[0]; k++)
    hp(b, "<a href=\"/report/download?year=%d&agency=%D&format=%R\">%s</a> ",
       year, agency, FORMATS[k][0], FORMATS[k][1]);
  xxgk_buf_puts(b, "</p>");
  if (units_table(s, q, r, agency, year, d) != 0) {
    xxgk_doc_free(d);
    return;
  }
  hp(b, "<h2>检查结果</h2>");
  findings_html(b, d);
  char href[96];
  snprintf(href, sizeof href, "/report/cell?year=%d&agency=%lld&key=", year,
           (long long)agency);
  tables_html(b, d, href);
  hp(b, "<h2>正文</h2>");
  for (int k = 0; k < XXGK_N_SECTIONS; k++) {
    const char *text = xxgk_doc_section(d, (xxgk_section)k);
    hp(b, "<form method=\"post\" action=\"/report/narrative\" "
          "class=\"narrative\"><h3>%s</h3>",
       xxgk_section_heading((xxgk_section)k));
    page_csrf(r, q);
    hp(b, "<input type=\"hidden\" name=\"agency\" value=\"%D\">"
          "<input type=\"hidden\" name=\"year\" value=\"%d\">"
          "<input type=\"hidden\" name=\"section\" value=\"%s\">"
          "<textarea name=\"text\" rows=\"6\" aria-label=\"%s\">%s</textarea>"
          "<button type=\"submit\">保存</button></form>",
       agency, year, xxgk_section_key((xxgk_section)k),
       xxgk_section_heading((xxgk_section)k), text);
  }
  page_end(r);
  xxgk_doc_free(d);
}

void h_narrative(struct srv *s, struct srv_req *q, struct srv_resp *r) {
  const char *key = srv_form(q, "section");
  int sec = -1;
  for (int k = 0; key && k < XXGK_N_SECTIONS; k++)
    if (strcmp(key, xxgk_section_key((xxgk_section)k)) == 0)
      sec = k;
  if (sec < 0)
    FAIL(r, q, 400, "正文部分“%s”不对", key ? key : "");
  const struct srv_param *t = srv_form_param(q, "text");
  if (t && strlen(t->value) != t->len)
    FAIL(r, q, 400, "正文中不能有 NUL 字符");
  if (xxgk_reg_narrative_set(s->reg, q->report.agency, q->report.year,
                             (xxgk_section)sec,
                             t ? t->value : NULL) != XXGK_OK) {
    srv_reg_fail(s, r, q);
    return;
  }
  char to[96];
  snprintf(to, sizeof to, "/report?year=%d&agency=%lld", q->report.year,
           (long long)q->report.agency);
  srv_done(r, q, to, "已保存：%s", xxgk_section_heading((xxgk_section)sec));
}

void h_download(struct srv *s, struct srv_req *q, struct srv_resp *r) {
  const char *f = srv_query(q, "format");
  if (!f)
    f = "html";
  static const char *const KNOWN[] = {"html", "docx", "md", "json", "csv"};
  int ok = 0;
  for (size_t k = 0; k < sizeof KNOWN / sizeof KNOWN[0]; k++)
    ok |= strcmp(f, KNOWN[k]) == 0;
  if (!ok)
    FAIL(r, q, 400, "格式“%s”不对，应为 html、docx、md、json、csv", f);
  xxgk_doc *d = load(s, q, r, q->report.agency, q->report.year);
  if (!d)
    return;
  char *text = NULL;
  if (strcmp(f, "docx") == 0) {
    char *bytes = NULL;
    size_t n = 0;
    if (xxgk_render_docx(d, &bytes, &n) != XXGK_OK) {
      xxgk_doc_free(d);
      FAIL(r, q, 500, "无法生成 DOCX 文件");
    }
    xxgk_buf_put(&r->body, bytes, n);
    xxgk_free(bytes);
    r->ctype = "application/vnd.openxmlformats-officedocument."
               "wordprocessingml.document";
  } else if (strcmp(f, "csv") == 0) {
    char *h = xxgk_render(d, XXGK_OUT_CSV_HEADER);
    char *row = xxgk_render(d, XXGK_OUT_CSV_ROW);
    xxgk_buf_puts(&r->body, h);
    xxgk_buf_puts(&r->body, row);
    xxgk_free(h);
    xxgk_free(row);
    r->ctype = "text/csv; charset=utf-8";
  } else {
    int html = strcmp(f, "html") == 0, md = strcmp(f, "md") == 0;
    text = xxgk_render(d, html ? XXGK_OUT_REPORT_HTML
                          : md ? XXGK_OUT_REPORT_MD
                               : XXGK_OUT_JSON);
    xxgk_buf_puts(&r->body, text);
    xxgk_free(text);
    r->ctype = html ? "text/html; charset=utf-8"
               : md ? "text/markdown; charset=utf-8"
                    : "application/json; charset=utf-8";
  }
  char disp[160];
  snprintf(disp, sizeof disp, "attachment; filename=\"xxgk-report-%lld-%d.%s\"",
           (long long)q->report.agency, q->report.year, f);
  srv_header(r, "Content-Disposition", disp);
  r->no_store = 1;
  xxgk_doc_free(d);
}
