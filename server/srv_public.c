/*
 * srv_public.c — what the public sees without logging in: the application
 * form (条例 art. 29: who, how to reach them, what information, how it is
 * to be delivered), which registers an application received online today
 * and shows its tracking number and a secret code once; and the status
 * page, which shows that one application — its agency, dates, the steps
 * taken and the outcome, no personal data — and only to whoever holds its
 * code (checked in constant time by the register). The form's CSRF token
 * is a double-submit cookie; anonymous API writes need X-Requested-With.
 */
#include "srv.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int take_tracking(void *ctx, const xxgk_case_row *row);

struct pub_ctx {
  xxgk_buf *b;
};

static int agency_option(void *ctx, const xxgk_agency *a, int depth) {
  struct pub_ctx *x = ctx;
  hp(x->b, "<option value=\"%D\">%R%s</option>", a->id, depth ? "　" : "",
     a->name);
  return 0;
}

void h_apply_form(struct srv *s, struct srv_req *q, struct srv_resp *r) {
  char csrf[65];
  srv_anon_csrf(s, q, r, csrf);
  page_begin(r, q, "申请公开政府信息");
  xxgk_buf *b = &r->body;
  hp(b,
     "<p>依据《中华人民共和国政府信息公开条例》第二十九条，请填写以下内容。"
     "提交后您将获得受理编号和查询码，请妥善保存，凭二者查询办理进度。</p>"
     "<form method=\"post\" action=\"/apply\" class=\"grid\">"
     "<input type=\"hidden\" name=\"csrf\" value=\"%s\">"
     "<label>向哪个机关申请<select name=\"agency_id\" required>",
     csrf);
  struct pub_ctx x = {b};
  xxgk_reg_agency_list(s->reg, agency_option, &x);
  hp(b, "</select></label><label>申请人类型<select name=\"category\">");
  srv_category_options(b, "natural_person");
  hp(b,
     "</select></label>"
     "<label>姓名或名称<input name=\"name\" required maxlength=\"200\"></label>"
     "<label>身份证件号码<input name=\"id_number\" maxlength=\"64\"></label>"
     "<label>联系电话或电子邮箱<input name=\"contact\" required "
     "maxlength=\"200\"></label>"
     "<label>获取信息的方式<select name=\"delivery\"><option>电子邮件"
     "</option><option>纸质</option><option>当面领取</option></select>"
     "</label><label class=\"wide\">所需政府信息的名称、文号或便于查询的其他"
     "特征性描述<textarea name=\"content\" rows=\"5\" required "
     "maxlength=\"4000\"></textarea></label>"
     "<button type=\"submit\">提交申请</button></form>");
  page_end(r);
}

void h_apply(struct srv *s, struct srv_req *q, struct srv_resp *r) {
  int64_t agency = srv_id(srv_form(q, "agency_id"));
  const char *contact = srv_form(q, "contact");
  if (!agency)
    FAIL(r, q, 400, "请选择受理机关");
  if (!contact || !*contact)
    FAIL(r, q, 400, "请填写联系方式，以便送达答复");
  char today[11];
  xxgk_date_format(srv_today(s), today);
  const char *idn = srv_form(q, "id_number");
  xxgk_case c = {.agency_id = agency,
                 .channel = "网络",
                 .received = today,
                 .category = srv_form(q, "category"),
                 .name = srv_form(q, "name"),
                 .id_number = idn && *idn ? idn : NULL,
                 .contact = contact,
                 .content = srv_form(q, "content"),
                 .delivery = srv_form(q, "delivery")};
  char code[32];
  if (!c.name || !*c.name || !c.content || !*c.content)
    FAIL(r, q, 400, "请填写申请人姓名和所需信息的描述");
  if (xxgk_reg_case_new(s->reg, &c) != XXGK_OK ||
      xxgk_reg_case_code_new(s->reg, c.id, code) != XXGK_OK) {
    srv_reg_fail(s, r, q);
    return;
  }
  char tracking[32] = "";
  xxgk_reg_case_get(s->reg, c.id, take_tracking, NULL, tracking);
  if (q->api) {
    r->ctype = "application/json; charset=utf-8";
    r->no_store = 1;
    jp(&r->body, "{\"ok\": true, \"tracking\": %s, \"code\": %s}\n", tracking,
       code);
    return;
  }
  page_begin(r, q, "申请已提交");
  hp(&r->body,
     "<p class=\"flash ok\">您的申请已于 %s 收到。</p>"
     "<dl class=\"facts big\"><dt>受理编号</dt><dd id=\"tracking\">%s</dd>"
     "<dt>查询码</dt><dd id=\"code\">%s</dd></dl>"
     "<p>查询码只显示这一次，请记下或截图保存。凭受理编号和查询码可在"
     "<a href=\"/status\">查询进度</a>页面查看办理情况。答复期限为收到申请之日起"
     " 20 个工作日（《条例》第三十三条）。</p>",
     today, tracking, code);
  page_end(r);
}

static int take_tracking(void *ctx, const xxgk_case_row *row) {
  snprintf(ctx, 32, "%s", row->c.tracking);
  return 0;
}

