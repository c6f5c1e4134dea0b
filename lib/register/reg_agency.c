/*
 * reg_agency.c — agencies in a tree (an oversight office above its units)
 * and their users. A unit's parent must exist first, so the tree has no
 * cycles by construction.
 */
#include "reg.h"

#include <stdlib.h>
#include <string.h>

xxgk_status xxgk_reg_agency_add(xxgk_reg *r, xxgk_agency *a) {
  if (!a->name || !*a->name)
    return reg_fail(r, XXGK_E_REFUSED, "请给出机关名称（--name）");
  if (REG_TEXTS(r, "机关名称", a->name) != XXGK_OK)
    return XXGK_E_REFUSED;
  xxgk_status st = reg_begin(r, 1);
  if (st != XXGK_OK)
    return st;
  int64_t v;
  int found;
  if (a->parent_id)
    st = reg_agency_exists(r, a->parent_id);
  if (st == XXGK_OK)
    st = reg_ok(r, store_int(r->st, &v, &found,
                             "SELECT id FROM agency WHERE name = ?", "t",
                             a->name));
  if (st == XXGK_OK && found)
    st = reg_fail(r, XXGK_E_REFUSED, "机关“%s”已登记，编号 %lld", a->name,
                  (long long)v);
  if (st == XXGK_OK)
    st = reg_add(r, "agency.add", "agency", &a->id,
                 "INSERT INTO agency (parent_id, name, no_register)"
                 " VALUES (?, ?, ?) RETURNING id",
                 "Itd", a->parent_id, a->name, a->no_register != 0);
  return reg_end(r, st);
}

xxgk_status xxgk_reg_user_add(xxgk_reg *r, int64_t agency_id,
                              const char *name) {
  if (!name || !*name)
    return reg_fail(r, XXGK_E_REFUSED, "请给出用户姓名（--name）");
  if (REG_TEXTS(r, "用户姓名", name) != XXGK_OK)
    return XXGK_E_REFUSED;
  xxgk_status st = reg_begin(r, 1);
  if (st == XXGK_OK)
    st = reg_agency_exists(r, agency_id);
  int64_t v;
  int found = 0;
  if (st == XXGK_OK)
    st = reg_ok(
        r,
        store_int(r->st, &v, &found,
                  "SELECT id FROM agency_user WHERE agency_id = ? AND name = ?",
                  "it", agency_id, name));
  if (st == XXGK_OK && found)
    st = reg_fail(r, XXGK_E_REFUSED, "用户“%s”已在机关 %lld 登记", name,
                  (long long)agency_id);
  if (st == XXGK_OK)
    st = reg_add(r, "user.add", "agency_user", &v,
                 "INSERT INTO agency_user (agency_id, name) VALUES (?, ?)"
                 " RETURNING id",
                 "it", agency_id, name);
  return reg_end(r, st);
}

struct agency_rows {
  struct {
    int64_t id, parent;
    char *name;
    int no_register;
  } *v;
  int n;
  size_t cap;
};

static int collect(void *ctx, const store_row *row) {
  struct agency_rows *a = ctx;
  a->v = grow(a->v, &a->cap, (size_t)a->n + 1, sizeof *a->v);
  a->v[a->n].id = row->v[0].i;
  a->v[a->n].parent = row->v[1].t == SV_INT ? row->v[1].i : 0;
  a->v[a->n].name = xxgk_strdup(row->v[2].s);
  a->v[a->n].no_register = (int)row->v[3].i;
  a->n++;
  return 0;
}

static int walk(const struct agency_rows *a, int64_t parent, int depth,
                int (*cb)(void *, const xxgk_agency *, int), void *ctx) {
  for (int i = 0; i < a->n; i++) {
    if (a->v[i].parent != parent)
      continue;
    xxgk_agency g = {a->v[i].id, a->v[i].parent, a->v[i].name,
                     a->v[i].no_register};
    if (cb(ctx, &g, depth) || walk(a, g.id, depth + 1, cb, ctx))
      return 1;
  }
  return 0;
}

xxgk_status xxgk_reg_agency_list(xxgk_reg *r,
                                 int (*cb)(void *, const xxgk_agency *, int),
                                 void *ctx) {
  struct agency_rows a = {0};
  xxgk_status st = reg_read(
      r, collect, &a,
      "SELECT id, parent_id, name, no_register FROM agency ORDER BY id", "");
  if (st == XXGK_OK)
    walk(&a, 0, 0, cb, ctx);
  for (int i = 0; i < a.n; i++)
    free(a.v[i].name);
  free(a.v);
  return st;
}
