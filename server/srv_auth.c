/*
 * srv_auth.c — who is asking: sessions (a random 256-bit token in an
 * HttpOnly, SameSite=Lax cookie, Secure behind TLS; the table lives in
 * memory, so a restart logs everybody out), CSRF tokens (one per session
 * for logged-in forms and API writes; a double-submit cookie for the
 * login and public forms; a custom header for anonymous API writes, which
 * no other site can send without a CORS preflight this server never
 * answers). Tokens are compared in constant time (sodium_memcmp).
 */
#include "srv.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

/* The table's slot holding token tok, or NULL; under the lock. */
static struct srv_session *slot_of(struct srv *s, const char *tok) {
  struct srv_session *hit = NULL;
  for (int i = 0; i < SRV_MAX_SESSIONS; i++) {
    struct srv_session *x = &s->sh->sessions[i];
    if (x->token[0] && sodium_memcmp(x->token, tok, 64) == 0)
      hit = x;
  }
  return hit;
}

struct srv_session *srv_session_new(struct srv *s, struct srv_req *q,
                                    const xxgk_user *u) {
  time_t now = s->now();
  pthread_mutex_lock(&s->sh->lock);
  struct srv_session *slot = NULL;
  for (int i = 0; i < SRV_MAX_SESSIONS; i++) {
    struct srv_session *x = &s->sh->sessions[i];
    if (!x->token[0] || now - x->last > SRV_SESSION_SECONDS) {
      slot = x;
      break;
    }
    if (!slot || x->last < slot->last)
      slot = x; /* the least recently used, if every slot is live */
  }
  memset(slot, 0, sizeof *slot);
  random_hex(slot->token);
  random_hex(slot->csrf);
  slot->user = *u;
  slot->last = now;
  q->sess_buf = *slot;
  pthread_mutex_unlock(&s->sh->lock);
  q->sess = &q->sess_buf;
  return q->sess;
}

struct srv_session *srv_session_find(struct srv *s, struct srv_req *q) {
  char tok[80];
  if (srv_cookie(q, COOKIE_SESSION, tok, sizeof tok) != 0 || !is_token(tok))
    return NULL;
  time_t now = s->now();
  pthread_mutex_lock(&s->sh->lock);
  struct srv_session *hit = slot_of(s, tok);
  if (hit && now - hit->last > SRV_SESSION_SECONDS) {
    sodium_memzero(hit, sizeof *hit);
    hit = NULL;
  }
  if (hit) {
    hit->last = now;
    q->sess_buf = *hit;
    q->sess_flash = hit->flash[0] != 0;
  }
  pthread_mutex_unlock(&s->sh->lock);
  return hit ? &q->sess_buf : NULL;
}

void srv_session_end(struct srv *s, struct srv_session *ss) {
  if (!ss)
    return;
  pthread_mutex_lock(&s->sh->lock);
  struct srv_session *hit = slot_of(s, ss->token);
  if (hit)
    sodium_memzero(hit, sizeof *hit);
  pthread_mutex_unlock(&s->sh->lock);
  sodium_memzero(ss, sizeof *ss);
}

void srv_session_keep(struct srv *s, const struct srv_req *q) {
  /* the flash is all a request changes; most neither had nor set one */
  if (!q->sess || !q->sess->token[0] || (!q->sess_flash && !q->sess->flash[0]))
    return;
  pthread_mutex_lock(&s->sh->lock);
  struct srv_session *hit = slot_of(s, q->sess->token);
  if (hit) {
    memcpy(hit->flash, q->sess->flash, sizeof hit->flash);
    hit->flash_error = q->sess->flash_error;
  }
  pthread_mutex_unlock(&s->sh->lock);
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