void h_status_form(struct srv *s, struct srv_req *q, struct srv_resp *r) {
  char csrf[65];
  srv_anon_csrf(s, q, r, csrf);
  page_begin(r, q, "查询办理进度");
  hp(&r->body,
     "<form method=\"post\" action=\"/status\" class=\"narrow\">"
     "<input type=\"hidden\" name=\"csrf\" value=\"%s\">"
     "<label>受理编号<input name=\"tracking\" required maxlength=\"32\" "
     "placeholder=\"2026-00001\"></label>"
     "<label>查询码<input name=\"code\" required maxlength=\"32\" "
     "autocomplete=\"off\"></label>"
     "<button type=\"submit\">查询</button></form>",
     csrf);
  page_end(r);
}

struct status {
  xxgk_buf ev;
  int api, n;
  char tracking[32], received[11], final_kind[32];
  char *agency, *content; /* whole: a cut could split a character */
};

static int status_case(void *ctx, const xxgk_case_row *row) {
  struct status *x = ctx;
  snprintf(x->tracking, sizeof x->tracking, "%s", row->c.tracking);
  free(x->agency);
  x->agency = srv_strdup(row->agency);
  snprintf(x->received, sizeof x->received, "%s", row->c.received);
  snprintf(x->final_kind, sizeof x->final_kind, "%s",
           row->final_kind ? row->final_kind : "");
  free(x->content);
  x->content = srv_strdup(row->c.content);
  return 0;
}

/* Only what the applicant may know of his own application: the step, its
 * date and the outcome — not the clerk's notes. */
static int status_event(void *ctx, const xxgk_event *e) {
  struct status *x = ctx;
  const char *out = e->outcome ? srv_outcome_label(e->outcome) : NULL;
  if (x->api)
    jp(&x->ev, "%R{\"kind\": %s, \"label\": %s, \"date\": %s, \"outcome\": %s,"
               " \"outcome_label\": %s}",
       x->n ? ", " : "", xxgk_event_key(e->kind), xxgk_event_label(e->kind),
       e->date, e->outcome, out);
  else
    hp(&x->ev, "<li><time>%s</time> <b>%s</b>%R%s</li>", e->date,
       xxgk_event_label(e->kind), out ? "：" : "", out);
  x->n++;
  return 0;
}

void h_status(struct srv *s, struct srv_req *q, struct srv_resp *r) {
  const char *tracking = srv_form(q, "tracking"), *code = srv_form(q, "code");
  if (!tracking || !*tracking || !code || !*code)
    FAIL(r, q, 400, "请填写受理编号和查询码");
  int wait = srv_throttle_check(s, SRV_STATUS, q->ip, tracking);
  if (wait) {
    srv_too_many(r, q, wait, "查询失败次数太多");
    return;
  }
  int64_t id;
  if (xxgk_reg_case_code_check(s->reg, tracking, code, &id) != XXGK_OK) {
    /* one answer for a wrong number and a wrong code */
    srv_throttle_failed(s, SRV_STATUS, q->ip, tracking);
    FAIL(r, q, 403, "受理编号或查询码不对");
  }
  struct status x = {.api = q->api};
  xxgk_due due;
  int has_due = xxgk_reg_case_due(s->reg, id, srv_today(s), &due) == XXGK_OK;
  if (xxgk_reg_case_get(s->reg, id, status_case, status_event, &x) !=
      XXGK_OK) {
    xxgk_buf_free(&x.ev);
    free(x.agency);
    free(x.content);
    srv_reg_fail(s, r, q);
    return;
  }
  int open = !x.final_kind[0];
  if (q->api) {
    r->ctype = "application/json; charset=utf-8";
    r->no_store = 1;
    jp(&r->body,
       "{\"tracking\": %s, \"agency\": %s, \"received\": %s, \"content\": %s,"
       " \"open\": %R, \"due\": %s, \"provisional_note\": %s,"
       " \"events\": [%R]}\n",
       x.tracking, x.agency, x.received, x.content, open ? "true" : "false",
       open && has_due && due.due[0] ? due.due : NULL,
       open && has_due && due.provisional ? due.note : NULL,
       x.ev.data ? x.ev.data : "");
  } else {
    page_begin(r, q, "办理进度");
    hp(&r->body,
       "<dl class=\"facts\"><dt>受理编号</dt><dd>%s</dd><dt>受理机关</dt>"
       "<dd>%s</dd><dt>收到日期</dt><dd>%s</dd><dt>申请内容</dt>"
       "<dd class=\"pre\">%s</dd><dt>状态</dt><dd>%R</dd></dl>"
       "<h2>办理过程</h2><ol class=\"timeline\"><li><time>%s</time> "
       "<b>收到申请</b></li>%R</ol>",
       x.tracking, x.agency, x.received, x.content,
       open ? "办理中" : "已办结", x.received, x.ev.data ? x.ev.data : "");
    if (open && has_due && due.due[0]) {
      hp(&r->body, "<p>答复期限：%s", due.due);
      if (due.provisional)
        srv_provisional(&r->body, &due);
      xxgk_buf_puts(&r->body, "</p>");
    }
    page_end(r);
  }
  xxgk_buf_free(&x.ev);
  free(x.agency);
  free(x.content);
}
