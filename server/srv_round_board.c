/*
 * srv_round_board.c — the office's side of a round: the list of rounds
 * and opening one, the board (one row per unit, filtered by state,
 * lateness and errors; a unit's board is its own row), the late units,
 * publishing the approved reports into the corpus.
 */
#include "srv_round.h"
#include "xxgk_corpus.h"

#include <stdio.h>
#include <string.h>

struct rows {
  struct srv_req *q;
  int64_t round;
  xxgk_buf *b;
  int n;
};

static int board_row(void *ctx, const xxgk_board_row *w) {
  struct rows *o = ctx;
  if (o->q->api) {
    xxgk_buf_puts(o->b, o->n ? ",\n " : "\n ");
    srv_round_row_json(o->b, w);
  } else {
    char late[48];
    srv_round_late_text(late, sizeof late, w);
    hp(o->b,
       "<tr class=\"%R\"><td><a href=\"/rounds/%D/units/%D\">%s</a>"
       "</td><td>",
       w->late_days ? "due-overdue" : "", o->round, w->agency_id, w->agency);
    srv_round_state_badge(o->b, w->state);
    hp(o->b,
       "</td><td class=\"num\">%d</td><td class=\"num\">%d</td>"
       "<td class=\"num\">%d</td><td class=\"num\">%d</td>",
       w->version, w->errors, w->warnings, w->notices);
    if (w->score >= 0)
      hp(o->b, "<td class=\"num\">%d</td>", w->score);
    else
      hp(o->b, "<td class=\"num\">—</td>");
    hp(o->b, "<td>%T%s</td><td>%s</td></tr>", w->submitted,
       w->submitted ? "" : "—", late);
  }
  o->n++;
  return 0;
}

/* The board's rows (f), or with f NULL the late units', into *rows
 * (freed here on failure): their number, or -1 after answering. */
static int read_rows(struct rq *x, const xxgk_board_filter *f, xxgk_buf *rows) {
  struct rows o = {x->q, x->id, rows, 0};
  xxgk_status st = f ? xxgk_round_board(x->rd, x->id, f, board_row, &o)
                     : xxgk_round_late(x->rd, x->id, board_row, &o);
  if (st != XXGK_OK) {
    xxgk_buf_free(rows);
    srv_round_fail(x);
    return -1;
  }
  return o.n;
}

static void board_table(xxgk_buf *b, const xxgk_buf *rows) {
  hp(b,
     "<div class=\"scroll\"><table class=\"list board\"><thead><tr>"
     "<th>单位</th><th>状态</th><th class=\"num\">版本</th>"
     "<th class=\"num\">错误</th><th class=\"num\">警告</th>"
     "<th class=\"num\">提示</th><th class=\"num\">得分</th>"
     "<th>报送时间</th><th>期限</th></tr></thead><tbody>%R</tbody>"
     "</table></div>",
     rows->data ? rows->data : "");
}

/* ## Rounds: the list and opening one */

static int list_round(void *ctx, const xxgk_round_info *i) {
  struct rows *l = ctx;
  if (l->q->api) {
    jp(l->b,
       "%R{\"id\": %D, \"office_id\": %D, \"office\": %s, \"year\": %d,"
       " \"due\": %s, \"units\": %d}",
       l->n ? ",\n " : "\n ", i->id, i->office_id, i->office, i->year, i->due,
       i->units);
  } else {
    /* the office goes to its board, a unit to its own page */
    if (i->office_id == l->q->sess->user.agency_id)
      hp(l->b, "<tr><td><a href=\"/rounds/%D\">%d 年度</a></td>", i->id,
         i->year);
    else
      hp(l->b, "<tr><td><a href=\"/rounds/%D/units/%D\">%d 年度</a></td>",
         i->id, l->q->sess->user.agency_id, i->year);
    hp(l->b, "<td>%s</td><td>%s</td><td class=\"num\">%d</td></tr>", i->office,
       i->due, i->units);
  }
  l->n++;
  return 0;
}

/* The page of the rounds, with the form opening one (an office's user);
 * q->refused: a refused opening, shown on the form with what was typed. */
