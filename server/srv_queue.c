/*
 * srv_queue.c — the staff's landing page: the work queue (what is due, in
 * the order the deadlines fall, with the counts of each class), filtered
 * by clerk (承办人) and class, sorted by deadline or receipt, exported as
 * CSV or XLSX exactly as filtered — the export asks the register the same
 * query the page does; and assigning an application's clerk. Within the
 * user's agency and its units only; applicants masked.
 */
#include "srv.h"

#include <stdio.h>
#include <string.h>

static const char *const SORTS[][2] = {{"deadline", "期限最近的在前"},
                                       {"deadline-desc", "期限最远的在前"},
                                       {"received", "收到日期最新的在前"}};
#define N_SORTS (int)(sizeof SORTS / sizeof SORTS[0])

/* The filters: ?agency= ?clerk= (any name; "-" the unassigned) ?class=
 * (a class key, "all", or none: the due ones) ?sort=. The clerk's text
 * points into q. 0 after answering 400/403. */
static int queue_args(struct srv *s, struct srv_req *q, struct srv_resp *r,
                      xxgk_queue_query *out) {
  memset(out, 0, sizeof *out);
  out->agency_id = srv_agency_of(s, q, r, srv_query(q, "agency"));
  if (!out->agency_id)
    return 0;
  const char *clerk = srv_query(q, "clerk");
  if (clerk && *clerk)
    out->clerk = strcmp(clerk, "-") == 0 ? "" : clerk;
  const char *cls = srv_query(q, "class");
  if (cls && strcmp(cls, "all") == 0) {
    out->classes = (1u << XXGK_N_QUEUE) - 1;
  } else if (cls && *cls) {
    int k = xxgk_queue_find(cls);
    if (k < 0) {
      srv_error(r, q, 400, "类别“%s”不对，应为 all 或 overdue、today、soon、"
                           "expired、unknown、running、paused", cls);
      return 0;
    }
    out->classes = 1u << k;
  }
  const char *sort = srv_query(q, "sort");
  int o = 0;
  while (sort && *sort && o < N_SORTS && strcmp(sort, SORTS[o][0]) != 0)
    o++;
  if (o == N_SORTS) {
    srv_error(r, q, 400, "排序“%s”不对，应为 deadline、deadline-desc 或 "
                         "received", sort);
    return 0;
  }
  out->order = (xxgk_queue_order)o;
  out->today = srv_today(s);
  return 1;
}

/* The filters as a query string, "&k=v…" (for the export and the counts'
 * links); `skip` leaves one out. */
static void queue_qs(xxgk_buf *b, const struct srv_req *q, const char *skip) {
  static const char *const KEYS[] = {"agency", "clerk", "class", "sort"};
  for (size_t i = 0; i < sizeof KEYS / sizeof KEYS[0]; i++) {
    const char *v = srv_query(q, KEYS[i]);
    if (v && *v && (!skip || strcmp(skip, KEYS[i]) != 0))
      hp(b, "&%R=%u", KEYS[i], v);
  }
}

struct page {
  xxgk_buf *b;
  int api, n, many;
};

static void due_cell(xxgk_buf *b, const xxgk_due *d) {
  if (d->state == XXGK_DUE_RUNNING) {
    hp(b, "%s", d->due);
    if (d->left < 0)
      hp(b, " <small>超期 %d 个工作日</small>", -d->left);
    else
      hp(b, " <small>剩 %d 个工作日</small>", d->left);
  } else if (d->pause_until[0]) {
    hp(b, "暂停至 %s", d->pause_until);
  }
  if (d->remind[0])
    hp(b, "<br><small>%s</small>", d->remind);
  else if (d->state != XXGK_DUE_RUNNING)
    hp(b, "<br><small>%s</small>", d->why);
  if (d->provisional)
    srv_provisional(b, d);
}

