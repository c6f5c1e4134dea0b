/*
 * srv_disclose.c — active disclosure (表二: 规章 and 行政规范性文件 with
 * their issue and repeal dates, and the yearly figures of 许可, 处罚, 强制
 * and 收费) and reviews and suits (表四: filed, then decided once). Kinds,
 * items and results are the table rows and columns of the data dictionary
 * (format 2021), named by their printed labels.
 */
#include "srv.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *nz(const char *s) { return s && *s ? s : NULL; }

/* Table-2 rows of format 2021: documents (first column "issued") or
 * figures (the rest). */
static int active_row(int i, int documents) {
  const xxgk_row_def *d = xxgk_dict_row(i);
  if (d->table != XXGK_T_ACTIVE || !(d->formats & XXGK_FORMAT_2021))
    return 0;
  return (strcmp(d->cols[0].key, "issued") == 0) == documents;
}

static const char *active_label(const char *key) {
  int i = key ? xxgk_dict_find_row(XXGK_T_ACTIVE, key, XXGK_FORMAT_2021) : -1;
  return i >= 0 ? xxgk_dict_row(i)->label : (key ? key : "");
}

static int review_row(void) {
  return xxgk_dict_find_row(XXGK_T_REVIEWS, "administrative_review",
                            XXGK_FORMAT_2021);
}

static const char *review_label(const char *key) {
  int i = key ? xxgk_dict_find_row(XXGK_T_REVIEWS, key, XXGK_FORMAT_2021) : -1;
  if (i < 0)
    return key ? key : "";
  const xxgk_row_def *d = xxgk_dict_row(i);
  static _Thread_local char s[4][96]; /* per handler thread */
  if (!d->group)
    return d->label;
  snprintf(s[i % 4], sizeof s[0], "%s·%s", d->group, d->label);
  return s[i % 4];
}

static const char *result_label(const char *key) {
  const xxgk_row_def *d = xxgk_dict_row(review_row());
  for (int c = 0; key && d && c < d->n_cols; c++)
    if (strcmp(d->cols[c].key, key) == 0)
      return d->cols[c].label;
  return key ? key : "";
}

/* ## Records */

struct list_ctx {
  struct srv_req *q;
  struct srv_resp *r;
  xxgk_buf *b;
  int n;
};

static int put_record(void *ctx, const xxgk_record *d, const char *repealed,
                      const char *agency) {
  struct list_ctx *x = ctx;
  xxgk_buf *b = x->b;
  if (x->q->api) {
    jp(b, "%R{\"id\": %D, \"agency_id\": %D, \"agency\": %s, \"kind\": %s,"
          " \"title\": %s, \"number\": %s, \"issued\": %s, \"repealed\": %s}",
       x->n ? ",\n" : "\n", d->id, d->agency_id, agency, d->kind, d->title,
       d->number, d->issued, repealed);
  } else {
    hp(b, "<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>",
       agency, active_label(d->kind), d->title, d->number ? d->number : "—",
       d->issued);
    if (repealed) {
      hp(b, "已于 %s 废止", repealed);
    } else {
      hp(b, "<form method=\"post\" action=\"/records/%D/repeal\" "
            "class=\"inline\">",
         d->id);
      page_csrf(x->r, x->q);
      hp(b, "<input type=\"date\" name=\"date\" required aria-label=\"废止日期\">"
            "<button type=\"submit\">废止</button></form>");
    }
    xxgk_buf_puts(b, "</td></tr>");
  }
  x->n++;
  return 0;
}

static int put_figure(void *ctx, const char *item, const char *value) {
  struct list_ctx *x = ctx;
  if (x->q->api)
    jp(x->b, "%R{\"item\": %s, \"value\": %s}", x->n ? ", " : "", item,
       value);
  else
    hp(x->b, "<li>%s：%s</li>", active_label(item), value);
  x->n++;
  return 0;
}

/* The opening of a form registering a row at `action`: its CSRF field and
 * the agency's choice (the user's own first). */
