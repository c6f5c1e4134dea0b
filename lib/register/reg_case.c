/*
 * reg_case.c — applications: registering one (every field checked, a
 * tracking number assigned), finding, listing and showing them, and the
 * masking of the applicant's personal data for lists.
 */
#include "reg.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The ways an application reaches the agency (条例 art. 29, 31). */
static const char *const CHANNELS[] = {"当面", "邮寄", "网络", "传真", "其他"};
#define N_CHANNELS (int)(sizeof CHANNELS / sizeof CHANNELS[0])

static int take_text(void *ctx, const store_row *row) {
  if (row->v[0].t == SV_TEXT)
    snprintf(ctx, 32, "%s", row->v[0].s);
  return 1;
}

/* The next free "YYYY-NNNNN" for a receipt year: one past the largest such
 * number, found through the index on (length(tracking), tracking) rather
 * than by counting. Past 99999 the numbers have six digits and more, and
 * sort among the five-digit ones as strings ("2024-100000" before
 * "2024-10001"): the largest of each length is looked up, up to ten
 * digits. (Looking at five digits only, the register probed every number
 * from 100000 on for each new application: quadratic from the 100,000th
 * application of a year.) */
static xxgk_status next_tracking(xxgk_reg *r, int year, char out[32]) {
  char lo[16], hi[16];
  snprintf(lo, sizeof lo, "%04d-", year);
  snprintf(hi, sizeof hi, "%04d-:", year); /* ':' sorts after '9' */
  long n = 0;
  for (int len = 10; len <= 15; len++) {
    char last[32] = "";
    if (store_query(r->st, take_text, last,
                    "SELECT tracking FROM application"
                    " WHERE length(tracking) = ? AND tracking > ?"
                    " AND tracking < ? ORDER BY tracking DESC LIMIT 1",
                    "dtt", len, lo, hi) != XXGK_OK)
      return reg_db(r);
    long k = last[0] ? strtol(last + 5, NULL, 10) : 0;
    if (k > n)
      n = k;
  }
  for (;;) {
    snprintf(out, 32, "%04d-%05ld", year, ++n);
    int64_t v;
    int found;
    if (store_int(r->st, &v, &found,
                  "SELECT id FROM application WHERE tracking = ?", "t",
                  out) != XXGK_OK)
      return reg_db(r);
    if (!found)
      return XXGK_OK;
  }
}

xxgk_status reg_check_case(xxgk_reg *r, const xxgk_case *c,
                           xxgk_date *received) {
  xxgk_status st = REG_TEXTS(r, "申请人姓名或名称", c->name, "证件号码",
                             c->id_number, "联系方式", c->contact,
                             "申请内容", c->content, "获取方式", c->delivery,
                             "受理编号", c->tracking);
  if (st == XXGK_OK)
    st = reg_agency_exists(r, c->agency_id);
  if (st != XXGK_OK)
    return st;
  int ok = 0;
  for (int i = 0; c->channel && i < N_CHANNELS; i++)
    ok |= strcmp(c->channel, CHANNELS[i]) == 0;
  if (!ok)
    return reg_fail(r, XXGK_E_REFUSED,
                    "申请渠道“%s”不对，应为 当面、邮寄、网络、传真、其他 之一",
                    c->channel ? c->channel : "");
  st = reg_past_date(r, c->received, "收到日期", received);
  if (st != XXGK_OK)
    return st;
  if (reg_category_col(c->category) < 0)
    return reg_fail(r, XXGK_E_REFUSED, "申请人类别“%s”不对，应为 %s 之一",
                    c->category ? c->category : "", reg_category_keys());
  if (!c->name || !*c->name)
    return reg_fail(r, XXGK_E_REFUSED, "缺少申请人姓名或名称（条例第二十九条）");
  if (!c->content || !*c->content)
    return reg_fail(r, XXGK_E_REFUSED, "缺少申请公开的政府信息内容描述");
  return XXGK_OK;
}

