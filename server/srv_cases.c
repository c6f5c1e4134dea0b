/*
 * srv_cases.c — applications (依申请公开) in the browser and the API: the
 * list with its due-date state (overdue, due within 3 working days, on
 * time), filters, search and paging; registering one; the detail page
 * with the timeline of events and the register's actions (补正, 征求意见,
 * 延期, 收费, 答复, 撤回). Personal data is masked in lists and shown whole
 * only on the detail page, to a user of that agency or its oversight.
 *
 * Rows come from the register inside its read transaction, so they are
 * copied out (struct crow), with the deadline the register computed for
 * each open one of the page in the same read.
 */
#include "srv.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define STR_(x) #x
#define STR(x) STR_(x)

struct crow {
  int64_t id, agency_id;
  char *tracking, *channel, *received, *category, *name, *id_number,
      *contact, *content, *delivery, *agency, *final_kind, *final_date,
      *outcome, *clerk;
  char *mem; /* owns the strings above, one allocation a row */
  int has_due;
  xxgk_due due; /* last: take_row zeroes what is before it */
};

struct crows {
  struct crow *v;
  int n, cap;
};

static int take_row(void *ctx, const xxgk_case_row *c) {
  struct crows *l = ctx;
  l->v = srv_grow(l->v, l->n, &l->cap, sizeof *l->v);
  struct crow *w = &l->v[l->n++];
  /* all but the deadline (most of the struct), which is read only with
   * has_due: copied below, or computed later */
  memset(w, 0, offsetof(struct crow, due));
  w->id = c->c.id;
  w->agency_id = c->c.agency_id;
  const char *from[] = {c->c.tracking, c->c.channel,    c->c.received,
                        c->c.category, c->c.name,       c->c.id_number,
                        c->c.contact,  c->c.content,    c->c.delivery,
                        c->agency,     c->final_kind,   c->final_date,
                        c->outcome,    c->clerk};
  char **to[] = {&w->tracking, &w->channel,    &w->received, &w->category,
                 &w->name,     &w->id_number,  &w->contact,  &w->content,
                 &w->delivery, &w->agency,     &w->final_kind,
                 &w->final_date, &w->outcome,  &w->clerk};
  enum { N = sizeof from / sizeof from[0] };
  size_t len[N], n = 0;
  for (size_t i = 0; i < N; i++)
    n += len[i] = from[i] ? strlen(from[i]) + 1 : 0;
  char *p = w->mem = xxgk_malloc(n); /* every byte written: not zeroed */
  for (size_t i = 0; i < N; i++)
    if (from[i]) {
      memcpy(p, from[i], len[i]);
      *to[i] = p;
      p += len[i];
    }
  if (c->due) {
    w->has_due = 1;
    w->due = *c->due;
  }
  return 0;
}

static void crow_free(struct crow *w) { free(w->mem); }

static void crows_free(struct crows *l) {
  for (int i = 0; i < l->n; i++)
    crow_free(&l->v[i]);
  free(l->v);
  memset(l, 0, sizeof *l);
}

static void compute_due(struct srv *s, struct crow *w) {
  if (w->final_kind || w->has_due)
    return;
  w->has_due = xxgk_reg_case_due(s->reg, w->id, srv_today(s), &w->due) ==
               XXGK_OK;
}

/* "overdue", "soon", "ok", "paused", "closed", "unknown" */
static const char *due_key(const struct crow *w) {
  if (w->final_kind)
    return "closed";
  if (!w->has_due)
    return "unknown";
  switch (w->due.state) {
  case XXGK_DUE_RUNNING:
    return w->due.left < 0                ? "overdue"
           : w->due.left <= XXGK_DUE_SOON ? "soon"
                                          : "ok";
  case XXGK_DUE_PAUSED: return "paused";
  case XXGK_DUE_CLOSED: return "closed";
  default: return "unknown";
  }
}