static void form_head(struct srv *s, struct srv_req *q, struct srv_resp *r,
                      const char *action) {
  hp(&r->body, "<form method=\"post\" action=\"%s\" class=\"grid\">", action);
  page_csrf(r, q);
  srv_agency_select(&r->body, s, q, "agency_id", q->sess->user.agency_id, NULL);
}

void h_records(struct srv *s, struct srv_req *q, struct srv_resp *r) {
  xxgk_buf *b = &r->body;
  int64_t agency = q->sess->user.agency_id;
  int year = xxgk_date_year(srv_today(s));
  const char *y = srv_query(q, "year");
  if (y && (srv_id(y) < 1900 || srv_id(y) > 2999))
    FAIL(r, q, 400, "年度“%s”不对", y);
  if (y)
    year = (int)srv_id(y);
  struct list_ctx x = {q, r, b, 0};
  page_begin_list(r, q, "records", "主动公开",
                  "<h2>规章和行政规范性文件</h2><table class=\"list\"><thead>"
                  "<tr><th>机关</th><th>类别</th><th>标题</th><th>文号</th>"
                  "<th>印发日期</th><th>状态</th></tr></thead><tbody>");
  if (xxgk_reg_record_list(s->reg, agency, put_record, &x) != XXGK_OK) {
    srv_reg_fail(s, r, q);
    return;
  }
  if (q->api) {
    jp(b, "], \"year\": %d, \"figures\": [", year);
    x.n = 0;
    xxgk_reg_figure_list(s->reg, agency, year, put_figure, &x);
    xxgk_buf_puts(b, "]}\n");
    return;
  }
  hp(b, "</tbody></table><h3>登记文件</h3>");
  form_head(s, q, r, "/records");
  hp(b, "<label>类别<select name=\"kind\">");
  for (int i = 0; i < xxgk_dict_n_rows(); i++)
    if (active_row(i, 1))
      hp(b, "<option value=\"%s\">%s</option>", xxgk_dict_row(i)->key,
         xxgk_dict_row(i)->label);
  hp(b, "</select></label><label class=\"wide\">标题<input name=\"title\" "
        "required maxlength=\"400\"></label><label>文号<input name=\"number\" "
        "maxlength=\"100\"></label><label>印发日期<input type=\"date\" "
        "name=\"issued\" required></label><button type=\"submit\">登记</button>"
        "</form>");
  hp(b, "<h2>%d 年度数据（本机关）</h2><ul>", year);
  x.n = 0;
  xxgk_reg_figure_list(s->reg, agency, year, put_figure, &x);
  if (!x.n)
    hp(b, "<li>尚未填报</li>");
  hp(b, "</ul>");
  form_head(s, q, r, "/figures");
  hp(b, "<label>年度<input type=\"number\" name=\"year\" value=\"%d\" "
        "min=\"2019\" max=\"2999\" required></label><label>项目<select "
        "name=\"item\">",
     year);
  for (int i = 0; i < xxgk_dict_n_rows(); i++)
    if (active_row(i, 0)) {
      const xxgk_col_def *c = &xxgk_dict_row(i)->cols[0];
      const char *u = srv_unit_after(c->label, c->unit);
      hp(b, "<option value=\"%s\">%s（%s%R%s）</option>",
         xxgk_dict_row(i)->key, xxgk_dict_row(i)->label, c->label,
         u ? "，" : "", u);
    }
  hp(b, "</select></label><label>数值<input name=\"value\" required "
        "maxlength=\"32\" inputmode=\"decimal\"></label>"
        "<button type=\"submit\">保存</button></form>");
  page_end(r);
}

