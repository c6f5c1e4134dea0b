/*
 * srv_auth.c — who is asking: sessions (a random 256-bit token in an
 * HttpOnly, SameSite=Lax cookie, Secure behind TLS; kept in the register,
 * xxgk_reg_session_*, so a restart logs nobody out and the servers on one
 * database share them), CSRF tokens (one per session
 * for logged-in forms and API writes; a double-submit cookie for the
 * login and public forms; a custom header for anonymous API writes, which
 * no other site can send without a CORS preflight this server never
 * answers). Tokens are compared in constant time (sodium_memcmp).
 *
 * Sessions kept. Where statements are round trips to a database server,
 * the session read was half of a list's; so a session read is kept for
 * SRV_SESSION_KEEP_MS (a second) and used again by any thread. Kept only
 * while a thread watches the database (xxgk_reg_session_watch): every
 * write to a session, a user, an agency or the calendar, on any server or
 * by the command line, tells it from the write's transaction, and every
 * session kept is forgotten; a read that began before the news is kept
 * as already forgotten (the epoch it began in). So a logout, a password or
 * role changed, a user disabled take effect on every server as soon as
 * its watch hears of it (milliseconds), and within a second even if it
 * never does; while the watch is down nothing is kept. A session with a
 * flash is not kept (a flash is shown once). This server's own writes of
 * those (a flash, and the routes of routes.tsv's sessions forget) forget
 * at once, before their notice comes back.
 */
#include "srv.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define KEPT 64 /* sessions kept: more than the users of one moment */

struct srv_sessions {
  pthread_mutex_t lock; /* over epoch, watching and e                */
  uint64_t epoch;       /* changes heard of: a session read in an
                           earlier epoch is stale                    */
  int watching;         /* the watch is on: sessions may be kept     */
  int keep_ms, next;
  struct {
    char token[65];
    xxgk_session xs;
    int64_t at_ms;  /* when its read ended (monotonic)            */
    time_t at;      /* and by the server's clock (s->now)          */
    uint64_t epoch; /* the epoch its read began in                */
  } e[KEPT];
  pthread_t thread;
  char *db;      /* for the watching thread's own handle */
  xxgk_reg *reg; /* that handle, here rather than on the thread's stack:
                    a reader child forked from another thread has no
                    such stack, and valgrind would call it lost there */
  atomic_int *stopping;
};