xxgk_status xxgk_reg_case_new(xxgk_reg *r, xxgk_case *c) {
  xxgk_date received;
  xxgk_status st = reg_begin(r, 1);
  if (st == XXGK_OK)
    st = reg_check_case(r, c, &received);
  char tracking[32];
  if (st == XXGK_OK && c->tracking && *c->tracking) {
    int64_t v;
    int found;
    snprintf(tracking, sizeof tracking, "%s", c->tracking);
    if (strlen(c->tracking) >= sizeof tracking)
      st = reg_fail(r, XXGK_E_REFUSED, "受理编号太长（至多 31 个字节）");
    else if (store_int(r->st, &v, &found,
                       "SELECT id FROM application WHERE tracking = ?", "t",
                       tracking) != XXGK_OK)
      st = reg_db(r);
    else if (found)
      st = reg_fail(r, XXGK_E_REFUSED, "受理编号 %s 已被申请 %lld 使用",
                    tracking, (long long)v);
  } else if (st == XXGK_OK) {
    st = next_tracking(r, xxgk_date_year(received), tracking);
  }
  /* The same applicant is the same identity number or, without one, the
   * same name; each form is its own statement so that each reads only
   * that applicant's rows by an index (application_applicant,
   * application_applicant_name), not every application of the agency. */
  char earlier[32] = "";
  if (st == XXGK_OK)
    st = reg_ok(
        r,
        store_query(r->st, take_text, earlier,
                    c->id_number
                        ? "SELECT tracking FROM application WHERE agency_id = ?"
                          " AND applicant_id = ? AND content = ?"
                          " ORDER BY received DESC, id DESC LIMIT 1"
                        : "SELECT tracking FROM application WHERE agency_id = ?"
                          " AND applicant_id IS NULL AND applicant_name = ?"
                          " AND content = ? ORDER BY received DESC, id DESC"
                          " LIMIT 1",
                    "itt", c->agency_id, c->id_number ? c->id_number : c->name,
                    c->content));
  if (st == XXGK_OK && earlier[0])
    reg_warn(r, "重复申请：同一申请人此前已申请相同内容（受理编号 %s）；已答复"
                "的可不予重复处理（条例第三十六条第六项）。",
             earlier);
  if (st == XXGK_OK)
    st = reg_add(r, "case.new", "application", &c->id,
                 "INSERT INTO application (agency_id, tracking, channel,"
                 " received, category, applicant_name, applicant_id,"
                 " applicant_contact, content, delivery, warning)"
                 " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                 "itttttttt"
                 "tt",
                 c->agency_id, tracking, c->channel, c->received, c->category,
                 c->name, c->id_number, c->contact, c->content, c->delivery,
                 r->warn[0] ? r->warn : NULL);
  return reg_end(r, st);
}

xxgk_status xxgk_reg_case_find(xxgk_reg *r, const char *tracking,
                               int64_t *id) {
  int found;
  xxgk_status st = reg_begin(r, 0);
  if (st == XXGK_OK)
    st = reg_ok(r, store_int(r->st, id, &found,
                             "SELECT id FROM application WHERE tracking = ?",
                             "t", tracking));
  if (st == XXGK_OK && !found)
    st = reg_fail(r, XXGK_E_REFUSED, "没有受理编号为 %s 的申请", tracking);
  return reg_end(r, st);
}

/* ## Masking */

void xxgk_mask(const char *s, char *out, size_t cap) {
  if (!cap)
    return;
  out[0] = 0;
  if (!s || !*s)
    return;
  size_t len = strlen(s), o = 0;
  const char *at = strchr(s, '@');
  /* Character boundaries, so a Chinese name keeps whole characters. */
  size_t starts[256];
  int n = 0, digits = 0;
  for (size_t i = 0; i < len && n < 256;) {
    int32_t cp = (unsigned char)s[i]; /* ASCII (the digits): no call */
    int k = cp < 0x80 ? 1 : utf8_decode(s + i, len - i, &cp);
    if (k < 1)
      k = 1;
    starts[n++] = i;
    digits += (cp >= '0' && cp <= '9') || cp == 'X' || cp == 'x';
    i += (size_t)k;
  }
  size_t keep_head = 1, keep_tail = 0;
  if (at && at > s) {
    /* e-mail: the local part's first character, then the domain */
    int first = n > 1 ? (int)starts[1] : 1;
    snprintf(out, cap, "%.*s***%s", first, s, at);
    return;
  }
  if (n >= 7 && digits * 2 >= n) {
    keep_head = 3; /* ID or phone number: 110***********123X, 138****5678 */
    keep_tail = 4;
  }
  if (n <= 1) {
    if (cap > 1)
      out[0] = '*', out[1] = 0;
    return;
  }
  for (int i = 0; i < n; i++) {
    size_t from = starts[i], to = i + 1 < n ? starts[i + 1] : len;
    int show = (size_t)i < keep_head || i >= n - (int)keep_tail;
    const char *piece = show ? s + from : "*";
    size_t plen = show ? to - from : 1;
    if (o + plen + 1 > cap)
      break;
    while (plen--) /* a character's few bytes: no call of memcpy */
      out[o++] = *piece++;
  }
  out[o] = 0;
}

