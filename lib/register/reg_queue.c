/*
 * reg_queue.c — the clerk's work queue: the 承办人 of an application, and
 * the open applications put in classes by their deadline, counted, sorted
 * and exported. The deadline of each open application is computed on the
 * calendar, which SQL cannot do, so the queue is read twice inside one
 * read transaction: first the open applications' ids and receipts (an
 * index of the open ones by agency and clerk) with their events, one
 * statement, each deadline computed and the list sorted in C; then the
 * rows themselves, in that order, in one statement. The cost is the open
 * applications', not the register's, and two statements however many
 * they are (a round trip each on a server).
 */
#include "reg.h"
#include "sheet.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const KEYS[XXGK_N_QUEUE] = {
    "overdue", "today", "soon", "expired", "unknown", "running", "paused"};
static const char *const LABELS[XXGK_N_QUEUE] = {
    "已逾期", "今日到期", "即将到期", "暂停期限已届满", "期限不明",
    "按期办理中", "计时暂停"};

const char *xxgk_queue_key(xxgk_queue_class k) {
  return reg_name(KEYS, XXGK_N_QUEUE, (int)k);
}

const char *xxgk_queue_label(xxgk_queue_class k) {
  return reg_name(LABELS, XXGK_N_QUEUE, (int)k);
}

int xxgk_queue_find(const char *key) {
  return reg_name_find(KEYS, NULL, XXGK_N_QUEUE, key);
}

/* ## Assigning */

xxgk_status xxgk_reg_case_assign(xxgk_reg *r, int64_t case_id,
                                 const char *clerk) {
  if (clerk && !*clerk)
    clerk = NULL;
  xxgk_status st = reg_begin(r, 1);
  int64_t agency = 0, user = 0;
  int found = 0;
  if (st == XXGK_OK)
    st = REG_TEXTS(r, "承办人", clerk);
  if (st == XXGK_OK)
    st = reg_case_agency(r, case_id, &agency);
  if (st == XXGK_OK && clerk &&
      store_int(r->st, &user, &found,
                "SELECT u.id FROM agency_user u JOIN agency_tree t"
                " ON t.ancestor = u.agency_id WHERE t.descendant = ?"
                " AND u.name = ? LIMIT 1",
                "it", agency, clerk) != XXGK_OK)
    st = reg_db(r);
  if (st == XXGK_OK && clerk && !found)
    st = reg_fail(r, XXGK_E_REFUSED,
                  "“%s”不是受理该申请的机关（编号 %lld）或其上级机关登记的"
                  "工作人员；请先登记：xxgk agency user --agency %lld --name %s",
                  clerk, (long long)agency, (long long)agency, clerk);
  char *before = st == XXGK_OK ? reg_row_json(r, "application", case_id) : NULL;
  if (st == XXGK_OK)
    st = reg_change(r, "case.assign", "application", case_id, before,
                    "UPDATE application SET clerk = ? WHERE id = ?", "ti",
                    clerk, case_id);
  free(before);
  return reg_end(r, st);
}

/* ## The queue */

struct item {
  int64_t id;
  xxgk_date received;
  xxgk_date key; /* the date the order goes by */
  xxgk_queue_class k;
  xxgk_due due;
};

struct pass {
  xxgk_reg *r;
  xxgk_date today;
  unsigned listed;
  int64_t counts[XXGK_N_QUEUE];
  struct item *v;
  size_t n, cap;
  xxgk_status st;
  int64_t id;        /* the application whose events are coming, or 0 */
  struct ev_list ev; /* its events so far */
};

static xxgk_queue_class classify(const xxgk_due *d) {
  switch (d->state) {
  case XXGK_DUE_RUNNING:
    return d->left < 0               ? XXGK_QUEUE_OVERDUE
           : d->left == 0            ? XXGK_QUEUE_TODAY
           : d->left <= XXGK_DUE_SOON ? XXGK_QUEUE_SOON
                                      : XXGK_QUEUE_RUNNING;
  case XXGK_DUE_PAUSED:
    return d->remind[0] ? XXGK_QUEUE_EXPIRED : XXGK_QUEUE_PAUSED;
  default:
    return XXGK_QUEUE_UNKNOWN;
  }
}

/* A pause with no limit sorts after every dated one, an unknown deadline
 * after that. */
#define KEY_UNDATED (INT32_MAX - 1)
#define KEY_UNKNOWN INT32_MAX

