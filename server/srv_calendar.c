/*
 * srv_calendar.c — the year's holiday notice entered in the browser, as
 * `xxgk calendar import` does: GET /calendar shows which years are
 * published and which computed (暂定), POST /calendar takes the notice's
 * lines pasted or as a file. Only a user of a top-level agency (the
 * office, or a lone agency) may enter one: it moves every deadline of the
 * register. The other threads see it on their next request
 * (xxgk_reg_calendar_sync in the router).
 */
#include "srv.h"

#include <stdio.h>
#include <string.h>

struct top {
  int64_t id;
  int found;
};

static int find_top(void *ctx, const xxgk_agency *a, int depth) {
  struct top *t = ctx;
  (void)depth;
  if (a->id == t->id)
    t->found = a->parent_id == 0;
  return a->id == t->id;
}

static int may_import(struct srv *s, const struct srv_req *q) {
  struct top t = {q->sess->user.agency_id, 0};
  xxgk_reg_agency_list(s->reg, find_top, &t);
  return t.found;
}

void h_calendar(struct srv *s, struct srv_req *q, struct srv_resp *r) {
  int year = xxgk_date_year(srv_today(s));
  const xxgk_cal *c = xxgk_reg_calendar(s->reg);
  xxgk_buf *b = &r->body;
  if (q->api) {
    r->ctype = "application/json; charset=utf-8";
    xxgk_buf_puts(b, "{\"years\": [");
    for (int y = year - 1; y <= year + 2; y++)
      jp(b, "%R{\"year\": %d, \"published\": %R}", y > year - 1 ? ", " : "", y,
         xxgk_cal_provisional(c, y) ? "false" : "true");
    jp(b, "], \"may_import\": %R}\n", may_import(s, q) ? "true" : "false");
    return;
  }
  page_begin(r, q, "节假日安排");
  hp(b, "<table class=\"list\"><thead><tr><th>年度</th><th>放假安排</th>"
        "</tr></thead><tbody>");
  for (int y = year - 1; y <= year + 2; y++)
    hp(b, "<tr><td>%d</td><td>%R</td></tr>", y,
       xxgk_cal_provisional(c, y)
           ? "<span class=\"badge soon\">暂定</span> 尚未登记国务院办公厅的"
             "通知，按《全国年节及纪念日放假办法》推算（不含调休）"
           : "已公布");
  hp(b, "</tbody></table>");
  if (!may_import(s, q)) {
    hp(b, "<p>放假安排由上级机关（政务公开办）登记。</p>");
    page_end(r);
    return;
  }
  hp(b, "<h2>登记一年的放假安排</h2><form method=\"post\" action=\"/calendar\" "
        "enctype=\"multipart/form-data\" class=\"grid\" id=\"calendar-form\">");
  if (q->refused)
    hp(b, "<p class=\"flash error wide\" role=\"alert\">%s</p>", q->refused);
  page_csrf(r, q);
  hp(b,
     "<p class=\"wide\">每行一天：日期、Tab、holiday（放假，含假期中的周末）或 "
     "workday（调休上班的周末）、Tab、名称；# 开头为注释。须含元旦和国庆节。"
     "登记后所有未办结申请的期限按新安排重算，并记入审计日志。</p>"
     "<label class=\"wide\">粘贴通知的日期表<textarea name=\"tsv\" rows=\"10\" "
     "placeholder=\"2027-01-01&#9;holiday&#9;元旦\">%s</textarea></label>"
     "<label>或上传文件（UTF-8 文本）<input type=\"file\" name=\"file\" "
     "accept=\".tsv,.txt\"></label><button type=\"submit\">登记</button>"
     "</form>",
     srv_form(q, "tsv"));
  page_end(r);
}

void h_calendar_import(struct srv *s, struct srv_req *q, struct srv_resp *r) {
  if (!may_import(s, q))
    FAIL(r, q, 403, "放假安排由上级机关（政务公开办）登记");
  const struct srv_param *p = srv_form_param(q, "file");
  if (!p || !p->len)
    p = srv_form_param(q, "tsv");
  if (!p || !p->len) {
    srv_refuse_form(s, q, r, 400, "请粘贴放假安排的日期表，或选择文件",
                    h_calendar);
    return;
  }
  int changed = 0;
  if (xxgk_reg_calendar_import(s->reg, p->value, p->len, &changed) != XXGK_OK) {
    char msg[768]; /* the page's own reads reset the register's message */
    snprintf(msg, sizeof msg, "%s", xxgk_reg_errmsg(s->reg));
    if (xxgk_reg_errstatus(s->reg) == XXGK_E_REFUSED)
      srv_refuse_form(s, q, r, 422, msg, h_calendar);
    else
      srv_reg_fail(s, r, q);
    return;
  }
  char extra[48];
  snprintf(extra, sizeof extra, "\"deadlines_moved\": %d", changed);
  srv_done_extra(
      r, q, "/calendar", extra,
      "已登记放假安排；%d 件未办结申请的期限随之改变（详见审计日志）", changed);
}