/* ## Listing */

struct list_ctx {
  int (*cb)(void *ctx, const xxgk_case_row *row);
  void *ctx;
};

void reg_case_row(const store_row *row, xxgk_case_row *out) {
  const store_val *v = row->v;
  *out = (xxgk_case_row){.c = {.id = v[0].i,
                               .agency_id = v[1].i,
                               .tracking = store_text(&v[2]),
                               .channel = store_text(&v[3]),
                               .received = store_text(&v[4]),
                               .category = store_text(&v[5]),
                               .name = store_text(&v[6]),
                               .id_number = store_text(&v[7]),
                               .contact = store_text(&v[8]),
                               .content = store_text(&v[9]),
                               .delivery = store_text(&v[10])},
                         .agency = store_text(&v[11]),
                         .final_kind = store_text(&v[12]),
                         .final_date = store_text(&v[13]),
                         .outcome = store_text(&v[14]),
                         .clerk = store_text(&v[15])};
}

static int case_row(void *ctx, const store_row *row) {
  struct list_ctx *l = ctx;
  xxgk_case_row c;
  reg_case_row(row, &c);
  return l->cb(l->ctx, &c);
}

xxgk_status xxgk_reg_case_list(xxgk_reg *r, const xxgk_case_filter *f,
                               int (*cb)(void *, const xxgk_case_row *),
                               void *ctx) {
  static const xxgk_case_filter none = {0, 0, NULL, NULL};
  if (!f)
    f = &none;
  struct list_ctx l = {cb, ctx};
  xxgk_status st = reg_begin(r, 0);
  if (st == XXGK_OK && f->agency_id)
    st = reg_agency_exists(r, f->agency_id);
  if (st == XXGK_OK)
    st = reg_ok(
        r, store_query(r->st, case_row, &l,
                       REG_CASE_COLUMNS
                       " FROM application a"
                       " WHERE (? = 0 OR" REG_WITHIN(
                           "a.agency_id") ")"
                                          " AND (? = 0 OR a.final_date IS NULL)"
                                          " AND (CAST(? AS TEXT) IS NULL OR "
                                          "a.received >= ?)"
                                          " AND (CAST(? AS TEXT) IS NULL OR "
                                          "a.received <= ?)"
                                          " ORDER BY a.received, a.id",
                       "iidtttt", f->agency_id, f->agency_id, f->open_only,
                       f->from, f->from, f->to, f->to));
  return reg_end(r, st);
}

struct get_ctx {
  struct list_ctx l;
  int found;
};

static int get_row(void *ctx, const store_row *row) {
  struct get_ctx *g = ctx;
  g->found = 1;
  case_row(&g->l, row);
  return 1;
}

struct ev_ctx {
  int (*ev)(void *ctx, const xxgk_event *e);
  void *ctx;
};

static int event_row(void *ctx, const store_row *row) {
  struct ev_ctx *x = ctx;
  const store_val *v = row->v;
  const char *m = store_text(&v[7]);
  xxgk_event e = {.id = v[0].i,
                  .case_id = v[1].i,
                  .kind = (xxgk_event_kind)xxgk_event_find(store_text(&v[2])),
                  .date = store_text(&v[3]),
                  .outcome = store_text(&v[4]),
                  .basis = store_text(&v[5]),
                  .note = store_text(&v[6]),
                  .method = !m                          ? XXGK_FEE_NONE
                            : strcmp(m, "by_page") == 0 ? XXGK_FEE_BY_PAGE
                                                        : XXGK_FEE_BY_PIECE,
                  .quantity = v[8].t == SV_INT ? v[8].i : 0,
                  .amount = v[9].t == SV_INT ? v[9].i : 0,
                  .until = store_text(&v[10]),
                  .warning = store_text(&v[11]),
                  .late = v[12].t == SV_INT && v[12].i,
                  .voided = store_text(&v[13])};
  return x->ev(x->ctx, &e);
}

