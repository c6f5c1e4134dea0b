/*
 * srv_round.c — the office's round of annual reports (年报报送/审核) in the
 * browser and the API: the office opens a round, watches the board (one
 * row per unit, filtered by state and lateness), reads a unit's versions
 * with their findings and what changed, comments, returns, approves and
 * publishes, and lists the late units; a unit submits its report built
 * from its register (one click) or uploaded in any format xxgk reads,
 * sees the findings beside last year's report, answers each one, and
 * submits. The states and rules are the library's (xxgk_round.h); this
 * file decides only who may do what:
 *
 *   - the office: a user of the round's office (or above it) — every
 *     unit's row, versions and files, and the office's actions;
 *   - a unit: a user of that unit — its own row, versions, files and
 *     notes, and submitting; another unit's are refused (403), and a
 *     round it is not in does not exist for it (404).
 *
 * Each thread opens its own round handle (a register connection of its
 * own) the first time it needs one, and keeps it.
 */
#include "srv.h"
#include "xxgk_corpus.h"
#include "xxgk_round.h"

#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The thread's round handle, set for this request's user and day; NULL
 * after answering 500. */
static xxgk_round *round_of(struct srv *s, struct srv_req *q,
                            struct srv_resp *r) {
  if (!s->round && xxgk_round_open(s->o.db, 0, &s->round) != XXGK_OK) {
    srv_error(r, q, 500, "无法打开登记簿：%s", xxgk_round_errmsg(s->round));
    xxgk_round_close(s->round);
    s->round = NULL;
    return NULL;
  }
  xxgk_reg *g = xxgk_round_reg(s->round);
  xxgk_reg_set_user(g, q->sess->user.login);
  /* lateness is counted to the server's day (--today in tests) */
  xxgk_reg_set_today(g, s->o.today ? srv_today(s) : 0);
  return s->round;
}

/* What a request about a round knows: the round, and whether the user is
 * its office (else one of its units). */
struct rq {
  struct srv *s;
  struct srv_req *q;
  struct srv_resp *r;
  xxgk_round *rd;
  int64_t id, office_id, unit; /* unit: the agency in the path, or 0 */
  int year, units, office;
  char office_name[256], due[11];
};

static int count_row(void *ctx, const xxgk_board_row *row) {
  (void)row;
  ++*(int *)ctx;
  return 0;
}

/* The round of q->args[0], seen by the user: 0 after answering (404 when
 * the round is not there or the user is neither its office nor a unit). */
static int round_load(struct srv *s, struct srv_req *q, struct srv_resp *r,
                      struct rq *x) {
  memset(x, 0, sizeof *x);
  x->s = s, x->q = q, x->r = r;
  x->id = srv_id(q->args[0]);
  if (!(x->rd = round_of(s, q, r)))
    return 0;
  xxgk_round_info info;
  if (!x->id || xxgk_round_get(x->rd, x->id, &info) != XXGK_OK) {
    srv_error(r, q, 404, "报送轮次“%s”不存在", q->args[0]);
    return 0;
  }
  x->office_id = info.office_id;
  x->year = info.year;
  x->units = info.units;
  snprintf(x->office_name, sizeof x->office_name, "%s", info.office);
  snprintf(x->due, sizeof x->due, "%s", info.due);
  x->office = srv_may_see(s, q, x->office_id);
  if (x->office)
    return 1;
  /* a unit: the round exists for it only if it is one of its units */
  int n = 0;
  xxgk_board_filter f = {.agency_id = q->sess->user.agency_id, .state = -1};
  if (xxgk_round_board(x->rd, x->id, &f, count_row, &n) != XXGK_OK || !n) {
    srv_error(r, q, 404, "报送轮次“%s”不存在", q->args[0]);
    return 0;
  }
  return 1;
}

/* The round and the unit of q->args[1]: the office may see any unit, a
 * unit only itself (403). 0 after answering. */
static int unit_load(struct srv *s, struct srv_req *q, struct srv_resp *r,
                     struct rq *x) {
  if (!round_load(s, q, r, x))
    return 0;
  x->unit = srv_id(q->args[1]);
  if (!x->unit) {
    srv_error(r, q, 404, "单位“%s”不存在", q->args[1]);
    return 0;
  }
  if (!x->office && x->unit != q->sess->user.agency_id) {
    srv_error(r, q, 403, "无权查看或处理其他单位的报送");
    return 0;
  }
  return 1;
}

/* The unit's own actions (submitting, answering) are its users' only;
 * the office's actions its users' only. 0 after answering 403. */
static int as_unit(struct rq *x) {
  if (x->unit == x->q->sess->user.agency_id)
    return 1;
  srv_error(x->r, x->q, 403, "只有报送单位本身才能报送或答复");
  return 0;
}

static int as_office(struct rq *x) {
  if (x->office)
    return 1;
  srv_error(x->r, x->q, 403, "只有政务公开办才能这样做");
  return 0;
}

static void round_fail(struct rq *x) {
  srv_fail_of(xxgk_round_reg(x->rd), x->r, x->q);
}

static void unit_url(char *to, size_t cap, const struct rq *x) {
  snprintf(to, cap, "/rounds/%lld/units/%lld", (long long)x->id,
           (long long)x->unit);
}

/* After a write: the page of the unit (or the board) with the message,
 * the library's warning after it. */