static int page_row(void *ctx, const xxgk_case_row *row, xxgk_queue_class k) {
  struct page *p = ctx;
  const xxgk_due *d = row->due;
  char name[256];
  xxgk_mask(row->c.name, name, sizeof name);
  if (p->api) {
    jp(p->b,
       "%R{\"id\": %D, \"tracking\": %s, \"agency\": %s, \"received\": %s,"
       " \"applicant\": %s, \"category\": %s, \"clerk\": %s, \"class\": %s,"
       " \"due\": %s, \"left\": %d, \"pause_until\": %s, \"why\": %s,"
       " \"remind\": %s, \"provisional\": %d}",
       p->n ? ",\n" : "\n", row->c.id, row->c.tracking, row->agency,
       row->c.received, name, row->c.category, row->clerk,
       xxgk_queue_key(k), d->due[0] ? d->due : NULL, d->left,
       d->pause_until[0] ? d->pause_until : NULL, d->why,
       d->remind[0] ? d->remind : NULL, d->provisional);
  } else {
    hp(p->b,
       "<tr class=\"queue-%R\"><td><a href=\"/cases/%D\">%s</a></td>"
       "<td>%s</td>",
       xxgk_queue_key(k), row->c.id, row->c.tracking, row->c.received);
    if (p->many)
      hp(p->b, "<td>%s</td>", row->agency);
    hp(p->b, "<td>%s</td><td>%s</td><td><span class=\"badge %R\">%s</span>"
             "</td><td>",
       name, row->clerk ? row->clerk : "—",
       k == XXGK_QUEUE_OVERDUE ? "overdue"
       : k <= XXGK_QUEUE_UNKNOWN ? "soon" : "ok",
       xxgk_queue_label(k));
    due_cell(p->b, d);
    xxgk_buf_puts(p->b, "</td></tr>");
  }
  p->n++;
  return 0;
}

static void filter_form(xxgk_buf *b, const struct srv_req *q) {
  const char *cls = srv_query(q, "class"), *sort = srv_query(q, "sort");
  hp(b, "<form method=\"get\" action=\"/queue\" class=\"filters\">"
        "<label>承办人<input name=\"clerk\" value=\"%s\" "
        "placeholder=\"姓名；- 为未指定\"></label>"
        "<label>类别<select name=\"class\"><option value=\"\">需要处理的"
        "</option><option value=\"all\"%R>全部未办结</option>",
     srv_query(q, "clerk"), cls && strcmp(cls, "all") == 0 ? " selected" : "");
  for (int k = 0; k < XXGK_N_QUEUE; k++)
    hp(b, "<option value=\"%s\"%R>%s</option>",
       xxgk_queue_key((xxgk_queue_class)k),
       cls && strcmp(cls, xxgk_queue_key((xxgk_queue_class)k)) == 0
           ? " selected"
           : "",
       xxgk_queue_label((xxgk_queue_class)k));
  hp(b, "</select></label><label>排序<select name=\"sort\">");
  for (int o = 0; o < N_SORTS; o++)
    hp(b, "<option value=\"%s\"%R>%s</option>", SORTS[o][0],
       sort && strcmp(sort, SORTS[o][0]) == 0 ? " selected" : "",
       SORTS[o][1]);
  hp(b, "</select></label>");
  if (srv_query(q, "agency"))
    hp(b, "<input type=\"hidden\" name=\"agency\" value=\"%s\">",
       srv_query(q, "agency"));
  hp(b, "<button type=\"submit\">筛选</button> <a href=\"/queue\">清除</a>"
        "</form>");
}

