/*
 * srv_public.c — what the public sees without logging in: the application
 * form (条例 art. 29: who, how to reach them, what information, how it is
 * to be delivered), which registers an application received online today
 * and shows its tracking number and a secret code once; and the status
 * page, which shows that one application — its agency, dates, the
 * deadline, the steps taken, what a 补正 asks for, the reply and its
 * basis, no personal data — and only to whoever holds its code (checked in
 * constant time by the register); there the applicant answers a 补正. The form's CSRF token
 * is a double-submit cookie; anonymous API writes need X-Requested-With.
 */
#include "srv.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int take_tracking(void *ctx, const xxgk_case_row *row);

/* The application form: q->refused (or nothing) above it, what was typed
 * kept.
 * 条例 art. 29: who, how to reach them, what information, and how it is
 * to be delivered; 纸质 needs a postal address. */
void h_apply_form(struct srv *s, struct srv_req *q, struct srv_resp *r) {
  char csrf[65];
  page_begin_anon(s, q, r, "申请公开政府信息", q->refused, csrf);
  xxgk_buf *b = &r->body;
  hp(b,
     "<p>依据《中华人民共和国政府信息公开条例》第二十九条，请填写以下内容。"
     "提交后您将获得受理编号和查询码，请妥善保存，凭二者查询办理进度。</p>"
     "<form method=\"post\" action=\"/apply\" class=\"grid\" id=\"apply\" "
     "enctype=\"multipart/form-data\">"
     "<input type=\"hidden\" name=\"csrf\" value=\"%s\">"
     "<label>向哪个机关申请<select name=\"agency_id\" required>",
     csrf);
  /* a visitor applies to any agency: all of them, not a user's scope */
  struct srv_options x = {b, srv_id(srv_form(q, "agency_id"))};
  xxgk_reg_agency_list(s->reg, srv_agency_option, &x);
  hp(b, "</select></label><label>申请人类型<select name=\"category\">");
  const char *cat = srv_form(q, "category");
  srv_category_options(b, cat ? cat : "natural_person");
  const char *delivery = srv_form(q, "delivery");
  static const char *const WAYS[] = {"电子邮件", "纸质", "当面领取"};
  hp(b,
     "</select></label>"
     "<label>姓名或名称<input name=\"name\" required maxlength=\"200\" "
     "value=\"%s\"></label>"
     "<label>身份证件号码<input name=\"id_number\" maxlength=\"64\" "
     "value=\"%s\"></label>"
     "<label>身份证明（证件的照片或扫描件，条例第二十九条；PDF、JPEG、PNG，"
     "至多 10 MB；只有受理机关的工作人员能看到）<input type=\"file\" "
     "name=\"identity\" accept=\".pdf,.jpg,.jpeg,.png\"></label>"
     "<label>联系电话或电子邮箱<input name=\"contact\" required "
     "maxlength=\"200\" value=\"%s\"></label>"
     "<label>获取信息的方式<select name=\"delivery\" id=\"delivery\">",
     srv_form(q, "name"), srv_form(q, "id_number"), srv_form(q, "contact"));
  for (size_t i = 0; i < sizeof WAYS / sizeof WAYS[0]; i++)
    hp(b, "<option%R>%s</option>",
       delivery && strcmp(delivery, WAYS[i]) == 0 ? " selected" : "",
       WAYS[i]);
  hp(b,
     "</select></label><label class=\"wide\" data-delivery=\"纸质\">邮寄地址"
     "（选纸质时必填）<input name=\"address\" maxlength=\"300\" "
     "autocomplete=\"street-address\" value=\"%s\"></label>"
     "<label class=\"wide\">所需政府信息的名称、文号或便于查询的其他"
     "特征性描述<textarea name=\"content\" rows=\"5\" required "
     "maxlength=\"4000\">%s</textarea></label>"
     "<button type=\"submit\">提交申请</button></form>",
     srv_form(q, "address"), srv_form(q, "content"));
  page_end(r);
}