static int64_t mono_ms(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (int64_t)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

/* News: every session kept is stale; none is kept while `watching` is 0. */
static void heard(struct srv_sessions *k, int watching) {
  pthread_mutex_lock(&k->lock);
  k->epoch++;
  k->watching = watching;
  pthread_mutex_unlock(&k->lock);
}

static void *watch(void *arg) {
  struct srv_sessions *k = arg;
  while (!atomic_load(k->stopping)) {
    if (!k->reg) {
      if (xxgk_reg_open(k->db, 0, &k->reg) == XXGK_OK &&
          xxgk_reg_session_watch(k->reg) == XXGK_OK) {
        heard(k, 1);
        continue;
      }
      xxgk_reg_close(k->reg);
      k->reg = NULL;
      /* the database is away: again soon */
      nanosleep(&(struct timespec){0, 500 * 1000 * 1000}, NULL);
      continue;
    }
    int c = xxgk_reg_session_changes(k->reg, 200);
    if (c != 0)
      heard(k, c > 0);
    if (c < 0) {
      xxgk_reg_close(k->reg);
      k->reg = NULL;
    }
  }
  xxgk_reg_close(k->reg);
  k->reg = NULL;
  return NULL;
}

void srv_sessions_start(struct srv *s) {
  const char *env = getenv("XXGK_SESSION_KEEP_MS");
  int keep_ms = env && *env ? atoi(env) : SRV_SESSION_KEEP_MS;
  xxgk_reg *probe = NULL;
  /* only where there is something to watch (not a SQLite file) */
  int can = keep_ms > 0 && xxgk_reg_open(s->o.db, 0, &probe) == XXGK_OK &&
            xxgk_reg_session_watch(probe) == XXGK_OK;
  xxgk_reg_close(probe);
  if (!can)
    return;
  struct srv_sessions *k = srv_alloc(sizeof *k);
  memset(k, 0, sizeof *k);
  pthread_mutex_init(&k->lock, NULL);
  k->keep_ms = keep_ms;
  k->db = srv_strdup(s->o.db);
  k->stopping = &s->sh->stopping;
  if (pthread_create(&k->thread, NULL, watch, k) != 0) {
    pthread_mutex_destroy(&k->lock);
    free(k->db);
    free(k);
    return;
  }
  s->sh->sessions = k;
}

void srv_sessions_stop(struct srv *s) {
  struct srv_sessions *k = s->sh->sessions;
  if (!k)
    return;
  atomic_store(&s->sh->stopping, 1);
  pthread_join(k->thread, NULL);
  pthread_mutex_destroy(&k->lock);
  sodium_memzero(k->e, sizeof k->e);
  free(k->db);
  free(k);
  s->sh->sessions = NULL;
}

void srv_sessions_forget(struct srv *s) {
  struct srv_sessions *k = s->sh ? s->sh->sessions : NULL;
  if (!k)
    return;
  pthread_mutex_lock(&k->lock);
  k->epoch++;
  pthread_mutex_unlock(&k->lock);
}

void srv_sessions_sync(struct srv *s) {
  struct srv_sessions *k = s->sh ? s->sh->sessions : NULL;
  uint64_t epoch = 0;
  int watching = 0;
  if (k) {
    pthread_mutex_lock(&k->lock);
    epoch = k->epoch;
    watching = k->watching;
    pthread_mutex_unlock(&k->lock);
  }
  if (!watching || epoch != s->heard)
    xxgk_reg_refresh(s->reg);
  s->heard = epoch;
}

/* The session of tok kept and still good at `at` (the server's clock: a
 * clock that jumps, as the tests' does, expires what was kept): 1 and
 * *xs; else 0 and *epoch, the epoch a read now begins in. */
static int kept(struct srv_sessions *k, const char *tok, time_t at,
                xxgk_session *xs, uint64_t *epoch) {
  int64_t now = mono_ms();
  int hit = 0;
  pthread_mutex_lock(&k->lock);
  *epoch = k->epoch;
  for (int i = 0; k->watching && i < KEPT && !hit; i++)
    if (k->e[i].epoch == k->epoch && now - k->e[i].at_ms < k->keep_ms &&
        at >= k->e[i].at && (at - k->e[i].at) * 1000 < k->keep_ms &&
        sodium_memcmp(k->e[i].token, tok, 64) == 0) {
      *xs = k->e[i].xs;
      hit = 1;
    }
  pthread_mutex_unlock(&k->lock);
  return hit;
}

/* Keeps the session of tok read in `epoch`, unless news came since. */
static void keep(struct srv_sessions *k, const char *tok, time_t at,
                 const xxgk_session *xs, uint64_t epoch) {
  if (xs->flash[0])
    return;
  int64_t now = mono_ms();
  pthread_mutex_lock(&k->lock);
  if (epoch == k->epoch && k->watching) {
    int slot = -1;
    for (int i = 0; i < KEPT && slot < 0; i++) /* its earlier read */
      if (sodium_memcmp(k->e[i].token, tok, 64) == 0)
        slot = i;
    if (slot < 0) {
      slot = k->next;
      k->next = (k->next + 1) % KEPT;
    }
    memcpy(k->e[slot].token, tok, 65);
    k->e[slot].xs = *xs;
    k->e[slot].at_ms = now;
    k->e[slot].at = at;
    k->e[slot].epoch = epoch;
  }
  pthread_mutex_unlock(&k->lock);
}

#define COOKIE_SESSION "xxgk_session"
#define COOKIE_CSRF "xxgk_csrf"

static void random_hex(char out[65]) {
  unsigned char b[32];
  randombytes_buf(b, sizeof b);
  sodium_bin2hex(out, 65, b, sizeof b);
}

static int is_token(const char *s) {
  if (strlen(s) != 64)
    return 0;
  for (; *s; s++)
    if (!((*s >= '0' && *s <= '9') || (*s >= 'a' && *s <= 'f')))
      return 0;
  return 1;
}

struct srv_session *srv_session_new(struct srv *s, struct srv_req *q,
                                    const xxgk_user *u) {
  xxgk_session xs;
  struct srv_session *ss = &q->sess_buf;
  memset(ss, 0, sizeof *ss);
  if (xxgk_reg_session_new(s->reg, u->id, s->now(), SRV_SESSION_SECONDS,
                           SRV_SESSION_MAX_SECONDS, ss->token,
                           &xs) != XXGK_OK)
    return NULL;
  memcpy(ss->csrf, xs.csrf, sizeof ss->csrf);
  ss->user = xs.user;
  sodium_memzero(&xs, sizeof xs);
  q->sess = ss;
  q->sess_flash = 0;
  return ss;
}

int srv_session_find(struct srv *s, struct srv_req *q) {
  q->sess = NULL;
  char tok[80];
  if (srv_cookie(q, COOKIE_SESSION, tok, sizeof tok) != 0 || !is_token(tok))
    return 0;
  xxgk_session xs;
  int found = 1;
  uint64_t epoch = 0;
  struct srv_sessions *k = s->sh ? s->sh->sessions : NULL;
  time_t at = s->now();
  if (k && kept(k, tok, at, &xs, &epoch)) {
    xxgk_reg_session_calendar(s->reg, &xs);
  } else {
    if (xxgk_reg_session_get(s->reg, tok, at, SRV_SESSION_SECONDS, &xs,
                             &found) != XXGK_OK)
      return -1;
    if (!found)
      return 0;
    if (k)
      keep(k, tok, at, &xs, epoch);
  }
  struct srv_session *ss = &q->sess_buf;
  memcpy(ss->token, tok, sizeof ss->token);
  memcpy(ss->csrf, xs.csrf, sizeof ss->csrf);
  ss->user = xs.user;
  memcpy(ss->flash, xs.flash, sizeof ss->flash);
  ss->flash_error = xs.flash_error;
  sodium_memzero(&xs, sizeof xs);
  q->sess_flash = ss->flash[0] != 0;
  q->sess = ss;
  return 0;
}

void srv_session_end(struct srv *s, struct srv_session *ss) {
  if (!ss)
    return;
  if (xxgk_reg_session_end(s->reg, ss->token) != XXGK_OK)
    fprintf(stderr, "xxgk serve: 会话未能注销：%s\n", xxgk_reg_errmsg(s->reg));
  sodium_memzero(ss, sizeof *ss);
}

void srv_session_keep(struct srv *s, const struct srv_req *q) {
  /* the flash is all a request changes; most neither had nor set one */
  if (!q->sess || !q->sess->token[0] || (!q->sess_flash && !q->sess->flash[0]))
    return;
  /* An ended session (logged out elsewhere meanwhile) has no row left to
   * take it, as it should. */
  if (xxgk_reg_session_flash(s->reg, q->sess->token, q->sess->flash,
                             q->sess->flash_error) != XXGK_OK)
    fprintf(stderr, "xxgk serve: 提示未能保存：%s\n", xxgk_reg_errmsg(s->reg));
  srv_sessions_forget(s);
}

static int secure(const struct srv *s, const struct srv_req *q) {
  return s->o.secure_cookies || q->secure;
}

void srv_session_cookie(struct srv *s, struct srv_resp *r,
                        const struct srv_req *q,
                        const struct srv_session *ss) {
  char v[256];
  snprintf(v, sizeof v, COOKIE_SESSION "=%s; Path=/; HttpOnly; SameSite=Lax;"
                                       " Max-Age=%d%s",
           ss ? ss->token : "", ss ? SRV_SESSION_SECONDS : 0,
           secure(s, q) ? "; Secure" : "");
  srv_header(r, "Set-Cookie", v);
}

const char *srv_anon_csrf(struct srv *s, const struct srv_req *q,
                          struct srv_resp *r, char out[65]) {
  char have[80];
  if (srv_cookie(q, COOKIE_CSRF, have, sizeof have) == 0 && is_token(have)) {
    memcpy(out, have, 65);
    return out;
  }
  random_hex(out);
  char v[200];
  snprintf(v, sizeof v,
           COOKIE_CSRF "=%s; Path=/; HttpOnly; SameSite=Strict%s", out,
           secure(s, q) ? "; Secure" : "");
  srv_header(r, "Set-Cookie", v);
  return out;
}

static int same_token(const char *a, const char *b) {
  return a && b && strlen(a) == 64 && strlen(b) == 64 &&
         sodium_memcmp(a, b, 64) == 0;
}

int srv_csrf_ok(const struct srv_req *q) {
  if (q->sess) {
    const char *t = q->csrf_header ? q->csrf_header : srv_form(q, "csrf");
    return same_token(t, q->sess->csrf);
  }
  if (q->api)
    return q->requested_with && *q->requested_with;
  char have[80];
  return srv_cookie(q, COOKIE_CSRF, have, sizeof have) == 0 &&
         same_token(srv_form(q, "csrf"), have);
}

void srv_flash(struct srv_session *ss, int error, const char *fmt, ...) {
  if (!ss)
    return;
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(ss->flash, sizeof ss->flash, fmt, ap);
  va_end(ap);
  ss->flash_error = error;
}
