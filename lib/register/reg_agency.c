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

/* ## Names, kept by the handle */

static int name_row(void *ctx, const store_row *row) {
  struct reg_names *m = ctx;
  m->v = grow(m->v, &m->cap, (size_t)m->n + 1, sizeof *m->v);
  m->v[m->n++] = (struct reg_name){row->v[0].i, store_text_copy(&row->v[1])};
  return 0;
}

void reg_names_free(struct reg_names *m) {
  for (int i = 0; i < m->n; i++)
    free(m->v[i].name);
  free(m->v);
  memset(m, 0, sizeof *m);
}

static const char *name_of(const struct reg_names *m, int64_t id) {
  int lo = 0, hi = m->n;
  while (lo < hi) {
    int mid = lo + (hi - lo) / 2;
    if (m->v[mid].id < id)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo < m->n && m->v[lo].id == id ? m->v[lo].name : NULL;
}

xxgk_status reg_agency_name(xxgk_reg *r, int64_t id, const char **name) {
  *name = name_of(&r->names, id);
  if (*name)
    return XXGK_OK;
  reg_names_free(&r->names);
  if (store_query(r->st, name_row, &r->names,
                  "SELECT id, name FROM agency ORDER BY id", "") != XXGK_OK) {
    reg_names_free(&r->names);
    return reg_db(r);
  }
  *name = name_of(&r->names, id);
  return XXGK_OK;
}

void xxgk_reg_refresh(xxgk_reg *r) { reg_names_free(&r->names); }
