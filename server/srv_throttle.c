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
 * The state is a fixed table in memory under the shared lock, keyed by a
 * keyed hash of purpose, scope and text (libsodium's BLAKE2b, a random key
 * per run, so nobody can aim collisions at another's bucket); full slots are reused
 * least recently used first. Everything goes through the three functions of
 * srv.h, so the table can move into the database without touching a
 * caller.
 */
#include "srv.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#define N_SLOTS 4096
#define PROBES 8
#define KNOWN_SECONDS (30 * 24 * 3600) /* an address stays known this long */

/* KNOWN: an address where the account logged in (keyed by both). */
enum scope { BY_ADDR = 1, BY_ACCOUNT = 2, BY_BOTH = 3, KNOWN = 7 };

struct budget {
  enum srv_purpose purpose;
  enum scope scope;
  double cap;     /* tokens when full: tries before waiting */
  double seconds; /* to earn one token back               */
};

/* Writes are the one budget spent by every try (srv_throttle_check); the
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

struct slot {
  uint64_t key;  /* 0 when free                     */
  double tokens; /* left in the bucket              */
  time_t last;   /* when it was last filled or used */
};

struct srv_throttle {
  unsigned char hash_key[crypto_generichash_KEYBYTES];
  struct slot slots[N_SLOTS];
};

struct srv_throttle *srv_throttle_new(void) {
  struct srv_throttle *t = srv_alloc(sizeof *t);
  memset(t, 0, sizeof *t);
  crypto_generichash_keygen(t->hash_key);
  return t;
}

void srv_throttle_free(struct srv_throttle *t) { free(t); }

static uint64_t key_of(const struct srv_throttle *t, enum srv_purpose p,
                       enum scope sc, const char *addr, const char *account) {
  crypto_generichash_state st; /* purpose, scope, then each text with its NUL */
  unsigned char head[2] = {(unsigned char)p, (unsigned char)sc};
  unsigned char h[16];
  crypto_generichash_init(&st, t->hash_key, sizeof t->hash_key, sizeof h);
  crypto_generichash_update(&st, head, sizeof head);
  if (sc & BY_ADDR)
    crypto_generichash_update(&st, (const unsigned char *)addr,
                              strlen(addr) + 1);
  if (sc & BY_ACCOUNT)
    crypto_generichash_update(&st, (const unsigned char *)account,
                              strlen(account) + 1);
  crypto_generichash_final(&st, h, sizeof h);
  uint64_t k;
  memcpy(&k, h, sizeof k);
  return k ? k : 1;
}

/* The slot of key, or NULL (find only), or a fresh one (create); under the
 * lock. A fresh bucket is full. */
static struct slot *slot_of(struct srv_throttle *t, uint64_t key, int create,
                            double cap, time_t now) {
  struct slot *oldest = NULL;
  for (int i = 0; i < PROBES; i++) {
    struct slot *x = &t->slots[(key + (uint64_t)i) % N_SLOTS];
    if (x->key == key)
      return x;
    if (!oldest || (oldest->key && (!x->key || x->last < oldest->last)))
      oldest = x; /* a free slot, else the least recently used */
  }
  if (!create)
    return NULL;
  *oldest = (struct slot){key, cap, now};
  return oldest;
}

/* Refills b for the time gone by; returns the seconds until it holds one
 * token (0: it holds one now). */
static int refill(struct slot *b, double cap, double seconds, time_t now) {
  if (now > b->last) {
    b->tokens += (double)(now - b->last) / seconds;
    if (b->tokens > cap)
      b->tokens = cap;
    b->last = now;
  }
  if (b->tokens >= 1)
    return 0;
  double w = (1 - b->tokens) * seconds;
  return (int)w + ((double)(int)w < w); /* rounded up */
}

static int applies(const struct budget *b, enum srv_purpose p,
                   const char *account) {
  return b->purpose == p && (account || !(b->scope & BY_ACCOUNT));
}

/* Whether addr logged in as account lately (exempt from the account's
 * budget); under the lock. */
static int known(struct srv_throttle *t, const char *addr, const char *account,
                 time_t now) {
  struct slot *k =
      slot_of(t, key_of(t, SRV_LOGIN, KNOWN, addr, account), 0, 0, now);
  return k && now - k->last <= KNOWN_SECONDS;
}

int srv_throttle_check(struct srv *s, enum srv_purpose p, const char *addr,
                       const char *account) {
  struct srv_throttle *t = s->sh->throttle;
  time_t now = s->now();
  int wait = 0;
  pthread_mutex_lock(&s->sh->lock);
  if (p == SRV_WRITE) {
    double per = s->o.post_per_minute;
    if (per > 0) {
      struct slot *b =
          slot_of(t, key_of(t, p, BY_ADDR, addr, NULL), 1, per, now);
      wait = refill(b, per, 60 / per, now);
      if (!wait)
        b->tokens -= 1;
    }
  } else {
    int exempt = p == SRV_LOGIN && account && known(t, addr, account, now);
    for (int i = 0; i < N_BUDGETS; i++) {
      const struct budget *g = &BUDGETS[i];
      if (!applies(g, p, account) || (exempt && g->scope == BY_ACCOUNT))
        continue;
      struct slot *b =
          slot_of(t, key_of(t, p, g->scope, addr, account), 0, 0, now);
      int w = b ? refill(b, g->cap, g->seconds, now) : 0;
      if (w > wait)
        wait = w;
    }
  }
  pthread_mutex_unlock(&s->sh->lock);
  return wait;
}

/* After a try: a failure spends a token of each budget of p; a success
 * fills the (address, account) budget and, for a login, makes the address
 * known to the account. */
static void settle(struct srv *s, enum srv_purpose p, const char *addr,
                   const char *account, int ok) {
  struct srv_throttle *t = s->sh->throttle;
  time_t now = s->now();
  pthread_mutex_lock(&s->sh->lock);
  for (int i = 0; i < N_BUDGETS; i++) {
    const struct budget *g = &BUDGETS[i];
    if (!applies(g, p, account) || (ok && g->scope != BY_BOTH))
      continue;
    struct slot *b =
        slot_of(t, key_of(t, p, g->scope, addr, account), !ok, g->cap, now);
    if (ok && b)
      *b = (struct slot){b->key, g->cap, now};
    else if (!ok) {
      refill(b, g->cap, g->seconds, now);
      b->tokens = b->tokens >= 1 ? b->tokens - 1 : 0;
    }
  }
  if (ok && p == SRV_LOGIN && account)
    slot_of(t, key_of(t, p, KNOWN, addr, account), 1, 0, now)->last = now;
  pthread_mutex_unlock(&s->sh->lock);
}

void srv_throttle_failed(struct srv *s, enum srv_purpose p, const char *addr,
                         const char *account) {
  settle(s, p, addr, account, 0);
}

void srv_throttle_passed(struct srv *s, enum srv_purpose p, const char *addr,
                         const char *account) {
  settle(s, p, addr, account, 1);
}

void srv_throttle_spend(struct srv *s, enum srv_purpose p, const char *addr) {
  settle(s, p, addr, NULL, 0);
}
