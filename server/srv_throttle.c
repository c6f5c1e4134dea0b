/*
 * srv_throttle.c — how often a client may try: token buckets kept per
 * purpose (writes, logins, status look-ups) and per scope (the client's
 * address, the account it tries, or both), so that one purpose never spends
 * another's budget: a visitor mistyping a status code does not lock the
 * staff logins of his address, and writes do not count as failed logins.
 *
 * Logins have three budgets, because two attacks pull in opposite ways:
 *
 *   (address, account)  10 failures, then one every 30 s: someone guessing
 *                       one account's password from one place;
 *   (address)           30 failures, then one every 10 s: one place trying
 *                       many accounts (credential stuffing from a list);
 *   (account)           20 failures from anywhere, then one every 3 s:
 *                       many places guessing one account (a botnet).
 *
 * A budget per account alone would let anybody lock a clerk out by typing
 * wrong passwords for his login; a budget per address alone lets a botnet
 * guess without end. So the account's budget is only a short delay (one
 * try every 3 s, Retry-After says so), and it does not apply at all to an
 * address where that account logged in successfully within 30 days: the
 * clerk's office keeps working while strangers guess, and strangers get at
 * most one guess every 3 s against Argon2id hashes. The price: under such
 * an attack the clerk logging in from a new place may wait some seconds.
 * Failures are what count; a success refills the (address, account)
 * bucket. Status look-ups have the same shape (the tracking number as the
 * account) without the known-address rule: citizens look up from anywhere.
 *
 * Proofs of identity sent with an anonymous application are kept in the
 * register, up to 10 MB each: per address, 10 of them, then one every 6
 * minutes (srv_throttle_spend for each one kept), so that one visitor fills
 * the disk by 100 MB an hour at most rather than by the write budget's
 * 120 files a minute.
 *
 * The buckets live in the register (xxgk_reg_bucket), so that every
 * server on the database counts the same failures, and a restart forgets
 * none. Each is named by a hash of purpose, scope and texts (BLAKE2b): the
 * register never holds the address or the name a stranger typed. A
 * bucket the register never wrote is full; a login's address is "known"
 * to an account through a one-token bucket that the login empties and
 * that fills again in 30 days.
 */
#include "srv.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

#define KNOWN_SECONDS (30 * 24 * 3600) /* an address stays known this long */

/* KNOWN: an address where the account logged in (keyed by both). */
enum scope { BY_ADDR = 1, BY_ACCOUNT = 2, BY_BOTH = 3, KNOWN = 7 };

struct budget {
  enum srv_purpose purpose;
  enum scope scope;
  double cap;     /* tokens when full: tries before waiting */
  double seconds; /* to earn one token back               */
};

/* Writes are the one budget spent by every try (srv_throttle_ok); the
 * others by failures only. The write budget comes from --post-rate. */
static const struct budget BUDGETS[] = {
    {SRV_LOGIN, BY_BOTH, 10, 30},
    {SRV_LOGIN, BY_ADDR, 30, 10},
    {SRV_LOGIN, BY_ACCOUNT, 20, 3},
    {SRV_STATUS, BY_ADDR, 10, 30},
    {SRV_STATUS, BY_ACCOUNT, 20, 3},
    {SRV_PROOF, BY_ADDR, 10, 360},
};
#define N_BUDGETS (int)(sizeof BUDGETS / sizeof BUDGETS[0])

/* The bucket's name: purpose, scope, then each text with its NUL. */
static void key_of(enum srv_purpose p, enum scope sc, const char *addr,
                   const char *account, char hex[33]) {
  crypto_generichash_state st;
  unsigned char head[2] = {(unsigned char)p, (unsigned char)sc};
  unsigned char h[16];
  crypto_generichash_init(&st, NULL, 0, sizeof h);
  crypto_generichash_update(&st, head, sizeof head);
  if (sc & BY_ADDR)
    crypto_generichash_update(&st, (const unsigned char *)addr,
                              strlen(addr) + 1);
  if (sc & BY_ACCOUNT)
    crypto_generichash_update(&st, (const unsigned char *)account,
                              strlen(account) + 1);
  crypto_generichash_final(&st, h, sizeof h);
  sodium_bin2hex(hex, 33, h, sizeof h);
}

