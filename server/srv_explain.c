/*
 * srv_explain.c — /report/cell?year=&agency=&key=: which applications,
 * reviews, records or fee events one figure of the annual report counts
 * (xxgk_reg_report_explain), as a page linked from every figure of the
 * report page, and as JSON under /api/. The list comes from the counting
 * itself, so its length (or its amounts' sum) is the figure.
 */
#include "srv.h"

#include <stdio.h>
#include <string.h>

struct listing {
  xxgk_buf *b;
  int api, n;
};

/* Where an item is seen in the application. */
static void item_href(const xxgk_report_item *it, char *out, size_t cap) {
  if (it->case_id)
    snprintf(out, cap, "/cases/%lld", (long long)it->case_id);
  else if (it->kind == XXGK_ITEM_REVIEW)
    snprintf(out, cap, "/reviews");
  else
    snprintf(out, cap, "/records");
}

static int list_item(void *ctx, const xxgk_report_item *it) {
  struct listing *l = ctx;
  char v[40], href[64];
  xxgk_num_format(it->value, v);
  item_href(it, href, sizeof href);
  if (l->api) {
    jp(l->b, "%R{\"kind\": %s, \"id\": %D, \"case_id\": ",
       l->n ? ", " : "", xxgk_item_key(it->kind), it->id);
    jp_num(l->b, it->case_id != 0, it->case_id);
    jp(l->b,
       ", \"ref\": %s, \"agency\": %s, \"date\": %s, \"detail\": %s, "
       "\"value\": %R}",
       it->ref, it->agency, it->date, it->detail, v);
  } else {
    hp(l->b,
       "<tr><td><a href=\"%s\">%s</a></td><td>%s</td><td>%s</td>"
       "<td>%s</td><td class=\"num\">%s</td></tr>",
       href, it->ref, it->agency, it->date, it->detail, v);
  }
  l->n++;
  return 0;
}

void h_report_cell(struct srv *s, struct srv_req *q, struct srv_resp *r) {
  const char *key = srv_query(q, "key");
  xxgk_buf items = XXGK_BUF_INIT;
  struct listing l = {&items, q->api, 0};
  xxgk_report_cell cell;
  if (xxgk_reg_report_explain(s->reg, q->report.agency, q->report.year, key,
                              &cell, list_item, &l) != XXGK_OK) {
    xxgk_buf_free(&items);
    srv_reg_fail(s, r, q);
    return;
  }
  char v[40];
  xxgk_num_format(cell.value, v);
  xxgk_buf *b = &r->body;
  r->no_store = 1;
  if (q->api) {
    r->ctype = "application/json; charset=utf-8";
    jp(b,
       "{\"agency_id\": %D, \"year\": %d, \"key\": %s, \"label\": %s, "
       "\"value\": %R, \"money\": %R, \"count\": %D, \"items\": [%R]}\n",
       q->report.agency, q->report.year, key, cell.label, v,
       cell.money ? "true" : "false", cell.n_items,
       items.data ? items.data : "");
    xxgk_buf_free(&items);
    return;
  }
  char title[512];
  snprintf(title, sizeof title, "%d 年报告：%s", q->report.year, cell.label);
  page_begin(r, q, title);
  hp(b,
     "<p><a href=\"/report?year=%d&agency=%D\">← 返回年度报告</a></p>"
     "<p class=\"figure\">该数字为 <b>%s</b>%R，共计入 %D 项：</p>",
     q->report.year, q->report.agency, v,
     cell.money ? "（以下各项金额之和）" : "", cell.n_items);
  if (cell.n_items)
    hp(b, "<div class=\"wide-table\"><table class=\"list\"><thead><tr>"
          "<th>编号或名称</th><th>机关</th><th>日期</th><th>情况</th>"
          "<th>计入</th></tr></thead><tbody>%R</tbody></table></div>",
       items.data);
  xxgk_buf_free(&items);
  page_end(r);
}
