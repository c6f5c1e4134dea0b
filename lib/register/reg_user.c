/*
 * reg_user.c — logins for the web application: a user's login
 * name and password, the password kept only as an Argon2id hash
 * (libsodium crypto_pwhash_str with the interactive limits, salt and
 * parameters inside the string), checking a login in the same time whether
 * or not the login exists, and the agency-tree test that decides what a
 * user may see (his agency and its units).
 */
#include "reg.h"

#include <json-c/json.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>

/* Hashes pw into out; -1 if libsodium cannot (out of memory). */
static int hash_password(const char *pw, char out[crypto_pwhash_STRBYTES]) {
  if (sodium_init() < 0)
    return -1;
  return crypto_pwhash_str(out, pw, strlen(pw),
                           crypto_pwhash_OPSLIMIT_INTERACTIVE,
                           crypto_pwhash_MEMLIMIT_INTERACTIVE);
}

static int login_ok(const char *s) {
  size_t n = strlen(s);
  if (n < 2 || n >= sizeof ((xxgk_user *)0)->login)
    return 0;
  for (; *s; s++)
    if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') ||
          *s == '.' || *s == '_' || *s == '-'))
      return 0;
  return 1;
}

/* An audit record of a login change: reg_audit would copy the whole row,
 * the password hash with it, so the after-image is written here. */
static xxgk_status audit_login(xxgk_reg *r, int64_t id, int64_t agency_id,
                               const char *name, const char *login) {
  char at[32];
  reg_now(r, at);
  json_object *o = json_object_new_object();
  json_object_object_add(o, "id", json_object_new_int64(id));
  json_object_object_add(o, "agency_id", json_object_new_int64(agency_id));
  json_object_object_add(o, "name", json_object_new_string(name));
  json_object_object_add(o, "login", json_object_new_string(login));
  xxgk_status st = store_run(
      r->st,
      "INSERT INTO audit (at, who, action, entity, entity_id, before, after)"
      " VALUES (?, ?, 'user.login', 'agency_user', ?, NULL, ?)",
      "ttit", at, r->user, id,
      json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN |
                                            JSON_C_TO_STRING_NOSLASHESCAPE));
  json_object_put(o);
  return reg_ok(r, st);
}

xxgk_status xxgk_reg_user_set_login(xxgk_reg *r, int64_t agency_id,
                                    const char *name, const char *login,
                                    const char *password) {
  if (!name || !*name || strlen(name) >= sizeof ((xxgk_user *)0)->name)
    return reg_fail(r, XXGK_E_REFUSED, "请给出用户姓名（至多 127 个字节）");
  if (REG_TEXTS(r, "用户姓名", name) != XXGK_OK)
    return XXGK_E_REFUSED;
  if (!login || !login_ok(login))
    return reg_fail(r, XXGK_E_REFUSED,
                    "登录名“%s”不对：应为 2 至 63 个小写字母、数字或 . _ -",
                    login ? login : "");
  if (!password || strlen(password) < XXGK_MIN_PASSWORD ||
      strlen(password) > XXGK_MAX_PASSWORD)
    return reg_fail(r, XXGK_E_REFUSED, "密码应为 %d 至 %d 个字节",
                    XXGK_MIN_PASSWORD, XXGK_MAX_PASSWORD);
  char hash[crypto_pwhash_STRBYTES];
  if (hash_password(password, hash) != 0)
    return reg_fail(r, XXGK_E_DB, "无法计算密码散列（内存不足）");
  xxgk_status st = reg_begin(r, 1);
  if (st == XXGK_OK)
    st = reg_agency_exists(r, agency_id);
  int64_t id = 0, other;
  int found = 0, taken = 0;
  if (st == XXGK_OK &&
      (store_int(r->st, &id, &found,
                 "SELECT id FROM agency_user WHERE agency_id = ? AND name = ?",
                 "it", agency_id, name) != XXGK_OK ||
       store_int(r->st, &other, &taken,
                 "SELECT id FROM agency_user WHERE login = ?", "t",
                 login) != XXGK_OK))
    st = reg_db(r);
  if (st == XXGK_OK && taken && (!found || other != id))
    st = reg_fail(r, XXGK_E_REFUSED, "登录名“%s”已被别的用户使用", login);
  if (st == XXGK_OK && !found &&
      store_int(r->st, &id, NULL,
                "INSERT INTO agency_user (agency_id, name) VALUES (?, ?)"
                " RETURNING id",
                "it", agency_id, name) != XXGK_OK)
    st = reg_db(r);
  if (st == XXGK_OK)
    st = reg_ok(
        r,
        store_run(r->st,
                  "UPDATE agency_user SET login = ?, password = ? WHERE id = ?",
                  "tti", login, hash, id));
  /* The audit record names the user and login, never the hash. */
  if (st == XXGK_OK)
    st = audit_login(r, id, agency_id, name, login);
  sodium_memzero(hash, sizeof hash);
  return reg_end(r, st);
}