void h_rounds(struct srv *s, struct srv_req *q, struct srv_resp *r) {
  xxgk_round *rd = srv_round_handle(s, q, r);
  if (!rd)
    return;
  xxgk_buf rows = {0};
  struct rows l = {q, 0, &rows, 0};
  if (xxgk_round_list(rd, q->sess->user.agency_id, list_round, &l) != XXGK_OK) {
    xxgk_buf_free(&rows);
    srv_fail_of(xxgk_round_reg(rd), r, q);
    return;
  }
  xxgk_buf *b = &r->body;
  if (q->api) {
    srv_json_answer(r);
    jp(b, "{\"rounds\": [%R]}\n", rows.data ? rows.data : "");
    xxgk_buf_free(&rows);
    return;
  }
  page_begin(r, q, "年报报送");
  if (q->refused)
    hp(b, "<p class=\"flash error\" role=\"alert\">%s</p>", q->refused);
  if (q->sess->user.n_units) {
    int year = xxgk_date_year(srv_today(s)) - 1;
    char due[16], def[16];
    snprintf(due, sizeof due, "%04d-01-31", year + 1);
    snprintf(def, sizeof def, "%d", year);
    const char *y = srv_form(q, "year"), *d = srv_form(q, "due");
    hp(b, "<form method=\"post\" action=\"/rounds\" class=\"grid\">");
    page_csrf(r, q);
    hp(b,
       "<label>报告年度<input name=\"year\" inputmode=\"numeric\" "
       "required value=\"%s\"></label><label>报送截止日期<input "
       "name=\"due\" type=\"date\" required value=\"%s\"></label>"
       "<p class=\"wide count\">部门的年度报告在 1 月 31 日前报送，本级政府"
       "的在 3 月 31 日前（条例第四十九条）；下级各单位都要报送。</p>"
       "<button type=\"submit\">开启报送</button></form>",
       y ? y : def, d ? d : due);
  }
  if (l.n)
    hp(b,
       "<div class=\"scroll\"><table class=\"list\"><thead><tr>"
       "<th>年度</th><th>政务公开办</th><th>截止日期</th>"
       "<th class=\"num\">单位数</th></tr></thead><tbody>%R</tbody>"
       "</table></div>",
       rows.data);
  else
    hp(b, "<p class=\"empty\">还没有报送轮次。</p>");
  page_end(r);
  xxgk_buf_free(&rows);
}

void h_round_open(struct srv *s, struct srv_req *q, struct srv_resp *r) {
  if (!q->sess->user.n_units)
    FAIL(r, q, 403, "只有政务公开办（有下级单位的机关）才能开启报送");
  xxgk_round *rd = srv_round_handle(s, q, r);
  if (!rd)
    return;
  const char *y = srv_form(q, "year"), *due = srv_form(q, "due");
  int64_t year = srv_id(y);
  int64_t id;
  if (!year || year > 9999) {
    srv_refuse_form(s, q, r, 400, "请填写报告年度（如 2025）", h_rounds);
    return;
  }
  if (xxgk_round_new(rd, q->sess->user.agency_id, (int)year, due ? due : "",
                     &id) != XXGK_OK) {
    srv_refuse_form(s, q, r, 422, xxgk_round_errmsg(rd), h_rounds);
    return;
  }
  char to[48];
  snprintf(to, sizeof to, "/rounds/%lld", (long long)id);
  srv_done_id(r, q, to, "id", id, "已开启 %lld 年度报送，截止 %s",
              (long long)year, due);
}

/* ## The office's board */

static int board_filter(struct rq *x, xxgk_board_filter *f) {
  const char *st = srv_query(x->q, "state"), *late = srv_query(x->q, "late"),
             *err = srv_query(x->q, "errors");
  *f = (xxgk_board_filter){.state = -1};
  if (st && *st && (f->state = xxgk_unit_state_find(st)) < 0) {
    srv_error(x->r, x->q, 400,
              "状态“%s”不对，应为 pending、submitted、errors、"
              "returned、approved 或 published",
              st);
    return 0;
  }
  f->late_only = late && strcmp(late, "1") == 0;
  f->errors_only = err && strcmp(err, "1") == 0;
  /* a unit sees its own row only, whatever it asks */
  if (!x->office)
    f->agency_id = x->q->sess->user.agency_id;
  return 1;
}

