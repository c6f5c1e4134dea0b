/*
 * reg_calendar.c — a year's holiday notice entered into the register
 * (table holiday), so that its deadlines stop being 暂定. The notice's
 * lines go over the bundled calendar whenever the register is opened.
 * Entering one recomputes every open deadline; the audit log records the
 * lines entered and each open application whose deadline moved, before
 * and after.
 */
#include "reg.h"

#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int add_line(void *ctx, const store_row *row) {
  buf *b = ctx;
  buf_printf(b, "%s\t%s\t%s\n", row->v[0].s, row->v[1].s, row->v[2].s);
  return 0;
}

/* The imported lines as TSV text (caller frees b->p). */
static xxgk_status stored_lines(xxgk_reg *r, buf *b) {
  return reg_ok(
      r, store_query(r->st, add_line, b,
                     "SELECT date, kind, name FROM holiday ORDER BY id", ""));
}

/* The calendar's generation (schema 9: a trigger moves it with every
 * holiday line written). */
static xxgk_status generation(xxgk_reg *r, int64_t *g) {
  *g = 0;
  return reg_ok(
      r, store_int(r->st, g, NULL,
                   "SELECT value FROM generation WHERE name = 'calendar'", ""));
}

xxgk_status reg_calendar_load(xxgk_reg *r) {
  buf b = {0};
  /* the generation before the lines: a notice imported in between makes
   * the next sync load again, never miss it */
  xxgk_status st = generation(r, &r->cal_gen);
  if (st == XXGK_OK)
    st = stored_lines(r, &b);
  if (st == XXGK_OK && b.len &&
      xxgk_cal_load(r->cal, b.data, b.len) != XXGK_OK)
    st = reg_fail(r, XXGK_E_DB, "登记簿中的放假安排有误：%s",
                  xxgk_cal_errmsg(r->cal));
  buf_free(&b);
  return st;
}

xxgk_status xxgk_reg_calendar_sync(xxgk_reg *r, int *reloaded) {
  int64_t g;
  xxgk_status st = generation(r, &g);
  if (reloaded)
    *reloaded = 0;
  return st != XXGK_OK ? st : reg_calendar_at(r, g, reloaded);
}

xxgk_status reg_calendar_at(xxgk_reg *r, int64_t g, int *reloaded) {
  xxgk_status st = XXGK_OK;
  if (g == r->cal_gen)
    return st;
  xxgk_cal *old = r->cal;
  xxgk_cal_open(NULL, 0, &r->cal);
  st = reg_calendar_load(r);
  xxgk_cal_close(st == XXGK_OK ? old : r->cal);
  if (st != XXGK_OK)
    r->cal = old;
  else if (reloaded)
    *reloaded = 1;
  return st;
}

static int take_id(void *ctx, const store_row *row) {
  buf *b = ctx;
  buf_put(b, &row->v[0].i, sizeof row->v[0].i);
  return 0;
}

/* Each open application's deadline on `today`, as "2027-01-05" or
 * "2027-01-05 暂定" or the state's words; ids as read. */
static xxgk_status deadlines(xxgk_reg *r, const int64_t *ids, size_t n,
                             xxgk_date today, char (*out)[24]) {
  for (size_t i = 0; i < n; i++) {
    struct ev_list l;
    xxgk_due d;
    xxgk_status st = reg_load_events(r, ids[i], &l);
    if (st == XXGK_OK)
      st = reg_compute_due(r, &l, today, &d);
    ev_list_free(&l);
    if (st != XXGK_OK)
      return st;
    snprintf(out[i], sizeof out[i], "%s%s",
             d.due[0] ? d.due : d.state == XXGK_DUE_PAUSED ? "暂停" : "未知",
             d.provisional ? " 暂定" : "");
  }
  return XXGK_OK;
}

