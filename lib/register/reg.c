/*
 * reg.c — the register handle: opening (with migrations), errors in
 * Chinese, one transaction per command, the append-only audit log, and the
 * ties between the register and the data dictionary (outcomes are table 3's
 * outcome rows, applicant categories its six applicant columns — looked up,
 * never listed here).
 */
#include "reg.h"

#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

xxgk_status reg_fail(xxgk_reg *r, xxgk_status st, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(r->err, sizeof r->err, fmt, ap);
  va_end(ap);
  r->status = st;
  return st;
}

void reg_warn(xxgk_reg *r, const char *fmt, ...) {
  size_t n = strlen(r->warn);
  if (n + 2 >= sizeof r->warn)
    return;
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(r->warn + n, sizeof r->warn - n, fmt, ap);
  va_end(ap);
}

const char *xxgk_reg_warning(const xxgk_reg *r) { return r->warn; }

xxgk_status reg_texts(xxgk_reg *r, const char *const *fields) {
  for (; fields[0]; fields += 2) {
    const char *s = fields[1];
    if (s && utf8_valid_prefix(s, strlen(s)) != strlen(s))
      return reg_fail(r, XXGK_E_REFUSED,
                      "%s不是有效的 UTF-8 文本（第 %zu 个字节起；可能是 GBK "
                      "编码，请先转为 UTF-8）",
                      fields[0], utf8_valid_prefix(s, strlen(s)) + 1);
  }
  return XXGK_OK;
}

xxgk_status reg_db(xxgk_reg *r) {
  if (r->st->busy)
    return reg_fail(r, XXGK_E_BUSY, "%s", r->st->err);
  return reg_fail(r, XXGK_E_DB, "数据库错误：%s", r->st->err);
}

xxgk_status xxgk_reg_open(const char *path, unsigned flags, xxgk_reg **out) {
  xxgk_reg *r = *out = xxgk_calloc(1, sizeof *r);
  xxgk_status st = xxgk_cal_open(NULL, 0, &r->cal);
  r->user = xxgk_strdup("unknown");
  r->st = store_open(path, (flags & XXGK_OPT_CREATE) != 0, &st);
  if (st != XXGK_OK)
    snprintf(r->err, sizeof r->err, "%s", r->st->err);
  else
    st = reg_calendar_load(r);
  return st;
}

void xxgk_reg_close(xxgk_reg *r) {
  if (!r)
    return;
  store_close(r->st);
  xxgk_cal_close(r->cal);
  reg_names_free(&r->names);
  free(r->user);
  free(r->clock);
  free(r);
}

const char *xxgk_reg_errmsg(const xxgk_reg *r) { return r->err; }

xxgk_status xxgk_reg_errstatus(const xxgk_reg *r) { return r->status; }

int xxgk_reg_schema_version(const xxgk_reg *r) {
  return r->st->ops->schema_version(r->st);
}

xxgk_status xxgk_reg_set_user(xxgk_reg *r, const char *who) {
  xxgk_status st = REG_TEXTS(r, "经办人", who);
  if (st != XXGK_OK)
    return st;
  free(r->user);
  r->user = xxgk_strdup(who && *who ? who : "unknown");
  return XXGK_OK;
}

void xxgk_reg_set_clock(xxgk_reg *r, const char *iso) {
  free(r->clock);
  r->clock = iso ? xxgk_strdup(iso) : NULL;
}

xxgk_cal *xxgk_reg_calendar(xxgk_reg *r) { return r->cal; }