void h_queue(struct srv *s, struct srv_req *q, struct srv_resp *r) {
  xxgk_queue_query qq;
  if (!queue_args(s, q, r, &qq))
    return;
  xxgk_buf rows = {0};
  int64_t counts[XXGK_N_QUEUE];
  struct page p = {&rows, q->api, 0, q->sess->user.n_units > 0};
  if (xxgk_reg_queue(s->reg, &qq, counts, page_row, &p) != XXGK_OK) {
    xxgk_buf_free(&rows);
    srv_reg_fail(s, r, q);
    return;
  }
  xxgk_buf *b = &r->body;
  char today[11];
  xxgk_date_format(qq.today, today);
  if (q->api) {
    r->ctype = "application/json; charset=utf-8";
    r->no_store = 1;
    jp(b, "{\"today\": %s, \"counts\": {", today);
    for (int k = 0; k < XXGK_N_QUEUE; k++)
      jp(b, "%R%s: %D", k ? ", " : "", xxgk_queue_key((xxgk_queue_class)k),
         counts[k]);
    jp(b, "}, \"cases\": [%R]}\n", rows.data ? rows.data : "");
    xxgk_buf_free(&rows);
    return;
  }
  page_begin(r, q, "待办");
  filter_form(b, q);
  hp(b, "<p class=\"counts\">%s：", today);
  for (int k = 0; k < XXGK_N_QUEUE; k++) {
    hp(b, "%R<a href=\"/queue?class=%s", k ? " · " : "",
       xxgk_queue_key((xxgk_queue_class)k));
    queue_qs(b, q, "class");
    hp(b, "\">%s <b>%D</b></a>", xxgk_queue_label((xxgk_queue_class)k),
       counts[k]);
  }
  hp(b, "</p><p class=\"export\"><a class=\"button\" "
        "href=\"/queue/export?format=csv");
  queue_qs(b, q, NULL);
  hp(b, "\">导出 CSV</a> <a class=\"button\" "
        "href=\"/queue/export?format=xlsx");
  queue_qs(b, q, NULL);
  hp(b, "\">导出 Excel</a></p>");
  if (p.n) {
    hp(b, "<table class=\"list\"><thead><tr><th>受理编号</th><th>收到日期</th>"
          "%R<th>申请人</th><th>承办人</th><th>类别</th><th>期限</th></tr>"
          "</thead><tbody>%R</tbody></table>",
       p.many ? "<th>机关</th>" : "", rows.data);
  } else {
    hp(b, "<p>没有符合条件的申请。</p>");
  }
  hp(b, "<p><a href=\"/cases\">全部申请</a></p>");
  page_end(r);
  xxgk_buf_free(&rows);
}

void h_queue_export(struct srv *s, struct srv_req *q, struct srv_resp *r) {
  const char *f = srv_query(q, "format");
  int xlsx = f && strcmp(f, "xlsx") == 0;
  if (!xlsx && (!f || strcmp(f, "csv") != 0))
    FAIL(r, q, 400, "格式“%s”不对，应为 csv 或 xlsx", f ? f : "");
  xxgk_queue_query qq;
  if (!queue_args(s, q, r, &qq))
    return;
  char *bytes;
  size_t n;
  if (xxgk_reg_queue_export(s->reg, &qq, xlsx ? XXGK_QUEUE_XLSX : XXGK_QUEUE_CSV,
                            &bytes, &n) != XXGK_OK) {
    srv_reg_fail(s, r, q);
    return;
  }
  char today[11], name[64];
  xxgk_date_format(qq.today, today);
  snprintf(name, sizeof name, "queue-%s.%s", today, xlsx ? "xlsx" : "csv");
  srv_download(r, bytes, n,
               xlsx ? "application/vnd.openxmlformats-officedocument."
                      "spreadsheetml.sheet"
                    : "text/csv; charset=utf-8",
               name);
}

static int take_agency(void *ctx, const xxgk_case_row *row) {
  *(int64_t *)ctx = row->c.agency_id;
  return 0;
}

void h_case_assign(struct srv *s, struct srv_req *q, struct srv_resp *r) {
  int64_t id = srv_id(q->args[0]), agency = 0;
  if (!id || xxgk_reg_case_get(s->reg, id, take_agency, NULL, &agency) !=
                 XXGK_OK || !agency)
    FAIL(r, q, 404, "申请“%s”不存在", q->args[0]);
  if (!srv_may_see(s, q, agency))
    FAIL(r, q, 403, "无权办理其他机关的申请");
  const char *clerk = srv_form(q, "clerk");
  if (xxgk_reg_case_assign(s->reg, id, clerk) != XXGK_OK) {
    srv_reg_fail(s, r, q);
    return;
  }
  char to[48];
  snprintf(to, sizeof to, "/cases/%lld", (long long)id);
  if (clerk && *clerk)
    srv_done(r, q, to, "已指定承办人：%s", clerk);
  else
    srv_done(r, q, to, "已撤销承办人");
}

void case_assign_html(struct srv_resp *r, const struct srv_req *q,
                      int64_t case_id, const char *clerk) {
  hp(&r->body, "<form method=\"post\" action=\"/cases/%D/assign\" "
               "class=\"inline\">",
     case_id);
  page_csrf(r, q);
  hp(&r->body, "<label>承办人<input name=\"clerk\" value=\"%s\" "
               "maxlength=\"64\" placeholder=\"本机关工作人员姓名\"></label>"
               "<button type=\"submit\">指定</button></form>",
     clerk);
}