/* op on the bucket of (p, sc, addr, account); its wait, or -1 when the
 * register failed. */
static int bucket(struct srv *s, enum srv_purpose p, enum scope sc,
                  const char *addr, const char *account, double cap,
                  double seconds, xxgk_bucket_op op) {
  char key[33];
  int wait;
  key_of(p, sc, addr, account, key);
  if (xxgk_reg_bucket(s->reg, key, cap, seconds, (int64_t)s->now(), op,
                      &wait) != XXGK_OK)
    return -1;
  return wait;
}

static int applies(const struct budget *b, enum srv_purpose p,
                   const char *account) {
  return b->purpose == p && (account || !(b->scope & BY_ACCOUNT));
}

/* 0 if a try from addr at account may go ahead, else the seconds to wait,
 * or -1 when the register failed (its message in s->reg). */
static int check(struct srv *s, enum srv_purpose p, const char *addr,
                 const char *account) {
  if (p == SRV_WRITE) {
    double per = s->o.post_per_minute;
    return per > 0 ? bucket(s, p, BY_ADDR, addr, NULL, per, 60 / per,
                            XXGK_BUCKET_TAKE)
                   : 0;
  }
  int exempt = 0;
  if (p == SRV_LOGIN && account) {
    int w = bucket(s, p, KNOWN, addr, account, 1, KNOWN_SECONDS,
                   XXGK_BUCKET_PEEK);
    if (w < 0)
      return -1;
    exempt = w > 0; /* emptied by a login here within 30 days */
  }
  int wait = 0;
  for (int i = 0; i < N_BUDGETS; i++) {
    const struct budget *g = &BUDGETS[i];
    if (!applies(g, p, account) || (exempt && g->scope == BY_ACCOUNT))
      continue;
    int w = bucket(s, p, g->scope, addr, account, g->cap, g->seconds,
                   XXGK_BUCKET_PEEK);
    if (w < 0)
      return -1;
    if (w > wait)
      wait = w;
  }
  return wait;
}

/* After a try: a failure spends a token of each budget of p; a success
 * fills the (address, account) budget and, for a login, makes the address
 * known to the account. A failure the register could not count is said in
 * the server's log: the next try is checked again all the same. */
static void settle(struct srv *s, enum srv_purpose p, const char *addr,
                   const char *account, int ok) {
  int failed = 0;
  for (int i = 0; i < N_BUDGETS; i++) {
    const struct budget *g = &BUDGETS[i];
    if (!applies(g, p, account) || (ok && g->scope != BY_BOTH))
      continue;
    failed |= bucket(s, p, g->scope, addr, account, g->cap, g->seconds,
                     ok ? XXGK_BUCKET_FILL : XXGK_BUCKET_SPEND) < 0;
  }
  if (ok && p == SRV_LOGIN && account)
    failed |= bucket(s, p, KNOWN, addr, account, 1, KNOWN_SECONDS,
                     XXGK_BUCKET_SPEND) < 0;
  if (failed)
    fprintf(stderr, "xxgk serve: 限流记录未能写入：%s\n",
            xxgk_reg_errmsg(s->reg));
}

void srv_throttle_failed(struct srv *s, enum srv_purpose p, const char *addr,
                         const char *account) {
  settle(s, p, addr, account, 0);
}

void srv_throttle_passed(struct srv *s, enum srv_purpose p, const char *addr,
                         const char *account) {
  settle(s, p, addr, account, 1);
}

int srv_throttle_ok(struct srv *s, const struct srv_req *q, struct srv_resp *r,
                    enum srv_purpose p, const char *account, const char *what) {
  int wait = check(s, p, q->ip, account);
  if (wait < 0) {
    srv_reg_fail(s, r, q);
  } else if (wait) {
    char v[16];
    snprintf(v, sizeof v, "%d", wait);
    srv_header(r, "Retry-After", v);
    srv_error(r, q, 429, "%s，请 %d 秒后再试", what, wait);
  }
  return wait == 0;
}

void srv_throttle_spend(struct srv *s, enum srv_purpose p, const char *addr) {
  settle(s, p, addr, NULL, 0);
}
