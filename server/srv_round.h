/*
 * srv_round.h — what the round's pages (srv_round*.c) share: a request
 * about a round (the round, who the user is to it), the checks of who may
 * do what, and a board row written as JSON and as HTML. The round's state
 * and rules are the library's (xxgk_round.h).
 */
#ifndef XXGK_SRV_ROUND_H
#define XXGK_SRV_ROUND_H

#include "srv.h"
#include "xxgk_round.h"

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

/* The thread's round handle (opened on first use, kept in s->round), set
 * for this request's user and day; NULL after answering 500. */
xxgk_round *srv_round_handle(struct srv *s, struct srv_req *q,
                             struct srv_resp *r);
/* The round of q->args[0], seen by the user: 0 after answering (404 when
 * the round is not there or the user is neither its office nor a unit). */
int srv_round_load(struct srv *s, struct srv_req *q, struct srv_resp *r,
                   struct rq *x);
/* The round and the unit of q->args[1]: the office may see any unit, a
 * unit only itself (403). 0 after answering. */
int srv_round_unit_load(struct srv *s, struct srv_req *q, struct srv_resp *r,
                        struct rq *x);
/* The unit's own steps (submitting, answering) are its users' only, the
 * office's steps its users' only: 1, or 0 after answering 403. */
int srv_round_as_unit(struct rq *x);
int srv_round_as_office(struct rq *x);
/* The round's failure, answered with its status (srv_fail_of). */
void srv_round_fail(struct rq *x);
/* "/rounds/ID/units/AGENCY" of x into to. */
void srv_round_unit_url(char *to, size_t cap, const struct rq *x);
/* After a write: the flash (and the library's warning) and a redirect to
 * `to`, or the API's {"ok", "message", "warning"}. */
void srv_round_done(struct rq *x, const char *to, const char *msg);
/* An API answer: JSON, never cached. */
void srv_json_answer(struct srv_resp *r);

/* A board row: its lateness in words ("逾期 3 天", "按时", "—"), as a JSON
 * object, its state as a badge. */
void srv_round_late_text(char *out, size_t cap, const xxgk_board_row *b);
void srv_round_row_json(xxgk_buf *b, const xxgk_board_row *w);
void srv_round_state_badge(xxgk_buf *b, xxgk_unit_state st);

#endif