static xxgk_date order_key(const xxgk_due *d) {
  xxgk_date v;
  if (d->state == XXGK_DUE_RUNNING && xxgk_date_parse(d->due, &v) == 0)
    return v;
  if (d->state == XXGK_DUE_PAUSED)
    return xxgk_date_parse(d->pause_until, &v) == 0 ? v : KEY_UNDATED;
  return KEY_UNKNOWN;
}

/* The deadline of the application p->id from its events, classified and
 * kept when its class is listed. */
static int pass_flush(struct pass *p) {
  if (!p->id)
    return 0;
  xxgk_due due;
  if (p->st == XXGK_OK)
    p->st = reg_compute_due(p->r, &p->ev, p->today, &due);
  xxgk_date received = p->ev.received;
  ev_list_free(&p->ev);
  int64_t id = p->id;
  p->id = 0;
  if (p->st != XXGK_OK)
    return 1;
  xxgk_queue_class k = classify(&due);
  p->counts[k]++;
  if (!(p->listed & (1u << k)))
    return 0;
  p->v = grow(p->v, &p->cap, p->n + 1, sizeof *p->v);
  p->v[p->n++] = (struct item){.id = id,
                               .received = received,
                               .key = order_key(&due),
                               .k = k,
                               .due = due};
  return 0;
}

/* A row of an open application and one of its events (or none): the
 * rows of one application come together (the statement orders by id, after
 * the columns of the index of open applications, application_queue, so
 * that SQLite reads that index in its order rather than every row). */
static int first_pass(void *ctx, const store_row *row) {
  struct pass *p = ctx;
  if (row->v[0].i != p->id) {
    if (pass_flush(p))
      return 1;
    p->id = row->v[0].i;
    xxgk_date_parse(row->v[1].s, &p->ev.received);
  }
  if (row->v[2].t != SV_NULL)
    reg_event_row(&p->ev, &(store_row){row->n - 2, row->names + 2, row->v + 2});
  return 0;
}

static int cmp3(int64_t a, int64_t b) { return (a > b) - (a < b); }

static int by_deadline(const void *x, const void *y) {
  const struct item *a = x, *b = y;
  int c = cmp3(a->key, b->key);
  if (!c)
    c = cmp3(a->received, b->received);
  return c ? c : cmp3(a->id, b->id);
}

static int by_deadline_desc(const void *x, const void *y) {
  return by_deadline(y, x);
}

static int by_receipt(const void *x, const void *y) {
  const struct item *a = x, *b = y;
  int c = cmp3(b->received, a->received);
  return c ? c : cmp3(b->id, a->id);
}

struct second {
  struct pass *p;
  size_t i;
  int (*cb)(void *, const xxgk_case_row *, xxgk_queue_class);
  void *ctx;
};

static int second_pass(void *ctx, const store_row *row) {
  struct second *s = ctx;
  const struct item *it = &s->p->v[s->i++];
  xxgk_case_row c;
  reg_case_row(row, &c);
  c.due = &it->due;
  return s->cb(s->ctx, &c, it->k);
}

