/*
 * srv_files.c — an application's files and deliveries over HTTP, all under
 * the application's path so that one check of the user's scope (his agency
 * and its units) covers them: POST /cases/{id}/attachments (multipart, off
 * the request threads like every upload), GET /cases/{id}/attachments/{n}
 * (the bytes as stored, their media type, a download named as uploaded),
 * POST …/attachments/{n}/void, POST /cases/{id}/deliveries and
 * POST …/deliveries/{n}/void; and their part of the case page and its
 * JSON.
 */
#include "srv.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The application of the path's first '*', the user's to see: its id, or
 * 0 after answering 404 or 403. */
static int64_t scoped_case(struct srv *s, struct srv_req *q,
                           struct srv_resp *r) {
  int64_t id = srv_id(q->args[0]), agency = id ? srv_case_agency(s, id) : 0;
  if (!agency) {
    srv_error(r, q, 404, "没有申请“%s”", q->args[0]);
    return 0;
  }
  if (!srv_may_see(s, q, agency)) {
    srv_error(r, q, 403, "无权查看或处理其他机关的申请");
    return 0;
  }
  return id;
}

static const char *given(const struct srv_req *q, const char *name) {
  const char *v = srv_form(q, name);
  return v && *v ? v : NULL;
}

/* The file's name as the user named it, into out: without the directory
 * some browsers send, and with the quote browsers send as %22 (HTML's
 * multipart encoding; %0A and %0D stay, a name holds no line break). */
static const char *base_name(const char *name, char *out, size_t cap) {
  const char *b = name;
  for (const char *p = name; *p; p++)
    if (*p == '/' || *p == '\\')
      b = p + 1;
  size_t n = 0;
  for (; *b && n + 1 < cap; b++) {
    int quote = strncmp(b, "%22", 3) == 0;
    out[n++] = quote ? '"' : *b;
    b += quote ? 2 : 0;
  }
  out[n] = 0;
  return out;
}

static void refused(struct srv *s, struct srv_req *q, struct srv_resp *r) {
  /* a copy: the page's own reads of the register reset its message */
  char msg[768];
  snprintf(msg, sizeof msg, "%s", xxgk_reg_errmsg(s->reg));
  if (xxgk_reg_errstatus(s->reg) == XXGK_E_REFUSED)
    srv_refuse_form(s, q, r, 422, msg, h_case);
  else
    srv_reg_fail(s, r, q);
}

int srv_attach_upload(struct srv *s, int64_t case_id,
                      const struct srv_param *file, xxgk_attach_kind kind,
                      int64_t event_id, xxgk_attachment *out) {
  char name[256];
  *out =
      (xxgk_attachment){.case_id = case_id,
                        .event_id = event_id,
                        .kind = kind,
                        .name = base_name(file->filename, name, sizeof name)};
  int rc =
      xxgk_reg_attach(s->reg, out, file->value, file->len) == XXGK_OK ? 0 : -1;
  out->name = NULL; /* it was this function's copy */
  return rc;
}

const struct srv_param *srv_identity(struct srv *s, const struct srv_req *q,
                                     int *bad) {
  const struct srv_param *p = srv_form_param(q, "identity");
  *bad = 0;
  /* a form whose file field was left empty sends a part with no name */
  if (!p || !p->filename || !p->filename[0])
    return NULL;
  char name[256];
  *bad =
      xxgk_reg_attach_check(s->reg, base_name(p->filename, name, sizeof name),
                            p->value, p->len) != XXGK_OK;
  return p;
}

void h_attach_upload(struct srv *s, struct srv_req *q, struct srv_resp *r) {
  int64_t id = scoped_case(s, q, r);
  if (!id)
    return;
  const struct srv_param *file = srv_form_param(q, "file");
  if (!file || !file->filename || !file->filename[0]) {
    srv_refuse_form(s, q, r, 400, "请选择要上传的文件", h_case);
    return;
  }
  const char *k = given(q, "kind");
  int kind = xxgk_attach_find(k ? k : "other");
  if (kind < 0) {
    srv_refuse_form(s, q, r, 400, "附件类别不对", h_case);
    return;
  }
  xxgk_attachment a;
  if (srv_attach_upload(s, id, file, (xxgk_attach_kind)kind,
                        srv_id(given(q, "event")), &a) != 0) {
    refused(s, q, r);
    return;
  }
  char to[48], extra[160];
  snprintf(to, sizeof to, "/cases/%lld", (long long)id);
  snprintf(extra, sizeof extra,
           "\"attachment_id\": %lld, \"sha256\": \"%s\", \"size\": %lld,"
           " \"media_type\": \"%s\"",
           (long long)a.id, a.sha256, (long long)a.size, a.media_type);
  srv_done_extra(r, q, to, extra, "已上传附件（%s，%lld 字节）",
                 xxgk_attach_label(a.kind), (long long)a.size);
}