static void filter_form(xxgk_buf *b, const struct rq *x,
                        const xxgk_board_filter *f) {
  hp(b,
     "<form method=\"get\" action=\"/rounds/%D\" class=\"filters\">"
     "<label>状态<select name=\"state\"><option value=\"\">全部</option>",
     x->id);
  for (int k = 0; k < XXGK_N_UNIT_STATES; k++)
    hp(b, "<option value=\"%s\"%R>%s</option>",
       xxgk_unit_state_key((xxgk_unit_state)k),
       f->state == k ? " selected" : "",
       xxgk_unit_state_label((xxgk_unit_state)k));
  hp(b,
     "</select></label><label class=\"check\"><input type=\"checkbox\" "
     "name=\"late\" value=\"1\"%R>只看逾期</label><label class=\"check\">"
     "<input type=\"checkbox\" name=\"errors\" value=\"1\"%R>只看有错误"
     "</label><button type=\"submit\">筛选</button> <a href=\"/rounds/%D\">"
     "清除</a></form>",
     f->late_only ? " checked" : "", f->errors_only ? " checked" : "", x->id);
}

static int count_state(void *ctx, const xxgk_board_row *w) {
  int *counts = ctx;
  counts[w->state]++;
  counts[XXGK_N_UNIT_STATES] += w->late_days > 0;
  return 0;
}

/* The units in each state (and the late ones), each a link to the board
 * filtered by it: the office's overview of the round at a glance. */
static void state_counts(xxgk_buf *b, struct rq *x) {
  int counts[XXGK_N_UNIT_STATES + 1] = {0};
  xxgk_board_filter all = {.state = -1};
  if (xxgk_round_board(x->rd, x->id, &all, count_state, counts) != XXGK_OK)
    return;
  hp(b, "<p class=\"counts\">");
  for (int k = 0; k < XXGK_N_UNIT_STATES; k++)
    hp(b, "%R<a href=\"/rounds/%D?state=%s\">%s <b>%d</b></a>", k ? " · " : "",
       x->id, xxgk_unit_state_key((xxgk_unit_state)k),
       xxgk_unit_state_label((xxgk_unit_state)k), counts[k]);
  hp(b, " · <a href=\"/rounds/%D?late=1\">逾期 <b>%d</b></a></p>", x->id,
     counts[XXGK_N_UNIT_STATES]);
}

void h_round(struct srv *s, struct srv_req *q, struct srv_resp *r) {
  struct rq x;
  xxgk_board_filter f;
  if (!srv_round_load(s, q, r, &x) || !board_filter(&x, &f))
    return;
  if (!x.office && !q->api) { /* a unit's board is its own page */
    char to[64];
    x.unit = q->sess->user.agency_id;
    srv_round_unit_url(to, sizeof to, &x);
    srv_redirect(r, to);
    return;
  }
  xxgk_buf rows = {0};
  int n = read_rows(&x, &f, &rows);
  if (n < 0)
    return;
  xxgk_buf *b = &r->body;
  if (q->api) {
    srv_json_answer(r);
    jp(b,
       "{\"round\": {\"id\": %D, \"office_id\": %D, \"office\": %s,"
       " \"year\": %d, \"due\": %s, \"units\": %d}, \"rows\": [%R]}\n",
       x.id, x.office_id, x.office_name, x.year, x.due, x.units,
       rows.data ? rows.data : "");
    xxgk_buf_free(&rows);
    return;
  }
  char title[64];
  snprintf(title, sizeof title, "%d 年度报告报送", x.year);
  page_begin(r, q, title);
  hp(b,
     "<dl class=\"facts\"><dt>政务公开办</dt><dd>%s</dd><dt>截止日期</dt>"
     "<dd>%s</dd><dt>单位</dt><dd>%d 个</dd></dl>",
     x.office_name, x.due, x.units);
  state_counts(b, &x);
  filter_form(b, &x, &f);
  if (n)
    board_table(b, &rows);
  else
    hp(b, "<p class=\"empty\">没有符合条件的单位。</p>");
  hp(b, "<p class=\"export\">");
  for (int k = 0; k < 2; k++) {
    hp(b, "<a class=\"button\" href=\"/rounds/%D/export?format=%R", x.id,
       k ? "xlsx" : "csv");
    static const char *const KEYS[] = {"state", "late", "errors"};
    for (size_t i = 0; i < sizeof KEYS / sizeof KEYS[0]; i++) {
      const char *v = srv_query(q, KEYS[i]);
      if (v && *v)
        hp(b, "&amp;%R=%u", KEYS[i], v);
    }
    hp(b, "\">%R</a> ", k ? "导出 Excel" : "导出 CSV");
  }
  hp(b, "</p>");
  hp(b,
     "<p><a class=\"button\" href=\"/rounds/%D/late\">逾期未报送的单位</a>"
     "</p><form method=\"post\" action=\"/rounds/%D/publish\" "
     "class=\"inline\">",
     x.id, x.id);
  page_csrf(r, q);
  hp(b, "<button type=\"submit\">发布已通过的报告</button></form>");
  page_end(r);
  xxgk_buf_free(&rows);
}

