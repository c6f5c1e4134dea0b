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
 * own) the first time it needs one, and keeps it. This file: who may do
 * what, a board row, the steps (submit, return, approve), the original
 * file; the board and the list of rounds are srv_round_board.c's, a
 * unit's page and its writes srv_round_unit.c's.
 */
#include "srv_round.h"

#include <stdio.h>
#include <string.h>

xxgk_round *srv_round_handle(struct srv *s, struct srv_req *q,
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

static int count_row(void *ctx, const xxgk_board_row *row) {
  (void)row;
  ++*(int *)ctx;
  return 0;
}

int srv_round_load(struct srv *s, struct srv_req *q, struct srv_resp *r,
                   struct rq *x) {
  memset(x, 0, sizeof *x);
  x->s = s;
  x->q = q;
  x->r = r;
  x->id = srv_id(q->args[0]);
  if (!(x->rd = srv_round_handle(s, q, r)))
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

int srv_round_unit_load(struct srv *s, struct srv_req *q, struct srv_resp *r,
                        struct rq *x) {
  if (!srv_round_load(s, q, r, x))
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

int srv_round_as_unit(struct rq *x) {
  if (x->unit == x->q->sess->user.agency_id)
    return 1;
  srv_error(x->r, x->q, 403, "只有报送单位本身才能报送或答复");
  return 0;
}

int srv_round_as_office(struct rq *x) {
  if (x->office)
    return 1;
  srv_error(x->r, x->q, 403, "只有政务公开办才能这样做");
  return 0;
}

void srv_round_fail(struct rq *x) {
  srv_fail_of(xxgk_round_reg(x->rd), x->r, x->q);
}

void srv_round_unit_url(char *to, size_t cap, const struct rq *x) {
  snprintf(to, cap, "/rounds/%lld/units/%lld", (long long)x->id,
           (long long)x->unit);
}

void srv_round_done(struct rq *x, const char *to, const char *msg) {
  const char *w = xxgk_round_warning(x->rd);
  if (x->q->api) {
    xxgk_buf extra = {0};
    jp(&extra, "\"warning\": %s", w[0] ? w : NULL);
    srv_done_extra(x->r, x->q, to, extra.data, "%s", msg);
    xxgk_buf_free(&extra);
  } else {
    srv_done(x->r, x->q, to, "%s%s%s", msg, w[0] ? "。注意：" : "", w);
  }
}

void srv_json_answer(struct srv_resp *r) {
  r->ctype = "application/json; charset=utf-8";
  r->no_store = 1;
}

/* ## A board row, as JSON and as a table row */

void srv_round_late_text(char *out, size_t cap, const xxgk_board_row *b) {
  if (b->late_days)
    snprintf(out, cap, "%s %d 天", b->submitted ? "逾期" : "已逾期未报",
             b->late_days);
  else
    snprintf(out, cap, "%s", b->submitted ? "按时" : "—");
}

void srv_round_row_json(xxgk_buf *b, const xxgk_board_row *w) {
  jp(b,
     "{\"agency_id\": %D, \"agency\": %s, \"state\": %s,"
     " \"state_label\": %s, \"version\": %d, \"submitted\": %s,"
     " \"late_days\": %d, \"errors\": %d, \"warnings\": %d,"
     " \"notices\": %d, \"score\": ",
     w->agency_id, w->agency, xxgk_unit_state_key(w->state),
     xxgk_unit_state_label(w->state), w->version, w->submitted, w->late_days,
     w->errors, w->warnings, w->notices);
  jp_num(b, w->score >= 0, w->score);
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

void srv_round_state_badge(xxgk_buf *b, xxgk_unit_state st) {
  hp(b, "<span class=\"badge %R state-%R\">%s</span>", state_class(st),
     xxgk_unit_state_key(st), xxgk_unit_state_label(st));
}

/* Rows written by a list's callback: the request, the round (0 for the
 * list of rounds), the buffer, how many so far. */

/* ## The steps: the unit submits, the office returns or approves */

enum step { SUBMIT, RETURN, APPROVE };

static void unit_step(struct srv *s, struct srv_req *q, struct srv_resp *r,
                      enum step k) {
  struct rq x;
  if (!srv_round_unit_load(s, q, r, &x) ||
      !(k == SUBMIT ? srv_round_as_unit(&x) : srv_round_as_office(&x)))
    return;
  xxgk_status st =
      k == SUBMIT   ? xxgk_round_submit(x.rd, x.id, x.unit)
      : k == RETURN ? xxgk_round_return(x.rd, x.id, x.unit, srv_form(q, "why"))
                    : xxgk_round_approve(x.rd, x.id, x.unit);
  if (st != XXGK_OK) {
    srv_round_fail(&x);
    return;
  }
  char to[64];
  srv_round_unit_url(to, sizeof to, &x);
  srv_round_done(&x, to,
                 k == SUBMIT   ? "已报送"
                 : k == RETURN ? "已退回"
                               : "已通过");
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
  if (!srv_round_unit_load(s, q, r, &x))
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
