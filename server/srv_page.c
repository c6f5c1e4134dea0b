/*
 * srv_page.c — what every page shares: the HTML frame (head, navigation by
 * role, the one-time flash message, footer), error answers in HTML or JSON
 * by the route, the mapping of register failures to HTTP statuses, and the
 * labels and <option> lists of applicant columns and outcome rows — looked
 * up in the data dictionary, never listed here.
 */
#include "srv.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void page_begin(struct srv_resp *r, const struct srv_req *q,
                const char *title) {
  xxgk_buf *b = &r->body;
  r->ctype = "text/html; charset=utf-8";
  r->no_store = 1;
  hp(b,
     "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
     "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
     "<title>%s · 政府信息公开</title>"
     "<link rel=\"stylesheet\" href=\"/assets/style.css\">"
     "<link rel=\"icon\" href=\"/assets/favicon.svg\" type=\"image/svg+xml\">"
     "<script src=\"/assets/app.js\" defer></script></head><body>"
     "<header class=\"top\"><a class=\"brand\" href=\"/\">政府信息公开</a><nav>",
     title);
  if (q->sess) {
    hp(b, "<a href=\"/queue\">待办</a><a href=\"/cases\">申请登记</a><a href=\"/cases/new\">新登记</a>"
          "<a href=\"/records\">主动公开</a><a href=\"/reviews\">复议诉讼</a>"
          "<a href=\"/report\">年度报告</a><a href=\"/rounds\">年报报送</a><a href=\"/checker\">报告检查</a>"
          "<a href=\"/corpus\">语料库</a>");
    if (q->sess->user.n_units)
      hp(b, "<a href=\"/overdue\">各单位期限</a><a href=\"/agencies\">单位"
            "</a>");
    hp(b, "<a href=\"/users\">用户</a><a href=\"/calendar\">节假日</a>");
    hp(b,
       "</nav><div class=\"who\"><span>%s · %s%s</span>"
       "<form method=\"post\" action=\"/logout\" class=\"inline\">"
       "<input type=\"hidden\" name=\"csrf\" value=\"%s\">"
       "<button type=\"submit\">退出</button></form></div>",
       q->sess->user.name, q->sess->user.agency,
       q->sess->user.n_units ? "（监督）" : "", q->sess->csrf);
  } else {
    hp(b, "<a href=\"/apply\">申请公开</a><a href=\"/status\">查询进度</a>"
          "<a href=\"/checker\">报告检查</a><a href=\"/login\">工作人员登录</a>"
          "</nav>");
  }
  hp(b, "</header><main><h1>%s</h1>", title);
  if (q->sess && q->sess->flash[0]) {
    hp(b, "<p class=\"flash %R\" role=\"status\">%s</p>",
       q->sess->flash_error ? "error" : "ok", q->sess->flash);
    q->sess->flash[0] = 0;
  }
}

void page_begin_anon(struct srv *s, const struct srv_req *q,
                     struct srv_resp *r, const char *title,
                     const char *error, char csrf[65]) {
  srv_anon_csrf(s, q, r, csrf);
  page_begin(r, q, title);
  if (error)
    hp(&r->body, "<p class=\"flash error\" role=\"alert\">%s</p>", error);
}

void page_begin_anon_form(struct srv *s, const struct srv_req *q,
                          struct srv_resp *r, const char *title,
                          const char *error, const char *action) {
  char csrf[65];
  page_begin_anon(s, q, r, title, error, csrf);
  hp(&r->body,
     "<form method=\"post\" action=\"%R\" class=\"narrow\">"
     "<input type=\"hidden\" name=\"csrf\" value=\"%s\">",
     action, csrf);
}

void page_end(struct srv_resp *r) {
  hp(&r->body, "</main><footer>xxgk %s · 依据《中华人民共和国政府信息公开条例》"
               "（国务院令第711号）</footer></body></html>\n",
     XXGK_VERSION);
}

void page_csrf(struct srv_resp *r, const struct srv_req *q) {
  if (q->sess)
    hp(&r->body, "<input type=\"hidden\" name=\"csrf\" value=\"%s\">",
       q->sess->csrf);
}

void page_begin_list(struct srv_resp *r, const struct srv_req *q,
                     const char *member, const char *title, const char *head) {
  if (q->api) {
    r->ctype = "application/json; charset=utf-8";
    jp(&r->body, "{%s: [", member);
    return;
  }
  page_begin(r, q, title);
  hp(&r->body, "%R", head);
}

int page_end_list(struct srv_resp *r, const struct srv_req *q) {
  if (q->api)
    xxgk_buf_puts(&r->body, "]}\n");
  return q->api;
}