struct serve {
  int64_t case_id;
  struct srv_resp *r;
  int found;
};

static int serve_file(void *ctx, const xxgk_attachment *a, const void *bytes,
                      size_t n) {
  struct serve *x = ctx;
  if (a->case_id != x->case_id)
    return 1;
  x->found = 1;
  xxgk_buf_put(&x->r->body, bytes, n);
  x->r->ctype = a->media_type;
  srv_disposition(x->r, a->name);
  return 1;
}

void h_attach_get(struct srv *s, struct srv_req *q, struct srv_resp *r) {
  int64_t id = scoped_case(s, q, r), n = srv_id(q->args[1]);
  if (!id)
    return;
  struct serve x = {id, r, 0};
  if (n && xxgk_reg_attach_get(s->reg, n, serve_file, &x) != XXGK_OK &&
      xxgk_reg_errstatus(s->reg) != XXGK_E_REFUSED) {
    srv_reg_fail(s, r, q);
    return;
  }
  if (!x.found)
    FAIL(r, q, 404, "申请 %lld 没有附件“%s”", (long long)id, q->args[1]);
}

/* Whether an attachment, delivery or event `id` is one of the
 * application's. */
struct member {
  int64_t id;
  int found;
};

static int no_case(void *ctx, const xxgk_case_row *row) {
  (void)ctx;
  (void)row;
  return 0;
}

static int is_event(void *ctx, const xxgk_event *e) {
  struct member *m = ctx;
  m->found |= e->id == m->id;
  return 0;
}

int srv_case_has_event(struct srv *s, int64_t case_id, int64_t event_id) {
  struct member m = {event_id, 0};
  if (event_id)
    xxgk_reg_case_get(s->reg, case_id, no_case, is_event, &m);
  return m.found;
}

static int is_file(void *ctx, const xxgk_attachment *a) {
  struct member *m = ctx;
  m->found |= a->id == m->id;
  return 0;
}

static int is_delivery(void *ctx, const xxgk_delivery *d) {
  struct member *m = ctx;
  m->found |= d->id == m->id;
  return 0;
}

static void void_row(struct srv *s, struct srv_req *q, struct srv_resp *r,
                     int delivery) {
  int64_t id = scoped_case(s, q, r);
  if (!id)
    return;
  struct member m = {srv_id(q->args[1]), 0};
  if (delivery)
    xxgk_reg_delivery_list(s->reg, id, is_delivery, &m);
  else
    xxgk_reg_attach_list(s->reg, id, is_file, &m);
  const char *what = delivery ? "送达记录" : "附件";
  if (!m.found)
    FAIL(r, q, 404, "申请 %lld 没有%s“%s”", (long long)id, what, q->args[1]);
  const char *reason = srv_form(q, "reason");
  if ((delivery ? xxgk_reg_delivery_void(s->reg, m.id, reason)
                : xxgk_reg_attach_void(s->reg, m.id, reason)) != XXGK_OK) {
    refused(s, q, r);
    return;
  }
  char to[48];
  snprintf(to, sizeof to, "/cases/%lld", (long long)id);
  srv_done(r, q, to, "已作废%s %lld（保留在登记簿和审计日志中）", what,
           (long long)m.id);
}

void h_attach_void(struct srv *s, struct srv_req *q, struct srv_resp *r) {
  void_row(s, q, r, 0);
}

void h_delivery_void(struct srv *s, struct srv_req *q, struct srv_resp *r) {
  void_row(s, q, r, 1);
}

void h_delivery_add(struct srv *s, struct srv_req *q, struct srv_resp *r) {
  int64_t id = scoped_case(s, q, r);
  if (!id)
    return;
  int64_t event = srv_id(srv_form(q, "event"));
  if (!event || !srv_case_has_event(s, id, event)) {
    srv_refuse_form(s, q, r, 422, "请选择所送达的文书（本申请的办理记录）",
                    h_case);
    return;
  }
  xxgk_delivery d = {.event_id = event,
                     .method = srv_form(q, "method"),
                     .number = given(q, "number"),
                     .date = srv_form(q, "date"),
                     .note = given(q, "note")};
  if (xxgk_reg_delivery_add(s->reg, &d) != XXGK_OK) {
    refused(s, q, r);
    return;
  }
  char to[48];
  snprintf(to, sizeof to, "/cases/%lld", (long long)id);
  const char *warn = xxgk_reg_warning(s->reg);
  srv_done_id(r, q, to, "delivery_id", d.id, "已登记送达：%s %s%s%s", d.method,
              d.date, warn[0] ? "。注意：" : "", warn);
}