void h_record_add(struct srv *s, struct srv_req *q, struct srv_resp *r) {
  int64_t agency = srv_agency_of(s, q, r, srv_form(q, "agency_id"));
  if (!agency)
    return;
  xxgk_record d = {.agency_id = agency,
                   .kind = srv_form(q, "kind"),
                   .title = srv_form(q, "title"),
                   .number = nz(srv_form(q, "number")),
                   .issued = srv_form(q, "issued")};
  if (!d.title || !*d.title)
    FAIL(r, q, 400, "请填写文件标题");
  if (xxgk_reg_record_add(s->reg, &d) != XXGK_OK) {
    srv_reg_fail(s, r, q);
    return;
  }
  srv_done_id(r, q, "/records", "id", d.id, "已登记文件“%s”", d.title);
}

/* The record or review (`what`) of the path's '*', whose agency (found by
 * `owner`) the user may `change`: its id, or 0 after answering (404, 403,
 * the register's failure). */
static int64_t owned_row(struct srv *s, struct srv_req *q, struct srv_resp *r,
                         xxgk_status (*owner)(xxgk_reg *, int64_t, int64_t *),
                         const char *what, const char *change) {
  int64_t id = srv_id(q->args[0]), agency = 0;
  if (!id) {
    srv_error(r, q, 404, "没有%s“%s”", what, q->args[0]);
    return 0;
  }
  if (owner(s->reg, id, &agency) != XXGK_OK) {
    srv_reg_fail(s, r, q);
    return 0;
  }
  if (!agency) {
    srv_error(r, q, 404, "%s %lld 不存在", what, (long long)id);
    return 0;
  }
  if (!srv_may_see(s, q, agency)) {
    srv_error(r, q, 403, "无权%s其他机关的%s", change, what);
    return 0;
  }
  return id;
}

void h_record_repeal(struct srv *s, struct srv_req *q, struct srv_resp *r) {
  int64_t id = owned_row(s, q, r, xxgk_reg_record_agency, "文件", "修改");
  if (!id)
    return;
  if (xxgk_reg_record_repeal(s->reg, id, srv_form(q, "date")) != XXGK_OK) {
    srv_reg_fail(s, r, q);
    return;
  }
  srv_done(r, q, "/records", "已登记废止");
}

void h_figure_set(struct srv *s, struct srv_req *q, struct srv_resp *r) {
  int64_t agency = srv_agency_of(s, q, r, srv_form(q, "agency_id"));
  if (!agency)
    return;
  int64_t year = srv_id(srv_form(q, "year"));
  if (year < 1900 || year > 2999)
    FAIL(r, q, 400, "年度不对");
  const char *item = srv_form(q, "item"), *value = srv_form(q, "value");
  if (xxgk_reg_figure_set(s->reg, agency, (int)year, item, value) !=
      XXGK_OK) {
    srv_reg_fail(s, r, q);
    return;
  }
  srv_done(r, q, "/records", "已保存 %lld 年度%s：%s", (long long)year,
           active_label(item), value ? value : "");
}

/* ## Reviews and suits */

static int put_review(void *ctx, const xxgk_review *v, const char *agency) {
  struct list_ctx *x = ctx;
  xxgk_buf *b = x->b;
  if (x->q->api) {
    jp(b, "%R{\"id\": %D, \"agency_id\": %D, \"agency\": %s, \"kind\": %s,"
          " \"filed\": %s, \"result\": %s, \"decided\": %s, \"note\": %s}",
       x->n ? ",\n" : "\n", v->id, v->agency_id, agency, v->kind, v->filed,
       v->result, v->decided, v->note);
  } else {
    hp(b, "<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>",
       agency, review_label(v->kind), v->filed, v->note ? v->note : "");
    if (v->decided) {
      hp(b, "%s（%s 审结）", result_label(v->result), v->decided);
    } else {
      hp(b, "<form method=\"post\" action=\"/reviews/%D/decide\" "
            "class=\"inline\">",
         v->id);
      page_csrf(x->r, x->q);
      hp(b, "<select name=\"result\" aria-label=\"结果\">");
      const xxgk_row_def *d = xxgk_dict_row(review_row());
      for (int c = 0; d && c < d->n_cols; c++)
        if (strcmp(d->cols[c].key, "total") != 0 &&
            strcmp(d->cols[c].key, "pending") != 0)
          hp(b, "<option value=\"%s\">%s</option>", d->cols[c].key,
             d->cols[c].label);
      hp(b, "</select><input type=\"date\" name=\"date\" required "
            "aria-label=\"审结日期\"><button type=\"submit\">登记结果</button>"
            "</form>");
    }
    xxgk_buf_puts(b, "</td></tr>");
  }
  x->n++;
  return 0;
}

