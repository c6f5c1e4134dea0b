/*
 * reg_session.c — the web server's sessions and rate limits, in the
 * register (tables web_session and web_throttle, schema 10), so that a
 * restart logs nobody out and several servers on one database share them.
 *
 * A session is found by the SHA-256 of its token: whoever reads the
 * database (a backup, a replica) learns no cookie that would log him in.
 * Finding one is one indexed read joined to its user, so a request sees
 * the user as he is now; the idle limit is pushed back at most every
 * XXGK_SESSION_TOUCH seconds, so nearly every request only reads.
 *
 * Expired rows go a few at a time, by their `expires` index, whenever a
 * row is written: the tables stay as small as what is live without a
 * sweep of their own and without any request paying for a large delete.
 */
#include "reg.h"

#include <math.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#define CLEAN_ROWS "64" /* expired rows removed per write */

static int is_token(const char *s) {
  if (!s || strlen(s) != XXGK_SESSION_TOKEN)
    return 0;
  for (; *s; s++)
    if (!((*s >= '0' && *s <= '9') || (*s >= 'a' && *s <= 'f')))
      return 0;
  return 1;
}

static void token_hash(const char *token, char hex[65]) {
  unsigned char h[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(h, (const unsigned char *)token, strlen(token));
  sodium_bin2hex(hex, 65, h, sizeof h);
}

static void random_hex(char out[65]) {
  unsigned char b[32];
  randombytes_buf(b, sizeof b);
  sodium_bin2hex(out, 65, b, sizeof b);
}

static int64_t min64(int64_t a, int64_t b) { return a < b ? a : b; }

/* ## Sessions */

struct srow {
  xxgk_session *out;
  int64_t seen, ends_by, calendar;
  int found;
};

static void copy_text(char *to, size_t cap, const store_val *v) {
  snprintf(to, cap, "%s", v->t == SV_TEXT ? v->s : "");
}

static int take_session(void *ctx, const store_row *row) {
  struct srow *x = ctx;
  const store_val *v = row->v;
  xxgk_session *o = x->out;
  x->seen = v[0].i;
  x->ends_by = v[1].i;
  copy_text(o->csrf, sizeof o->csrf, &v[2]);
  copy_text(o->flash, sizeof o->flash, &v[3]);
  o->flash_error = (int)v[4].i;
  o->user.id = v[5].i;
  o->user.agency_id = v[6].i;
  copy_text(o->user.name, sizeof o->user.name, &v[7]);
  copy_text(o->user.login, sizeof o->user.login, &v[8]);
  copy_text(o->user.agency, sizeof o->user.agency, &v[9]);
  o->user.n_units = (int)v[10].i;
  x->calendar = o->calendar = v[11].t == SV_INT ? v[11].i : 0;
  x->found = 1;
  return 1;
}

/* A session with its user, by token hash, if it has not expired (and its
 * user still has a login); and the calendar's generation, so that a
 * request learns of a holiday notice imported elsewhere in the same read
 * (reg_calendar_at). */
#define SESSION_SELECT                                                         \
  "SELECT s.seen, s.ends_by, s.csrf, s.flash, s.flash_error, u.id,"           \
  " u.agency_id, u.name, u.login, g.name,"                                     \
  " (SELECT COUNT(*) FROM agency c WHERE c.parent_id = g.id),"                 \
  " (SELECT value FROM generation WHERE name = 'calendar')"                    \
  " FROM web_session s JOIN agency_user u ON u.id = s.user_id"                 \
  " JOIN agency g ON g.id = u.agency_id"                                       \
  " WHERE s.token_hash = ? AND s.expires > ? AND u.login IS NOT NULL"

static xxgk_status get(xxgk_reg *r, const char *hash, int64_t now,
                       struct srow *x) {
  memset(x->out, 0, sizeof *x->out);
  x->found = 0;
  if (store_query(r->st, take_session, x, SESSION_SELECT, "ti", hash, now) !=
      XXGK_OK)
    return reg_db(r);
  return XXGK_OK;
}

xxgk_status xxgk_reg_session_new(xxgk_reg *r, int64_t user_id, int64_t now,
                                 int64_t idle, int64_t absolute, char *token,
                                 xxgk_session *out) {
  if (sodium_init() < 0)
    return reg_fail(r, XXGK_E_DB, "随机数发生器不可用");
  char hash[65], csrf[65];
  random_hex(token);
  random_hex(csrf);
  token_hash(token, hash);
  int64_t ends_by = now + absolute;
  xxgk_status st = reg_begin(r, 1);
  if (st == XXGK_OK &&
      (store_run(r->st,
                 "DELETE FROM web_session WHERE token_hash IN (SELECT"
                 " token_hash FROM web_session WHERE expires <= ? LIMIT " CLEAN_ROWS
                 ")",
                 "i", now) != XXGK_OK ||
       store_run(r->st,
                 "INSERT INTO web_session (token_hash, user_id, csrf, created,"
                 " seen, expires, ends_by) VALUES (?, ?, ?, ?, ?, ?, ?)",
                 "titiiii", hash, user_id, csrf, now, now,
                 min64(now + idle, ends_by), ends_by) != XXGK_OK))
    st = reg_db(r);
  struct srow x = {.out = out};
  if (st == XXGK_OK)
    st = get(r, hash, now, &x);
  if (st == XXGK_OK && !x.found)
    st = reg_fail(r, XXGK_E_REFUSED, "用户 %lld 不存在或没有登录名",
                  (long long)user_id);
  sodium_memzero(csrf, sizeof csrf);
  st = reg_end(r, st);
  if (st != XXGK_OK) {
    sodium_memzero(token, XXGK_SESSION_TOKEN + 1);
    memset(out, 0, sizeof *out);
  }
  return st;
}

xxgk_status xxgk_reg_session_get(xxgk_reg *r, const char *token, int64_t now,
                                 int64_t idle, xxgk_session *out,
                                 int *found) {
  *found = 0;
  memset(out, 0, sizeof *out);
  if (!is_token(token))
    return XXGK_OK;
  char hash[65];
  token_hash(token, hash);
  /* One statement, no transaction around it: the request path's cost. */
  struct srow x = {.out = out};
  xxgk_status st = get(r, hash, now, &x);
  if (st != XXGK_OK || !x.found)
    return st;
  *found = 1;
  /* A calendar that fails to load is the old one kept, as a failed sync
   * keeps it: the next request tries again. */
  reg_calendar_at(r, x.calendar, NULL);
  /* A failed push (another writer holds the database) is not the
   * request's failure: the session is live, the next request pushes. */
  if (now - x.seen >= XXGK_SESSION_TOUCH)
    store_run(r->st,
              "UPDATE web_session SET seen = ?, expires = ?"
              " WHERE token_hash = ?",
              "iit", now, min64(now + idle, x.ends_by), hash);
  return XXGK_OK;
}

xxgk_status xxgk_reg_session_flash(xxgk_reg *r, const char *token,
                                   const char *flash, int error) {
  if (!is_token(token))
    return XXGK_OK;
  char hash[65];
  token_hash(token, hash);
  if (store_run(r->st,
                "UPDATE web_session SET flash = ?, flash_error = ?"
                " WHERE token_hash = ?",
                "tdt", flash && *flash ? flash : NULL, error, hash) != XXGK_OK)
    return reg_db(r);
  return XXGK_OK;
}

xxgk_status xxgk_reg_session_end(xxgk_reg *r, const char *token) {
  if (!is_token(token))
    return XXGK_OK;
  char hash[65];
  token_hash(token, hash);
  if (store_run(r->st, "DELETE FROM web_session WHERE token_hash = ?", "t",
                hash) != XXGK_OK)
    return reg_db(r);
  return XXGK_OK;
}

xxgk_status xxgk_reg_session_calendar(xxgk_reg *r, const xxgk_session *s) {
  return reg_calendar_at(r, s->calendar, NULL);
}

xxgk_status xxgk_reg_session_watch(xxgk_reg *r) {
  if (!r->st->ops->listen)
    return reg_fail(r, XXGK_E_REFUSED, "这种登记簿只由一个进程使用，无需监听");
  return reg_ok(r, r->st->ops->listen(r->st));
}

int xxgk_reg_session_changes(xxgk_reg *r, int ms) {
  return r->st->ops->notified ? r->st->ops->notified(r->st, ms) : -1;
}

/* ## Token buckets */

struct bucket {
  double tokens;
  int64_t at;
  int found;
};

static int take_bucket(void *ctx, const store_row *row) {
  struct bucket *b = ctx;
  b->tokens = (double)row->v[0].i / 1000;
  b->at = row->v[1].i;
  b->found = 1;
  return 1;
}

/* Seconds until b holds one token (0: it holds one), rounded up. */
static int wait_of(const struct bucket *b, double seconds) {
  return b->tokens >= 1 ? 0 : (int)ceil((1 - b->tokens) * seconds);
}

/* Stores b: a full bucket is no row; else the row, with when it is full
 * again, and some expired rows removed. */
static xxgk_status put_bucket(xxgk_reg *r, const char *key,
                              const struct bucket *b, double cap,
                              double seconds) {
  if (b->tokens >= cap)
    return store_run(r->st, "DELETE FROM web_throttle WHERE key = ?", "t",
                     key);
  int64_t full = b->at + (int64_t)ceil((cap - b->tokens) * seconds);
  if (store_run(r->st,
                "DELETE FROM web_throttle WHERE key IN (SELECT key FROM"
                " web_throttle WHERE expires <= ? LIMIT " CLEAN_ROWS ")",
                "i", b->at) != XXGK_OK)
    return XXGK_E_DB;
  return store_run(r->st,
                   "INSERT INTO web_throttle (key, millitokens, at, expires)"
                   " VALUES (?, ?, ?, ?) ON CONFLICT (key) DO UPDATE SET"
                   " millitokens = excluded.millitokens, at = excluded.at,"
                   " expires = excluded.expires",
                   "tiii", key, (int64_t)floor(b->tokens * 1000), b->at,
                   full);
}

xxgk_status xxgk_reg_bucket(xxgk_reg *r, const char *key, double cap,
                            double seconds, int64_t now, xxgk_bucket_op op,
                            int *wait) {
  *wait = 0;
  struct bucket b = {cap, now, 0};
  xxgk_status st = reg_begin(r, op != XXGK_BUCKET_PEEK);
  if (st == XXGK_OK)
    st = reg_ok(
        r, store_query(r->st, take_bucket, &b,
                       "SELECT millitokens, at FROM web_throttle WHERE key = ?",
                       "t", key));
  if (st != XXGK_OK)
    return reg_end(r, st);
  if (now > b.at) { /* refilled for the time gone by */
    b.tokens += (double)(now - b.at) / seconds;
    if (b.tokens > cap)
      b.tokens = cap;
    b.at = now;
  }
  *wait = wait_of(&b, seconds);
  switch (op) {
  case XXGK_BUCKET_PEEK:
    return reg_end(r, XXGK_OK);
  case XXGK_BUCKET_TAKE:
    if (!*wait)
      b.tokens -= 1;
    break;
  case XXGK_BUCKET_SPEND:
    b.tokens = b.tokens >= 1 ? b.tokens - 1 : 0;
    *wait = wait_of(&b, seconds);
    break;
  case XXGK_BUCKET_FILL:
    b.tokens = cap;
    *wait = 0;
    break;
  }
  if (put_bucket(r, key, &b, cap, seconds) != XXGK_OK)
    st = reg_db(r);
  return reg_end(r, st);
}