/* ## The case page's part */

struct part {
  const struct srv_req *q;
  xxgk_buf *b;
  int64_t case_id;
  int n;
};

static int file_json(void *ctx, const xxgk_attachment *a) {
  struct part *p = ctx;
  jp(p->b,
     "%R{\"id\": %D, \"event_id\": %D, \"kind\": %s, \"label\": %s,"
     " \"name\": %s, \"media_type\": %s, \"size\": %D, \"sha256\": %s,"
     " \"at\": %s, \"who\": %s, \"voided\": %s, \"href\": \"/cases/%D/"
     "attachments/%D\"}",
     p->n ? ",\n" : "\n", a->id, a->event_id, xxgk_attach_key(a->kind),
     xxgk_attach_label(a->kind), a->name, a->media_type, a->size, a->sha256,
     a->at, a->who, a->voided, p->case_id, a->id);
  p->n++;
  return 0;
}

static int delivery_json(void *ctx, const xxgk_delivery *d) {
  struct part *p = ctx;
  jp(p->b,
     "%R{\"id\": %D, \"event_id\": %D, \"event_kind\": %s, \"method\": %s,"
     " \"number\": %s, \"date\": %s, \"note\": %s, \"voided\": %s}",
     p->n ? ",\n" : "\n", d->id, d->event_id, xxgk_event_key(d->kind),
     d->method, d->number, d->date, d->note, d->voided);
  p->n++;
  return 0;
}

void case_files_json(struct srv *s, xxgk_buf *b, int64_t case_id) {
  struct part p = {NULL, b, case_id, 0};
  xxgk_buf_puts(b, ", \"attachments\": [");
  xxgk_reg_attach_list(s->reg, case_id, file_json, &p);
  xxgk_buf_puts(b, "], \"deliveries\": [");
  p.n = 0;
  xxgk_reg_delivery_list(s->reg, case_id, delivery_json, &p);
  xxgk_buf_puts(b, "]");
}

/* The end of row `id` of `what` ("attachments", "deliveries") in its list:
 * the reason it was voided, or a small form voiding it. */
static void row_end(struct part *p, const char *what, int64_t id,
                    const char *voided) {
  if (voided)
    hp(p->b, " <span class=\"badge\">已作废</span> <small>%s</small>", voided);
  else
    hp(p->b,
       "<form method=\"post\" action=\"/cases/%D/%s/%D/void\" class=\"inline\">"
       "<input type=\"hidden\" name=\"csrf\" value=\"%s\">"
       "<input name=\"reason\" required maxlength=\"200\" "
       "placeholder=\"作废理由\""
       " aria-label=\"作废理由\"><button type=\"submit\">作废</button>"
       "</form>",
       p->case_id, what, id, p->q->sess->csrf);
  xxgk_buf_puts(p->b, "</li>");
  p->n++;
}

static int file_html(void *ctx, const xxgk_attachment *a) {
  struct part *p = ctx;
  hp(p->b,
     "<li><a href=\"/cases/%D/attachments/%D\">%s</a> <b>%s</b> "
     "<small>%s，%D 字节，%T %s 上传",
     p->case_id, a->id, a->name, xxgk_attach_label(a->kind), a->media_type,
     a->size, a->at, a->who);
  if (a->event_id)
    hp(p->b, "，属办理记录 %D", a->event_id);
  hp(p->b, "<br>SHA-256 <code>%s</code></small>", a->sha256);
  row_end(p, "attachments", a->id, a->voided);
  return 0;
}

static int delivery_html(void *ctx, const xxgk_delivery *d) {
  struct part *p = ctx;
  hp(p->b, "<li><time>%s</time> <b>%s</b> 送达（%s%R%s，办理记录 %D）", d->date,
     xxgk_event_label(d->kind), d->method, d->number ? "，邮件号 " : "",
     d->number, d->event_id);
  if (d->note)
    hp(p->b, "<br><small>%s</small>", d->note);
  row_end(p, "deliveries", d->id, d->voided);
  return 0;
}