xxgk_status xxgk_reg_calendar_import(xxgk_reg *r, const char *tsv, size_t n,
                                     int *changed) {
  *changed = 0;
  xxgk_cal *cal; /* the new calendar, checked first */
  xxgk_cal_open(NULL, 0, &cal);
  xxgk_status st = reg_begin(r, 1);
  buf b = {0}, ids = {0};
  if (st == XXGK_OK)
    st = stored_lines(r, &b);
  if (st == XXGK_OK && b.len &&
      xxgk_cal_load(cal, b.data, b.len) != XXGK_OK)
    st = reg_fail(r, XXGK_E_DB, "登记簿中的放假安排有误：%s",
                  xxgk_cal_errmsg(cal));
  if (st == XXGK_OK && utf8_valid_prefix(tsv, n) != n)
    st = reg_fail(r, XXGK_E_REFUSED,
                  "节假日文件不是有效的 UTF-8 文本（可能是 GBK 编码，请先转为"
                  " UTF-8）；未导入任何内容");
  if (st == XXGK_OK && xxgk_cal_load(cal, tsv, n) != XXGK_OK)
    st = reg_fail(r, XXGK_E_REFUSED, "%s；未导入任何内容", xxgk_cal_errmsg(cal));
  /* the lines themselves, a later one for a date replacing the earlier */
  json_object *lines = json_object_new_array();
  for (size_t i = 0; st == XXGK_OK && i < n;) {
    size_t j = i;
    while (j < n && tsv[j] != '\n')
      j++;
    char line[256];
    snprintf(line, sizeof line, "%.*s", (int)(j - i), tsv + i);
    i = j + 1;
    char *cr = strchr(line, '\r');
    if (cr)
      *cr = 0;
    char *kind = strchr(line, '\t'), *name = kind ? strchr(kind + 1, '\t') : 0;
    if (!line[0] || line[0] == '#' || !kind)
      continue;
    *kind++ = 0;
    if (name)
      *name++ = 0;
    if (store_run(r->st,
                  "INSERT INTO holiday (date, kind, name) VALUES (?, ?, ?)"
                  " ON CONFLICT (date) DO UPDATE SET kind = excluded.kind,"
                  " name = excluded.name",
                  "ttt", line, kind, name ? name : "") != XXGK_OK)
      st = reg_db(r);
    char s[300];
    snprintf(s, sizeof s, "%s %s %s", line, kind, name ? name : "");
    json_object_array_add(lines, json_object_new_string(s));
  }
  /* every open deadline, before and after */
  if (st == XXGK_OK)
    st = reg_ok(
        r, store_query(r->st, take_id, &ids,
                       "SELECT id FROM application WHERE final_date IS NULL"
                       " ORDER BY id",
                       ""));
  size_t k = ids.len / sizeof(int64_t);
  const int64_t *id = (const int64_t *)ids.data;
  char(*was)[24] = xxgk_calloc(k + 1, sizeof *was);
  char(*now)[24] = xxgk_calloc(k + 1, sizeof *now);
  xxgk_date today = reg_today(r);
  if (st == XXGK_OK)
    st = deadlines(r, id, k, today, was);
  xxgk_cal *old = r->cal;
  r->cal = cal;
  if (st == XXGK_OK)
    st = deadlines(r, id, k, today, now);
  json_object *moved = json_object_new_array();
  for (size_t i = 0; st == XXGK_OK && i < k; i++) {
    if (strcmp(was[i], now[i]) == 0)
      continue;
    json_object *o = json_object_new_object();
    json_object_object_add(o, "application", json_object_new_int64(id[i]));
    json_object_object_add(o, "before", json_object_new_string(was[i]));
    json_object_object_add(o, "after", json_object_new_string(now[i]));
    json_object_array_add(moved, o);
    (*changed)++;
  }
  json_object *all = json_object_new_object();
  json_object_object_add(all, "lines", lines);
  json_object_object_add(all, "deadlines_moved", moved);
  if (st == XXGK_OK) {
    /* the summary is the audit record's "after" */
    char at[32];
    reg_now(r, at);
    if (store_run(r->st,
                  "INSERT INTO audit (at, who, action, entity, entity_id,"
                  " before, after) VALUES (?, ?, 'calendar.import', 'holiday',"
                  " NULL, NULL, ?)",
                  "ttt", at, r->user,
                  json_object_to_json_string_ext(
                      all, JSON_C_TO_STRING_PLAIN |
                               JSON_C_TO_STRING_NOSLASHESCAPE)) != XXGK_OK)
      st = reg_db(r);
  }
  json_object_put(all);
  st = reg_end(r, st);
  /* the new calendar only if it was committed */
  r->cal = st == XXGK_OK ? cal : old;
  xxgk_cal_close(st == XXGK_OK ? old : cal);
  if (st == XXGK_OK) /* this connection has the new calendar already */
    generation(r, &r->cal_gen);
  free(was);
  free(now);
  buf_free(&ids);
  buf_free(&b);
  return st;
}