xxgk_status xxgk_reg_set_today(xxgk_reg *r, xxgk_date today) {
  char s[11];
  xxgk_date_format(today, s);
  int y = xxgk_date_year(today), last = XXGK_CAL_LAST_YEAR;
  while (last >= XXGK_CAL_FIRST_YEAR && !xxgk_cal_covers(r->cal, last))
    last--;
  int latest = last < XXGK_CAL_LAST_YEAR ? last + 1 : last;
  if (today && y < XXGK_CAL_FIRST_YEAR)
    return reg_fail(r, XXGK_E_REFUSED,
                    "今天不能设为 %s：早于 %d 年，登记簿只办理 2007 年条例施行"
                    "以来的申请；请检查年份是否输错",
                    s, XXGK_CAL_FIRST_YEAR);
  if (today && y > latest)
    return reg_fail(r, XXGK_E_REFUSED,
                    "今天不能设为 %s：放假通知只发布到 %d 年，今天最晚可设在 "
                    "%d 年内（再往后的期限都只能推算，晚于真实日期的事也会被"
                    "登记）；请检查年份是否输错，或先用 xxgk calendar import "
                    "导入那一年的放假通知",
                    s, last, latest);
  r->today = today;
  return XXGK_OK;
}

xxgk_date reg_today(const xxgk_reg *r) {
  return r->today ? r->today : xxgk_date_today();
}

xxgk_status reg_ok(xxgk_reg *r, xxgk_status st) {
  return st == XXGK_OK ? XXGK_OK : reg_db(r);
}

xxgk_status reg_read(xxgk_reg *r, store_row_cb cb, void *ctx, const char *sql,
                     const char *types, ...) {
  xxgk_status st = reg_begin(r, 0);
  if (st == XXGK_OK) {
    va_list ap;
    va_start(ap, types);
    st = reg_ok(r, store_vquery(r->st, cb, ctx, sql, types, ap));
    va_end(ap);
  }
  return reg_end(r, st);
}

xxgk_status reg_begin(xxgk_reg *r, int write) {
  r->err[0] = 0;
  if (write)
    r->warn[0] = 0;
  if (r->batch)
    return reg_ok(r, store_run(r->st, "SAVEPOINT xxgk_command", ""));
  return reg_ok(r, r->st->ops->begin(r->st, write));
}

xxgk_status reg_end(xxgk_reg *r, xxgk_status st) {
  if (r->batch) {
    if (st != XXGK_OK &&
        store_run(r->st, "ROLLBACK TO xxgk_command", "") != XXGK_OK) {
      /* the command's writes cannot be undone: nor can the batch's */
      r->st->ops->rollback(r->st);
      r->batch = 0;
      return reg_fail(r, XXGK_E_DB, "数据库错误，批量登记已全部撤销：%s",
                      r->st->err);
    }
    if (store_run(r->st, "RELEASE xxgk_command", "") != XXGK_OK && st == XXGK_OK)
      st = reg_db(r);
    return st;
  }
  if (st == XXGK_OK) {
    if (r->st->ops->commit(r->st) == XXGK_OK)
      return XXGK_OK;
    st = reg_db(r);
  }
  r->st->ops->rollback(r->st);
  return st;
}

xxgk_status xxgk_reg_batch_begin(xxgk_reg *r) {
  r->err[0] = 0;
  if (r->batch)
    return reg_fail(r, XXGK_E_REFUSED, "批量登记已经开始");
  if (r->st->ops->begin(r->st, 1) != XXGK_OK)
    return reg_db(r);
  r->batch = 1;
  return XXGK_OK;
}

xxgk_status xxgk_reg_batch_end(xxgk_reg *r) {
  r->err[0] = 0;
  if (!r->batch)
    return reg_fail(r, XXGK_E_REFUSED, "没有进行中的批量登记");
  r->batch = 0;
  return reg_end(r, XXGK_OK);
}

/* ## Rows as JSON (the audit log's before/after, and export) */

json_object *reg_row_object(const store_row *row,
                            json_object *(*blob)(const store_val *v)) {
  json_object *o = json_object_new_object();
  for (int c = 0; c < row->n; c++) {
    const store_val *v = &row->v[c];
    json_object_object_add(o, row->names[c],
                           v->t == SV_INT    ? json_object_new_int64(v->i)
                           : v->t == SV_TEXT ? json_object_new_string(v->s)
                           : v->t == SV_BLOB ? blob(v)
                                             : NULL);
  }
  return o;
}

/* Bytes are not for the audit log: their size stands for them. */
static json_object *blob_size(const store_val *v) {
  return json_object_new_int64((int64_t)v->n);
}