static void due_badge(xxgk_buf *b, const struct crow *w) {
  const char *k = due_key(w);
  if (strcmp(k, "closed") == 0) {
    const char *what = w->outcome ? srv_outcome_label(w->outcome)
                                  : w->final_kind;
    int ev = xxgk_event_find(w->final_kind);
    hp(b, "<span class=\"badge closed\">已办结</span> <small>%s %s%s%s</small>",
       w->final_date, ev >= 0 ? xxgk_event_label((xxgk_event_kind)ev) : "",
       ev == XXGK_EV_REPLY ? "：" : "", ev == XXGK_EV_REPLY ? what : "");
  } else if (strcmp(k, "overdue") == 0) {
    hp(b, "<span class=\"badge overdue\">已逾期 %d 个工作日</span> "
          "<small>期限 %s</small>",
       -w->due.left, w->due.due);
  } else if (strcmp(k, "soon") == 0 && w->due.left == 0) {
    hp(b, "<span class=\"badge soon\">今日到期</span> <small>期限 %s</small>",
       w->due.due);
  } else if (strcmp(k, "soon") == 0) {
    hp(b, "<span class=\"badge soon\">%d 个工作日内到期</span> "
          "<small>期限 %s</small>",
       w->due.left, w->due.due);
  } else if (strcmp(k, "ok") == 0) {
    hp(b, "<span class=\"badge ok\">按期办理中</span> "
          "<small>期限 %s，剩 %d 个工作日</small>",
       w->due.due, w->due.left);
  } else if (strcmp(k, "paused") == 0) {
    hp(b, "<span class=\"badge paused\">计时暂停</span> <small>%s</small>",
       w->due.why);
    if (w->due.remind[0])
      hp(b, " <span class=\"badge soon\">%s 已到期</span> <small>%s</small>",
         w->due.pause_until, w->due.remind);
    else if (w->due.pause_until[0])
      hp(b, " <small>所等待的步骤期限至 %s</small>", w->due.pause_until);
    if (w->due.counted_from[0])
      hp(b, " <small>%s</small>", w->due.counted_from);
  } else {
    hp(b, "<span class=\"badge\">期限未知</span> <small>%s</small>",
       w->has_due ? w->due.why : "");
  }
  if (strcmp(k, "closed") != 0 && w->has_due && w->due.provisional)
    srv_provisional(b, &w->due);
}

static void due_json(xxgk_buf *b, const struct crow *w) {
  jp(b, "{\"state\": %s", due_key(w));
  if (w->has_due && !w->final_kind)
    jp(b, ", \"due\": %s, \"limit\": %d, \"used\": %d, \"left\": %d,"
          " \"why\": %s",
       w->due.due[0] ? w->due.due : NULL, w->due.limit, w->due.used,
       w->due.left, w->due.why[0] ? w->due.why : NULL);
  if (w->has_due && !w->final_kind && w->due.provisional)
    jp(b, ", \"provisional\": %d, \"provisional_note\": %s",
       w->due.provisional, w->due.note);
  if (w->has_due && !w->final_kind && w->due.pause_until[0])
    jp(b, ", \"pause_until\": %s, \"remind\": %s", w->due.pause_until,
       w->due.remind[0] ? w->due.remind : NULL);
  if (w->has_due && !w->final_kind && w->due.counted_from[0])
    jp(b, ", \"counted_from\": %s", w->due.counted_from);
  xxgk_buf_puts(b, "}");
}

/* At most `chars` characters of s (UTF-8), "…" if cut. */
static void short_text(xxgk_buf *b, const char *s, int chars) {
  if (!s)
    return;
  size_t i = 0;
  int n = 0;
  while (s[i] && n < chars) {
    unsigned char c = (unsigned char)s[i];
    i += c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    n++;
  }
  size_t len = strlen(s);
  if (i > len)
    i = len;
  char *cut = srv_strndup(s, i);
  xxgk_esc_html(b, cut);
  free(cut);
  if (s[i])
    xxgk_buf_puts(b, "…");
}

static int valid_date_or_empty(const char *s) {
  xxgk_date d;
  return !s || !*s || xxgk_date_parse(s, &d) == 0;
}

/* ## The list */

/* What a list shows of an applicant: a natural person's name, and any
 * applicant's ID number and contact, masked (personal data); the name of
 * a company or an organisation whole (a legal person's name is no
 * personal data, and the office needs it to tell applicants apart). */
struct masked {
  char name[256], id[256], contact[256];
};

static const char *mask_applicant(const struct crow *w, struct masked *m) {
  xxgk_mask(w->id_number, m->id, sizeof m->id);
  xxgk_mask(w->contact, m->contact, sizeof m->contact);
  if (strcmp(w->category, "natural_person") != 0)
    return w->name;
  xxgk_mask(w->name, m->name, sizeof m->name);
  return m->name;
}

static void case_json(xxgk_buf *b, const struct crow *w, int masked) {
  struct masked m;
  const char *name = w->name, *id = w->id_number, *contact = w->contact;
  if (masked) {
    name = mask_applicant(w, &m);
    id = id ? m.id : NULL;
    contact = contact ? m.contact : NULL;
  }
  jp(b,
     "{\"id\": %D, \"tracking\": %s, \"agency_id\": %D, \"agency\": %s,"
     " \"channel\": %s, \"received\": %s, \"category\": %s,"
     " \"applicant\": %s, \"id_number\": %s, \"contact\": %s,"
     " \"content\": %s, \"delivery\": %s, \"final_kind\": %s,"
     " \"final_date\": %s, \"outcome\": %s, \"clerk\": %s, \"due\": ",
     w->id, w->tracking, w->agency_id, w->agency, w->channel, w->received,
     w->category, name, id, contact, w->content, w->delivery, w->final_kind,
     w->final_date, w->outcome, w->clerk);
  due_json(b, w);
  xxgk_buf_puts(b, "}");
}