void h_apply(struct srv *s, struct srv_req *q, struct srv_resp *r) {
  int64_t agency = srv_id(srv_form(q, "agency_id"));
  const char *contact = srv_form(q, "contact");
  const char *delivery = srv_form(q, "delivery");
  const char *address = srv_form(q, "address");
  const char *name = srv_form(q, "name"), *content = srv_form(q, "content");
  const char *error = NULL;
  if (!agency)
    error = "请选择受理机关";
  else if (!contact || !*contact)
    error = "请填写联系方式，以便送达答复";
  else if (!name || !*name || !content || !*content)
    error = "请填写申请人姓名和所需信息的描述";
  else if (delivery && strcmp(delivery, "纸质") == 0 && (!address || !*address))
    error = "选择纸质方式获取信息时，请填写邮寄地址";
  int bad = 0;
  const struct srv_param *identity = error ? NULL : srv_identity(s, q, &bad);
  char why[768]; /* the form's own reads reset the register's message */
  if (bad)
    error = strcpy(why, xxgk_reg_errmsg(s->reg));
  if (error) {
    srv_refuse_form(s, q, r, bad ? 422 : 400, error, h_apply_form);
    return;
  }
  if (identity && !srv_throttle_ok(s, q, r, SRV_PROOF, NULL,
                                   "从这个地址上传的身份证明太多"))
    return;
  char today[11];
  xxgk_date_format(srv_today(s), today);
  const char *idn = srv_form(q, "id_number");
  /* the address travels with the way of delivery it belongs to */
  xxgk_buf way = {0};
  if (delivery && strcmp(delivery, "纸质") == 0) {
    xxgk_buf_puts(&way, "纸质（邮寄地址：");
    xxgk_buf_puts(&way, address);
    xxgk_buf_puts(&way, "）");
  }
  xxgk_case c = {.agency_id = agency,
                 .channel = "网络",
                 .received = today,
                 .category = srv_form(q, "category"),
                 .name = name,
                 .id_number = idn && *idn ? idn : NULL,
                 .contact = contact,
                 .content = content,
                 .delivery = way.data ? way.data : delivery};
  char code[32];
  xxgk_status st = xxgk_reg_case_new(s->reg, &c);
  xxgk_buf_free(&way);
  if (st == XXGK_OK)
    st = xxgk_reg_case_code_new(s->reg, c.id, code);
  xxgk_attachment proof;
  if (st == XXGK_OK && identity &&
      srv_attach_upload(s, c.id, identity, XXGK_ATT_IDENTITY, 0, &proof) != 0)
    st = xxgk_reg_errstatus(s->reg);
  if (st == XXGK_OK && identity)
    srv_throttle_spend(s, SRV_PROOF, q->ip);
  if (st != XXGK_OK) {
    if (xxgk_reg_errstatus(s->reg) == XXGK_E_REFUSED)
      srv_refuse_form(s, q, r, 422, xxgk_reg_errmsg(s->reg), h_apply_form);
    else
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

/* The look-up form: q->refused (or nothing) above it, the typed number
 * kept. */
void h_status_form(struct srv *s, struct srv_req *q, struct srv_resp *r) {
  page_begin_anon_form(s, q, r, "查询办理进度", q->refused, "/status");
  hp(&r->body,
     "<label>受理编号<input name=\"tracking\" required maxlength=\"32\" "
     "placeholder=\"2026-00001\" value=\"%s\"></label>"
     "<label>查询码<input name=\"code\" required maxlength=\"32\" "
     "autocomplete=\"off\"></label>"
     "<button type=\"submit\">查询</button></form>",
     srv_form(q, "tracking"));
  page_end(r);
}

struct status {
  xxgk_buf ev;
  int api, n;
  int awaiting; /* a 补正 asked for and not yet answered */
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
 * date and the outcome; the text of a step addressed to him (what a 补正
 * asks for, the reply and its basis), and his own answer to a 补正 — not
 * the clerk's notes on other steps. */
static int status_event(void *ctx, const xxgk_event *e) {
  struct status *x = ctx;
  const char *out = e->outcome ? srv_outcome_label(e->outcome) : NULL;
  int addressed = e->kind == XXGK_EV_CORRECTION_REQUESTED ||
                  e->kind == XXGK_EV_CORRECTION_RECEIVED ||
                  e->kind == XXGK_EV_REPLY;
  const char *note = addressed ? e->note : NULL;
  const char *basis = e->kind == XXGK_EV_REPLY ? e->basis : NULL;
  if (e->kind == XXGK_EV_CORRECTION_REQUESTED)
    x->awaiting = 1;
  else if (e->kind == XXGK_EV_CORRECTION_RECEIVED)
    x->awaiting = 0;
  if (x->api)
    jp(&x->ev, "%R{\"kind\": %s, \"label\": %s, \"date\": %s, \"outcome\": %s,"
               " \"outcome_label\": %s, \"basis\": %s, \"note\": %s}",
       x->n ? ", " : "", xxgk_event_key(e->kind), xxgk_event_label(e->kind),
       e->date, e->outcome, out, basis, note);
  else
    hp(&x->ev, "<li><time>%s</time> <b>%s</b>%R%s%R%s%R%R%s%R</li>", e->date,
       xxgk_event_label(e->kind), out ? "：" : "", out,
       basis ? "<br><small>依据：" : "", basis, basis ? "</small>" : "",
       note ? "<div class=\"pre note\">" : "", note, note ? "</div>" : "");
  x->n++;
  return 0;
}

/* The application of the request's tracking number and code (checked in
 * constant time, failures throttled per address and number); 0 after
 * answering (400, 403, 429: on the page, the form again with the error
 * and the typed number). */
static int64_t status_open(struct srv *s, struct srv_req *q,
                           struct srv_resp *r) {
  const char *tracking = srv_form(q, "tracking"), *code = srv_form(q, "code");
  const char *error = NULL;
  int status = 400;
  int64_t id = 0;
  if (!tracking || !*tracking || !code || !*code) {
    error = "请填写受理编号和查询码";
  } else if (!srv_throttle_ok(s, q, r, SRV_STATUS, tracking,
                              "查询失败次数太多")) {
    return 0;
  } else if (xxgk_reg_case_code_check(s->reg, tracking, code, &id) != XXGK_OK) {
    /* one answer for a wrong number and a wrong code */
    srv_throttle_failed(s, SRV_STATUS, q->ip, tracking);
    error = "受理编号或查询码不对";
    status = 403;
  }
  if (!error)
    return id;
  srv_refuse_form(s, q, r, status, error, h_status_form);
  return 0;
}

static int count_proof(void *ctx, const xxgk_attachment *a) {
  *(int *)ctx += a->kind == XXGK_ATT_IDENTITY && !a->voided;
  return 0;
}

/* The application's status page (or JSON); `notice`: a message above it,
 * an error when `error`. The page offers the form answering a 补正 while
 * one is awaited. */
static void status_show(struct srv *s, struct srv_req *q, struct srv_resp *r,
                        int64_t id, const char *notice, int error) {
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
  int open = !x.final_kind[0], proofs = 0;
  const char *due_date = open && has_due && due.due[0] ? due.due : NULL;
  /* that the proof arrived, never the proof: the file stays with staff */
  xxgk_reg_attach_list(s->reg, id, count_proof, &proofs);
  if (q->api) {
    r->ctype = "application/json; charset=utf-8";
    r->no_store = 1;
    jp(&r->body,
       "{\"tracking\": %s, \"agency\": %s, \"received\": %s, \"content\": %s,"
       " \"open\": %R, \"due\": %s, \"due_why\": %s, \"provisional_note\": %s,"
       " \"awaiting_correction\": %R, \"identity_proofs\": %d,"
       " \"events\": [%R]}\n",
       x.tracking, x.agency, x.received, x.content, open ? "true" : "false",
       due_date, open && has_due ? due.why : NULL,
       open && has_due && due.provisional ? due.note : NULL,
       open && x.awaiting ? "true" : "false", proofs,
       x.ev.data ? x.ev.data : "");
  } else {
    page_begin(r, q, "办理进度");
    if (notice)
      hp(&r->body, "<p class=\"flash %R\" role=\"%R\">%s</p>",
         error ? "error" : "ok", error ? "alert" : "status", notice);
    hp(&r->body,
       "<dl class=\"facts\"><dt>受理编号</dt><dd>%s</dd><dt>受理机关</dt>"
       "<dd>%s</dd><dt>收到日期</dt><dd>%s</dd><dt>申请内容</dt>"
       "<dd class=\"pre\">%s</dd><dt>状态</dt><dd>%R</dd>"
       "<dt>身份证明</dt><dd>%R</dd>",
       x.tracking, x.agency, x.received, x.content,
       !open ? "已办结" : x.awaiting ? "等待您补正" : "办理中",
       proofs ? "已收到" : "未提交");
    if (due_date) {
      hp(&r->body, "<dt>答复期限</dt><dd id=\"due\">%s", due_date);
      if (due.provisional)
        srv_provisional(&r->body, &due);
      hp(&r->body, "<br><small>%s</small></dd>", due.why);
    }
    else if (open && has_due && due.state == XXGK_DUE_PAUSED)
      hp(&r->body, "<dt>答复期限</dt><dd id=\"due\">%s</dd>", due.why);
    hp(&r->body,
       "</dl><h2>办理过程</h2><ol class=\"timeline\"><li><time>%s</time> "
       "<b>收到申请</b></li>%R</ol>",
       x.received, x.ev.data ? x.ev.data : "");
    if (open && x.awaiting) {
      char csrf[65];
      srv_anon_csrf(s, q, r, csrf);
      /* the number and code come back with the answer: the page was
       * reached by posting them, and is not stored (no-store) */
      hp(&r->body,
         "<h2>提交补正</h2><form method=\"post\" action=\"/status/correction\""
         " class=\"grid\" id=\"correction\"><input type=\"hidden\" "
         "name=\"csrf\" value=\"%s\"><input type=\"hidden\" name=\"tracking\""
         " value=\"%s\"><input type=\"hidden\" name=\"code\" value=\"%s\">"
         "<label class=\"wide\">按补正通知的要求补充或说明（《条例》第三十条）"
         "<textarea name=\"text\" rows=\"5\" required maxlength=\"4000\">%s"
         "</textarea></label><button type=\"submit\">提交补正</button></form>",
         csrf, x.tracking, srv_form(q, "code"), error ? srv_form(q, "text") : NULL);
    }
    page_end(r);
  }
  xxgk_buf_free(&x.ev);
  free(x.agency);
  free(x.content);
}

void h_status(struct srv *s, struct srv_req *q, struct srv_resp *r) {
  int64_t id = status_open(s, q, r);
  if (id)
    status_show(s, q, r, id, NULL, 0);
}

/* The applicant answers a 补正 online: a 收到补正 step dated today with
 * his text (the register refuses it unless a 补正 is awaited); the
 * deadline runs again from today (条例 art. 30). */
void h_status_correction(struct srv *s, struct srv_req *q,
                         struct srv_resp *r) {
  int64_t id = status_open(s, q, r);
  if (!id)
    return;
  const char *text = srv_form(q, "text");
  if (!text || !*text) {
    if (q->api)
      FAIL(r, q, 400, "请填写补正的内容");
    status_show(s, q, r, id, "请填写补正的内容", 1);
    r->status = 400;
    return;
  }
  char today[11];
  xxgk_date_format(srv_today(s), today);
  xxgk_event e = {.case_id = id,
                  .kind = XXGK_EV_CORRECTION_RECEIVED,
                  .date = today,
                  .note = text};
  if (xxgk_reg_event_add(s->reg, &e) != XXGK_OK) {
    if (q->api || xxgk_reg_errstatus(s->reg) != XXGK_E_REFUSED) {
      srv_reg_fail(s, r, q);
      return;
    }
    status_show(s, q, r, id, xxgk_reg_errmsg(s->reg), 1);
    r->status = 422;
    return;
  }
  if (q->api) {
    r->ctype = "application/json; charset=utf-8";
    jp(&r->body, "{\"ok\": true, \"message\": %s, \"event_id\": %D}\n",
       "补正已提交", e.id);
    return;
  }
  status_show(s, q, r, id, "补正已提交。答复期限自今日起重新计算。", 0);
}