void h_reviews(struct srv *s, struct srv_req *q, struct srv_resp *r) {
  xxgk_buf *b = &r->body;
  struct list_ctx x = {q, r, b, 0};
  int64_t agency = q->sess->user.agency_id;
  page_begin_list(r, q, "reviews", "行政复议和行政诉讼",
                  "<table class=\"list\"><thead><tr><th>机关</th><th>类别</th>"
                  "<th>立案日期</th><th>说明</th><th>结果</th></tr></thead>"
                  "<tbody>");
  if (xxgk_reg_review_list(s->reg, agency, put_review, &x) != XXGK_OK) {
    srv_reg_fail(s, r, q);
    return;
  }
  if (page_end_list(r, q))
    return;
  hp(b, "</tbody></table><h2>登记复议或诉讼</h2>");
  form_head(s, q, r, "/reviews");
  hp(b, "<label>类别<select name=\"kind\">");
  for (int i = 0; i < xxgk_dict_n_rows(); i++) {
    const xxgk_row_def *d = xxgk_dict_row(i);
    if (d->table == XXGK_T_REVIEWS && (d->formats & XXGK_FORMAT_2021))
      hp(b, "<option value=\"%s\">%s</option>", d->key, review_label(d->key));
  }
  hp(b, "</select></label><label>立案日期<input type=\"date\" name=\"filed\" "
        "required></label><label>涉及的申请（受理编号，逗号分隔）"
        "<input name=\"cases\" maxlength=\"400\"></label>"
        "<label class=\"wide\">说明<input name=\"note\" maxlength=\"1000\">"
        "</label><button type=\"submit\">登记</button></form>");
  page_end(r);
}

void h_review_add(struct srv *s, struct srv_req *q, struct srv_resp *r) {
  int64_t agency = srv_agency_of(s, q, r, srv_form(q, "agency_id"));
  if (!agency)
    return;
  int64_t cases[16];
  int n = 0;
  const char *list = srv_form(q, "cases");
  char *copy = srv_strdup(list ? list : "");
  for (char *save = NULL, *t = strtok_r(copy, ", ，", &save); t;
       t = strtok_r(NULL, ", ，", &save)) {
    int64_t id = 0;
    if (n == 16) {
      free(copy);
      FAIL(r, q, 400, "一次至多关联 16 件申请");
    }
    if (xxgk_reg_case_find(s->reg, t, &id) != XXGK_OK) {
      free(copy);
      srv_reg_fail(s, r, q);
      return;
    }
    cases[n++] = id;
  }
  free(copy);
  xxgk_review v = {.agency_id = agency,
                   .kind = srv_form(q, "kind"),
                   .filed = srv_form(q, "filed"),
                   .note = nz(srv_form(q, "note")),
                   .cases = n ? cases : NULL,
                   .n_cases = n};
  if (xxgk_reg_review_add(s->reg, &v) != XXGK_OK) {
    srv_reg_fail(s, r, q);
    return;
  }
  srv_done_id(r, q, "/reviews", "id", v.id, "已登记%s", review_label(v.kind));
}

void h_review_decide(struct srv *s, struct srv_req *q, struct srv_resp *r) {
  int64_t id = owned_row(s, q, r, xxgk_reg_review_agency, "案件", "办理");
  if (!id)
    return;
  if (xxgk_reg_review_decide(s->reg, id, srv_form(q, "result"),
                             srv_form(q, "date")) != XXGK_OK) {
    srv_reg_fail(s, r, q);
    return;
  }
  srv_done(r, q, "/reviews", "已登记结果");
}