static void filter_form(xxgk_buf *b, struct srv *s, struct srv_req *q) {
  const char *st = srv_query(q, "state");
  static const char *const STATES[][2] = {
      {"", "全部"},
      {"open", "办理中"},
      {"overdue", "已逾期"},
      {"soon", STR(XXGK_DUE_SOON) "个工作日内到期"},
      {"closed", "已办结"}};
  hp(b, "<form method=\"get\" action=\"/cases\" class=\"filters\">"
        "<label>状态<select name=\"state\">");
  for (size_t i = 0; i < sizeof STATES / sizeof STATES[0]; i++)
    hp(b, "<option value=\"%s\"%R>%s</option>", STATES[i][0],
       st && strcmp(st, STATES[i][0]) == 0 ? " selected" : "", STATES[i][1]);
  hp(b, "</select></label><label>办理结果<select name=\"outcome\">"
        "<option value=\"\">全部</option>");
  srv_outcome_options(b, srv_query(q, "outcome"));
  hp(b, "</select></label><label>申请人类型<select name=\"category\">"
        "<option value=\"\">全部</option>");
  srv_category_options(b, srv_query(q, "category"));
  hp(b,
     "</select></label>"
     "<label>收到日期自<input type=\"date\" name=\"from\" value=\"%s\"></label>"
     "<label>至<input type=\"date\" name=\"to\" value=\"%s\"></label>"
     "<label>搜索<input type=\"search\" name=\"q\" value=\"%s\" "
     "placeholder=\"编号、申请人或内容\"></label>"
     "<label>联系电话<input type=\"search\" name=\"phone\" value=\"%s\" "
     "inputmode=\"tel\" placeholder=\"号码或其中几位\"></label>",
     srv_query(q, "from"), srv_query(q, "to"), srv_query(q, "q"),
     srv_query(q, "phone"));
  if (q->sess->user.n_units)
    srv_agency_select(b, s, q, "agency", srv_id(srv_query(q, "agency")),
                      "全部单位");
  hp(b, "<button type=\"submit\">筛选</button> <a href=\"/cases\">清除</a>"
        "</form>");
}

/* The current filters as a query string (for paging links). */
static void filter_qs(xxgk_buf *b, const struct srv_req *q) {
  static const char *const KEYS[] = {"state", "outcome", "category",
                                     "from",  "to",      "q",
                                     "phone", "agency",  "per"};
  for (size_t i = 0; i < sizeof KEYS / sizeof KEYS[0]; i++) {
    const char *v = srv_query(q, KEYS[i]);
    if (v && *v)
      hp(b, "&%R=%u", KEYS[i], v);
  }
}