void srv_error(struct srv_resp *r, const struct srv_req *q, int status,
               const char *fmt, ...) {
  char msg[1024];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  xxgk_buf_free(&r->body);
  r->status = status;
  r->no_store = 1;
  if (q->api) {
    r->ctype = "application/json; charset=utf-8";
    jp(&r->body, "{\"error\": %s, \"status\": %d}\n", msg, status);
    return;
  }
  page_begin(r, q, status == 404 ? "没有这个页面"
                   : status == 403 ? "无权访问"
                   : status >= 500 ? "服务器错误"
                                   : "请求未被接受");
  hp(&r->body, "<p class=\"flash error\" role=\"alert\">%s</p>"
               "<p><a href=\"javascript:history.back()\">返回</a></p>",
     msg);
  page_end(r);
  r->status = status;
}

struct seen {
  struct srv *s;
  const struct srv_req *q;
  int (*cb)(void *ctx, const xxgk_agency *a, int depth);
  void *ctx;
};

static int if_seen(void *ctx, const xxgk_agency *a, int depth) {
  struct seen *x = ctx;
  return srv_may_see(x->s, x->q, a->id) ? x->cb(x->ctx, a, depth) : 0;
}

xxgk_status srv_agency_list(struct srv *s, const struct srv_req *q,
                            int (*cb)(void *ctx, const xxgk_agency *a,
                                      int depth),
                            void *ctx) {
  struct seen x = {s, q, cb, ctx};
  return xxgk_reg_agency_list(s->reg, if_seen, &x);
}

int srv_agency_option(void *ctx, const xxgk_agency *a, int depth) {
  struct srv_options *x = ctx;
  hp(x->b, "<option value=\"%D\"%R>%R%s</option>", a->id,
     a->id == x->selected ? " selected" : "", depth ? "　" : "", a->name);
  return 0;
}

void srv_agency_options(xxgk_buf *b, struct srv *s, struct srv_req *q,
                        int64_t selected) {
  struct srv_options x = {b, selected};
  srv_agency_list(s, q, srv_agency_option, &x);
}

void srv_agency_select(xxgk_buf *b, struct srv *s, struct srv_req *q,
                       const char *name, int64_t selected, const char *all) {
  hp(b, "<label>%R<select name=\"%R\">", all ? "单位" : "机关", name);
  if (all)
    hp(b, "<option value=\"\">%s</option>", all);
  srv_agency_options(b, s, q, selected);
  hp(b, "</select></label>");
}

void srv_refuse_form(struct srv *s, struct srv_req *q, struct srv_resp *r,
                     int status, const char *msg, srv_handler *page) {
  if (q->api) {
    srv_error(r, q, status, "%s", msg);
    return;
  }
  /* msg is often the register's last message, which the page's own reads
   * overwrite: the page shows a copy. */
  char *copy = srv_strdup(msg);
  q->refused = copy;
  page(s, q, r);
  q->refused = NULL;
  free(copy);
  if (r->status == 200) /* the page itself may have failed otherwise */
    r->status = status;
}

int64_t srv_agency_of(struct srv *s, struct srv_req *q, struct srv_resp *r,
                      const char *a) {
  return srv_agency_denying(s, q, r, a, "无权查看或处理机关 %lld 的数据");
}

int64_t srv_agency_denying(struct srv *s, struct srv_req *q,
                           struct srv_resp *r, const char *a,
                           const char *deny) {
  if (!a || !*a)
    return q->sess->user.agency_id;
  int64_t id = srv_id(a);
  if (!id) {
    srv_error(r, q, 400, "机关编号“%s”不对", a);
    return 0;
  }
  if (!srv_may_see(s, q, id)) {
    srv_error(r, q, 403, deny, (long long)id);
    return 0;
  }
  return id;
}

int srv_reg_fail(struct srv *s, struct srv_resp *r, const struct srv_req *q) {
  return srv_fail_of(s->reg, r, q);
}

int srv_fail_of(xxgk_reg *g, struct srv_resp *r, const struct srv_req *q) {
  /* The register says REFUSED for input that breaks a rule: 422 — the
   * request was understood and refused; a failing database is the
   * server's fault; a database another writer held too long is a moment's
   * wait (503, with the register's Chinese message). */
  const char *msg = xxgk_reg_errmsg(g);
  xxgk_status st = xxgk_reg_errstatus(g);
  int status = st == XXGK_E_DB ? 500 : st == XXGK_E_BUSY ? 503 : 422;
  if (status == 503)
    srv_header(r, "Retry-After", "5");
  srv_error(r, q, status, "%s", msg[0] ? msg : "操作未完成");
  return status;
}

static void done(struct srv_resp *r, const struct srv_req *q, const char *to,
                 const char *extra, const char *fmt, va_list ap) {
  char msg[512];
  vsnprintf(msg, sizeof msg, fmt, ap);
  if (q->api) {
    r->status = 200;
    r->ctype = "application/json; charset=utf-8";
    r->no_store = 1;
    jp(&r->body, "{\"ok\": true, \"message\": %s%R%R}\n", msg,
       extra ? ", " : "", extra ? extra : "");
    return;
  }
  srv_flash(q->sess, 0, "%s", msg);
  srv_redirect(r, to);
}

