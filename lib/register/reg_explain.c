/*
 * reg_explain.c — xxgk_reg_report_explain: which applications, reviews,
 * records, yearly figures or fee events one figure of the report counts.
 * The items come from the counting itself (reg_report_hits); this file
 * only reads each one's description for the list.
 */
#include "reg.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *xxgk_item_key(xxgk_item_kind k) {
  static const char *const KEYS[] = {"application", "review", "record",
                                     "figure", "fee_event"};
  return (unsigned)k < sizeof KEYS / sizeof KEYS[0] ? KEYS[k] : NULL;
}

/* "（三）不予公开1.属于国家秘密" for an outcome key. */
static void outcome_text(const char *key, char *out, size_t cap) {
  const xxgk_row_def *d = xxgk_dict_row(reg_outcome_row(key));
  snprintf(out, cap, "%s%s", d && d->subgroup ? d->subgroup : "",
           d ? d->label : key ? key : "");
}

/* The label of column `key` of dictionary row `row`, or the key. */
static const char *col_label(int row, const char *key) {
  const xxgk_row_def *d = xxgk_dict_row(row);
  for (int c = 0; d && key && c < d->n_cols; c++)
    if (strcmp(d->cols[c].key, key) == 0)
      return d->cols[c].label;
  return key ? key : "";
}

static const char *text(const store_row *row, int i) {
  return store_text(&row->v[i]);
}

/* One item's description; the strings are copies (a row's values live
 * only during its callback). */
struct one {
  xxgk_report_item it;
  char ref[512], agency[512], date[11], detail[512];
  int found;
};

/* Copies a row's strings into o and points the item at them. */
static void keep(struct one *o, const char *ref, const char *agency,
                 const char *date) {
  snprintf(o->ref, sizeof o->ref, "%s", ref ? ref : "");
  snprintf(o->agency, sizeof o->agency, "%s", agency ? agency : "");
  snprintf(o->date, sizeof o->date, "%s", date ? date : "");
  o->it.ref = o->ref;
  o->it.agency = o->agency;
  o->it.date = date ? o->date : NULL;
  o->found = 1;
}

static int take_application(void *ctx, const store_row *row) {
  struct one *o = ctx;
  int received = xxgk_dict_find_row(XXGK_T_APPLICATIONS, "received",
                                    XXGK_FORMAT_2021);
  o->it.case_id = o->it.id;
  keep(o, text(row, 0), text(row, 1), text(row, 2));
  const char *final_kind = text(row, 4), *final_date = text(row, 5);
  char out[300] = "";
  if (final_kind) {
    outcome_text(text(row, 6), out, sizeof out);
    snprintf(o->detail, sizeof o->detail, "%s；%s %s%s%s",
             col_label(received, text(row, 3)),
             xxgk_event_label(xxgk_event_find(final_kind)), final_date,
             out[0] ? "：" : "", out);
  } else {
    snprintf(o->detail, sizeof o->detail, "%s；办理中",
             col_label(received, text(row, 3)));
  }
  return 1;
}

static int take_review(void *ctx, const store_row *row) {
  struct one *o = ctx;
  int r = xxgk_dict_find_row(XXGK_T_REVIEWS, text(row, 0), XXGK_FORMAT_2021);
  const xxgk_row_def *d = xxgk_dict_row(r);
  keep(o, d ? d->label : text(row, 0), text(row, 1), text(row, 2));
  o->it.case_id = row->v[5].t == SV_INT ? row->v[5].i : 0;
  if (text(row, 4))
    snprintf(o->detail, sizeof o->detail, "%s %s", col_label(r, text(row, 3)),
             text(row, 4));
  else
    snprintf(o->detail, sizeof o->detail, "%s", col_label(r, "pending"));
  return 1;
}

static int take_record(void *ctx, const store_row *row) {
  struct one *o = ctx;
  keep(o, text(row, 0), text(row, 1), text(row, 2));
  const char *number = text(row, 3), *repealed = text(row, 4);
  snprintf(o->detail, sizeof o->detail, "%s%s%s%s",
           number ? number : "", number && repealed ? "；" : "",
           repealed ? "废止于 " : "", repealed ? repealed : "");
  return 1;
}

static int take_figure(void *ctx, const store_row *row) {
  struct one *o = ctx;
  const xxgk_row_def *d = xxgk_dict_row(
      xxgk_dict_find_row(XXGK_T_ACTIVE, text(row, 0), XXGK_FORMAT_2021));
  keep(o, d ? d->label : text(row, 0), text(row, 1), NULL);
  snprintf(o->detail, sizeof o->detail, "%lld 年登记的年度数字 %s",
           (long long)row->v[2].i, text(row, 3));
  return 1;
}