void h_cases(struct srv *s, struct srv_req *q, struct srv_resp *r) {
  int64_t agency = srv_agency_of(s, q, r, srv_param(q, "agency"));
  if (!agency)
    return;
  const char *state = srv_query(q, "state");
  const char *outcome = srv_query(q, "outcome");
  const char *category = srv_query(q, "category");
  const char *from = srv_query(q, "from"), *to = srv_query(q, "to");
  int64_t page = srv_query(q, "page") ? srv_id(srv_query(q, "page")) : 1;
  int64_t per = srv_query(q, "per") ? srv_id(srv_query(q, "per"))
                                    : SRV_PAGE_SIZE;
  int due_filter = 0;
  xxgk_case_query cq = {.agency_id = agency,
                        .outcome = outcome,
                        .category = category,
                        .from = from,
                        .to = to,
                        .search = srv_query(q, "q"),
                        .contact = srv_query(q, "phone"),
                        .today = srv_today(s)};
  if (!state || !*state)
    cq.state = XXGK_CASES_ALL;
  else if (strcmp(state, "open") == 0)
    cq.state = XXGK_CASES_OPEN;
  else if (strcmp(state, "closed") == 0)
    cq.state = XXGK_CASES_CLOSED;
  else if (strcmp(state, "overdue") == 0 || strcmp(state, "soon") == 0)
    due_filter = 1, cq.state = XXGK_CASES_OPEN;
  else
    FAIL(r, q, 400, "状态“%s”不对，应为 open、closed、overdue、soon", state);
  if (outcome && *outcome && !srv_is_outcome(outcome))
    FAIL(r, q, 400, "办理结果“%s”不对", outcome);
  if (category && *category && !srv_is_category(category))
    FAIL(r, q, 400, "申请人类型“%s”不对", category);
  if (!valid_date_or_empty(from) || !valid_date_or_empty(to))
    FAIL(r, q, 400, "日期应为 YYYY-MM-DD");
  if (page < 1 || per < 1 || per > SRV_MAX_PAGE_SIZE)
    FAIL(r, q, 400, "页码或每页条数不对（每页 1 至 %d 条）",
                     SRV_MAX_PAGE_SIZE);
  if (page > 1000000)
    FAIL(r, q, 400, "页码太大");
  struct crows l = {0};
  int64_t total = 0;
  if (!due_filter) {
    cq.limit = per;
    cq.offset = (page - 1) * per;
  }
  if (xxgk_reg_case_query(s->reg, &cq, &total, take_row, &l) != XXGK_OK) {
    crows_free(&l);
    srv_reg_fail(s, r, q);
    return;
  }
  if (due_filter) {
    /* The deadline needs the calendar: filter the open ones here. */
    int k = 0;
    for (int i = 0; i < l.n; i++) {
      compute_due(s, &l.v[i]);
      if (strcmp(due_key(&l.v[i]), state) == 0)
        l.v[k++] = l.v[i];
      else
        crow_free(&l.v[i]);
    }
    l.n = k;
    total = k;
    int64_t off = (page - 1) * per, end = off + per;
    k = 0;
    for (int i = 0; i < l.n; i++) {
      if (i >= off && i < end)
        l.v[k++] = l.v[i];
      else
        crow_free(&l.v[i]);
    }
    l.n = k;
  }
  for (int i = 0; i < l.n; i++)
    compute_due(s, &l.v[i]);
  xxgk_buf *b = &r->body;
  if (q->api) {
    r->ctype = "application/json; charset=utf-8";
    r->no_store = 1;
    jp(b, "{\"total\": %D, \"page\": %D, \"per\": %D, \"today\": ", total,
       page, per);
    char today[11];
    xxgk_date_format(srv_today(s), today);
    jp(b, "%s, \"cases\": [", today);
    /* A row is some 600 bytes: room for the page at once, not doubled
     * from 64 bytes with a copy each time. */
    xxgk_buf_reserve(b, (size_t)l.n * 1024);
    for (int i = 0; i < l.n; i++) {
      xxgk_buf_puts(b, i ? ",\n" : "\n");
      case_json(b, &l.v[i], 1);
    }
    xxgk_buf_puts(b, "]}\n");
    crows_free(&l);
    return;
  }
  page_begin(r, q, "申请登记");
  filter_form(b, s, q);
  int64_t pages = (total + per - 1) / per;
  hp(b, "<p class=\"count\">共 %D 件%R</p>", total,
     total ? "" : "，没有符合条件的申请");
  if (l.n) {
    int many = q->sess->user.n_units > 0;
    hp(b, "<table class=\"list\"><thead><tr><th>受理编号</th><th>收到日期</th>"
          "%R<th>申请人</th><th>证件号</th><th>联系方式</th><th>类型</th>"
          "<th>申请内容</th><th>承办人</th><th>办理状态</th></tr></thead>"
          "<tbody>",
       many ? "<th>机关</th>" : "");
    for (int i = 0; i < l.n; i++) {
      const struct crow *w = &l.v[i];
      struct masked m;
      const char *mn = mask_applicant(w, &m), *mi = m.id, *mc = m.contact;
      hp(b, "<tr class=\"due-%R\"><td><a href=\"/cases/%D\">%s</a></td>"
            "<td>%s</td>",
         due_key(w), w->id, w->tracking, w->received);
      if (many)
        hp(b, "<td>%s</td>", w->agency);
      hp(b, "<td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>", mn, mi, mc,
         srv_category_label(w->category));
      short_text(b, w->content, 24);
      hp(b, "</td><td>%s</td><td>", w->clerk ? w->clerk : "—");
      due_badge(b, w);
      xxgk_buf_puts(b, "</td></tr>");
    }
    xxgk_buf_puts(b, "</tbody></table>");
  }
  if (pages > 1) {
    hp(b, "<nav class=\"pager\">第 %D / %D 页 ", page, pages);
    if (page > 1) {
      hp(b, "<a href=\"/cases?page=%D", page - 1);
      filter_qs(b, q);
      xxgk_buf_puts(b, "\">上一页</a> ");
    }
    if (page < pages) {
      hp(b, "<a href=\"/cases?page=%D", page + 1);
      filter_qs(b, q);
      xxgk_buf_puts(b, "\">下一页</a>");
    }
    xxgk_buf_puts(b, "</nav>");
  }
  page_end(r);
  crows_free(&l);
}