void srv_done(struct srv_resp *r, const struct srv_req *q, const char *to,
              const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  done(r, q, to, NULL, fmt, ap);
  va_end(ap);
}

void srv_done_extra(struct srv_resp *r, const struct srv_req *q, const char *to,
                    const char *extra, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  done(r, q, to, extra, fmt, ap);
  va_end(ap);
}

void srv_done_id(struct srv_resp *r, const struct srv_req *q, const char *to,
                 const char *key, int64_t id, const char *fmt, ...) {
  char extra[64];
  snprintf(extra, sizeof extra, "\"%s\": %lld", key, (long long)id);
  va_list ap;
  va_start(ap, fmt);
  done(r, q, to, extra, fmt, ap);
  va_end(ap);
}

/* ## Dictionary look-ups */

static int received_row(void) {
  return xxgk_dict_find_row(XXGK_T_APPLICATIONS, "received", XXGK_FORMAT_2021);
}

int srv_is_category(const char *key) {
  const xxgk_row_def *d = xxgk_dict_row(received_row());
  for (int c = 0; key && d && c < d->n_cols; c++)
    if (strcmp(d->cols[c].key, "total") != 0 &&
        strcmp(d->cols[c].key, key) == 0)
      return 1;
  return 0;
}

const char *srv_category_label(const char *key) {
  const xxgk_row_def *d = xxgk_dict_row(received_row());
  for (int c = 0; key && d && c < d->n_cols; c++)
    if (strcmp(d->cols[c].key, key) == 0) {
      /* "法人或其他组织·商业企业" reads better than "商业企业" alone (per
       * thread: handlers run on several) */
      static _Thread_local char s[8][96];
      if (!d->cols[c].group)
        return d->cols[c].label;
      snprintf(s[c % 8], sizeof s[0], "%s·%s", d->cols[c].group,
               d->cols[c].label);
      return s[c % 8];
    }
  return key ? key : "";
}

static int outcome_row(const char *key) {
  int i = key ? xxgk_dict_find_row(XXGK_T_APPLICATIONS, key, XXGK_FORMAT_2021)
              : -1;
  return i >= 0 && xxgk_dict_row(i)->role == XXGK_ROLE_OUTCOME ? i : -1;
}

int srv_is_outcome(const char *key) { return outcome_row(key) >= 0; }

const char *srv_outcome_label(const char *key) {
  /* one per dictionary row: stable pointers (in each handler thread) */
  static _Thread_local char s[64][160];
  int i = outcome_row(key);
  if (i < 0)
    return key ? key : "";
  const xxgk_row_def *d = xxgk_dict_row(i);
  if (!d->subgroup)
    return d->label;
  snprintf(s[i % 64], sizeof s[0], "%s %s", d->subgroup, d->label);
  return s[i % 64];
}

void srv_provisional(xxgk_buf *b, const xxgk_due *d) {
  hp(b, " <span class=\"badge provisional\">暂定</span> <small>%s</small>",
     d->note);
}

void srv_category_options(xxgk_buf *b, const char *sel) {
  const xxgk_row_def *d = xxgk_dict_row(received_row());
  for (int c = 0; d && c < d->n_cols; c++)
    if (strcmp(d->cols[c].key, "total") != 0)
      hp(b, "<option value=\"%s\"%R>%s</option>", d->cols[c].key,
         sel && strcmp(sel, d->cols[c].key) == 0 ? " selected" : "",
         srv_category_label(d->cols[c].key));
}

void srv_outcome_options(xxgk_buf *b, const char *sel) {
  for (int i = 0; i < xxgk_dict_n_rows(); i++) {
    const xxgk_row_def *d = xxgk_dict_row(i);
    if (d->table != XXGK_T_APPLICATIONS || d->role != XXGK_ROLE_OUTCOME ||
        !(d->formats & XXGK_FORMAT_2021))
      continue;
    hp(b, "<option value=\"%s\"%R>%s</option>", d->key,
       sel && strcmp(sel, d->key) == 0 ? " selected" : "",
       srv_outcome_label(d->key));
  }
}

int64_t srv_id(const char *s) {
  if (!s || !*s || strlen(s) > 18)
    return 0;
  int64_t v = 0;
  for (; *s; s++) {
    if (*s < '0' || *s > '9')
      return 0;
    v = v * 10 + (*s - '0');
  }
  return v;
}

int srv_may_see(struct srv *s, const struct srv_req *q, int64_t agency_id) {
  int in = 0;
  if (!q->sess ||
      xxgk_reg_agency_within(s->reg, q->sess->user.agency_id, agency_id,
                             &in) != XXGK_OK)
    return 0;
  return in;
}