struct options {
  xxgk_buf *b;
  const char *sel; /* the event chosen before, or NULL */
  int sent_only;   /* only the documents the office sends */
};

/* The application's events not voided as <option>s. */
static int event_option(void *ctx, const xxgk_event *e) {
  struct options *x = ctx;
  if (e->voided || (x->sent_only && !xxgk_event_sent(e->kind)))
    return 0;
  char id[24];
  snprintf(id, sizeof id, "%lld", (long long)e->id);
  hp(x->b, "<option value=\"%D\"%R>%s %s（记录 %D）</option>", e->id,
     x->sel && strcmp(x->sel, id) == 0 ? " selected" : "", e->date,
     xxgk_event_label(e->kind), e->id);
  return 0;
}

/* The end of a list of the application's files or deliveries (（无） when
 * p wrote no item) and the opening of the form that adds one, posting to
 * /cases/{id}/`path` with the form's attributes `attrs` (trusted). */
static void list_end_form(struct srv_resp *r, const struct part *p,
                          const char *path, const char *attrs) {
  if (!p->n)
    hp(p->b, "<li>（无）</li>");
  hp(p->b, "</ul><form method=\"post\" action=\"/cases/%D/%R\" %R>", p->case_id,
     path, attrs);
  page_csrf(r, p->q);
}

void case_files_html(struct srv *s, struct srv_req *q, struct srv_resp *r,
                     int64_t case_id) {
  xxgk_buf *b = &r->body;
  struct part p = {q, b, case_id, 0};
  char today[11];
  xxgk_date_format(srv_today(s), today);
  hp(b, "<h2>附件</h2><ul class=\"files\">");
  xxgk_reg_attach_list(s->reg, case_id, file_html, &p);
  list_end_form(r, &p, "attachments",
                "enctype=\"multipart/form-data\" class=\"grid\" "
                "id=\"attach-form\"");
  /* "other" unless chosen: a file never becomes personal data by default */
  const char *kind = srv_form(q, "kind") ? srv_form(q, "kind") : "other";
  hp(b,
     "<label>文件（%s，至多 %d MB）<input type=\"file\" name=\"file\" "
     "required accept=\".pdf,.jpg,.jpeg,.png,.tif,.tiff,.docx,.doc\">"
     "</label><label>类别<select name=\"kind\">",
     xxgk_attach_types(), XXGK_ATTACH_MAX / (1024 * 1024));
  for (int k = 0; k < XXGK_N_ATT; k++)
    hp(b, "<option value=\"%s\"%R>%s</option>",
       xxgk_attach_key((xxgk_attach_kind)k),
       strcmp(kind, xxgk_attach_key((xxgk_attach_kind)k)) == 0
           ? " selected"
           : "",
       xxgk_attach_label((xxgk_attach_kind)k));
  struct options x = {b, srv_form(q, "event"), 0};
  hp(b, "</select></label><label>所属办理记录<select name=\"event\">"
        "<option value=\"\">（只属于申请）</option>");
  xxgk_reg_case_get(s->reg, case_id, no_case, event_option, &x);
  hp(b, "</select></label><button type=\"submit\">上传</button></form>");

  hp(b, "<h2>送达</h2><ul class=\"files\">");
  p.n = 0;
  xxgk_reg_delivery_list(s->reg, case_id, delivery_html, &p);
  list_end_form(r, &p, "deliveries", "class=\"grid\" id=\"delivery-form\"");
  hp(b, "<label>所送达的文书<select name=\"event\" required>");
  x.sent_only = 1;
  xxgk_reg_case_get(s->reg, case_id, no_case, event_option, &x);
  hp(b, "</select></label><label>送达方式<select name=\"method\">");
  const char *m = srv_form(q, "method"), *date = srv_form(q, "date");
  for (const char *const *v = xxgk_delivery_methods; *v; v++)
    hp(b, "<option%R>%s</option>", m && strcmp(m, *v) == 0 ? " selected" : "",
       *v);
  hp(b,
     "</select></label><label>邮件号<input name=\"number\" maxlength=\"64\" "
     "value=\"%s\"></label><label>送达日期<input type=\"date\" name=\"date\" "
     "value=\"%s\" required></label><label class=\"wide\">说明<input "
     "name=\"note\" maxlength=\"500\" value=\"%s\"></label>"
     "<button type=\"submit\">登记送达</button></form>",
     srv_form(q, "number"), date ? date : today, srv_form(q, "note"));
}