/* ## Registering */

void h_case_new_form(struct srv *s, struct srv_req *q, struct srv_resp *r) {
  xxgk_buf *b = &r->body;
  char today[11];
  xxgk_date_format(srv_today(s), today);
  page_begin(r, q, "登记新申请");
  hp(b, "<form method=\"post\" action=\"/cases\" class=\"grid\" "
        "enctype=\"multipart/form-data\">");
  page_csrf(r, q);
  hp(b, "<label>受理机关<select name=\"agency_id\" required>");
  srv_agency_options(b, s, q, q->sess->user.agency_id);
  hp(b, "</select></label><label>申请渠道<select name=\"channel\">");
  static const char *const CH[] = {"当面", "邮寄", "网络", "传真", "其他"};
  for (size_t i = 0; i < 5; i++)
    hp(b, "<option>%s</option>", CH[i]);
  hp(b,
     "</select></label>"
     "<label>收到日期<input type=\"date\" name=\"received\" value=\"%s\" "
     "required></label>"
     "<label>申请人类型<select name=\"category\">",
     today);
  srv_category_options(b, "natural_person");
  hp(b,
     "</select></label>"
     "<label>申请人姓名或名称<input name=\"name\" required maxlength=\"200\">"
     "</label>"
     "<label>身份证件号码<input name=\"id_number\" maxlength=\"64\"></label>"
     "<label>联系方式<input name=\"contact\" maxlength=\"200\"></label>"
     "<label>身份证明（扫描件，条例第二十九条）<input type=\"file\" "
     "name=\"identity\" accept=\".pdf,.jpg,.jpeg,.png,.tif,.tiff\"></label>"
     "<label>获取信息的方式<input name=\"delivery\" maxlength=\"64\" "
     "placeholder=\"纸质、电子邮件……\"></label>"
     "<label class=\"wide\">申请公开的政府信息内容"
     "<textarea name=\"content\" rows=\"4\" required maxlength=\"4000\">"
     "</textarea></label>"
     "<button type=\"submit\">登记</button></form>");
  page_end(r);
}

static const char *nz(const char *s) { return s && *s ? s : NULL; }

void h_case_create(struct srv *s, struct srv_req *q, struct srv_resp *r) {
  const char *ag = srv_form(q, "agency_id");
  int64_t agency = ag ? srv_id(ag) : q->sess->user.agency_id;
  if (!agency)
    FAIL(r, q, 400, "受理机关编号“%s”不对", ag);
  if (!srv_may_see(s, q, agency))
    FAIL(r, q, 403, "无权为机关 %lld 登记申请", (long long)agency);
  xxgk_case c = {.agency_id = agency,
                 .channel = srv_form(q, "channel"),
                 .received = srv_form(q, "received"),
                 .category = srv_form(q, "category"),
                 .name = srv_form(q, "name"),
                 .id_number = nz(srv_form(q, "id_number")),
                 .contact = nz(srv_form(q, "contact")),
                 .content = srv_form(q, "content"),
                 .delivery = nz(srv_form(q, "delivery"))};
  int bad = 0;
  const struct srv_param *identity = srv_identity(s, q, &bad);
  xxgk_attachment proof;
  if (bad || xxgk_reg_case_new(s->reg, &c) != XXGK_OK ||
      (identity && srv_attach_upload(s, c.id, identity, XXGK_ATT_IDENTITY, 0,
                                     &proof) != 0)) {
    srv_reg_fail(s, r, q);
    return;
  }
  char to[48];
  snprintf(to, sizeof to, "/cases/%lld", (long long)c.id);
  srv_done_id(r, q, to, "id", c.id, "已登记申请 %lld", (long long)c.id);
}

/* ## One application */

struct detail {
  struct crows one;
  xxgk_buf events; /* the timeline, HTML or JSON */
  int n_events, api;
};