static void done(struct rq *x, const char *to, const char *msg) {
  const char *w = xxgk_round_warning(x->rd);
  if (x->q->api) {
    xxgk_buf extra = {0};
    jp(&extra, "\"warning\": %s", w[0] ? w : NULL);
    srv_done(x->r, x->q, to, extra.data, "%s", msg);
    xxgk_buf_free(&extra);
  } else {
    srv_done(x->r, x->q, to, NULL, "%s%s%s", msg, w[0] ? "。注意：" : "", w);
  }
}

/* ## A board row, as JSON and as a table row */

static void late_text(char *out, size_t cap, const xxgk_board_row *b) {
  if (b->late_days)
    snprintf(out, cap, "%s %d 天", b->submitted ? "逾期" : "已逾期未报",
             b->late_days);
  else
    snprintf(out, cap, "%s", b->submitted ? "按时" : "—");
}

static void row_json(xxgk_buf *b, const xxgk_board_row *w) {
  jp(b, "{\"agency_id\": %D, \"agency\": %s, \"state\": %s,"
        " \"state_label\": %s, \"version\": %d, \"submitted\": %s,"
        " \"late_days\": %d, \"errors\": %d, \"warnings\": %d,"
        " \"notices\": %d, \"score\": ",
     w->agency_id, w->agency, xxgk_unit_state_key(w->state),
     xxgk_unit_state_label(w->state), w->version, w->submitted, w->late_days,
     w->errors, w->warnings, w->notices);
  if (w->score >= 0)
    jp(b, "%d", w->score);
  else
    jp(b, "null");
  jp(b, ", \"corpus_id\": %D}", w->corpus_id);
}

static const char *state_class(xxgk_unit_state st) {
  switch (st) {
  case XXGK_UNIT_ERRORS:
  case XXGK_UNIT_RETURNED: return "overdue";
  case XXGK_UNIT_PENDING: return "closed";
  case XXGK_UNIT_SUBMITTED: return "soon";
  default: return "ok";
  }
}

static void state_badge(xxgk_buf *b, xxgk_unit_state st) {
  hp(b, "<span class=\"badge %R state-%R\">%s</span>", state_class(st),
     xxgk_unit_state_key(st), xxgk_unit_state_label(st));
}

/* Rows written by a list's callback: the request, the round (0 for the
 * list of rounds), the buffer, how many so far. */
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
    row_json(o->b, w);
  } else {
    char late[48];
    late_text(late, sizeof late, w);
    hp(o->b, "<tr class=\"%R\"><td><a href=\"/rounds/%D/units/%D\">%s</a>"
             "</td><td>",
       w->late_days ? "due-overdue" : "", o->round, w->agency_id, w->agency);
    state_badge(o->b, w->state);
    hp(o->b, "</td><td class=\"num\">%d</td><td class=\"num\">%d</td>"
             "<td class=\"num\">%d</td><td class=\"num\">%d</td>",
       w->version, w->errors, w->warnings, w->notices);
    if (w->score >= 0)
      hp(o->b, "<td class=\"num\">%d</td>", w->score);
    else
      hp(o->b, "<td class=\"num\">—</td>");
    hp(o->b, "<td>%s</td><td>%s</td></tr>",
       w->submitted ? w->submitted : "—", late);
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
    round_fail(x);
    return -1;
  }
  return o.n;
}

/* An API answer: JSON, never cached. */
static void json_answer(struct srv_resp *r) {
  r->ctype = "application/json; charset=utf-8";
  r->no_store = 1;
}

