/*
 * srv_auth.c — who is asking: sessions (a random 256-bit token in an
 * HttpOnly, SameSite=Lax cookie, Secure behind TLS; kept in the register,
 * xxgk_reg_session_*, so a restart logs nobody out and the servers on one
 * database share them), CSRF tokens (one per session
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
  int found;
  if (xxgk_reg_session_get(s->reg, tok, s->now(), SRV_SESSION_SECONDS, &xs,
                           &found) != XXGK_OK)
    return -1;
  if (!found)
    return 0;
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