static int row_to_json(void *ctx, const store_row *row) {
  *(json_object **)ctx = reg_row_object(row, blob_size);
  return 1;
}

char *reg_row_json(xxgk_reg *r, const char *entity, int64_t id) {
  char sql[128];
  snprintf(sql, sizeof sql, "SELECT * FROM %s WHERE id = ?", entity);
  json_object *o = NULL;
  if (store_query(r->st, row_to_json, &o, sql, "i", id) != XXGK_OK || !o)
    return NULL;
  char *s = xxgk_strdup(json_object_to_json_string_ext(
      o, JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE));
  json_object_put(o);
  return s;
}

xxgk_status reg_yearly_put(xxgk_reg *r, const char *table,
                           const char *item_col, const char *value_col,
                           int64_t agency_id, int year, const char *item,
                           const char *value) {
  char sql[256], action[64];
  int64_t id = 0;
  int found = 0;
  snprintf(sql, sizeof sql,
           "SELECT id FROM %s WHERE agency_id = ? AND year = ? AND %s = ?",
           table, item_col);
  if (store_int(r->st, &id, &found, sql, "idt", agency_id, year, item) !=
      XXGK_OK)
    return reg_db(r);
  char *before = found ? reg_row_json(r, table, id) : NULL;
  xxgk_status st = XXGK_OK;
  if (!value || !*value) {
    snprintf(sql, sizeof sql, "DELETE FROM %s WHERE id = ?", table);
    snprintf(action, sizeof action, "%s.clear", table);
    if (found && store_run(r->st, sql, "i", id) != XXGK_OK)
      st = reg_db(r);
    if (st == XXGK_OK && found)
      st = reg_audit(r, action, table, 0, before);
  } else {
    snprintf(sql, sizeof sql,
             "INSERT INTO %s (agency_id, year, %s, %s) VALUES (?, ?, ?, ?)"
             " ON CONFLICT (agency_id, year, %s) DO UPDATE SET %s ="
             " excluded.%s RETURNING id",
             table, item_col, value_col, item_col, value_col, value_col);
    snprintf(action, sizeof action, "%s.set", table);
    if (store_int(r->st, &id, NULL, sql, "idtt", agency_id, year, item,
                  value) != XXGK_OK)
      st = reg_db(r);
    if (st == XXGK_OK)
      st = reg_audit(r, action, table, id, before);
  }
  free(before);
  return st;
}