void h_round_late(struct srv *s, struct srv_req *q, struct srv_resp *r) {
  struct rq x;
  if (!srv_round_load(s, q, r, &x) || !srv_round_as_office(&x))
    return;
  xxgk_buf rows = {0};
  int n = read_rows(&x, NULL, &rows);
  if (n < 0)
    return;
  xxgk_buf *b = &r->body;
  if (q->api) {
    srv_json_answer(r);
    jp(b, "{\"due\": %s, \"late\": [%R]}\n", x.due, rows.data ? rows.data : "");
    xxgk_buf_free(&rows);
    return;
  }
  page_begin(r, q, "逾期未报送的单位");
  hp(b,
     "<p>截止日期 %s 已过、尚未报送（或退回后未再报送）的单位，逾期最久的"
     "在前：</p>",
     x.due);
  if (n)
    board_table(b, &rows);
  else
    hp(b, "<p class=\"empty\">没有逾期未报送的单位。</p>");
  hp(b, "<p><a href=\"/rounds/%D\">返回报送情况</a></p>", x.id);
  page_end(r);
  xxgk_buf_free(&rows);
}

/* The board as the office sends it on, filtered as the page is:
 * ?format=xlsx|csv (the library's table, xxgk_round_board_export). */
void h_round_export(struct srv *s, struct srv_req *q, struct srv_resp *r) {
  struct rq x;
  xxgk_board_filter f;
  if (!srv_round_load(s, q, r, &x) || !srv_round_as_office(&x) ||
      !board_filter(&x, &f))
    return;
  const char *fmt = srv_query(q, "format");
  int xlsx = fmt && strcmp(fmt, "xlsx") == 0;
  if (!xlsx && (!fmt || strcmp(fmt, "csv") != 0))
    FAIL(r, q, 400, "格式“%s”不对，应为 csv 或 xlsx", fmt ? fmt : "");
  char *bytes;
  size_t n;
  if (xxgk_round_board_export(x.rd, x.id, &f,
                              xlsx ? XXGK_QUEUE_XLSX : XXGK_QUEUE_CSV, &bytes,
                              &n) != XXGK_OK) {
    srv_round_fail(&x);
    return;
  }
  char name[64];
  snprintf(name, sizeof name, "round-%lld-%d.%s", (long long)x.id, x.year,
           xlsx ? "xlsx" : "csv");
  srv_download(r, bytes, n,
               xlsx ? "application/vnd.openxmlformats-officedocument."
                      "spreadsheetml.sheet"
                    : "text/csv; charset=utf-8",
               name);
}

void h_round_publish(struct srv *s, struct srv_req *q, struct srv_resp *r) {
  struct rq x;
  if (!srv_round_load(s, q, r, &x) || !srv_round_as_office(&x))
    return;
  xxgk_corpus *c;
  if (xxgk_corpus_open(s->o.db, XXGK_OPT_CREATE, &c) != XXGK_OK) {
    srv_error(r, q, 500, "无法打开语料库：%s", xxgk_corpus_errmsg(c));
    xxgk_corpus_close(c);
    return;
  }
  int n = 0;
  xxgk_status st = xxgk_round_publish(x.rd, x.id, c, &n);
  xxgk_corpus_close(c);
  if (st != XXGK_OK) {
    srv_round_fail(&x);
    return;
  }
  char to[48], msg[96], extra[32];
  snprintf(to, sizeof to, "/rounds/%lld", (long long)x.id);
  snprintf(msg, sizeof msg, "已发布 %d 份报告到语料库", n);
  snprintf(extra, sizeof extra, "\"published\": %d", n);
  srv_done_extra(r, q, to, extra, "%s", msg);
}