static void board_table(xxgk_buf *b, const xxgk_buf *rows) {
  hp(b, "<div class=\"scroll\"><table class=\"list board\"><thead><tr>"
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
    jp(l->b, "%R{\"id\": %D, \"office_id\": %D, \"office\": %s, \"year\": %d,"
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
    hp(l->b, "<td>%s</td><td>%s</td><td class=\"num\">%d</td></tr>",
       i->office, i->due, i->units);
  }
  l->n++;
  return 0;
}

/* The page of the rounds, with the form opening one (an office's user);
 * error: a refused opening, shown on the form with what was typed. */
static void rounds_page(struct srv *s, struct srv_req *q, struct srv_resp *r,
                        const char *error) {
  xxgk_round *rd = round_of(s, q, r);
  if (!rd)
    return;
  xxgk_buf rows = {0};
  struct rows l = {q, 0, &rows, 0};
  if (xxgk_round_list(rd, q->sess->user.agency_id, list_round, &l) !=
      XXGK_OK) {
    xxgk_buf_free(&rows);
    srv_fail_of(xxgk_round_reg(rd), r, q);
    return;
  }
  xxgk_buf *b = &r->body;
  if (q->api) {
    json_answer(r);
    jp(b, "{\"rounds\": [%R]}\n", rows.data ? rows.data : "");
    xxgk_buf_free(&rows);
    return;
  }
  page_begin(r, q, "年报报送");
  if (error)
    hp(b, "<p class=\"flash error\" role=\"alert\">%s</p>", error);
  if (q->sess->user.n_units) {
    int year = xxgk_date_year(srv_today(s)) - 1;
    char due[16], def[16];
    snprintf(due, sizeof due, "%04d-01-31", year + 1);
    snprintf(def, sizeof def, "%d", year);
    const char *y = srv_form(q, "year"), *d = srv_form(q, "due");
    hp(b, "<form method=\"post\" action=\"/rounds\" class=\"grid\">");
    page_csrf(r, q);
    hp(b, "<label>报告年度<input name=\"year\" inputmode=\"numeric\" "
          "required value=\"%s\"></label><label>报送截止日期<input "
          "name=\"due\" type=\"date\" required value=\"%s\"></label>"
          "<p class=\"wide count\">部门的年度报告在 1 月 31 日前报送，本级政府"
          "的在 3 月 31 日前（条例第四十九条）；下级各单位都要报送。</p>"
          "<button type=\"submit\">开启报送</button></form>",
       y ? y : def, d ? d : due);
  }
  if (l.n)
    hp(b, "<div class=\"scroll\"><table class=\"list\"><thead><tr>"
          "<th>年度</th><th>政务公开办</th><th>截止日期</th>"
          "<th class=\"num\">单位数</th></tr></thead><tbody>%R</tbody>"
          "</table></div>",
       rows.data);
  else
    hp(b, "<p class=\"empty\">还没有报送轮次。</p>");
  page_end(r);
  xxgk_buf_free(&rows);
}

void h_rounds(struct srv *s, struct srv_req *q, struct srv_resp *r) {
  rounds_page(s, q, r, NULL);
}

void h_round_open(struct srv *s, struct srv_req *q, struct srv_resp *r) {
  if (!q->sess->user.n_units)
    FAIL(r, q, 403, "只有政务公开办（有下级单位的机关）才能开启报送");
  xxgk_round *rd = round_of(s, q, r);
  if (!rd)
    return;
  const char *y = srv_form(q, "year"), *due = srv_form(q, "due");
  int64_t year = srv_id(y);
  int64_t id;
  if (!year || year > 9999) {
    srv_refuse_form(s, q, r, 400, "请填写报告年度（如 2025）", rounds_page);
    return;
  }
  if (xxgk_round_new(rd, q->sess->user.agency_id, (int)year, due ? due : "",
                     &id) != XXGK_OK) {
    srv_refuse_form(s, q, r, 422, xxgk_round_errmsg(rd), rounds_page);
    return;
  }
  char to[48], extra[48];
  snprintf(to, sizeof to, "/rounds/%lld", (long long)id);
  snprintf(extra, sizeof extra, "\"id\": %lld", (long long)id);
  srv_done(r, q, to, extra, "已开启 %lld 年度报送，截止 %s", (long long)year,
           due);
}

/* ## The office's board */

static int board_filter(struct rq *x, xxgk_board_filter *f) {
  const char *st = srv_query(x->q, "state"), *late = srv_query(x->q, "late"),
             *err = srv_query(x->q, "errors");
  *f = (xxgk_board_filter){.state = -1};
  if (st && *st && (f->state = xxgk_unit_state_find(st)) < 0) {
    srv_error(x->r, x->q, 400, "状态“%s”不对，应为 pending、submitted、errors、"
                               "returned、approved 或 published", st);
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
  hp(b, "<form method=\"get\" action=\"/rounds/%D\" class=\"filters\">"
        "<label>状态<select name=\"state\"><option value=\"\">全部</option>",
     x->id);
  for (int k = 0; k < XXGK_N_UNIT_STATES; k++)
    hp(b, "<option value=\"%s\"%R>%s</option>",
       xxgk_unit_state_key((xxgk_unit_state)k), f->state == k ? " selected" : "",
       xxgk_unit_state_label((xxgk_unit_state)k));
  hp(b, "</select></label><label class=\"check\"><input type=\"checkbox\" "
        "name=\"late\" value=\"1\"%R>只看逾期</label><label class=\"check\">"
        "<input type=\"checkbox\" name=\"errors\" value=\"1\"%R>只看有错误"
        "</label><button type=\"submit\">筛选</button> <a href=\"/rounds/%D\">"
        "清除</a></form>",
     f->late_only ? " checked" : "", f->errors_only ? " checked" : "", x->id);
}

void h_round(struct srv *s, struct srv_req *q, struct srv_resp *r) {
  struct rq x;
  xxgk_board_filter f;
  if (!round_load(s, q, r, &x) || !board_filter(&x, &f))
    return;
  if (!x.office && !q->api) { /* a unit's board is its own page */
    char to[64];
    x.unit = q->sess->user.agency_id;
    unit_url(to, sizeof to, &x);
    srv_redirect(r, to);
    return;
  }
  xxgk_buf rows = {0};
  int n = read_rows(&x, &f, &rows);
  if (n < 0)
    return;
  xxgk_buf *b = &r->body;
  if (q->api) {
    json_answer(r);
    jp(b, "{\"round\": {\"id\": %D, \"office_id\": %D, \"office\": %s,"
          " \"year\": %d, \"due\": %s, \"units\": %d}, \"rows\": [%R]}\n",
       x.id, x.office_id, x.office_name, x.year, x.due, x.units,
       rows.data ? rows.data : "");
    xxgk_buf_free(&rows);
    return;
  }
  char title[64];
  snprintf(title, sizeof title, "%d 年度报告报送", x.year);
  page_begin(r, q, title);
  hp(b, "<dl class=\"facts\"><dt>政务公开办</dt><dd>%s</dd><dt>截止日期</dt>"
        "<dd>%s</dd><dt>单位</dt><dd>%d 个</dd></dl>",
     x.office_name, x.due, x.units);
  filter_form(b, &x, &f);
  if (n)
    board_table(b, &rows);
  else
    hp(b, "<p class=\"empty\">没有符合条件的单位。</p>");
  hp(b, "<p><a class=\"button\" href=\"/rounds/%D/late\">逾期未报送的单位</a>"
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
  if (!round_load(s, q, r, &x) || !as_office(&x))
    return;
  xxgk_buf rows = {0};
  int n = read_rows(&x, NULL, &rows);
  if (n < 0)
    return;
  xxgk_buf *b = &r->body;
  if (q->api) {
    json_answer(r);
    jp(b, "{\"due\": %s, \"late\": [%R]}\n", x.due, rows.data ? rows.data : "");
    xxgk_buf_free(&rows);
    return;
  }
  page_begin(r, q, "逾期未报送的单位");
  hp(b, "<p>截止日期 %s 已过、尚未报送（或退回后未再报送）的单位，逾期最久的"
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

void h_round_publish(struct srv *s, struct srv_req *q, struct srv_resp *r) {
  struct rq x;
  if (!round_load(s, q, r, &x) || !as_office(&x))
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
    round_fail(&x);
    return;
  }
  char to[48], msg[96], extra[32];
  snprintf(to, sizeof to, "/rounds/%lld", (long long)x.id);
  snprintf(msg, sizeof msg, "已发布 %d 份报告到语料库", n);
  snprintf(extra, sizeof extra, "\"published\": %d", n);
  srv_done(r, q, to, extra, "%s", msg);
}

/* ## A unit's page: its row, versions, findings and notes */

struct note {
  int version, finding;
  xxgk_side side;
  char *at, *who, *text;
};

struct notes {
  struct note *v;
  int n, cap;
};

static int take_note(void *ctx, const xxgk_round_note *n) {
  struct notes *l = ctx;
  if (l->n == l->cap) {
    l->cap = l->cap ? 2 * l->cap : 16;
    l->v = srv_realloc(l->v, (size_t)l->cap * sizeof *l->v);
  }
  l->v[l->n++] = (struct note){n->version, n->finding, n->side,
                               srv_strdup(n->at), srv_strdup(n->who),
                               srv_strdup(n->text)};
  return 0;
}

static void notes_free(struct notes *l) {
  for (int i = 0; i < l->n; i++) {
    free(l->v[i].at);
    free(l->v[i].who);
    free(l->v[i].text);
  }
  free(l->v);
}

static int take_row(void *ctx, const xxgk_board_row *w) {
  xxgk_board_row *out = ctx;
  *out = *w;
  out->agency = srv_strdup(w->agency);
  out->submitted = srv_strdup(w->submitted);
  return 1;
}

static void row_free(xxgk_board_row *w) {
  free((char *)w->agency);
  free((char *)w->submitted);
}

struct unit_view {
  struct rq *x;
  xxgk_board_row row;
  struct notes notes;
  xxgk_doc *last_year;    /* the unit's report of the year before, or NULL */
  int last_year_version;
  int64_t last_year_round;
  xxgk_buf *b;
  int n;                  /* versions written                            */
};

/* The notes on (version, finding) as a list. */
static void notes_html(xxgk_buf *b, const struct notes *l, int version,
                       int finding) {
  int n = 0;
  for (int i = 0; i < l->n; i++) {
    const struct note *t = &l->v[i];
    if (t->version != version || t->finding != finding)
      continue;
    hp(b, "%R<li class=\"note-%R\"><b>%R</b> %s <small>%s · %s</small></li>",
       n++ ? "" : "<ul class=\"notes\">",
       t->side == XXGK_SIDE_OFFICE ? "office" : "unit",
       t->side == XXGK_SIDE_OFFICE ? "政务公开办" : "单位", t->text, t->who,
       t->at);
  }
  if (n)
    xxgk_buf_puts(b, "</ul>");
}

static void note_form(struct unit_view *u, int version, int finding,
                      const char *placeholder) {
  struct rq *x = u->x;
  hp(u->b, "<form method=\"post\" action=\"/rounds/%D/units/%D/notes\" "
           "class=\"note\"><input type=\"hidden\" name=\"version\" value=\"%d\">"
           "<input type=\"hidden\" name=\"finding\" value=\"%d\">",
     x->id, x->unit, version, finding);
  /* into u->b: the versions are written before the page around them */
  hp(u->b, "<input type=\"hidden\" name=\"csrf\" value=\"%s\">",
     x->q->sess->csrf);
  hp(u->b, "<input name=\"text\" required maxlength=\"2000\" "
           "aria-label=\"%s\" placeholder=\"%s\"><button type=\"submit\">%R"
           "</button></form>",
     placeholder, placeholder, x->office ? "写意见" : "答复");
}

static const char *jstr(json_object *o, const char *key) {
  json_object *v;
  return json_object_object_get_ex(o, key, &v) &&
                 json_object_is_type(v, json_type_string)
             ? json_object_get_string(v)
             : NULL;
}

/* The version's findings as kept (the library's findings JSON), each with
 * its notes and, while the report may still change, a form to answer. */
static void findings_list(struct unit_view *u, const xxgk_round_version *v,
                          int latest) {
  xxgk_buf *b = u->b;
  json_object *root = json_tokener_parse(v->findings ? v->findings : "");
  json_object *list = NULL;
  if (!root || !json_object_object_get_ex(root, "findings", &list) ||
      !json_object_is_type(list, json_type_array)) {
    hp(b, "<p class=\"flash error\">这一版的检查意见无法读出。</p>");
    json_object_put(root);
    return;
  }
  size_t n = json_object_array_length(list);
  int open = latest && u->row.state != XXGK_UNIT_APPROVED &&
             u->row.state != XXGK_UNIT_PUBLISHED;
  if (!n)
    hp(b, "<p class=\"flash ok\">没有发现问题：各表勾稽关系一致。</p>");
  else
    hp(b, "<ol class=\"round-findings\">");
  for (size_t i = 0; i < n; i++) {
    json_object *f = json_object_array_get_idx(list, i);
    const char *sev = jstr(f, "severity"), *where = jstr(f, "where");
    hp(b, "<li id=\"v%d-f%d\" class=\"sev-%s\"><b>%s</b> %s", v->version,
       (int)i + 1, sev, jstr(f, "rule"), jstr(f, "message"));
    if (where)
      hp(b, " <small>（%s）</small>", where);
    json_object *cells;
    if (json_object_object_get_ex(f, "cells", &cells) &&
        json_object_array_length(cells)) {
      size_t nc = json_object_array_length(cells);
      xxgk_buf_puts(b, "<br><small>涉及：");
      for (size_t k = 0; k < nc && k < 6; k++) {
        json_object *c = json_object_array_get_idx(cells, k), *val;
        hp(b, "%R%s", k ? "、" : "", jstr(c, "label"));
        if (json_object_object_get_ex(c, "value", &val) &&
            !json_object_is_type(val, json_type_null))
          hp(b, " <span class=\"fig\">%s</span>", json_object_get_string(val));
      }
      if (nc > 6)
        hp(b, " 等 %d 格", (int)nc);
      xxgk_buf_puts(b, "</small>");
    }
    notes_html(b, &u->notes, v->version, (int)i + 1);
    if (open)
      note_form(u, v->version, (int)i + 1,
                u->x->office ? "对这条意见的说明" : "答复这条意见，如：按签发原件填写");
    xxgk_buf_puts(b, "</li>");
  }
  if (n)
    hp(b, "</ol>");
  json_object_put(root);
}

static void version_json(struct unit_view *u, const xxgk_round_version *v) {
  jp(u->b, "%R{\"version\": %d, \"at\": %s, \"who\": %s, \"source\": %s,"
           " \"sha256\": %s, \"errors\": %d, \"warnings\": %d,"
           " \"notices\": %d, \"score\": ",
     u->n ? ",\n " : "\n ", v->version, v->at, v->who, v->source, v->sha256,
     v->errors, v->warnings, v->notices);
  if (v->score >= 0)
    jp(u->b, "%d", v->score);
  else
    jp(u->b, "null");
  /* the library's own JSON (findings, quality, the document), as kept */
  jp(u->b, ", \"has_original\": %R, \"changes\": %s, \"findings\": %R,"
           " \"quality\": %R, \"report\": %R}",
     v->has_original ? "true" : "false", v->changes,
     v->findings ? v->findings : "null", v->quality ? v->quality : "null",
     v->doc ? v->doc : "null");
}

static int version_html(void *ctx, const xxgk_round_version *v) {
  struct unit_view *u = ctx;
  struct rq *x = u->x;
  if (x->q->api) {
    version_json(u, v);
    u->n++;
    return 0;
  }
  xxgk_buf *b = u->b;
  int latest = u->n == 0;
  hp(b, "<details class=\"version\" id=\"v%d\"%R><summary>第 %d 版 · %s · %s"
        " · 错误 %d，警告 %d，提示 %d</summary>",
     v->version, latest ? " open" : "", v->version, v->source, v->at,
     v->errors, v->warnings, v->notices);
  hp(b, "<dl class=\"facts\"><dt>提交人</dt><dd>%s</dd><dt>SHA-256</dt>"
        "<dd class=\"hash\">%s</dd><dt>质量得分</dt><dd>",
     v->who, v->sha256);
  if (v->score >= 0)
    hp(b, "%d", v->score);
  else
    hp(b, "无法评定");
  hp(b, "</dd>");
  if (v->has_original)
    hp(b, "<dt>原件</dt><dd><a href=\"/rounds/%D/units/%D/versions/%d/file\">"
          "下载 %s</a></dd>",
       x->id, x->unit, v->version, v->source);
  hp(b, "</dl>");
  if (v->changes)
    hp(b, "<h3>与上一版相比</h3><pre class=\"changes\">%s</pre>", v->changes);
  hp(b, "<h3>检查意见</h3>");
  findings_list(u, v, latest);
  if (latest) {
    /* this year's tables beside last year's (Y1–Y3 compare them) */
    xxgk_doc *d = NULL;
    if (v->doc)
      xxgk_doc_from_json(v->doc, strlen(v->doc), &d);
    if (!u->last_year)
      hp(b, "<p class=\"empty\">上年没有经本办报送的报告，无法逐项比较"
            "（Y1–Y3）。</p>");
    hp(b, "<div class=\"compare%R\"><section><h3>本年（第 %d 版）</h3>",
       u->last_year ? " two" : "", v->version);
    if (d)
      tables_html(b, d, NULL);
    hp(b, "</section>");
    if (u->last_year) {
      hp(b, "<section><h3>上年：<a href=\"/rounds/%D/units/%D#v%d\">%d 年度"
            "报送的第 %d 版</a></h3>",
         u->last_year_round, x->unit, u->last_year_version, x->year - 1,
         u->last_year_version);
      tables_html(b, u->last_year, NULL);
      hp(b, "</section>");
    }
    hp(b, "</div>");
    xxgk_doc_free(d);
  }
  hp(b, "</details>");
  u->n++;
  return 0;
}

/* Last year's round of the same office, and the unit's latest version in
 * it (the one the library compared with). */
struct prev {
  const struct rq *x;
  int64_t round;
};

static int find_prev(void *ctx, const xxgk_round_info *i) {
  struct prev *p = ctx;
  if (i->office_id == p->x->office_id && i->year == p->x->year - 1)
    p->round = i->id;
  return 0;
}

struct latest {
  xxgk_doc *doc;
  int version;
};

static int take_latest(void *ctx, const xxgk_round_version *v) {
  struct latest *l = ctx;
  if (v->doc)
    xxgk_doc_from_json(v->doc, strlen(v->doc), &l->doc);
  l->version = v->version;
  return 1; /* newest first: the first is the one */
}

static void load_last_year(struct unit_view *u) {
  struct prev p = {u->x, 0};
  xxgk_round_list(u->x->rd, u->x->unit, find_prev, &p);
  if (!p.round)
    return;
  struct latest l = {0};
  xxgk_round_versions(u->x->rd, p.round, u->x->unit, take_latest, &l);
  u->last_year = l.doc;
  u->last_year_version = l.version;
  u->last_year_round = p.round;
}

/* The unit's forms: build from the register, upload, submit. */
static void unit_forms(struct unit_view *u) {
  struct rq *x = u->x;
  xxgk_buf *b = u->b;
  hp(b, "<h2>报送本单位的年度报告</h2><div class=\"cards forms\">"
        "<form method=\"post\" action=\"/rounds/%D/units/%D/register\" "
        "class=\"card\">",
     x->id, x->unit);
  page_csrf(x->r, x->q);
  hp(b, "<b>从登记簿生成</b><span class=\"count\">用本单位登记簿中 %d 年的"
        "申请、主动公开、复议诉讼数据生成年度报告，检查后报送。</span>"
        "<span><button type=\"submit\">生成并报送</button> "
        "<button type=\"submit\" name=\"draft\" value=\"1\" class=\"plain\">"
        "只生成草稿</button></span></form>"
        "<form method=\"post\" action=\"/rounds/%D/units/%D/upload\" "
        "enctype=\"multipart/form-data\" class=\"card\">",
     x->year, x->id, x->unit);
  page_csrf(x->r, x->q);
  hp(b, "<b>上传报告文件</b><label>文本、HTML、Word、WPS、PDF（至多 %d MiB）"
        "<input type=\"file\" name=\"file\" required accept=\".txt,.html,"
        ".htm,.docx,.doc,.wps,.pdf,.json,.md,.png,.jpg,.jpeg,.tif,.tiff\">"
        "</label><span><button type=\"submit\" name=\"draft\" value=\"1\">"
        "上传并检查</button> <button type=\"submit\" class=\"plain\">上传并"
        "报送</button></span></form>",
     SRV_MAX_UPLOAD >> 20);
  if (u->row.version && (u->row.state == XXGK_UNIT_PENDING ||
                         u->row.state == XXGK_UNIT_RETURNED)) {
    hp(b, "<form method=\"post\" action=\"/rounds/%D/units/%D/submit\" "
          "class=\"card\">",
       x->id, x->unit);
    page_csrf(x->r, x->q);
    hp(b, "<b>报送第 %d 版</b><span class=\"count\">先逐条答复下面的检查"
          "意见，再报送。</span><span><button type=\"submit\">报送</button>"
          "</span></form>",
       u->row.version);
  }
  hp(b, "</div>");
}

/* The office's forms: return with notes, approve, comment. */
static void office_forms(struct unit_view *u) {
  struct rq *x = u->x;
  xxgk_buf *b = u->b;
  xxgk_unit_state st = u->row.state;
  if (st != XXGK_UNIT_SUBMITTED && st != XXGK_UNIT_ERRORS)
    return;
  hp(b, "<h2>审核</h2><div class=\"cards forms\"><form method=\"post\" "
        "action=\"/rounds/%D/units/%D/return\" class=\"card\">",
     x->id, x->unit);
  page_csrf(x->r, x->q);
  hp(b, "<b>退回</b><label>退回理由（单位会看到）<textarea name=\"why\" "
        "rows=\"3\" required maxlength=\"2000\"></textarea></label><span>"
        "<button type=\"submit\">退回</button></span></form><form "
        "method=\"post\" action=\"/rounds/%D/units/%D/approve\" "
        "class=\"card\">",
     x->id, x->unit);
  page_csrf(x->r, x->q);
  hp(b, "<b>通过</b><span class=\"count\">%R</span><span><button "
        "type=\"submit\">通过</button></span></form></div>",
     u->row.errors ? "这一版仍有错误：通过后会记下这一判断。"
                   : "通过后可在报送情况页发布到语料库。");
}

void h_round_unit(struct srv *s, struct srv_req *q, struct srv_resp *r) {
  struct rq x;
  if (!unit_load(s, q, r, &x))
    return;
  struct unit_view u = {.x = &x, .b = &r->body};
  xxgk_board_filter f = {.agency_id = x.unit, .state = -1};
  xxgk_buf versions = {0};
  int found = 0;
  if (xxgk_round_board(x.rd, x.id, &f, take_row, &u.row) != XXGK_OK ||
      !(found = u.row.agency != NULL) ||
      xxgk_round_notes(x.rd, x.id, x.unit, take_note, &u.notes) != XXGK_OK) {
    if (found)
      round_fail(&x);
    else
      srv_error(r, q, 404, "单位 %lld 不在这一轮报送中", (long long)x.unit);
    goto done;
  }
  xxgk_buf *b = &r->body;
  if (!q->api)
    load_last_year(&u);
  u.b = &versions;
  if (xxgk_round_versions(x.rd, x.id, x.unit, version_html, &u) != XXGK_OK) {
    round_fail(&x);
    goto done;
  }
  u.b = b;
  if (q->api) {
    json_answer(r);
    jp(b, "{\"round\": %D, \"year\": %d, \"due\": %s, \"row\": ", x.id, x.year,
       x.due);
    row_json(b, &u.row);
    jp(b, ", \"versions\": [%R], \"notes\": [", versions.data ? versions.data : "");
    for (int i = 0; i < u.notes.n; i++) {
      const struct note *t = &u.notes.v[i];
      jp(b, "%R{\"version\": %d, \"finding\": %d, \"side\": %s, \"at\": %s,"
            " \"who\": %s, \"text\": %s}",
         i ? ",\n " : "\n ", t->version, t->finding,
         t->side == XXGK_SIDE_OFFICE ? "office" : "unit", t->at, t->who,
         t->text);
    }
    jp(b, "]}\n");
    goto done;
  }
  char title[320], late[48];
  snprintf(title, sizeof title, "%d 年度报告 · %s", x.year, u.row.agency);
  late_text(late, sizeof late, &u.row);
  page_begin(r, q, title);
  hp(b, "<dl class=\"facts\"><dt>状态</dt><dd>");
  state_badge(b, u.row.state);
  hp(b, "</dd><dt>截止日期</dt><dd>%s</dd><dt>报送时间</dt><dd>%s（%s）</dd>"
        "<dt>最新版本</dt><dd>",
     x.due, u.row.submitted ? u.row.submitted : "未报送", late);
  if (u.row.version)
    hp(b, "第 %d 版：错误 %d，警告 %d，提示 %d", u.row.version, u.row.errors,
       u.row.warnings, u.row.notices);
  else
    hp(b, "—");
  hp(b, "</dd></dl>");
  /* the notes on the whole report: the office's return, comments */
  int whole = 0;
  for (int i = 0; i < u.notes.n; i++)
    whole += u.notes.v[i].finding == 0;
  if (whole) {
    hp(b, "<h2>意见</h2>");
    for (int i = 0; i < u.notes.n; i++)
      if (u.notes.v[i].finding == 0 &&
          (i == 0 || u.notes.v[i].version != u.notes.v[i - 1].version ||
           u.notes.v[i - 1].finding != 0)) {
        hp(b, "<p class=\"count\">第 %d 版：</p>", u.notes.v[i].version);
        notes_html(b, &u.notes, u.notes.v[i].version, 0);
      }
  }
  int open = u.row.state != XXGK_UNIT_APPROVED &&
             u.row.state != XXGK_UNIT_PUBLISHED;
  if (x.office)
    office_forms(&u);
  else if (open)
    unit_forms(&u);
  if (u.row.version && open) {
    hp(b, "<h2>对整份报告的%s</h2>", x.office ? "意见" : "说明");
    note_form(&u, u.row.version, 0,
              x.office ? "对整份报告的意见" : "对整份报告的说明");
  }
  hp(b, "<h2>各版本</h2>");
  if (u.n)
    xxgk_buf_puts(b, versions.data);
  else
    hp(b, "<p class=\"empty\">还没有报送任何版本。</p>");
  if (x.office)
    hp(b, "<p><a href=\"/rounds/%D\">返回报送情况</a></p>", x.id);
  page_end(r);
done:
  xxgk_buf_free(&versions);
  notes_free(&u.notes);
  xxgk_doc_free(u.last_year);
  row_free(&u.row);
}

/* ## The unit's writes */

/* Puts doc (taken) as the unit's next version and, unless the form asked
 * for a draft, submits it; answers. */
static void put_and_submit(struct rq *x, xxgk_doc *doc, const char *bytes,
                           size_t n, const char *source) {
  xxgk_round_version v;
  char to[64], msg[256];
  unit_url(to, sizeof to, x);
  if (xxgk_round_put(x->rd, x->id, x->unit, doc, bytes, n, source, &v) !=
      XXGK_OK) {
    round_fail(x);
    return;
  }
  int version = v.version, errors = v.errors;
  const char *draft = srv_form(x->q, "draft");
  if (draft && *draft) {
    snprintf(msg, sizeof msg, "第 %d 版已保存为草稿：错误 %d 个。请逐条答复检查"
                              "意见后报送",
             version, errors);
    done(x, to, msg);
    return;
  }
  if (xxgk_round_submit(x->rd, x->id, x->unit) != XXGK_OK) {
    round_fail(x);
    return;
  }
  snprintf(msg, sizeof msg, "第 %d 版已报送（%s）", version,
           errors ? "有错误" : "已报送");
  done(x, to, msg);
}

void h_round_register(struct srv *s, struct srv_req *q, struct srv_resp *r) {
  struct rq x;
  if (!unit_load(s, q, r, &x) || !as_unit(&x))
    return;
  xxgk_doc *doc = NULL;
  if (xxgk_reg_report(xxgk_round_reg(x.rd), x.unit, x.year, &doc) != XXGK_OK) {
    xxgk_doc_free(doc);
    round_fail(&x);
    return;
  }
  put_and_submit(&x, doc, NULL, 0, NULL);
}

/* The upload is read on the upload pool (srv_jobs.c: the route is one of
 * srv_is_upload's), off the request threads, within SRV_MAX_UPLOAD bytes
 * and the readers' own bounds (input, tags, cells, the converters' time
 * limit) — as the corpus's upload is, and not in a forked child as the
 * public checker's: what was read goes into the register, with every
 * finding the reader made (a cell left empty because the reader was
 * unsure names its place), which a child could hand back only as the
 * canonical JSON, without them. The uploader is a logged-in unit. */
void h_round_upload(struct srv *s, struct srv_req *q, struct srv_resp *r) {
  struct rq x;
  if (!unit_load(s, q, r, &x) || !as_unit(&x))
    return;
  const struct srv_param *f = srv_form_param(q, "file");
  if (!f || !f->len)
    FAIL(r, q, 400, "请选择要上传的报告文件");
  xxgk_doc *doc = NULL;
  xxgk_status st = xxgk_read(f->value, f->len, &doc);
  if (st != XXGK_OK && st != XXGK_E_INCOMPLETE) {
    xxgk_doc_free(doc);
    FAIL(r, q, 422, "读不出年度报告（%s）：请确认上传的是年度报告本身",
         xxgk_strerror(st));
  }
  /* the file's own name, without a folder */
  const char *name = f->filename && *f->filename ? f->filename : "上传的文件";
  const char *slash = strrchr(name, '/');
  name = slash ? slash + 1 : name;
  put_and_submit(&x, doc, f->value, f->len, name);
}

/* A note on a finding (or, finding 0, the whole report): the unit's
 * answer, or the office's comment. */
void h_round_note(struct srv *s, struct srv_req *q, struct srv_resp *r) {
  struct rq x;
  if (!unit_load(s, q, r, &x))
    return;
  const char *fi = srv_form(q, "finding");
  int64_t version = srv_id(srv_form(q, "version"));
  int64_t finding = fi && strcmp(fi, "0") == 0 ? 0 : srv_id(fi) ? srv_id(fi) : -1;
  if (!version || version > 1000000 || finding < 0 || finding > 100000)
    FAIL(r, q, 400, "请给出版本（version）和第几条意见（finding，0 为整份报告）");
  /* the unit answers as the unit; the office comments as the office */
  xxgk_side side = x.unit == q->sess->user.agency_id ? XXGK_SIDE_UNIT
                                                     : XXGK_SIDE_OFFICE;
  int64_t id;
  if (xxgk_round_note_add(x.rd, x.id, x.unit, (int)version, (int)finding, side,
                          srv_form(q, "text"), &id) != XXGK_OK) {
    round_fail(&x);
    return;
  }
  char to[96];
  snprintf(to, sizeof to, "/rounds/%lld/units/%lld#v%lld", (long long)x.id,
           (long long)x.unit, (long long)version);
  done(&x, to, side == XXGK_SIDE_UNIT ? "已记下答复" : "已记下意见");
}

/* ## The steps: the unit submits, the office returns or approves */

enum step { SUBMIT, RETURN, APPROVE };

static void unit_step(struct srv *s, struct srv_req *q, struct srv_resp *r,
                      enum step k) {
  struct rq x;
  if (!unit_load(s, q, r, &x) || !(k == SUBMIT ? as_unit(&x) : as_office(&x)))
    return;
  xxgk_status st =
      k == SUBMIT   ? xxgk_round_submit(x.rd, x.id, x.unit)
      : k == RETURN ? xxgk_round_return(x.rd, x.id, x.unit, srv_form(q, "why"))
                    : xxgk_round_approve(x.rd, x.id, x.unit);
  if (st != XXGK_OK) {
    round_fail(&x);
    return;
  }
  char to[64];
  unit_url(to, sizeof to, &x);
  done(&x, to, k == SUBMIT ? "已报送" : k == RETURN ? "已退回" : "已通过");
}

void h_round_submit(struct srv *s, struct srv_req *q, struct srv_resp *r) {
  unit_step(s, q, r, SUBMIT);
}

void h_round_return(struct srv *s, struct srv_req *q, struct srv_resp *r) {
  unit_step(s, q, r, RETURN);
}

void h_round_approve(struct srv *s, struct srv_req *q, struct srv_resp *r) {
  unit_step(s, q, r, APPROVE);
}

/* The uploaded file of a version: to the unit and its office only. Its
 * name in the answer is made here (the uploaded name may hold anything):
 * the round, unit and version, and the original's extension. */
void h_round_file(struct srv *s, struct srv_req *q, struct srv_resp *r) {
  struct rq x;
  if (!unit_load(s, q, r, &x))
    return;
  int64_t version = srv_id(q->args[2]);
  char *bytes;
  size_t n;
  const char *orig;
  if (!version || version > 1000000 ||
      xxgk_round_original(x.rd, x.id, x.unit, (int)version, &bytes, &n,
                          &orig) != XXGK_OK)
    FAIL(r, q, 404, "第 %s 版没有上传的文件", q->args[2]);
  char ext[12] = "";
  const char *dot = orig ? strrchr(orig, '.') : NULL;
  size_t k = 0;
  for (const char *c = dot; c && *c && k + 1 < sizeof ext; c++)
    if ((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') ||
        (*c >= '0' && *c <= '9') || (*c == '.' && k == 0))
      ext[k++] = *c;
  ext[k] = 0;
  char name[96];
  snprintf(name, sizeof name, "round%lld-unit%lld-v%lld%s", (long long)x.id,
           (long long)x.unit, (long long)version, ext);
  srv_download(r, bytes, n, "application/octet-stream", name);
}