void reg_now(const xxgk_reg *r, char at[32]) {
  if (r->clock) {
    snprintf(at, 32, "%s", r->clock);
  } else {
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(at, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
  }
}

xxgk_status reg_audit_why(xxgk_reg *r, const char *action, const char *entity,
                          int64_t id, const char *before, const char *why) {
  char at[32];
  reg_now(r, at);
  char *after = id ? reg_row_json(r, entity, id) : NULL;
  xxgk_status st = store_run(
      r->st,
      "INSERT INTO audit (at, who, action, entity, entity_id, before, after,"
      " reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
      "ttttittt", at, r->user, action, entity, id, before, after, why);
  free(after);
  return reg_ok(r, st);
}

xxgk_status reg_audit(xxgk_reg *r, const char *action, const char *entity,
                      int64_t id, const char *before) {
  return reg_audit_why(r, action, entity, id, before, NULL);
}

xxgk_status reg_date(xxgk_reg *r, const char *s, const char *what,
                     xxgk_date *out) {
  if (!s || !*s)
    return reg_fail(r, XXGK_E_REFUSED, "缺少%s（格式 YYYY-MM-DD）", what);
  if (xxgk_date_parse(s, out) != 0)
    return reg_fail(r, XXGK_E_REFUSED,
                    "%s“%s”不是有效日期，应为 YYYY-MM-DD，如 2024-03-01", what,
                    s);
  int y = xxgk_date_year(*out);
  if (y < XXGK_CAL_FIRST_YEAR || y > XXGK_CAL_LAST_YEAR)
    return reg_fail(r, XXGK_E_REFUSED,
                    "%s %s 不在 %d–%d 年之间：登记簿只办理 2007 年条例施行（2008 年）"
                    "以来的申请；请检查年份是否输错",
                    what, s, XXGK_CAL_FIRST_YEAR, XXGK_CAL_LAST_YEAR);
  return XXGK_OK;
}

xxgk_status reg_past_date(xxgk_reg *r, const char *s, const char *what,
                          xxgk_date *out) {
  xxgk_status st = reg_date(r, s, what, out);
  xxgk_date today = reg_today(r);
  if (st == XXGK_OK && *out > today) {
    char t[11];
    xxgk_date_format(today, t);
    return reg_fail(r, XXGK_E_REFUSED,
                    "%s %s 晚于今天（%s）：只能登记已经发生的事，请检查日期", what,
                    s, t);
  }
  return st;
}

xxgk_status reg_find(xxgk_reg *r, int64_t *out, const char *sql, int64_t id,
                     const char *missing) {
  int found;
  if (store_int(r->st, out, &found, sql, "i", id) != XXGK_OK)
    return reg_db(r);
  return found ? XXGK_OK : reg_fail(r, XXGK_E_REFUSED, missing, (long long)id);
}

xxgk_status reg_agency_exists(xxgk_reg *r, int64_t id) {
  int64_t v;
  return reg_find(r, &v, "SELECT id FROM agency WHERE id = ?", id,
                  "机关 %lld 不存在；请先用 xxgk agency list 查看编号，"
                  "或用 xxgk agency add 登记");
}

xxgk_status reg_case_agency(xxgk_reg *r, int64_t case_id, int64_t *agency) {
  return reg_find(r, agency, "SELECT agency_id FROM application WHERE id = ?",
                  case_id, "申请 %lld 不存在");
}

xxgk_status reg_reason(xxgk_reg *r, const char *what, const char *reason) {
  char field[32];
  if (!reason || !*reason)
    return reg_fail(r, XXGK_E_REFUSED,
                    "请写明%s的理由（--reason），记入审计日志", what);
  snprintf(field, sizeof field, "%s理由", what);
  return REG_TEXTS(r, field, reason);
}

/* ## Dictionary ties */

static int row_of(xxgk_table t, const char *key) {
  return key ? xxgk_dict_find_row(t, key, XXGK_FORMAT_2021) : -1;
}

int reg_outcome_row(const char *key) {
  int i = row_of(XXGK_T_APPLICATIONS, key);
  return i >= 0 && xxgk_dict_row(i)->role == XXGK_ROLE_OUTCOME ? i : -1;
}

int reg_category_col(const char *key) {
  const xxgk_row_def *r =
      xxgk_dict_row(row_of(XXGK_T_APPLICATIONS, "received"));
  for (int c = 0; key && r && c < r->n_cols; c++)
    if (strcmp(r->cols[c].key, "total") != 0 && strcmp(r->cols[c].key, key) == 0)
      return c;
  return -1;
}

/* The lists below are made once per thread (the web server runs several). */
const char *reg_outcome_keys(void) {
  static _Thread_local char s[1024];
  if (s[0])
    return s;
  size_t n = 0;
  for (int i = 0; i < xxgk_dict_n_rows(); i++) {
    const xxgk_row_def *d = xxgk_dict_row(i);
    if (d->table == XXGK_T_APPLICATIONS && d->role == XXGK_ROLE_OUTCOME &&
        (d->formats & XXGK_FORMAT_2021) && n < sizeof s)
      n += (size_t)snprintf(s + n, sizeof s - n, "%s%s", n ? ", " : "",
                            d->key);
  }
  return s;
}

const char *reg_category_keys(void) {
  static _Thread_local char s[256];
  if (s[0])
    return s;
  const xxgk_row_def *d =
      xxgk_dict_row(row_of(XXGK_T_APPLICATIONS, "received"));
  size_t n = 0;
  for (int c = 0; c < d->n_cols; c++)
    if (strcmp(d->cols[c].key, "total") != 0 && n < sizeof s)
      n += (size_t)snprintf(s + n, sizeof s - n, "%s%s（%s）", n ? ", " : "",
                            d->cols[c].key, d->cols[c].label);
  return s;
}