static int take_event(void *ctx, const xxgk_event *e) {
  struct detail *d = ctx;
  const char *label = xxgk_event_label(e->kind);
  if (d->api) {
    jp(&d->events,
       "%R{\"id\": %D, \"kind\": %s, \"label\": %s, \"date\": %s,"
       " \"outcome\": %s, \"basis\": %s, \"note\": %s, \"amount\": %D,"
       " \"until\": %s, \"warning\": %s, \"late\": %R, \"voided\": %s}",
       d->n_events ? ",\n" : "\n", e->id, xxgk_event_key(e->kind), label,
       e->date, e->outcome, e->basis, e->note, e->amount, e->until,
       e->warning, e->late ? "true" : "false", e->voided);
  } else {
    hp(&d->events, "<li><time>%s</time> <b>%s</b>", e->date, label);
    if (e->voided)
      hp(&d->events, " <span class=\"badge\">已作废</span> <small>%s</small>",
         e->voided);
    if (e->late)
      hp(&d->events, " <span class=\"badge overdue\">逾期答复</span>");
    if (e->outcome)
      hp(&d->events, "：%s", srv_outcome_label(e->outcome));
    if (e->basis)
      hp(&d->events, "<br><small>依据：%s</small>", e->basis);
    if (e->kind == XXGK_EV_FEE_NOTICE)
      hp(&d->events, "<br><small>%s %D，信息处理费 %D 元</small>",
         e->method == XXGK_FEE_BY_PAGE ? "按量收费，页数" : "按件收费，件数",
         e->quantity, e->amount);
    if (e->note)
      hp(&d->events, "<br><small>%s</small>", e->note);
    if (e->warning)
      hp(&d->events, "<br><small>注意：%s</small>", e->warning);
    xxgk_buf_puts(&d->events, "</li>");
  }
  d->n_events++;
  return 0;
}

/* The step form; after a refused step, the error above it and what was
 * typed kept (the request's fields). */
static void event_form(xxgk_buf *b, struct srv *s, struct srv_req *q,
                       struct srv_resp *r, const struct crow *w,
                       const char *error) {
  char today[11];
  xxgk_date_format(srv_today(s), today);
  const char *kind = srv_form(q, "kind"), *date = srv_form(q, "date");
  const char *outcome = srv_form(q, "outcome"), *m = srv_form(q, "method");
  int by_piece = m && strcmp(m, "by_piece") == 0;
  hp(b, "<h2>登记办理环节</h2><form method=\"post\" action=\"/cases/%D/events\""
        " class=\"grid\" id=\"event-form\">",
     w->id);
  if (error)
    hp(b, "<p class=\"flash error wide\" role=\"alert\">%s</p>", error);
  page_csrf(r, q);
  hp(b, "<label>环节<select name=\"kind\" id=\"event-kind\">");
  for (int k = 0; k < XXGK_N_EVENTS; k++) {
    const char *key = xxgk_event_key((xxgk_event_kind)k);
    hp(b, "<option value=\"%s\"%R>%s</option>", key,
       (kind ? strcmp(kind, key) == 0 : k == XXGK_EV_REPLY) ? " selected" : "",
       xxgk_event_label((xxgk_event_kind)k));
  }
  hp(b, "</select></label>"
        "<label>日期<input type=\"date\" name=\"date\" value=\"%s\" required>"
        "</label>"
        "<label data-for=\"reply\">办理结果<select name=\"outcome\">",
     date ? date : today);
  srv_outcome_options(b, outcome ? outcome : "granted");
  hp(b,
     "</select></label>"
     "<label data-for=\"reply\" class=\"wide\">法律依据<input name=\"basis\" "
     "maxlength=\"200\" placeholder=\"如：《条例》第三十六条第（二）项\" "
     "value=\"%s\"></label>"
     "<label data-for=\"fee_notice\">收费方式<select name=\"method\">"
     "<option value=\"by_page\">按量（页数）</option>"
     "<option value=\"by_piece\"%R>按件</option></select></label>"
     "<label data-for=\"fee_notice\">数量<input type=\"number\" "
     "name=\"quantity\" min=\"1\" max=\"100000\" value=\"%s\"></label>"
     "<label class=\"wide\">说明（补正通知要求补充什么、答复的内容：申请人在"
     "查询进度页面看得到）<input name=\"note\" maxlength=\"1000\" "
     "value=\"%s\"></label><button type=\"submit\">登记</button></form>",
     srv_form(q, "basis"), by_piece ? " selected" : "",
     srv_form(q, "quantity"), srv_form(q, "note"));
}

/* One application's page (or JSON); q->refused: a refused step, shown on
 * its form. */