struct urow {
  xxgk_user *u;
  char hash[crypto_pwhash_STRBYTES];
  int found;
};

static int take_user(void *ctx, const store_row *row) {
  struct urow *x = ctx;
  xxgk_user *u = x->u;
  const store_val *v = row->v;
  memset(u, 0, sizeof *u);
  u->id = v[0].i;
  u->agency_id = v[1].i;
  snprintf(u->name, sizeof u->name, "%s", v[2].s);
  snprintf(u->login, sizeof u->login, "%s",
           v[3].t == SV_TEXT ? v[3].s : "");
  snprintf(x->hash, sizeof x->hash, "%s", v[4].t == SV_TEXT ? v[4].s : "");
  snprintf(u->agency, sizeof u->agency, "%s", v[5].s);
  u->n_units = (int)v[6].i;
  x->found = 1;
  return 1;
}

#define USER_COLUMNS                                                           \
  "SELECT u.id, u.agency_id, u.name, u.login, u.password, g.name,"             \
  " (SELECT COUNT(*) FROM agency c WHERE c.parent_id = g.id)"                  \
  " FROM agency_user u JOIN agency g ON g.id = u.agency_id"

xxgk_status xxgk_reg_user_login(xxgk_reg *r, const char *login,
                                const char *password, xxgk_user *out) {
  /* A hash of a password nobody has, verified when the login is unknown
   * so that the answer takes as long as for a wrong password (one per
   * thread: the web server logs in on several). */
  static _Thread_local char dummy[crypto_pwhash_STRBYTES];
  struct urow x = {.u = out};
  memset(out, 0, sizeof *out);
  if (!login || !password || strlen(password) > 1024)
    return reg_fail(r, XXGK_E_REFUSED, "用户名或密码不对");
  xxgk_status st =
      reg_read(r, take_user, &x, USER_COLUMNS " WHERE u.login = ?", "t", login);
  if (st != XXGK_OK)
    return st;
  if (!dummy[0] && hash_password("\x01 no such password \x01", dummy) != 0)
    return reg_fail(r, XXGK_E_DB, "无法计算密码散列（内存不足）");
  int ok = x.found && x.hash[0] &&
           crypto_pwhash_str_verify(x.hash, password, strlen(password)) == 0;
  if (!x.found || !x.hash[0])
    if (crypto_pwhash_str_verify(dummy, password, strlen(password)) == 0)
      ok = 0; /* the work is what counts; the answer is no */
  sodium_memzero(x.hash, sizeof x.hash);
  if (!ok) {
    memset(out, 0, sizeof *out);
    return reg_fail(r, XXGK_E_REFUSED, "用户名或密码不对");
  }
  return XXGK_OK;
}

struct ulist {
  int (*cb)(void *ctx, const xxgk_user *u);
  void *ctx;
};

static int list_user(void *ctx, const store_row *row) {
  struct ulist *x = ctx;
  xxgk_user u = {.id = row->v[0].i, .agency_id = row->v[1].i};
  snprintf(u.name, sizeof u.name, "%s", row->v[2].s);
  snprintf(u.login, sizeof u.login, "%s",
           row->v[3].t == SV_TEXT ? row->v[3].s : "");
  snprintf(u.agency, sizeof u.agency, "%s", row->v[4].s);
  return x->cb(x->ctx, &u);
}

xxgk_status xxgk_reg_user_list(xxgk_reg *r, int64_t scope,
                               int (*cb)(void *ctx, const xxgk_user *u),
                               void *ctx) {
  struct ulist x = {cb, ctx};
  if (store_query(r->st, list_user, &x,
                  "SELECT u.id, u.agency_id, u.name, u.login, g.name"
                  " FROM agency_user u JOIN agency g ON g.id = u.agency_id"
                  " WHERE u.agency_id" REG_UNDER
                  " ORDER BY u.agency_id, u.name",
                  "i", scope) != XXGK_OK)
    return reg_db(r);
  return XXGK_OK;
}

xxgk_status xxgk_reg_user_get(xxgk_reg *r, int64_t id, xxgk_user *out) {
  struct urow x = {.u = out};
  memset(out, 0, sizeof *out);
  xxgk_status st =
      reg_read(r, take_user, &x, USER_COLUMNS " WHERE u.id = ?", "i", id);
  if (st == XXGK_OK && !x.found)
    st = reg_fail(r, XXGK_E_REFUSED, "用户 %lld 不存在", (long long)id);
  sodium_memzero(x.hash, sizeof x.hash);
  return st;
}

xxgk_status xxgk_reg_agency_within(xxgk_reg *r, int64_t scope, int64_t id,
                                   int *in) {
  int64_t v;
  *in = 0;
  xxgk_status st = reg_begin(r, 0);
  if (st == XXGK_OK)
    st = reg_ok(r, store_int(r->st, &v, in,
                             "SELECT 1 FROM agency_tree WHERE ancestor = ?"
                             " AND descendant = ?",
                             "ii", scope, id));
  return reg_end(r, st);
}