xxgk_status xxgk_reg_case_get(xxgk_reg *r, int64_t id,
                              int (*cb)(void *, const xxgk_case_row *),
                              int (*ev)(void *, const xxgk_event *),
                              void *ctx) {
  struct get_ctx g = {{cb, ctx}, 0};
  struct ev_ctx x = {ev, ctx};
  xxgk_status st = reg_begin(r, 0);
  if (st == XXGK_OK)
    st = reg_ok(r, store_query(r->st, get_row, &g,
                               REG_CASE_COLUMNS
                               " FROM application a WHERE a.id = ?",
                               "i", id));
  if (st == XXGK_OK && !g.found)
    st = reg_fail(r, XXGK_E_REFUSED, "申请 %lld 不存在", (long long)id);
  if (st == XXGK_OK && ev &&
      store_query(r->st, event_row, &x,
                  "SELECT e.id, e.application_id, e.kind, e.date, e.outcome,"
                  " e.basis, e.note, e.fee_method, e.quantity, e.amount,"
                  " e.until, e.warning, e.late, v.reason FROM event e"
                  " LEFT JOIN event_void v ON v.id = e.voided"
                  " WHERE e.application_id = ? ORDER BY e.date, e.id",
                  "i", id) != XXGK_OK)
    st = reg_db(r);
  return reg_end(r, st);
}

/* ## Events of one application, for the rules and the deadline */

static int load_case(void *ctx, const store_row *row) {
  struct ev_list *l = ctx;
  xxgk_date_parse(row->v[0].s, &l->received);
  l->agency_id = row->v[1].i;
  l->applicant_id = store_text_copy(&row->v[2]);
  l->cap = 1; /* found */
  return 1;
}

int reg_event_row(void *ctx, const store_row *row) {
  struct ev_list *l = ctx;
  l->v = grow(l->v, &l->cap, (size_t)l->n + 1, sizeof *l->v);
  struct ev *e = &l->v[l->n++];
  e->id = row->v[0].i;
  e->kind = (xxgk_event_kind)xxgk_event_find(row->v[1].s);
  xxgk_date_parse(row->v[2].s, &e->date);
  e->outcome = store_text_copy(&row->v[3]);
  e->until = 0;
  if (row->v[4].t == SV_TEXT)
    xxgk_date_parse(row->v[4].s, &e->until);
  e->by_page = row->v[5].t == SV_TEXT && strcmp(row->v[5].s, "by_page") == 0;
  e->delivered = 0;
  if (row->v[6].t == SV_TEXT)
    xxgk_date_parse(row->v[6].s, &e->delivered);
  /* kept in (date, id) order whatever order the rows came in: a read that
   * joins events to their applications orders by application only */
  for (struct ev *p = e;
       p > l->v &&
       (p[-1].date > p->date || (p[-1].date == p->date && p[-1].id > p->id));
       p--) {
    struct ev t = p[-1];
    p[-1] = *p;
    *p = t;
  }
  return 0;
}

xxgk_status reg_load_events(xxgk_reg *r, int64_t case_id, struct ev_list *l) {
  memset(l, 0, sizeof *l);
  if (store_query(r->st, load_case, l,
                  "SELECT received, agency_id, applicant_id FROM application"
                  " WHERE id = ?",
                  "i", case_id) != XXGK_OK)
    return reg_db(r);
  if (!l->cap)
    return reg_fail(r, XXGK_E_REFUSED,
                    "申请 %lld 不存在；请用 xxgk case list 查看编号",
                    (long long)case_id);
  l->cap = 0;
  return reg_load_events_only(r, case_id, l);
}

xxgk_status reg_load_events_only(xxgk_reg *r, int64_t case_id,
                                 struct ev_list *l) {
  if (store_query(r->st, reg_event_row, l,
                  "SELECT " REG_EVENT_COLUMNS " FROM event e"
                  " WHERE e.application_id = ? AND e.voided IS NULL"
                  " ORDER BY e.date, e.id",
                  "i", case_id) != XXGK_OK)
    return reg_db(r);
  return XXGK_OK;
}

void ev_list_free(struct ev_list *l) {
  for (int i = 0; i < l->n; i++)
    free(l->v[i].outcome);
  free(l->v);
  free(l->applicant_id);
  memset(l, 0, sizeof *l);
}