void h_case(struct srv *s, struct srv_req *q, struct srv_resp *r) {
  int64_t id = srv_id(q->args[0]);
  if (!id)
    FAIL(r, q, 404, "没有申请“%s”", q->args[0]);
  struct detail d = {.api = q->api};
  if (xxgk_reg_case_get(s->reg, id, take_row, take_event, &d) != XXGK_OK ||
      d.one.n != 1) {
    crows_free(&d.one);
    xxgk_buf_free(&d.events);
    FAIL(r, q, 404, "申请 %lld 不存在", (long long)id);
  }
  struct crow *w = &d.one.v[0];
  if (!srv_may_see(s, q, w->agency_id)) {
    crows_free(&d.one);
    xxgk_buf_free(&d.events);
    FAIL(r, q, 403, "无权查看其他机关的申请");
  }
  compute_due(s, w);
  xxgk_buf *b = &r->body;
  if (q->api) {
    r->ctype = "application/json; charset=utf-8";
    r->no_store = 1;
    xxgk_buf_puts(b, "{\"case\": ");
    case_json(b, w, 0);
    jp(b, ", \"events\": [%R]", d.events.data ? d.events.data : "");
    case_files_json(s, b, w->id);
    xxgk_buf_puts(b, "}\n");
  } else {
    char title[96];
    snprintf(title, sizeof title, "申请 %s", w->tracking);
    page_begin(r, q, title);
    hp(b, "<p>");
    due_badge(b, w);
    hp(b,
       "</p><dl class=\"facts\"><dt>受理机关</dt><dd>%s</dd>"
       "<dt>申请渠道</dt><dd>%s</dd><dt>收到日期</dt><dd>%s</dd>"
       "<dt>申请人类型</dt><dd>%s</dd><dt>申请人</dt><dd>%s</dd>"
       "<dt>身份证件号码</dt><dd>%s</dd><dt>联系方式</dt><dd>%s</dd>"
       "<dt>获取方式</dt><dd>%s</dd><dt>申请内容</dt><dd class=\"pre\">%s</dd>"
       "<dt>承办人</dt><dd>%s</dd></dl><h2>办理过程</h2><ol class=\"timeline\">"
       "<li><time>%s</time> <b>收到申请</b>（%s）</li>%R</ol>",
       w->agency, w->channel, w->received, srv_category_label(w->category),
       w->name, w->id_number ? w->id_number : "—",
       w->contact ? w->contact : "—", w->delivery ? w->delivery : "—",
       w->content, w->clerk ? w->clerk : "未指定", w->received, w->channel,
       d.events.data ? d.events.data : "");
    case_assign_html(r, q, w->id, w->clerk);
    case_docs_html(b, w->id);
    case_files_html(s, q, r, w->id);
    if (!w->final_kind)
      event_form(b, s, q, r, w, q->refused);
    else if (q->refused)
      hp(b, "<p class=\"flash error\" role=\"alert\">%s</p>", q->refused);
    hp(b, "<p><a href=\"/cases\">返回列表</a></p>");
    page_end(r);
  }
  crows_free(&d.one);
  xxgk_buf_free(&d.events);
}

void h_case_event(struct srv *s, struct srv_req *q, struct srv_resp *r) {
  int64_t id = srv_id(q->args[0]);
  if (!id)
    FAIL(r, q, 404, "没有申请“%s”", q->args[0]);
  struct detail d = {.api = 1};
  if (xxgk_reg_case_get(s->reg, id, take_row, NULL, &d) != XXGK_OK ||
      d.one.n != 1) {
    crows_free(&d.one);
    FAIL(r, q, 404, "申请 %lld 不存在", (long long)id);
  }
  int64_t agency = d.one.v[0].agency_id;
  crows_free(&d.one);
  if (!srv_may_see(s, q, agency))
    FAIL(r, q, 403, "无权办理其他机关的申请");
  const char *kind = srv_form(q, "kind");
  int k = xxgk_event_find(kind);
  if (k < 0) {
    srv_refuse_form(s, q, r, 400, "请选择办理环节", h_case);
    return;
  }
  xxgk_event e = {.case_id = id,
                  .kind = (xxgk_event_kind)k,
                  .date = srv_form(q, "date"),
                  .note = nz(srv_form(q, "note")),
                  .until = nz(srv_form(q, "until"))};
  if (k == XXGK_EV_REPLY) {
    e.outcome = srv_form(q, "outcome");
    e.basis = nz(srv_form(q, "basis"));
  }
  if (k == XXGK_EV_FEE_NOTICE) {
    const char *m = srv_form(q, "method");
    e.method = m && strcmp(m, "by_piece") == 0 ? XXGK_FEE_BY_PIECE
                                                : XXGK_FEE_BY_PAGE;
    e.quantity = srv_id(srv_form(q, "quantity"));
    if (e.quantity < 1) {
      srv_refuse_form(s, q, r, 400, "收费通知需要页数或件数（正整数）", h_case);
      return;
    }
  }
  if (xxgk_reg_event_add(s->reg, &e) != XXGK_OK) {
    if (xxgk_reg_errstatus(s->reg) == XXGK_E_REFUSED)
      srv_refuse_form(s, q, r, 422, xxgk_reg_errmsg(s->reg), h_case);
    else
      srv_reg_fail(s, r, q);
    return;
  }
  char to[48];
  snprintf(to, sizeof to, "/cases/%lld", (long long)id);
  srv_done_id(r, q, to, "event_id", e.id, "已登记：%s %s",
              xxgk_event_label(e.kind), e.date ? e.date : "");
}