xxgk_status xxgk_reg_queue(xxgk_reg *r, const xxgk_queue_query *q,
                           int64_t counts[XXGK_N_QUEUE],
                           int (*cb)(void *, const xxgk_case_row *,
                                     xxgk_queue_class),
                           void *ctx) {
  if (q->order < XXGK_QUEUE_BY_DEADLINE || q->order > XXGK_QUEUE_BY_RECEIPT ||
      q->classes >= 1u << XXGK_N_QUEUE)
    return reg_fail(r, XXGK_E_REFUSED, "待办查询的条件不对（类别或排序）");
  struct pass p = {.r = r,
                   .today = q->today ? q->today : reg_today(r),
                   .listed = q->classes ? q->classes : XXGK_QUEUE_DUE};
  const char *clerk = q->clerk;
  xxgk_status st = reg_begin(r, 0);
  if (st == XXGK_OK && q->agency_id)
    st = reg_agency_exists(r, q->agency_id);
  buf first = {0};
  buf_puts(&first,
           "SELECT a.id, a.received, " REG_EVENT_COLUMNS " FROM application a");
  buf_puts(&first, r->st->ops->dialect->events_join);
  buf_puts(&first, " WHERE a.final_date IS NULL"
                   " AND (? = 0 OR" REG_WITHIN(
                       "a.agency_id") ")"
                                      " AND (CAST(? AS TEXT) IS NULL OR "
                                      "COALESCE(a.clerk, '') = ?)"
                                      " ORDER BY a.agency_id, a.clerk, a.id");
  if (st == XXGK_OK &&
      store_query(r->st, first_pass, &p, first.data, "iitt", q->agency_id,
                  q->agency_id, clerk, clerk) != XXGK_OK)
    st = p.st != XXGK_OK ? p.st : reg_db(r);
  else if (st == XXGK_OK)
    pass_flush(&p); /* the last application */
  ev_list_free(&p.ev);
  buf_free(&first);
  if (st == XXGK_OK)
    st = p.st;
  if (st == XXGK_OK) {
    if (p.n) /* qsort of nothing: p.v may be NULL, which qsort may not take */
      qsort(p.v, p.n, sizeof *p.v,
            q->order == XXGK_QUEUE_BY_DEADLINE        ? by_deadline
            : q->order == XXGK_QUEUE_BY_DEADLINE_DESC ? by_deadline_desc
                                                      : by_receipt);
    buf ids = {0};
    buf_putc(&ids, '[');
    for (size_t i = 0; i < p.n; i++)
      buf_printf(&ids, "%s%lld", i ? "," : "", (long long)p.v[i].id);
    buf_putc(&ids, ']');
    struct second s = {&p, 0, cb, ctx};
    buf sql = {0};
    buf_puts(&sql, REG_CASE_COLUMNS " FROM ");
    buf_puts(&sql, r->st->ops->dialect->json_ints);
    buf_puts(&sql, " j JOIN application a ON a.id = j.value ORDER BY j.key");
    if (cb && p.n &&
        store_query(r->st, second_pass, &s, sql.data, "t", ids.data) != XXGK_OK)
      st = reg_db(r);
    buf_free(&sql);
    buf_free(&ids);
  }
  if (st == XXGK_OK && counts)
    memcpy(counts, p.counts, sizeof p.counts);
  free(p.v);
  return reg_end(r, st);
}

/* ## Export: the listed rows as a table */

#define N_COLS 12
static const char *const HEADS[N_COLS] = {
    "受理编号", "机关",   "收到日期", "申请人",   "申请人类型", "申请内容",
    "承办人",   "状态",   "答复期限", "剩余工作日", "暂停期限",   "说明"};

static const char *category_label(const char *key) {
  int col = reg_category_col(key);
  const xxgk_row_def *d = xxgk_dict_row(
      xxgk_dict_find_row(XXGK_T_APPLICATIONS, "received", XXGK_FORMAT_2021));
  return col >= 0 && d ? d->cols[col].label : key;
}

static int table_row(void *ctx, const xxgk_case_row *row,
                     xxgk_queue_class k) {
  const xxgk_due *d = row->due;
  char name[256], due[64], left[16], why[400];
  xxgk_mask(row->c.name, name, sizeof name);
  snprintf(due, sizeof due, "%s%s", d->due,
           d->due[0] && d->provisional ? "（暂定）" : "");
  snprintf(left, sizeof left, "%d", d->left);
  snprintf(why, sizeof why, "%s%s%s", d->why, d->remind[0] ? "；" : "",
           d->remind);
  const char *v[N_COLS] = {row->c.tracking,
                           row->agency,
                           row->c.received,
                           name,
                           category_label(row->c.category),
                           row->c.content,
                           row->clerk,
                           xxgk_queue_label(k),
                           due,
                           d->state == XXGK_DUE_RUNNING ? left : NULL,
                           d->pause_until,
                           why};
  sheet_add(ctx, v);
  return 0;
}

xxgk_status xxgk_reg_queue_export(xxgk_reg *r, const xxgk_queue_query *q,
                                  xxgk_queue_format f, char **out,
                                  size_t *n) {
  *out = NULL;
  *n = 0;
  if (f != XXGK_QUEUE_CSV && f != XXGK_QUEUE_XLSX)
    return reg_fail(r, XXGK_E_REFUSED, "导出格式不对（csv 或 xlsx）");
  /* 剩余工作日 a number; 申请内容 and 说明 long text */
  struct sheet t = {.name = "待办", .heads = HEADS, .n_cols = N_COLS,
                    .numbers = 1u << 9, .wide = 1u << 5 | 1u << 11};
  xxgk_status st = xxgk_reg_queue(r, q, NULL, table_row, &t);
  if (st == XXGK_OK && sheet_export(&t, f == XXGK_QUEUE_XLSX, out, n, r->err,
                                    sizeof r->err) != 0)
    st = XXGK_E_IO;
  sheet_free(&t);
  return st;
}