static int take_fee(void *ctx, const store_row *row) {
  struct one *o = ctx;
  keep(o, text(row, 0), text(row, 1), text(row, 2));
  o->it.case_id = row->v[5].i;
  snprintf(o->detail, sizeof o->detail, "%s %lld 元",
           xxgk_event_label(xxgk_event_find(text(row, 3))),
           (long long)(row->v[4].t == SV_INT ? row->v[4].i : 0));
  return 1;
}

/* The description of one item, read by its id. */
static xxgk_status describe(xxgk_reg *r, const struct report_hit *h,
                            struct one *o) {
  static const struct {
    store_row_cb take;
    const char *sql;
  } BY_KIND[] = {
      [XXGK_ITEM_APPLICATION] =
          {take_application,
           "SELECT a.tracking, g.name, a.received, a.category, a.final_kind,"
           " a.final_date, a.final_outcome FROM application a"
           " JOIN agency g ON g.id = a.agency_id WHERE a.id = ?"},
      [XXGK_ITEM_REVIEW] =
          {take_review,
           "SELECT v.kind, g.name, v.filed, v.result, v.decided,"
           " (SELECT MIN(application_id) FROM review_application"
           " WHERE review_id = v.id) FROM review v"
           " JOIN agency g ON g.id = v.agency_id WHERE v.id = ?"},
      [XXGK_ITEM_RECORD] =
          {take_record,
           "SELECT d.title, g.name, d.issued, d.number, d.repealed"
           " FROM record d JOIN agency g ON g.id = d.agency_id"
           " WHERE d.id = ?"},
      [XXGK_ITEM_FIGURE] = {take_figure,
                            "SELECT f.item, g.name, f.year, f.value"
                            " FROM figure f JOIN agency g"
                            " ON g.id = f.agency_id WHERE f.id = ?"},
      [XXGK_ITEM_FEE_EVENT] =
          {take_fee,
           "SELECT a.tracking, g.name, e.date, e.kind, e.amount, a.id"
           " FROM event e JOIN application a ON a.id = e.application_id"
           " JOIN agency g ON g.id = a.agency_id WHERE e.id = ?"},
  };
  memset(o, 0, sizeof *o);
  o->it.kind = h->kind;
  o->it.id = h->id;
  o->it.value = h->v;
  o->it.detail = o->detail;
  if (store_query(r->st, BY_KIND[h->kind].take, o, BY_KIND[h->kind].sql, "i",
                  h->id) != XXGK_OK)
    return reg_db(r);
  if (!o->found)
    return reg_fail(r, XXGK_E_DB, "登记簿中找不到计入该数字的%s %lld",
                    xxgk_item_key(h->kind), (long long)h->id);
  return XXGK_OK;
}

static int by_kind_and_id(const void *a, const void *b) {
  const struct report_hit *x = a, *y = b;
  if (x->kind != y->kind)
    return x->kind < y->kind ? -1 : 1;
  return x->id < y->id ? -1 : x->id > y->id;
}

xxgk_status xxgk_reg_report_explain(
    xxgk_reg *r, int64_t agency_id, int year, const char *key,
    xxgk_report_cell *cell,
    int (*cb)(void *ctx, const xxgk_report_item *it), void *ctx) {
  memset(cell, 0, sizeof *cell);
  int row, col;
  if (!key || xxgk_dict_find_key(key, XXGK_FORMAT_2021, &row, &col) != 0)
    return reg_fail(r, XXGK_E_REFUSED,
                    "“%s”不是年度报告（2021 年格式）的数字键名，键名见 "
                    "docs/annual-report.md，如 applications.granted.total",
                    key ? key : "");
  cell->row = row;
  cell->col = col;
  cell->money = xxgk_dict_row(row)->cols[col].kind == XXGK_KIND_MONEY;
  dict_cell_label(row, col, cell->label, sizeof cell->label);
  struct report_hit *hits = NULL;
  size_t n = 0;
  xxgk_status st = reg_begin(r, 0);
  if (st != XXGK_OK)
    return st;
  st = reg_report_hits(r, agency_id, year, row, col, &hits, &n, &cell->value);
  if (n > 1)
    qsort(hits, n, sizeof *hits, by_kind_and_id);
  for (size_t i = 0; st == XXGK_OK && i < n; i++) {
    struct one o;
    st = describe(r, &hits[i], &o);
    if (st != XXGK_OK)
      break;
    cell->n_items++;
    if (cb && cb(ctx, &o.it))
      break;
  }
  free(hits);
  return reg_end(r, st);
}