/* ## Each unit's deadlines at a glance (an oversight office's page) */

struct unit_tally {
  int64_t id;
  int open, overdue, soon;
};

struct overview {
  struct srv *s;
  struct srv_req *q;
  xxgk_buf *b;
  struct unit_tally *t;
  int n;
  int rows;
};

static int overview_row(void *ctx, const xxgk_agency *a, int depth) {
  struct overview *x = ctx;
  if (!srv_may_see(x->s, x->q, a->id))
    return 0;
  struct unit_tally z = {a->id, 0, 0, 0}, *t = &z;
  for (int i = 0; i < x->n; i++)
    if (x->t[i].id == a->id)
      t = &x->t[i];
  if (x->q->api)
    jp(x->b,
       "%R{\"agency_id\": %D, \"agency\": %s, \"open\": %d, \"overdue\": %d,"
       " \"soon\": %d}",
       x->rows ? ",\n" : "\n", a->id, a->name, t->open, t->overdue, t->soon);
  else
    hp(x->b,
       "<tr%R><td>%R%s</td><td class=\"num\"><a href=\"/cases?agency=%D"
       "&amp;state=open\">%d</a></td><td class=\"num\"><a href=\"/cases?"
       "agency=%D&amp;state=overdue\">%d</a></td><td class=\"num\"><a "
       "href=\"/cases?agency=%D&amp;state=soon\">%d</a></td></tr>",
       t->overdue ? " class=\"due-overdue\"" : "", depth ? "　" : "", a->name,
       a->id, t->open, a->id, t->overdue, a->id, t->soon);
  x->rows++;
  return 0;
}

/* Counts are each agency's own applications (not its units'): one row per
 * unit, so that the office sees which unit is late. */
void h_overdue(struct srv *s, struct srv_req *q, struct srv_resp *r) {
  xxgk_case_query cq = {.agency_id = q->sess->user.agency_id,
                        .state = XXGK_CASES_OPEN,
                        .today = srv_today(s)};
  struct crows l = {0};
  if (xxgk_reg_case_query(s->reg, &cq, NULL, take_row, &l) != XXGK_OK) {
    crows_free(&l);
    srv_reg_fail(s, r, q);
    return;
  }
  struct overview x = {s, q, &r->body, NULL, 0, 0};
  x.t = srv_alloc((size_t)(l.n + 1) * sizeof *x.t);
  for (int i = 0; i < l.n; i++) {
    struct crow *w = &l.v[i];
    compute_due(s, w);
    struct unit_tally *t = NULL;
    for (int k = 0; k < x.n && !t; k++)
      if (x.t[k].id == w->agency_id)
        t = &x.t[k];
    if (!t)
      t = &x.t[x.n++], *t = (struct unit_tally){w->agency_id, 0, 0, 0};
    const char *k = due_key(w);
    t->open++;
    t->overdue += strcmp(k, "overdue") == 0;
    t->soon += strcmp(k, "soon") == 0;
  }
  crows_free(&l);
  char today[11];
  xxgk_date_format(srv_today(s), today);
  if (q->api) {
    r->ctype = "application/json; charset=utf-8";
    jp(&r->body, "{\"today\": %s, \"units\": [", today);
  } else {
    page_begin(r, q, "各单位办理期限");
    hp(&r->body,
       "<p>截至 %s，各单位（不含其下级单位）办理中的申请，按《条例》第三十三条"
       "的答复期限计。点数字看申请。</p><div class=\"scroll\"><table "
       "class=\"list overview\"><thead><tr><th>单位</th><th class=\"num\">办理中</th>"
       "<th class=\"num\">已逾期</th><th class=\"num\">%d个工作日内到期</th></tr></thead><tbody>",
       today, XXGK_DUE_SOON);
  }
  if (xxgk_reg_agency_list(s->reg, overview_row, &x) != XXGK_OK) {
    free(x.t);
    xxgk_buf_free(&r->body);
    srv_reg_fail(s, r, q);
    return;
  }
  free(x.t);
  if (q->api) {
    xxgk_buf_puts(&r->body, "]}\n");
  } else {
    hp(&r->body, "</tbody></table></div>");
    page_end(r);
  }
}
